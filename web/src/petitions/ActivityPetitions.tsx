// The activity page's "Kiến nghị": the petitions raised at the activity (GET
// /api/v1/petitions?activity=ID), each a link to its page, and for officials "Ghi nhận kiến nghị"
// with the activity already chosen. The activities feature renders it (activities → petitions).
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { Panel } from '../components/Panel';
import { useApi } from '../lib/useApi';
import { listPetitions } from './api';
import { PetitionCards } from './parts';
import { useT } from './strings';
import './petitions.css';

export function ActivityPetitions({ activityId, canAdd }: { activityId: number; canAdd: boolean }) {
  const { t } = useT();
  const list = useApi((signal) => listPetitions({ activity: activityId, limit: 200 }, signal), [activityId]);
  return (
    <Panel
      title={<h2>{t('pet.activityTitle')}</h2>}
      testId="activity-petitions"
      extra={
        canAdd && (
          <Link to={`/petitions/new?activity=${activityId}`}>
            <Button data-testid="activity-petition-add">{t('pet.add')}</Button>
          </Link>
        )
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.loading && !list.data ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('app.loading')}
        </p>
      ) : (
        <PetitionCards items={list.data?.items ?? []} empty={t('pet.activityListNone')} />
      )}
    </Panel>
  );
}

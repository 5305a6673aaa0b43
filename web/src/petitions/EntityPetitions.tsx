// The entity page's list of the petitions a registry entity raised (GET
// /api/v1/petitions?entity=ID), newest first, each a link to its page, overdue ones tagged; with a
// way to record one more for it. The registry renders it for the alliance's officials and for the
// entity's own cooperative account (registry → petitions).
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../lib/useApi';
import { listPetitions } from './api';
import { PetitionCards } from './parts';
import { useT } from './strings';
import './petitions.css';

export function EntityPetitions({ entityId, canAdd }: { entityId: number; canAdd?: boolean }) {
  const { t } = useT();
  const list = useApi((signal) => listPetitions({ entity: entityId, limit: 200 }, signal), [entityId]);
  return (
    <div className="pet-stack" data-testid="entity-petitions">
      {canAdd && (
        <Link to={`/petitions/new?entity=${entityId}`} style={{ alignSelf: 'flex-start' }}>
          <Button data-testid="entity-petition-add">{t('pet.add')}</Button>
        </Link>
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.loading && !list.data ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('app.loading')}
        </p>
      ) : (
        <PetitionCards items={list.data?.items ?? []} empty={t('pet.entityNone')} />
      )}
    </div>
  );
}

/** The tab's title (the text loads with this component, not with the shell's catalogue). */
export function EntityPetitionsLabel() {
  const { t } = useT();
  return <>{t('pet.entityTab')}</>;
}

// The entity page's list of the activities a registry entity took part in (GET
// /api/v1/activities?entity=ID), newest first, each a link to its page; the registry renders it
// for the alliance's officials only (registry → activities).
import { Alert } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../lib/useApi';
import { listActivities } from './api';
import { period, StatusTag, TypeTag, usePlace } from './parts';
import { useT } from './strings';
import './activities.css';

export function EntityActivities({ entityId }: { entityId: number }) {
  const { t, lang } = useT();
  const place = usePlace();
  const list = useApi((signal) => listActivities({ entity: entityId, limit: 200 }, signal), [entityId]);
  const items = list.data?.items ?? [];
  return (
    <div className="act-stack" data-testid="entity-activities">
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.loading && !list.data ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('app.loading')}
        </p>
      ) : items.length === 0 ? (
        <p className="muted" style={{ margin: 0 }} data-testid="entity-activities-none">
          {t('entity.activitiesNone')}
        </p>
      ) : (
        <ul className="act-cards">
          {items.map((a) => (
            <li key={a.id} className="act-card">
              <Link to={`/activities/${a.id}`} className="act-list-title">
                {lang === 'en' && a.title_en ? a.title_en : a.title}
              </Link>
              <div className="muted">
                {period(a, lang)}
                {place(a) ? ` · ${place(a)}` : ''}
              </div>
              <div className="act-card-tags">
                <TypeTag type={a.type} />
                {a.status !== 'held' && <StatusTag status={a.status} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The tab's title (the text loads with this component, not with the shell's catalogue). */
export function EntityActivitiesLabel() {
  const { t } = useT();
  return <>{t('entity.activities')}</>;
}

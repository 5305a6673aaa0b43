// The programme page's "Hoạt động thực hiện": under each of its contents, the activities that
// carry it out (GET /api/v1/activities?programme=ID), each a link to its page; the programme's
// activities naming no content under a heading of their own; and, for officials, a way to add one
// with the programme already chosen. Then the programme's timeline: its legal basis, signing, start
// and end, its targets' deadlines and its activities in the order of their dates, with today
// marked. The programmes feature renders it (programmes → activities).
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, todayIso } from '../i18n/format';
import { Panel } from '../components/Panel';
import { useApi } from '../lib/useApi';
import { listActivities } from './api';
import { period, StatusTag, TypeTag } from './parts';
import { useT } from './strings';
import type { Activity } from './types';
import './activities.css';

interface Props {
  programme: {
    id: number;
    contents?: { number: number; text: string }[];
    from?: string;
    to?: string;
    signed_on?: string | null;
    legal_basis?: { number: string; date?: string | null; issuer?: string }[];
    targets?: { id: number; title: string; deadline: string }[];
  };
  /** Officials may add activities (the server decides the rest). */
  canAdd: boolean;
}

export function ProgrammeActivities({ programme, canAdd }: Props) {
  const { t, lang } = useT();
  const list = useApi((signal) => listActivities({ programme: programme.id, limit: 500 }, signal), [programme.id]);
  const items = list.data?.items ?? [];
  const contents = [...(programme.contents ?? [])].sort((a, b) => a.number - b.number);
  const numbers = (a: Activity) => a.programmes?.find((p) => p.programme === programme.id)?.contents ?? [];
  const other = items.filter((a) => !numbers(a).some((n) => contents.some((c) => c.number === n)));
  const line = (a: Activity) => (
    <li key={a.id} data-testid={`programme-activity-${a.id}`}>
      <Link to={`/activities/${a.id}`}>{lang === 'en' && a.title_en ? a.title_en : a.title}</Link>{' '}
      <span className="muted">({period(a, lang)})</span> <TypeTag type={a.type} /> {a.status !== 'held' && <StatusTag status={a.status} />}
    </li>
  );
  return (
    <>
    <Panel
      title={<h2>{t('prog.activities')}</h2>}
      className="act-panel"
      testId="programme-activities"
      extra={
        canAdd && (
          <Link to={`/activities/new?programme=${programme.id}`} className="no-print">
            <Button data-testid="programme-activity-add">{t('prog.activitiesAdd')}</Button>
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
        <>
          {contents.map((c) => {
            const own = items.filter((a) => numbers(a).includes(c.number));
            return (
              <section key={c.number} className="act-programme-content" data-testid={`activities-content-${c.number}`}>
                <h3>
                  {c.number}. {c.text}
                </h3>
                {own.length ? (
                  <ul>{own.map(line)}</ul>
                ) : (
                  <p className="muted" style={{ margin: 0 }}>
                    {t('prog.activitiesNone')}
                  </p>
                )}
              </section>
            );
          })}
          {(other.length > 0 || contents.length === 0) && (
            <section className="act-programme-content" data-testid="activities-content-0">
              <h3>{t('prog.activitiesOther')}</h3>
              {other.length ? (
                <ul>{other.map(line)}</ul>
              ) : (
                <p className="muted" style={{ margin: 0 }}>
                  {t('prog.activitiesNone')}
                </p>
              )}
            </section>
          )}
        </>
      )}
    </Panel>
    <Timeline programme={programme} activities={items} />
    </>
  );
}

interface Event {
  date: string;
  key: string;
  label: ReactNode;
  kind: 'programme' | 'target' | 'activity' | 'today';
}

/** The programme's dates and its activities, oldest first, today marked where it falls. */
function Timeline({ programme, activities }: { programme: Props['programme']; activities: Activity[] }) {
  const { t, lang } = useT();
  const events: Event[] = [];
  for (const d of programme.legal_basis ?? [])
    if (d.date) events.push({ date: d.date, key: `legal-${d.number}`, kind: 'programme', label: t('prog.timelineLegal', { number: d.number, issuer: d.issuer || '' }) });
  if (programme.signed_on) events.push({ date: programme.signed_on, key: 'signed', kind: 'programme', label: t('prog.timelineSigned') });
  if (programme.from) events.push({ date: programme.from, key: 'from', kind: 'programme', label: t('prog.timelineFrom') });
  if (programme.to) events.push({ date: programme.to, key: 'to', kind: 'programme', label: t('prog.timelineTo') });
  for (const target of programme.targets ?? [])
    events.push({ date: target.deadline, key: `target-${target.id}`, kind: 'target', label: t('prog.timelineDeadline', { title: target.title }) });
  for (const a of activities)
    events.push({
      date: a.from,
      key: `activity-${a.id}`,
      kind: 'activity',
      label: (
        <>
          <Link to={`/activities/${a.id}`}>{lang === 'en' && a.title_en ? a.title_en : a.title}</Link> <TypeTag type={a.type} />{' '}
          {a.status !== 'held' && <StatusTag status={a.status} />}
        </>
      ),
    });
  const today = todayIso();
  events.push({ date: today, key: 'today', kind: 'today', label: t('prog.timelineToday') });
  // Oldest first; on one day the programme's own dates first and today last.
  const order = { programme: 0, target: 1, activity: 2, today: 3 };
  events.sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind]);
  return (
    <Panel title={<h2>{t('prog.timeline')}</h2>} className="act-panel" testId="programme-timeline">
      <ol className="act-timeline">
        {events.map((e) => (
          <li key={e.key} className={`act-timeline-${e.kind}${e.date > today ? ' act-timeline-future' : ''}`} data-testid={`timeline-${e.key}`}>
            <time dateTime={e.date}>{formatDate(e.date, lang)}</time>
            <span>{e.label}</span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

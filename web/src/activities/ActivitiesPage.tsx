// "Hoạt động": the activities the caller may read, filtered by type, province (national
// accounts), programme, period and text, page by page; or a month's calendar (on a phone, the
// month's days with their activities, one under the other). The filtered list as CSV or XLSX,
// and an activities file imported after the server's check.
import { Alert, Button, Input, Result, Segmented, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../account/session';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { formatDate, formatNumber, todayIso } from '../i18n/format';
import { searchable } from '../lib/fold';
import { usePhone } from '../lib/media';
import { useApi, useDebounced } from '../lib/useApi';
import { activitiesExportUrl, importActivities, listActivities, listProgrammeChoices } from './api';
import { addMonths, byDay, filterQuery, isNational, isOfficial, monthGrid, monthRange, noFilters, onDay, type Filters } from './logic';
import { DateInput, ImportDialog, People, period, StatusTag, TypeTag, usePlace } from './parts';
import { useT, type Key } from './strings';
import { ACTIVITY_TYPES, type Activity } from './types';
import './activities.css';

const PAGE = 20;

export default function ActivitiesPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const provinces = useProvinces();
  const national = isNational(user?.role);
  const [filters, setFilters] = useState<Filters>(() => ({ ...noFilters(), programme: params.get('programme') ?? '' }));
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const [offset, setOffset] = useState(0);
  const today = todayIso();
  const [month, setMonth] = useState(() => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }));
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const q = useDebounced(filters.q, 300);
  const query = useMemo(() => filterQuery({ ...filters, q }), [filters, q]);
  const range = monthRange(month.year, month.month);
  const calendarQuery = { ...query, from: range.from, to: range.to, limit: 500, offset: 0 };
  const programmes = useApi((signal) => listProgrammeChoices(signal), []);
  const list = useApi(
    (signal) => (view === 'calendar' ? listActivities(calendarQuery, signal) : listActivities({ ...query, limit: PAGE, offset }, signal)),
    [view, JSON.stringify(query), offset, range.from],
  );

  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('act.officialsOnly')} />;
  const set = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setOffset(0);
  };
  const setView = (v: string) => {
    const next = new URLSearchParams(params);
    if (v === 'calendar') next.set('view', 'calendar');
    else next.delete('view');
    setParams(next, { replace: true });
  };
  const any = { value: '', label: t('act.any') };
  const items = list.data?.items ?? [];
  const active = [filters.type.length > 0, filters.province, filters.programme, view === 'list' && filters.from, view === 'list' && filters.to, filters.q.trim()].filter(Boolean).length;
  const toolbar = (
    <div className="toolbar" style={{ marginBottom: 0 }}>
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="act-q">{t('common.search')}</label>
        <Input id="act-q" allowClear value={filters.q} placeholder={t('act.search')} onChange={(e) => set({ q: e.target.value })} data-testid="activity-search" />
      </div>
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="act-type">{t('act.type')}</label>
        <Select
        id="act-type"
        mode="multiple"
        allowClear
        value={filters.type}
        onChange={(type) => set({ type })}
        placeholder={t('act.any')}
        options={ACTIVITY_TYPES.map((k) => ({ value: k, label: t(`act.type.${k}` as Key) }))}
        showSearch={searchable}
        />
      </div>
      {national && (
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
        <label htmlFor="act-province">{t('act.province')}</label>
        <Select
          id="act-province"
          value={filters.province}
          onChange={(province) => set({ province })}
          showSearch={searchable}
          options={[any, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
        />
        </div>
      )}
      <div className="filter-field" style={{ flex: '2 1 220px' }}>
        <label htmlFor="act-programme">{t('act.programme')}</label>
        <Select
        id="act-programme"
        value={filters.programme}
        onChange={(programme) => set({ programme })}
        showSearch={searchable}
        loading={programmes.loading}
        options={[any, ...(programmes.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.title}` }))]}
        popupMatchSelectWidth={false}
        />
      </div>
      {view === 'list' && (
        <>
        <div className="filter-field" style={{ flex: '1 1 140px' }}>
          <label htmlFor="act-from">{t('act.from')}</label>
          <DateInput id="act-from" value={filters.from} onChange={(from) => set({ from })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 140px' }}>
          <label htmlFor="act-to">{t('act.to')}</label>
          <DateInput id="act-to" value={filters.to} onChange={(to) => set({ to })} />
        </div>
        </>
      )}
      <Button onClick={() => set(noFilters())}>{t('act.filters.clear')}</Button>
    </div>
  );

  return (
    <div className="act-stack act-page" data-testid="activities-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('act.title')}
        </h1>
        <Space wrap>
          <Link to={filters.programme ? `/activities/new?programme=${filters.programme}` : '/activities/new'}>
            <Button type="primary" data-testid="activity-add">
              {t('act.add')}
            </Button>
          </Link>
          <Link to="/placements">
            <Button>{t('act.placements')}</Button>
          </Link>
        </Space>
      </div>
      {/* On a phone the filters fold away under one line that says how many are set. */}
      {phone ? (
        <details className="act-filters" data-testid="activity-filters">
          <summary>
            {t('common.filters')}
            {active > 0 ? ` (${active})` : ''}
          </summary>
          {toolbar}
        </details>
      ) : (
        toolbar
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
        <Segmented
          aria-label={t('act.view')}
          value={view}
          onChange={(v) => setView(String(v))}
          options={[
            { value: 'list', label: t('act.view.list') },
            { value: 'calendar', label: t('act.view.calendar') },
          ]}
          data-testid="activity-view"
        />
        <Space wrap>
          <Button href={activitiesExportUrl('csv', query)} data-testid="activity-export-csv">
            {t('act.export', { format: 'CSV' })}
          </Button>
          <Button href={activitiesExportUrl('xlsx', query)} data-testid="activity-export-xlsx">
            {t('act.export', { format: 'XLSX' })}
          </Button>
          <Button onClick={() => setImporting(true)} data-testid="activity-import">
            {t('act.import')}
          </Button>
        </Space>
      </div>
      {notice && <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(null)} />}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {view === 'list' ? (
        <Panel testId="activity-list">
          {phone ? (
            <>
              <Cards items={items} empty={list.loading ? t('app.loading') : t('act.none')} />
              <Pager total={list.data?.total ?? 0} offset={offset} onOffset={setOffset} />
            </>
          ) : (
            <ActivityTable items={items} loading={list.loading} total={list.data?.total ?? 0} offset={offset} onOffset={setOffset} />
          )}
        </Panel>
      ) : (
        <Panel testId="activity-calendar">
          <div className="act-stack">
            <div className="act-month-bar">
              <Button onClick={() => setMonth((m) => addMonths(m, -1))} aria-label={t('act.prevMonth')}>
                ‹
              </Button>
              <h2 data-testid="calendar-month">{t('act.month', { month: String(month.month).padStart(2, '0'), year: String(month.year) })}</h2>
              <Button onClick={() => setMonth((m) => addMonths(m, 1))} aria-label={t('act.nextMonth')}>
                ›
              </Button>
              <Button onClick={() => setMonth({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) })}>{t('act.thisMonth')}</Button>
            </div>
            {phone ? (
              <Agenda items={items} from={range.from} to={range.to} empty={list.loading ? t('app.loading') : t('act.noneInMonth')} />
            ) : (
              <MonthGrid items={items} year={month.year} month={month.month} today={today} />
            )}
          </div>
        </Panel>
      )}
      {importing && (
        <ImportDialog<Activity>
          title={t('act.importTitle')}
          send={importActivities}
          onClose={() => setImporting(false)}
          onApplied={(report) => {
            setImporting(false);
            setNotice(t('act.imported', { count: formatNumber(report.rows, lang) }));
            list.reload();
          }}
        />
      )}
    </div>
  );
}

function ActivityTable({ items, loading, total, offset, onOffset }: { items: Activity[]; loading: boolean; total: number; offset: number; onOffset: (o: number) => void }) {
  const { t, lang } = useT();
  const place = usePlace();
  return (
    <div className="table-scroll">
      <Table<Activity>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('act.none') }}
        scroll={{ x: 'max-content' }}
        onRow={(a) => ({ 'data-testid': `activity-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: Math.floor(offset / PAGE) + 1,
          pageSize: PAGE,
          total,
          showSizeChanger: false,
          onChange: (page) => onOffset((page - 1) * PAGE),
          showTotal: (n) => t('act.count', { count: formatNumber(n, lang) }),
        }}
        columns={[
          { key: 'date', title: t('act.dates'), render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{period(a, lang)}</span> },
          {
            key: 'title',
            title: t('act.name'),
            render: (_, a) => (
              <div style={{ minWidth: 200, maxWidth: 'min(360px, 40vw)' }}>
                <Link to={`/activities/${a.id}`} className="act-list-title">
                  {lang === 'en' && a.title_en ? a.title_en : a.title}
                </Link>
                {!!a.programme_details?.length && (
                  <div className="muted" style={{ fontSize: 12 }}>
                    {a.programme_details.map((p) => p.code).join(', ')}
                  </div>
                )}
              </div>
            ),
          },
          {
            key: 'type',
            title: `${t('act.type')}, ${t('act.status').toLowerCase()}`,
            render: (_, a) => (
              <div className="act-card-tags" style={{ marginTop: 0, flexDirection: 'column', alignItems: 'flex-start' }}>
                <TypeTag type={a.type} />
                <StatusTag status={a.status} />
              </div>
            ),
          },
          { key: 'place', title: t('act.place'), render: (_, a) => <div style={{ minWidth: 120, maxWidth: 220 }}>{place(a)}</div> },
          { key: 'people', title: t('act.participants'), render: (_, a) => <People activity={a} /> },
        ]}
      />
    </div>
  );
}

function Pager({ total, offset, onOffset }: { total: number; offset: number; onOffset: (o: number) => void }) {
  const { t, lang } = useT();
  if (total <= PAGE) return total ? <p className="muted" style={{ margin: '8px 0 0' }}>{t('act.count', { count: formatNumber(total, lang) })}</p> : null;
  const page = Math.floor(offset / PAGE) + 1;
  const pages = Math.ceil(total / PAGE);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 8 }}>
      <Button disabled={page <= 1} onClick={() => onOffset(offset - PAGE)} aria-label={t('common.back')}>
        ‹
      </Button>
      <span>
        {page}/{pages} · {t('act.count', { count: formatNumber(total, lang) })}
      </span>
      <Button disabled={page >= pages} onClick={() => onOffset(offset + PAGE)} aria-label={t('common.next')}>
        ›
      </Button>
    </div>
  );
}

/** Activities as cards (a phone): the title, its date, place and tags. */
export function Cards({ items, empty }: { items: Activity[]; empty: string }) {
  const { lang } = useT();
  const place = usePlace();
  if (!items.length) return <p className="muted" style={{ margin: 0 }}>{empty}</p>;
  return (
    <ul className="act-cards" data-testid="activity-cards">
      {items.map((a) => (
        <li key={a.id} className="act-card" data-testid={`activity-card-${a.id}`}>
          <Link to={`/activities/${a.id}`} className="act-list-title">
            {lang === 'en' && a.title_en ? a.title_en : a.title}
          </Link>
          <div className="muted">
            {period(a, lang)}
            {place(a) ? ` · ${place(a)}` : ''}
          </div>
          {!!a.participants?.total && <People activity={a} inline />}
          <div className="act-card-tags">
            <TypeTag type={a.type} />
            <StatusTag status={a.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function Agenda({ items, from, to, empty }: { items: Activity[]; from: string; to: string; empty: string }) {
  const { lang } = useT();
  const days = byDay(items, from, to);
  if (!days.length) return <p className="muted" style={{ margin: 0 }}>{empty}</p>;
  return (
    <ol className="act-agenda" data-testid="activity-agenda">
      {days.map(({ day, items: list }) => (
        <li key={day}>
          <h3>{weekday(day, lang)} {formatDate(day, lang)}</h3>
          <Cards items={list} empty="" />
        </li>
      ))}
    </ol>
  );
}

const WEEK: Key[] = ['cal.mon', 'cal.tue', 'cal.wed', 'cal.thu', 'cal.fri', 'cal.sat', 'cal.sun'];

function weekday(day: string, lang: 'vi' | 'en'): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'long', timeZone: 'UTC' });
}

const SHOWN_PER_DAY = 3;

function MonthGrid({ items, year, month, today }: { items: Activity[]; year: number; month: number; today: string }) {
  const { t, lang } = useT();
  const weeks = monthGrid(year, month);
  return (
    <table className="act-calendar" data-testid="activity-month">
      <thead>
        <tr>
          {WEEK.map((k) => (
            <th key={k} scope="col">
              {t(k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, i) => (
          <tr key={i}>
            {week.map((day, j) => {
              if (!day) return <td key={j} className="act-empty" />;
              const own = items.filter((a) => onDay(a, day));
              return (
                <td key={day} className={day === today ? 'act-today' : undefined} data-testid={`day-${day}`}>
                  <div className="act-day-number">{Number(day.slice(8))}</div>
                  <ul>
                    {own.slice(0, SHOWN_PER_DAY).map((a) => {
                      const title = lang === 'en' && a.title_en ? a.title_en : a.title;
                      return (
                        <li key={a.id} className={a.status === 'cancelled' ? 'act-cancelled' : undefined}>
                          <Link to={`/activities/${a.id}`} title={`${title} (${t(`act.type.${a.type}` as Key)})`}>
                            {title}
                          </Link>
                        </li>
                      );
                    })}
                    {own.length > SHOWN_PER_DAY && <li className="muted" style={{ fontSize: 12 }}>{t('act.moreInDay', { count: own.length - SHOWN_PER_DAY })}</li>}
                  </ul>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// "Thống kê kiến nghị": for a period, a province (national accounts) and a theme, the headline
// numbers (petitions, overdue, answered on time, median days to answer), this year's themes
// against last year's (bars), the petitions by status and by month received (bars), and by
// province (a table, sortable). Each chart offers its numbers as a table and as files (ChartCard);
// the petitions themselves as CSV or XLSX with the same filters.
import { Alert, Button, Result, Select, Space, Table } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { DateInput } from '../activities/parts';
import { ChartCard } from '../components/ChartCard';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi } from '../lib/useApi';
import { petitionsExportUrl, petitionStats } from './api';
import { isNational, isOfficial } from './logic';
import { useThemeName, useThemes } from './parts';
import { useT, type Key } from './strings';
import type { PetitionStats } from './types';
import './petitions.css';

export default function PetitionStatsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const provinces = useProvinces();
  const { themes } = useThemes();
  const themeName = useThemeName();
  const national = isNational(user?.role);
  const [filters, setFilters] = useState({ from: '', to: '', province: '', theme: '' });
  const query = useMemo(() => ({ ...filters }), [filters]);
  const stats = useApi((signal) => petitionStats(query, signal), [JSON.stringify(query)]);

  if (!isOfficial(user?.role)) return <Result status="403" title="403" subTitle={t('pet.officialsOnly')} />;
  const set = (change: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...change }));
  const s = stats.data;
  const scope = filters.province
    ? provinceName(
        provinces.find((p) => p.code === filters.province),
        lang,
      )
    : undefined;
  const period = filters.from || filters.to ? `${filters.from || '…'} – ${filters.to || '…'}` : undefined;

  return (
    <div className="pet-page" data-testid="petition-stats-page">
      <Link to="/petitions">← {t('pet.back')}</Link>
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('pet.stats.title')}
      </h1>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <div className="filter-field" style={{ flex: '1 1 140px' }}>
          <label htmlFor="pst-from">{t('pet.from')}</label>
          <DateInput id="pst-from" value={filters.from} onChange={(from) => set({ from })} />
        </div>
        <div className="filter-field" style={{ flex: '1 1 140px' }}>
          <label htmlFor="pst-to">{t('pet.to')}</label>
          <DateInput id="pst-to" value={filters.to} onChange={(to) => set({ to })} />
        </div>
        {national && (
          <div className="filter-field" style={{ flex: '1 1 160px' }}>
            <label htmlFor="pst-province">{t('pet.province')}</label>
            <Select
              id="pst-province"
              value={filters.province}
              onChange={(province) => set({ province })}
              showSearch={searchable}
              options={[{ value: '', label: t('pet.any') }, ...provinces.map((p) => ({ value: p.code, label: provinceName(p, lang) }))]}
            />
          </div>
        )}
        <div className="filter-field" style={{ flex: '1 1 160px' }}>
          <label htmlFor="pst-theme">{t('pet.theme')}</label>
          <Select
            id="pst-theme"
            value={filters.theme}
            onChange={(theme) => set({ theme })}
            showSearch={searchable}
            options={[{ value: '', label: t('pet.any') }, ...themes.map((th) => ({ value: th.code, label: themeName(th.code) }))]}
          />
        </div>
        <Space wrap style={{ alignSelf: 'flex-end' }}>
          <Button href={petitionsExportUrl('csv', query)} data-testid="petition-stats-export-csv">
            {t('pet.export', { format: 'CSV' })}
          </Button>
          <Button href={petitionsExportUrl('xlsx', query)} data-testid="petition-stats-export-xlsx">
            {t('pet.export', { format: 'XLSX' })}
          </Button>
        </Space>
      </div>
      {stats.error && (
        <Alert
          type="error"
          showIcon
          title={stats.error.message}
          action={
            <Button size="small" onClick={stats.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {!s ? (
        <div className="muted">{t('app.loading')}</div>
      ) : (
        <Figures
          stats={s}
          scope={scope}
          period={period}
          overdueHref={`/petitions?${new URLSearchParams({ overdue: 'true', ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) })}`}
        />
      )}
    </div>
  );
}

function Figures({ stats: s, scope, period, overdueHref }: { stats: PetitionStats; scope?: string; period?: string; overdueHref: string }) {
  const { t, lang } = useT();
  const themeName = useThemeName();
  const n = (v: number) => formatNumber(v, lang);
  const yoy = s.themes_year_on_year;
  const thisYear = t('pet.stats.yearLabel', { year: String(yoy.year) });
  const lastYear = t('pet.stats.yearLabel', { year: String(yoy.year - 1) });
  const byStatus = s.by_status.map((x) => [t(`pet.status.${x.status}` as Key), x.count]);
  const bar = (labels: string[], series: { name: string; data: number[]; color: string }[], horizontal = false) => ({
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: labels, ...(horizontal ? { inverse: true } : {}) },
    [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
    series: series.map((x) => ({ type: 'bar', name: x.name, data: x.data, itemStyle: { color: x.color } })),
  });
  return (
    <div className="pet-stack">
      <div className="pet-kpis" data-testid="petition-kpis">
        <Kpi label={t('pet.stats.total')} value={n(s.total)} testId="kpi-total" />
        <Kpi
          label={t('pet.stats.overdue')}
          value={n(s.overdue)}
          alert={s.overdue > 0}
          testId="kpi-overdue"
          extra={s.overdue > 0 ? <Link to={overdueHref}>{t('pet.stats.overdueList')}</Link> : undefined}
        />
        <Kpi
          label={t('pet.stats.onTime')}
          value={n(s.answered_on_time)}
          note={t('pet.stats.onTimeOf', { count: n(s.answered_on_time), answered: n(s.answered) })}
          testId="kpi-on-time"
        />
        <Kpi
          label={t('pet.stats.median')}
          value={
            s.median_days_to_answer === null || s.median_days_to_answer === undefined
              ? '—'
              : t('pet.stats.days', { days: formatNumber(s.median_days_to_answer, lang, Number.isInteger(s.median_days_to_answer) ? 0 : 1) })
          }
          testId="kpi-median"
        />
      </div>
      {s.total === 0 && <Alert type="info" showIcon title={t('pet.stats.none')} />}
      <div className="pet-charts">
        <ChartCard
          testId="chart-themes"
          title={t('pet.stats.byTheme', { year: String(yoy.year), last: String(yoy.year - 1) })}
          scope={scope}
          period={String(yoy.year)}
          empty={!yoy.items.length}
          data={[[t('pet.theme'), thisYear, lastYear], ...yoy.items.map((x) => [themeName(x.theme), x.this_year, x.last_year])]}
          height={Math.max(260, 40 + yoy.items.length * 44)}
          option={bar(
            yoy.items.map((x) => themeName(x.theme)),
            [
              { name: thisYear, data: yoy.items.map((x) => x.this_year), color: '#0b5cab' },
              { name: lastYear, data: yoy.items.map((x) => x.last_year), color: '#9fb8d6' },
            ],
            true,
          )}
        />
        <ChartCard
          testId="chart-status"
          title={t('pet.stats.byStatus')}
          scope={scope}
          period={period}
          empty={!byStatus.length}
          data={[[t('pet.status'), t('pet.stats.count')], ...byStatus]}
          option={bar(
            byStatus.map((r) => String(r[0])),
            [{ name: t('pet.stats.count'), data: s.by_status.map((x) => x.count), color: '#0b5cab' }],
          )}
        />
        <ChartCard
          testId="chart-months"
          title={t('pet.stats.byMonth')}
          scope={scope}
          period={period}
          empty={!s.by_month.length}
          data={[[t('pet.stats.month'), t('pet.stats.count')], ...s.by_month.map((x) => [x.month, x.count])]}
          option={bar(
            s.by_month.map((x) => `${x.month.slice(5, 7)}/${x.month.slice(0, 4)}`),
            [{ name: t('pet.stats.count'), data: s.by_month.map((x) => x.count), color: '#0b5cab' }],
          )}
        />
      </div>
      <Panel title={<h2>{t('pet.stats.byThemeTable')}</h2>} testId="table-themes">
        <div className="table-scroll">
          <Table
            size="small"
            rowKey="theme"
            pagination={false}
            dataSource={s.by_theme}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'theme', title: t('pet.theme'), render: (_: unknown, x) => themeName(x.theme) },
              {
                key: 'count',
                title: t('pet.stats.count'),
                className: 'pet-table-num',
                sorter: (a, b) => a.count - b.count,
                render: (_: unknown, x) => n(x.count),
              },
              {
                key: 'answered',
                title: t('pet.stats.answered'),
                className: 'pet-table-num',
                sorter: (a, b) => a.answered - b.answered,
                render: (_: unknown, x) => n(x.answered),
              },
              {
                key: 'overdue',
                title: t('pet.stats.overdue'),
                className: 'pet-table-num',
                sorter: (a, b) => a.overdue - b.overdue,
                render: (_: unknown, x) => n(x.overdue),
              },
            ]}
          />
        </div>
      </Panel>
      {s.by_province.length > 0 && (
        <Panel title={<h2>{t('pet.stats.byProvince')}</h2>} testId="table-provinces">
          <div className="table-scroll">
            <Table
              size="small"
              rowKey="province"
              pagination={false}
              dataSource={s.by_province}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'name', title: t('pet.province'), sorter: (a, b) => a.name.localeCompare(b.name, 'vi'), render: (_: unknown, x) => x.name },
                {
                  key: 'count',
                  title: t('pet.stats.count'),
                  className: 'pet-table-num',
                  defaultSortOrder: 'descend',
                  sorter: (a, b) => a.count - b.count,
                  render: (_: unknown, x) => n(x.count),
                },
                {
                  key: 'overdue',
                  title: t('pet.stats.overdue'),
                  className: 'pet-table-num',
                  sorter: (a, b) => a.overdue - b.overdue,
                  render: (_: unknown, x) => n(x.overdue),
                },
                {
                  key: 'median',
                  title: t('pet.stats.medianShort'),
                  className: 'pet-table-num',
                  sorter: (a, b) => (a.median_days_to_answer ?? Infinity) - (b.median_days_to_answer ?? Infinity),
                  render: (_: unknown, x) =>
                    x.median_days_to_answer === null ? '—' : formatNumber(x.median_days_to_answer, lang, Number.isInteger(x.median_days_to_answer) ? 0 : 1),
                },
              ]}
            />
          </div>
        </Panel>
      )}
    </div>
  );
}

function Kpi({
  label,
  value,
  note,
  alert,
  testId,
  extra,
}: {
  label: string;
  value: string;
  note?: string;
  alert?: boolean;
  testId: string;
  extra?: ReactNode;
}) {
  return (
    <div className={`pet-kpi${alert ? ' pet-kpi-alert' : ''}`} data-testid={testId}>
      <div className="pet-kpi-label">{label}</div>
      <div className="pet-kpi-value">{value}</div>
      {note && (
        <div className="muted" style={{ fontSize: 13 }}>
          {note}
        </div>
      )}
      {extra && <div style={{ fontSize: 13 }}>{extra}</div>}
    </div>
  );
}

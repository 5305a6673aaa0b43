// The province view's own parts (loaded with the view, not with the dashboard's first screen): the
// province's outline alone, its communes ranked in a bar chart and in a table with a column per kind
// and per status, each number opening the registry list of that commune on the same date. The
// reference data has no commune outlines, so there is no commune map: the table ranks them instead.
import { Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { listCommuneUnits } from '../geo/api';
import { ChartCard } from '../components/ChartCard';
import { Panel } from '../components/Panel';
import { formatCompact, formatDate, formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi } from '../lib/useApi';
import type { registryHref } from '../registry/filters';
import { KINDS, STATUSES } from '../registry/types';
import { entities } from './api';
import { cellValue, communeTable, sortCommunes, topCommunes, type CommuneColumn, type CommuneRow, type CommuneUnit } from './communes';
import { loadOutlines } from './ProvinceMap';
import './ProvinceView.css';

/** Bars drawn in the commune chart; the rest are one "other communes" bar. */
export const TOP_COMMUNES = 20;

type RecordsFilter = Parameters<typeof registryHref>[0];

export interface ProvinceViewProps {
  province: string;
  /** The province's name in the page's language. */
  name: string;
  asOf: string;
  /** Added to file names (the province and date). */
  suffix: string;
  /** Written on downloaded charts: the scope and the date (as the country's charts carry). */
  exportMeta?: { scope: string; period: string };
  /** The registry list of the province on the date, with more filters. */
  recordsHref: (extra: RecordsFilter) => string;
  enterHref?: string;
}

/** The communes of a province in force today (the statistics count by today's communes); [] when unknown. */
async function loadCommunes(province: string, signal: AbortSignal): Promise<{ items: CommuneUnit[]; failed: boolean }> {
  try {
    const answer = await listCommuneUnits(province, signal);
    return { items: (answer.items ?? []) as unknown as CommuneUnit[], failed: false };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { items: [], failed: true };
    throw e;
  }
}

export default function ProvinceView({ province, name, asOf, suffix, exportMeta, recordsHref, enterHref }: ProvinceViewProps) {
  const { lang } = useI18n();
  const navigate = useNavigate();
  const units = useApi((s) => loadCommunes(province, s), [province]);
  const counts = useApi(
    async (s) => {
      const [byKind, byStatus] = await Promise.all([
        entities({ measure: 'count', group_by: 'commune,kind', province, as_of: asOf }, s),
        entities({ measure: 'count', group_by: 'commune,status', province, as_of: asOf }, s),
      ]);
      return { byKind, byStatus };
    },
    [province, asOf, lang],
  );
  const table = useMemo(
    () => communeTable(units.data?.items ?? [], counts.data?.byKind.rows ?? [], counts.data?.byStatus.rows ?? [], lang, KINDS, STATUSES),
    [units.data, counts.data, lang],
  );
  const total = counts.data?.byKind.total;
  const loaded = !!counts.data && !units.loading;
  const communeHref = (code: string, extra: RecordsFilter = {}) => recordsHref({ commune: code, ...extra });

  return (
    <>
      <ProvinceOutline province={province} name={name} total={total} suffix={suffix} records={recordsHref({})} meta={exportMeta} />
      <CommuneChart
        name={name}
        rows={table.rows}
        suffix={suffix}
        meta={exportMeta}
        loaded={loaded}
        error={counts.error}
        onRetry={counts.reload}
        enterHref={enterHref}
        href={(code) => communeHref(code)}
        onOpen={(code) => navigate(communeHref(code))}
      />
      <CommuneTableCard
        name={name}
        asOf={asOf}
        table={table}
        loading={!loaded && !counts.error}
        error={counts.error}
        onRetry={counts.reload}
        communesMissing={!!units.data?.failed || !!units.error}
        href={communeHref}
      />
    </>
  );
}

/** The province's outline alone, zoomed to it, with its count of organisations. */
function ProvinceOutline({ province, name, total, suffix, records, meta }: { province: string; name: string; total?: number; suffix: string; records: string; meta?: { scope: string; period: string } }) {
  const { t, lang } = useI18n();
  const [geo, setGeo] = useState<{ type: string; features: { properties: { code: string } }[] } | null>(null);
  useEffect(() => {
    let live = true;
    void loadOutlines().then((g) => {
      if (!live) return;
      const all = g as { type: string; features: { properties: { code: string } }[] };
      setGeo({ ...all, features: all.features.filter((f) => f.properties.code === province) });
    });
    return () => {
      live = false;
    };
  }, [province]);
  const title = t('dashboard.outline', { name });
  const mapName = `vn-${province}`;
  const shape = geo && geo.features.length ? geo : null;
  const option = useMemo(
    () =>
      shape
        ? {
            tooltip: {
              trigger: 'item',
              formatter: () => t('dashboard.outlineTooltip', { name, value: total === undefined ? '—' : formatNumber(total, lang) }),
            },
            series: [
              {
                type: 'map',
                map: mapName,
                nameProperty: 'code',
                roam: true,
                aspectScale: 0.95,
                layoutCenter: ['50%', '50%'],
                layoutSize: '92%',
                selectedMode: false,
                itemStyle: { areaColor: '#cfe0f3', borderColor: '#0b5cab', borderWidth: 1.5 },
                emphasis: { itemStyle: { areaColor: '#a9c8ea' }, label: { show: true, color: '#062f5a', fontSize: 15, fontWeight: 600 } },
                label: { show: true, color: '#062f5a', fontSize: 15, fontWeight: 600, formatter: () => name },
                data: [{ name: province, value: total ?? 0 }],
              },
            ],
          }
        : {},
    [shape, mapName, province, name, total, lang, t],
  );
  return (
    <ChartCard
      testId="province-outline"
      title={title}
      suffix={suffix}
      {...meta}
      className="chart-box tall outline-box"
      maps={shape ? { [mapName]: shape } : undefined}
      data={[[t('field.province_code'), t('dashboard.provinceCode'), t('dashboard.entities')], [name, province, total ?? null]]}
      option={option}
      footer={
        <>
          <p style={{ margin: '4px 0 0' }}>
            <Link to={records} data-testid="province-outline-records">
              {t('dashboard.provinceRecords', { name })}
            </Link>
          </p>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {t('dashboard.outlineNote')}
          </p>
        </>
      }
    />
  );
}

interface CommuneChartProps {
  name: string;
  meta?: { scope: string; period: string };
  rows: CommuneRow[];
  suffix: string;
  loaded: boolean;
  error?: Error;
  onRetry: () => void;
  enterHref?: string;
  href: (code: string) => string;
  onOpen: (code: string) => void;
}

/** The communes with the most organisations as ranked horizontal bars (full names), the rest as one bar. */
function CommuneChart({ name, meta, rows, suffix, loaded, error, onRetry, enterHref, href, onOpen }: CommuneChartProps) {
  const { t, lang } = useI18n();
  const { top, others } = topCommunes(rows, TOP_COMMUNES);
  const bars = [...top.map((r) => ({ code: r.code, label: r.name, value: r.total })), ...(others ? [{ code: '', label: t('dashboard.otherCommunes', { count: String(others.count) }), value: others.total }] : [])];
  const title = others ? t('dashboard.byCommuneTop', { count: String(TOP_COMMUNES) }) : t('dashboard.byCommune');
  const fmt = (v: number) => formatNumber(v, lang);
  return (
    <ChartCard
      testId="chart-by-commune"
      title={`${title} — ${name}`}
      suffix={suffix}
      {...meta}
      className="chart-box tall"
      height={Math.max(320, bars.length * 24 + 48)}
      empty={loaded && bars.length === 0}
      enterHref={enterHref}
      error={error}
      onRetry={onRetry}
      rowHref={(i) => (bars[i]?.code ? href(bars[i].code) : undefined)}
      onClick={(p) => {
        const hit = bars.find((b) => b.label === p.name);
        if (hit?.code) onOpen(hit.code);
      }}
      data={[[t('dashboard.commune'), t('measure.count')], ...bars.map((b) => [b.label, b.value])]}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
        grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
        yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 12 } },
        series: [
          {
            type: 'bar',
            name: t('measure.count'),
            data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.code ? '#0b5cab' : '#8c8c8c' } })),
            label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt(p.value), fontSize: 11 },
          },
        ],
      }}
    />
  );
}

interface CommuneTableCardProps {
  name: string;
  asOf: string;
  table: ReturnType<typeof communeTable>;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  communesMissing: boolean;
  href: (code: string, extra?: RecordsFilter) => string;
}

/** Every commune of the province, ranked, with a folding search and sortable columns. */
function CommuneTableCard({ name, asOf, table, loading, error, onRetry, communesMissing, href }: CommuneTableCardProps) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: CommuneColumn; dir: 'asc' | 'desc' }>({ column: 'total', dir: 'desc' });
  const shown = useMemo(() => sortCommunes(table.rows, sort.column, sort.dir, query), [table.rows, sort, query]);
  const columns: { column: CommuneColumn; label: string; title?: string; filter: RecordsFilter }[] = [
    { column: 'total', label: t('dashboard.communeTotal'), filter: {} },
    ...table.kinds.map((k) => ({
      column: `kind:${k}` as CommuneColumn,
      label: t(`kindShort.${k}` as MessageKey),
      title: t(`kind.${k}` as MessageKey),
      filter: { kind: k },
    })),
    ...table.statuses.map((s) => ({ column: `status:${s}` as CommuneColumn, label: t(`status.${s}` as MessageKey), filter: { status: s } })),
  ];
  const title = t('dashboard.communeTable', { name });
  const ariaSort = (column: CommuneColumn) => (sort.column === column ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined);
  // A number column sorts largest first on the first click, the name A to Z; a second click turns it round.
  const sortBy = (column: CommuneColumn) =>
    setSort((s) => (s.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: column === 'name' ? 'asc' : 'desc' }));
  const header = (column: CommuneColumn, label: string, fullTitle?: string) => (
    <th key={column} scope="col" aria-sort={ariaSort(column)} className={column === 'name' ? undefined : 'num'}>
      {/* Named by its visible text (and the kind's full name); the header's aria-sort says the order. */}
      <button
        type="button"
        className="th-sort"
        onClick={() => sortBy(column)}
        title={t('dashboard.sortBy', { column: fullTitle ?? label })}
        aria-label={fullTitle ? `${label} (${fullTitle})` : undefined}
      >
        {fullTitle ? <abbr title={fullTitle}>{label}</abbr> : label}
        <span aria-hidden="true" className="th-sort-mark">
          {sort.column === column ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
  const number = (row: CommuneRow, c: (typeof columns)[number]) => {
    const value = cellValue(row, c.column);
    const text = formatNumber(value, lang);
    if (!value || !row.code) return text;
    return (
      <Link to={href(row.code, c.filter)} aria-label={t('dashboard.communeCell', { commune: row.name, column: c.title ?? c.label, value: text })}>
        {text}
      </Link>
    );
  };
  return (
    <Panel
      testId="commune-table"
      className="span-all"
      title={<h2 style={{ whiteSpace: 'normal' }}>{title}</h2>}
      extra={
        <div className="commune-search">
          <label htmlFor="commune-q" className="sr-only">
            {t('dashboard.communeSearch')}
          </label>
          {/* A plain search box (the component library's Input would reshape the first screen's shared chunks). */}
          <input
            id="commune-q"
            type="search"
            className="commune-q"
            placeholder={t('dashboard.communeSearch')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-controls="commune-table-body"
            data-testid="commune-search"
          />
        </div>
      }
    >
      <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }}>
        {t('dashboard.communeTableNote', { date: formatDate(asOf, lang) })}
      </p>
      {communesMissing && (
        <p className="muted" style={{ margin: '0 0 8px', fontSize: 13 }} data-testid="commune-units-missing">
          {t('dashboard.communesUnavailable')}
        </p>
      )}
      {error ? (
        <div role="alert" className="commune-error">
          <p>{t('chart.failed', { title })}</p>
          <p className="muted">{error.message}</p>
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      ) : loading ? (
        <div className="kpi-skeleton" role="status" aria-busy="true" aria-label={t('app.loading')} />
      ) : (
        <>
          <p className="muted" role="status" aria-live="polite" style={{ margin: '0 0 4px', fontSize: 12 }} data-testid="commune-count">
            {t('dashboard.communeShown', { shown: formatNumber(shown.length, lang), count: formatNumber(table.rows.length, lang) })}
          </p>
          <div className="commune-scroll">
            <table className="commune-table chart-table">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('dashboard.communeRank')}
                  </th>
                  {header('name', t('dashboard.commune'))}
                  {columns.map((c) => header(c.column, c.label, c.title))}
                </tr>
              </thead>
              <tbody id="commune-table-body">
                {shown.map((row) => (
                  <tr key={row.code} data-testid={`commune-${row.code}`} className={row.total ? undefined : 'commune-zero'}>
                    <td className="num">{row.rank}</td>
                    <th scope="row">{row.name}</th>
                    {columns.map((c) => (
                      <td key={c.column} className="num">
                        {number(row, c)}
                      </td>
                    ))}
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={columns.length + 2} className="muted">
                      {t('dashboard.communeNone', { q: query })}
                    </td>
                  </tr>
                )}
              </tbody>
              {table.unknown && table.unknown.total > 0 && (
                <tfoot>
                  <tr data-testid="commune-unknown">
                    <td />
                    <th scope="row" title={t('dashboard.communeUnknownNote')}>
                      {t('dashboard.communeUnknown')}
                    </th>
                    {columns.map((c) => (
                      <td key={c.column} className="num">
                        {formatNumber(cellValue(table.unknown!, c.column), lang)}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
          {table.unknown && table.unknown.total > 0 && (
            <p className="muted" style={{ margin: '6px 0 0', fontSize: 12 }}>
              {t('dashboard.communeUnknownNote')}
            </p>
          )}
        </>
      )}
    </Panel>
  );
}

import { Alert, Button, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { Suspense, lazy, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useStartView } from '../views/useStartView';
import { useSession } from '../account/session';
import type { Query } from '../api/client';
import { canEditRegistry } from '../api/types';
import { ChartCard } from '../components/ChartCard';
import { PrintButton, PrintHeader } from '../components/PrintHeader';
import { LazyDatePicker } from '../components/LazyDatePicker';
import { provinceName, useProvinces } from '../geo/units';
import { datePattern, formatCompact, formatDate, formatNumber, formatPercent, todayIso } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi } from '../lib/useApi';
import { entities, flows, isMissingRoute, series } from './api';
import { Kpi } from './Kpi';
import { ProvinceMap } from './ProvinceMap';
import { registryHref } from '../registry/filters';
import { MAP_MEASURES, lines, pivot, rankProvinces, share, sumBy, sumWhere, type MapMeasure } from './stats';
import type { StatsAnswer } from './types';
import { searchable } from '../lib/fold';
import { figuresPeriod, formatMoneyIn, isMoneyMeasure, moneyCaption, moneyScale } from '../lib/money';

// Saving the view needs a form and a dialog: loaded with the first screen's rest, not before it.
const SavedViews = lazy(() => import('../views/SavedViews').then((m) => ({ default: m.SavedViews })));
// A province's own view (its outline, its communes ranked): loaded when a province is chosen.
const ProvinceView = lazy(() => import('./ProvinceView'));

const REFORM = '2025-07-01';

/** The height of the ranked province bars: 460 px holds today's 34 (11 px labels); more get 20 px each. */
export function provinceBarsHeight(bars: number): number {
  return bars > 36 ? bars * 20 + 40 : 460;
}
const PALETTE = ['#0b5cab', '#2f9e44', '#e8590c', '#7048e8', '#c2255c', '#1098ad', '#f08c00', '#495057'];

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  useStartView(!!user);
  const today = todayIso();
  const asOf = params.get('as_of') || today;
  const forcedProvince = user?.role === 'province_admin' || user?.role === 'province_officer' ? (user.province_code ?? '') : '';
  const province = forcedProvince || params.get('province') || '';
  const measure = (MAP_MEASURES as readonly string[]).includes(params.get('measure') ?? '') ? (params.get('measure') as MapMeasure) : 'count';
  const beforeReform = asOf < REFORM;
  const scheme = beforeReform && params.get('scheme') === 'legacy' ? 'legacy' : 'current';
  const provinces = useProvinces();
  // The provinces in force on the date, for the former scheme's chart.
  const provincesThen = useProvinces(scheme === 'legacy' ? asOf : undefined);
  const provinceLabel = (code: string) => provinceName(provinces.find((p) => p.code === code), lang) || code;
  // The drill-in without the map: today's provinces by their Vietnamese name, then the one chosen
  // if it is not among them (an address naming another code).
  const provinceOptions = useMemo(() => {
    const sorted = [...provinces].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return sorted.map((p) => ({ value: p.code, label: provinceName(p, lang) }));
  }, [provinces, lang]);

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const scope: Query = province ? { province } : {};
  const year = Number(asOf.slice(0, 4));
  const from = `${year - 10}-01-01`;
  const deps = [asOf, province, lang];

  const kindStatus = useApi((s) => entities({ measure: 'count', group_by: 'kind,status', as_of: asOf, ...scope }, s), deps);
  const headline = useApi(
    async (s) => {
      const [members, female, workers, coopFlags, founded] = await Promise.all([
        entities({ measure: 'members_total', as_of: asOf, ...scope }, s),
        entities({ measure: 'members_female', as_of: asOf, ...scope }, s),
        entities({ measure: 'workers_total', as_of: asOf, ...scope }, s),
        entities({ measure: 'count', group_by: 'women_managed,youth', kind: 'cooperative', status: 'active', as_of: asOf, ...scope }, s),
        flows({ event: 'established', from: `${year}-01-01`, to: asOf, ...scope }, s),
      ]);
      return { members, female, workers, coopFlags, founded };
    },
    deps,
  );
  const foundedYears = useApi((s) => flows({ event: 'established', from, to: asOf, group_by: 'year', ...scope }, s), deps);
  const dissolvedYears = useApi((s) => flows({ event: 'dissolved', from, to: asOf, group_by: 'year', ...scope }, s), deps);
  const activeSeries = useApi(
    (s) => series({ measure: 'count', interval: 'year', from, to: asOf, status: 'active', group_by: 'kind', ...scope }, s),
    deps,
  );
  const bySector = useApi((s) => entities({ measure: 'count', group_by: 'sector', as_of: asOf, status: 'active', ...scope }, s), deps);
  // The country's map and bars (a province's own view has neither).
  const mapData = useApi(
    (s) =>
      province ? Promise.resolve(undefined as StatsAnswer | undefined) : entities({ measure, group_by: 'province', as_of: asOf, province_scheme: 'current' }, s),
    [...deps, measure],
  );
  const byProvince = useApi(
    (s) =>
      scheme === 'legacy'
        ? entities({ measure, group_by: 'province', as_of: asOf, province_scheme: 'legacy', ...scope }, s)
        : Promise.resolve(undefined as StatsAnswer | undefined),
    [...deps, measure, scheme],
  );

  // Money in tỷ or triệu đồng, the caption naming the figures' period: "Doanh thu năm 2025, tỷ đồng".
  const money = isMoneyMeasure(measure);
  const scale = moneyScale((mapData.data?.rows ?? []).map((r) => r.value));
  const fmt = (v: number | null | undefined) => (money ? formatMoneyIn(v, scale, lang) : formatNumber(v, lang));
  const measureLabel = money
    ? moneyCaption(measure, figuresPeriod(asOf, t, (d) => formatDate(d, lang)), scale, t)
    : t(`measure.${measure}` as MessageKey);
  const suffix = `${province ? provinceLabel(province) + ' ' : ''}${asOf}`;
  // Written on each chart's downloaded picture, so that it stands alone in a report.
  const exportMeta = { scope: province ? provinceLabel(province) : t('dashboard.country'), period: `${t('dashboard.asOf')} ${formatDate(asOf, lang)}` };

  const charts = useMemo(() => {
    const ks = kindStatus.data ? pivot(kindStatus.data.rows, 'kind', 'status') : null;
    const fy = foundedYears.data ? sumBy(foundedYears.data.rows, 'year').sort((a, b) => a.key.localeCompare(b.key)) : [];
    // Dissolutions by the founding chart's years (and any year only they have).
    const dy = dissolvedYears.data ? sumBy(dissolvedYears.data.rows, 'year') : [];
    const years = [...new Set([...fy.map((r) => r.key), ...dy.map((r) => r.key)])].sort();
    const byYear = (list: { key: string; value: number }[]) => years.map((y) => list.find((r) => r.key === y)?.value ?? 0);
    const trend = { years, founded: byYear(fy), dissolved: byYear(dy) };
    const act = lines(activeSeries.data, 'kind');
    const sec = bySector.data ? sumBy(bySector.data.rows, 'sector').sort((a, b) => a.value - b.value) : [];
    const kinds = ks ? ks.rows : [];
    return { ks, fy, trend, act, sec, kinds };
  }, [kindStatus.data, foundedYears.data, dissolvedYears.data, activeSeries.data, bySector.data]);

  const missing = [kindStatus.error, headline.error].some(isMissingRoute);
  // Each chart says when its own figures failed; the headline figures say it here.
  const error = [kindStatus.error, headline.error].find((e) => e && !isMissingRoute(e));

  const total = kindStatus.data?.total;
  const active = kindStatus.data ? sumWhere(kindStatus.data.rows, 'status', 'active') : undefined;
  const h = headline.data;
  const womenManaged = h ? sumWhere(h.coopFlags.rows, 'women_managed', 'true') : undefined;
  const youth = h ? sumWhere(h.coopFlags.rows, 'youth', 'true') : undefined;

  // The registry list behind a figure: the same province and date, plus the figure's own filters.
  // Filters on attributes that are not public (women-managed, youth) only for officials.
  const official = canEditRegistry(user?.role);
  const recordsHref = (extra: Parameters<typeof registryHref>[0]) =>
    registryHref({ province, as_of: asOf === today ? '' : asOf, ...extra });
  const kpi = (testId: string, label: string, value: number | undefined, extra: Parameters<typeof registryHref>[0]) => {
    const exact = formatNumber(value, lang);
    const linked = value !== undefined && (official || !('women_managed' in extra || 'youth' in extra));
    return {
      testId,
      label,
      value: exact,
      compact: value !== undefined && Math.abs(value) >= 1e6 ? formatCompact(value, lang, 2) : undefined,
      href: linked ? recordsHref(extra) : undefined,
      linkLabel: t('dashboard.openRecords', { label, value: exact }),
    };
  };

  // Charts: an empty answer shows a message (with where figures are entered, for those who enter
  // them), a failed one what failed and a retry.
  const enterHref = user && user.role !== 'partner' ? '/reports' : undefined;
  const allZero = (values: (number | null | undefined)[]) => values.every((v) => !v);
  const state = (loaded: { data?: unknown; error?: Error; reload: () => void }, values: (number | null | undefined)[]) => ({
    empty: !!loaded.data && allZero(values),
    enterHref,
    error: loaded.error && !isMissingRoute(loaded.error) ? loaded.error : undefined,
    onRetry: loaded.reload,
  });
  const kindKey = (label: string) => charts.ks?.rows.find((r) => r.label === label)?.key;
  const statusKey = (label: string) => charts.ks?.cols.find((c) => c.label === label)?.key;
  const foundedHref = (y: string | undefined) =>
    y && /^\d{4}$/.test(y) ? recordsHref({ founded_from: `${y}-01-01`, founded_to: `${y}-12-31` < asOf ? `${y}-12-31` : asOf }) : recordsHref({});
  const open = (extra: Parameters<typeof registryHref>[0]) => navigate(recordsHref(extra));

  // Figures answered to a caller who is not an official are protected by the server (cell-key method): say so.
  const perturbed = [h?.members, h?.female, h?.workers, mapData.data, byProvince.data].some((a) => a?.disclosure?.method === 'cell_key');

  // The whole country's provinces by count, every province of the scheme (the 63 of a date before
  // 2025-07-01), those without organisations last with 0; other measures as answered.
  const provinceRows = (scheme === 'legacy' ? byProvince.data : mapData.data)?.rows ?? [];
  const provinceAnswer = scheme === 'legacy' ? byProvince.data : mapData.data;
  const allProvinces = !province && measure === 'count' && provinceAnswer ? (scheme === 'legacy' ? provincesThen : provinces) : [];
  const provinceTable = rankProvinces(
    provinceRows,
    provinceLabel,
    allProvinces.map((p) => ({ code: p.code, label: provinceName(p, lang) })),
  );

  return (
    <>
      <PrintHeader
        title={t('dashboard.title')}
        scope={`${province ? provinceLabel(province) : t('printout.country')} · ${t('dashboard.asOf')} ${formatDate(asOf, lang)}`}
      />
      <h1 className="page-title">{t('dashboard.title')}</h1>
      <div className="toolbar">
        <div className="filter-field">
          <label htmlFor="d-asof">{t('dashboard.asOf')}</label>
          <LazyDatePicker
            id="d-asof"
            allowClear={false}
            format={datePattern(lang)}
            value={dayjs(asOf)}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            onChange={(d) => set({ as_of: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : '' })}
          />
        </div>
        {!forcedProvince && (
          <div className="filter-field" style={{ flex: '1 1 200px', maxWidth: 280 }}>
            <label htmlFor="d-province">{t('field.province_code')}</label>
            <Select
              id="d-province"
              style={{ width: '100%' }}
              showSearch={searchable}
              allowClear={!!province}
              value={province}
              onChange={(v?: string) => set({ province: v ?? '' })}
              options={[
                { value: '', label: t('dashboard.country') },
                ...provinceOptions,
                ...(province && !provinceOptions.some((o) => o.value === province) ? [{ value: province, label: provinceLabel(province) }] : []),
              ]}
            />
          </div>
        )}
        {/* The measure colours the map and the provinces' bars: a province's own view counts organisations. */}
        {(!province || scheme === 'legacy') && (
          <div className="filter-field" style={{ flex: '1 1 220px', maxWidth: 320 }}>
            <label htmlFor="d-measure">{t('dashboard.measure')}</label>
            <Select
              id="d-measure"
              style={{ width: '100%' }}
              value={measure}
              onChange={(v) => set({ measure: v === 'count' ? '' : v })}
              options={MAP_MEASURES.map((m) => ({ value: m, label: t(`measure.${m}` as MessageKey) }))}
            />
          </div>
        )}
        {beforeReform && (
          <div className="filter-field">
            <span id="d-scheme" style={{ fontSize: 12 }} className="muted">
              {t('dashboard.scheme')}
            </span>
            {/* Two pressed-or-not buttons rather than antd's Radio (3.7 KB of the first screen); they
                wrap on a phone. */}
            <div role="group" aria-labelledby="d-scheme" className="scheme-toggle">
              {(['current', 'legacy'] as const).map((v) => {
                const on = (scheme === 'legacy') === (v === 'legacy');
                return (
                  <Button key={v} type={on ? 'primary' : 'default'} aria-pressed={on} onClick={() => set({ scheme: v === 'legacy' ? 'legacy' : '' })}>
                    {t(v === 'legacy' ? 'dashboard.schemeLegacy' : 'dashboard.schemeCurrent')}
                  </Button>
                );
              })}
            </div>
          </div>
        )}
        <div className="filter-field">
          <span style={{ fontSize: 12 }} className="muted">
            {t('dashboard.scope')}
          </span>
          <Space wrap>
            <strong data-testid="dashboard-scope">{province ? provinceLabel(province) : t('dashboard.country')}</strong>
            {province && !forcedProvince && <Button onClick={() => set({ province: '' })}>{t('dashboard.backToCountry')}</Button>}
          </Space>
        </div>
        <Space wrap className="dashboard-views">
          <PrintButton />
          {user && (
            <Suspense fallback={null}>
              <SavedViews page="dashboard" query={params.toString()} />
            </Suspense>
          )}
        </Space>
      </div>
      {missing && <Alert type="info" showIcon title={t('dashboard.unavailable')} style={{ marginBottom: 16 }} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('app.loadFailed', { what: t('dashboard.headlines') })}
          description={error.message}
          action={
            <Button
              size="small"
              onClick={() => {
                kindStatus.reload();
                headline.reload();
              }}
            >
              {t('common.retry')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          role="alert"
        />
      )}
      {perturbed && (
        <p className="muted" data-testid="dashboard-disclosure" style={{ fontSize: 12, margin: '0 0 12px' }}>
          {t('dashboard.disclosureNote')}
        </p>
      )}
      {!missing && (
        <>
          <section className="kpi-grid" aria-label={t('dashboard.asOf') + ' ' + formatDate(asOf, lang)}>
            {kindStatus.loading && !kindStatus.data ? (
              // A plain placeholder: antd's Skeleton would cost the first screen 3 KB for one use.
              <div className="kpi-skeleton" role="status" aria-busy="true" aria-label={t('app.loading')} />
            ) : (
              <>
                <Kpi {...kpi('kpi-entities', t('dashboard.entities'), total, {})} sub={formatDate(asOf, lang)} />
                <Kpi {...kpi('kpi-active', t('dashboard.active'), active, { status: 'active' })} sub={total ? formatPercent(share(active ?? 0, total), lang) : undefined} />
                <Kpi {...kpi('kpi-members', t('dashboard.members'), h?.members.total, {})} />
                <Kpi {...kpi('kpi-workers', t('dashboard.workers'), h?.workers.total, {})} />
                <Kpi testId="kpi-women-share" label={t('dashboard.womenShare')} value={h ? formatPercent(share(h.female.total, h.members.total), lang) : '—'} />
                <Kpi
                  {...kpi('kpi-women-managed', t('dashboard.womenManaged'), womenManaged, { kind: 'cooperative', status: 'active', women_managed: 'true' })}
                  sub={t('kindShort.cooperative')}
                />
                <Kpi {...kpi('kpi-youth', t('dashboard.youth'), youth, { kind: 'cooperative', status: 'active', youth: 'true' })} />
                <Kpi
                  {...kpi('kpi-founded', t('dashboard.foundedThisYear', { year: String(year) }), h?.founded.total, {
                    founded_from: `${year}-01-01`,
                    founded_to: asOf,
                  })}
                />
              </>
            )}
          </section>
          <div className="chart-grid">
            {province ? (
              <Suspense fallback={<div className="chart-box tall" role="status" aria-busy="true" aria-label={t('app.loading')} />}>
                <ProvinceView
                  province={province}
                  name={provinceLabel(province)}
                  asOf={asOf}
                  suffix={suffix}
                  exportMeta={exportMeta}
                  recordsHref={recordsHref}
                  enterHref={enterHref}
                />
              </Suspense>
            ) : (
              <ProvinceMap
                testId="chart-map"
                title={`${t('dashboard.map')} — ${measureLabel}`}
                suffix={suffix}
                {...exportMeta}
                rows={mapData.data?.rows ?? []}
                provinceLabel={provinceLabel}
                format={fmt}
                selected=""
                onSelect={forcedProvince ? undefined : (code) => set({ province: code })}
                note={scheme === 'legacy' ? t('dashboard.legacyNote') : t('dashboard.mapHelp')}
                rowHref={(code) => recordsHref({ province: code })}
                {...state(mapData, (mapData.data?.rows ?? []).map((r) => r.value))}
              />
            )}
            {/* By province: the whole country, or a province's former provinces (the scheme of the date). */}
            {(!province || scheme === 'legacy') && (
              <ChartCard
                testId="chart-by-province"
                title={`${t('dashboard.byProvince')} — ${measureLabel}`}
                onClick={
                  forcedProvince || scheme === 'legacy'
                    ? undefined
                    : (p) => {
                        const hit = provinceTable.find((r) => r.label === p.name);
                        if (hit) set({ province: hit.key === province ? '' : hit.key });
                      }
                }
                suffix={suffix}
                {...exportMeta}
                className="chart-box tall"
                // Every province's full name on its own line: the 34 fit the card, the 63 of the
                // former scheme make the chart taller and it scrolls in the card.
                height={provinceBarsHeight(provinceTable.length)}
                maxHeight={460}
                {...state(scheme === 'legacy' ? byProvince : mapData, provinceTable.map((r) => r.value))}
                rowHref={scheme === 'legacy' ? undefined : (i) => recordsHref({ province: provinceTable[i]?.key })}
                data={[[t('field.province_code'), measureLabel], ...provinceTable.map((r) => [r.label, r.value])]}
                option={{
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
                  grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => (money ? formatNumber(v / (scale === 'billion' ? 1e9 : 1e6), lang) : formatCompact(v, lang)) } },
                  yAxis: { type: 'category', inverse: true, data: provinceTable.map((r) => r.label), axisLabel: { fontSize: provinceTable.length > 36 ? 12 : 11, interval: 0 } },
                  series: [{ type: 'bar', name: measureLabel, data: provinceTable.map((r) => r.value), itemStyle: { color: '#0b5cab' } }],
                }}
              />
            )}
            <ChartCard
              testId="chart-kind-status"
              title={t('dashboard.kindStatus')}
              suffix={suffix}
              {...exportMeta}
              {...state(kindStatus, [total])}
              rowHref={(i) => recordsHref({ kind: charts.ks?.rows[i]?.key })}
              onClick={(p) => p.name && open({ kind: kindKey(p.name) ?? '', status: (p.seriesName && statusKey(p.seriesName)) || '' })}
              data={
                charts.ks
                  ? [[t('field.kind'), ...charts.ks.cols.map((c) => c.label)], ...charts.ks.rows.map((r) => [r.label, ...charts.ks!.cols.map((c) => charts.ks!.value(r.key, c.key))])]
                  : []
              }
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
                legend: { bottom: 0, type: 'scroll' },
                grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
                xAxis: { type: 'category', data: charts.ks?.rows.map((r) => r.label) ?? [] },
                yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                color: PALETTE,
                series: (charts.ks?.cols ?? []).map((c) => ({
                  type: 'bar',
                  stack: 'all',
                  name: c.label,
                  data: charts.ks!.rows.map((r) => charts.ks!.value(r.key, c.key)),
                })),
              }}
            />
            <ChartCard
              testId="chart-founded"
              title={t('dashboard.foundedDissolvedPerYear')}
              suffix={suffix}
              {...exportMeta}
              {...state(foundedYears, [...charts.trend.founded, ...charts.trend.dissolved])}
              rowHref={(i) => foundedHref(charts.trend.years[i])}
              onClick={(p) => p.name && p.seriesName === t('dashboard.founded') && navigate(foundedHref(p.name))}
              data={[
                [t('figures.period'), t('dashboard.founded'), t('dashboard.dissolved')],
                ...charts.trend.years.map((y, i) => [y, charts.trend.founded[i], charts.trend.dissolved[i]]),
              ]}
              footer={
                foundedYears.data && (
                  <p className="muted" style={{ margin: '4px 0 0' }}>
                    {t('dashboard.yearlyAverage', { value: formatNumber(foundedYears.data.yearly_average, lang, 1) })}
                  </p>
                )
              }
              option={{
                tooltip: { trigger: 'axis', valueFormatter: fmt },
                legend: { bottom: 0, type: 'scroll' },
                grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
                xAxis: { type: 'category', data: charts.trend.years },
                yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                series: [
                  { type: 'bar', name: t('dashboard.founded'), data: charts.trend.founded, itemStyle: { color: '#2f9e44' } },
                  { type: 'bar', name: t('dashboard.dissolved'), data: charts.trend.dissolved, itemStyle: { color: '#c92a2a' } },
                ],
              }}
            />
            <ChartCard
              testId="chart-active"
              title={t('dashboard.activeOverTime')}
              suffix={suffix}
              {...exportMeta}
              {...state(activeSeries, charts.act.groups.flatMap((g) => g.data))}
              data={[[t('figures.period'), ...charts.act.groups.map((g) => g.label)], ...charts.act.periods.map((p, i) => [p, ...charts.act.groups.map((g) => g.data[i])])]}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: fmt },
                legend: { bottom: 0, type: 'scroll' },
                grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
                xAxis: { type: 'category', data: charts.act.periods },
                yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                color: PALETTE,
                series: charts.act.groups.map((g) => ({ type: 'line', name: g.label, data: g.data, smooth: false, symbolSize: 6 })),
              }}
            />
            <ChartCard
              testId="chart-sector"
              title={`${t('dashboard.bySector')} (${t('status.active').toLowerCase()})`}
              suffix={suffix}
              {...exportMeta}
              {...state(bySector, charts.sec.map((r) => r.value))}
              rowHref={(i) => recordsHref({ status: 'active', sector: [...charts.sec].reverse()[i]?.key })}
              onClick={(p) => {
                const hit = charts.sec.find((r) => r.label === p.name);
                if (hit) open({ status: 'active', sector: hit.key });
              }}
              data={[[t('field.sector'), t('measure.count')], ...[...charts.sec].reverse().map((r) => [r.label, r.value])]}
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
                grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                yAxis: { type: 'category', data: charts.sec.map((r) => r.label), axisLabel: { interval: 0 } },
                series: [{ type: 'bar', name: t('measure.count'), data: charts.sec.map((r) => r.value), itemStyle: { color: '#7048e8' } }],
              }}
            />
            <ChartCard
              testId="chart-kind"
              title={t('dashboard.byKind')}
              suffix={suffix}
              {...exportMeta}
              {...state(kindStatus, [total])}
              rowHref={(i) => recordsHref({ kind: charts.ks?.rows[i]?.key })}
              onClick={(p) => p.name && open({ kind: kindKey(p.name) ?? '' })}
              data={[[t('field.kind'), t('measure.count')], ...(charts.ks?.rows ?? []).map((r) => [r.label, r.value])]}
              option={{
                tooltip: { trigger: 'item', valueFormatter: fmt },
                legend: { bottom: 0, type: 'scroll' },
                color: PALETTE,
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '65%'],
                    name: t('dashboard.byKind'),
                    // Names wrap in a box of their own width and labels that would overlap are hidden
                    // (the legend and the data table name every slice): at 1280 px "Quỹ tín dụng nhân
                    // dân" was cut at the card's edge and two small slices' labels overlapped.
                    label: {
                      formatter: (p: { name: string; percent: number }) => `${p.name}\n${formatPercent(p.percent / 100, lang)}`,
                      width: 110,
                      overflow: 'break',
                    },
                    labelLayout: { hideOverlap: true },
                    avoidLabelOverlap: true,
                    data: (charts.ks?.rows ?? []).map((r) => ({ name: r.label, value: r.value })),
                  },
                ],
              }}
            />
          </div>
        </>
      )}
    </>
  );
}

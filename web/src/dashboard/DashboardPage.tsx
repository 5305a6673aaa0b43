import { Alert, Button, Radio, Select, Skeleton, Space } from 'antd';
import dayjs from 'dayjs';
import { Suspense, lazy, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useStartView } from '../views/useStartView';
import { useSession } from '../account/session';
import type { Query } from '../api/client';
import { ChartCard } from '../components/ChartCard';
import { LazyDatePicker } from '../components/LazyDatePicker';
import { Panel } from '../components/Panel';
import { provinceName, useProvinces } from '../geo/units';
import { datePattern, formatCompact, formatDate, formatMoney, formatNumber, formatPercent, todayIso } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/catalogue';
import { useApi } from '../lib/useApi';
import { entities, flows, isMissingRoute, series } from './api';
import { ProvinceMap } from './ProvinceMap';
import { MAP_MEASURES, lines, pivot, share, sumBy, sumWhere, type MapMeasure } from './stats';
import type { StatsAnswer } from './types';

// Saving the view needs a form and a dialog: loaded with the first screen's rest, not before it.
const SavedViews = lazy(() => import('../views/SavedViews').then((m) => ({ default: m.SavedViews })));

const REFORM = '2025-07-01';
const PALETTE = ['#0b5cab', '#2f9e44', '#e8590c', '#7048e8', '#c2255c', '#1098ad', '#f08c00', '#495057'];

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId: string }) {
  return (
    <Panel testId={testId}>
      <div className="muted" style={{ fontSize: 13 }}>
        {label}
      </div>
      <div className="kpi-value" style={{ fontSize: 26, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </div>
      {sub && <div className="muted" style={{ fontSize: 12 }}>{sub}</div>}
    </Panel>
  );
}

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  useStartView(!!user);
  const today = todayIso();
  const asOf = params.get('as_of') || today;
  const forcedProvince = user?.role === 'province_admin' || user?.role === 'province_officer' ? (user.province_code ?? '') : '';
  const province = forcedProvince || params.get('province') || '';
  const measure = (MAP_MEASURES as readonly string[]).includes(params.get('measure') ?? '') ? (params.get('measure') as MapMeasure) : 'count';
  const beforeReform = asOf < REFORM;
  const scheme = beforeReform && params.get('scheme') === 'legacy' ? 'legacy' : 'current';
  const provinces = useProvinces();
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
  const activeSeries = useApi(
    (s) => series({ measure: 'count', interval: 'year', from, to: asOf, status: 'active', group_by: 'kind', ...scope }, s),
    deps,
  );
  const bySector = useApi((s) => entities({ measure: 'count', group_by: 'sector', as_of: asOf, status: 'active', ...scope }, s), deps);
  const mapData = useApi((s) => entities({ measure, group_by: 'province', as_of: asOf, province_scheme: 'current', ...scope }, s), [...deps, measure]);
  const byProvince = useApi(
    (s) =>
      scheme === 'legacy'
        ? entities({ measure, group_by: 'province', as_of: asOf, province_scheme: 'legacy', ...scope }, s)
        : Promise.resolve(undefined as StatsAnswer | undefined),
    [...deps, measure, scheme],
  );

  const money = measure.endsWith('_vnd');
  const fmt = (v: number | null | undefined) => (money ? formatMoney(v, lang) : formatNumber(v, lang));
  const measureLabel = t(`measure.${measure}` as MessageKey);
  const suffix = `${province ? provinceLabel(province) + ' ' : ''}${asOf}`;

  const charts = useMemo(() => {
    const ks = kindStatus.data ? pivot(kindStatus.data.rows, 'kind', 'status') : null;
    const fy = foundedYears.data ? sumBy(foundedYears.data.rows, 'year').sort((a, b) => a.key.localeCompare(b.key)) : [];
    const act = lines(activeSeries.data, 'kind');
    const sec = bySector.data ? sumBy(bySector.data.rows, 'sector').sort((a, b) => a.value - b.value) : [];
    const kinds = ks ? ks.rows : [];
    return { ks, fy, act, sec, kinds };
  }, [kindStatus.data, foundedYears.data, activeSeries.data, bySector.data]);

  const missing = [kindStatus.error, headline.error].some(isMissingRoute);
  const error = [kindStatus.error, headline.error, foundedYears.error, activeSeries.error, bySector.error, mapData.error, byProvince.error].find(
    (e) => e && !isMissingRoute(e),
  );

  const total = kindStatus.data?.total;
  const active = kindStatus.data ? sumWhere(kindStatus.data.rows, 'status', 'active') : undefined;
  const h = headline.data;
  const womenManaged = h ? sumWhere(h.coopFlags.rows, 'women_managed', 'true') : undefined;
  const youth = h ? sumWhere(h.coopFlags.rows, 'youth', 'true') : undefined;

  // Figures answered to a caller who is not an official are protected by the server (cell-key method): say so.
  const perturbed = [h?.members, h?.female, h?.workers, mapData.data, byProvince.data].some((a) => a?.disclosure?.method === 'cell_key');

  const provinceRows = (scheme === 'legacy' ? byProvince.data : mapData.data)?.rows ?? [];
  const provinceTable = sumBy(provinceRows, 'province')
    .map((r) => ({ ...r, label: r.label && r.label !== r.key ? r.label : provinceLabel(r.key) }))
    .sort((a, b) => b.value - a.value);

  return (
    <>
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
              showSearch={{ optionFilterProp: 'label' }}
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
        {beforeReform && (
          <div className="filter-field">
            <span id="d-scheme" style={{ fontSize: 12 }} className="muted">
              {t('dashboard.scheme')}
            </span>
            <Radio.Group
              aria-labelledby="d-scheme"
              optionType="button"
              value={scheme}
              onChange={(e) => set({ scheme: e.target.value === 'legacy' ? 'legacy' : '' })}
              options={[
                { value: 'current', label: t('dashboard.schemeCurrent') },
                { value: 'legacy', label: t('dashboard.schemeLegacy') },
              ]}
            />
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
        {user && (
          <Space wrap className="dashboard-views">
            <Suspense fallback={null}>
              <SavedViews page="dashboard" query={params.toString()} />
            </Suspense>
          </Space>
        )}
      </div>
      {missing && <Alert type="info" showIcon title={t('dashboard.unavailable')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />}
      {perturbed && (
        <p className="muted" data-testid="dashboard-disclosure" style={{ fontSize: 12, margin: '0 0 12px' }}>
          {t('dashboard.disclosureNote')}
        </p>
      )}
      {!missing && (
        <>
          <section className="kpi-grid" aria-label={t('dashboard.asOf') + ' ' + formatDate(asOf, lang)}>
            {kindStatus.loading && !kindStatus.data ? (
              <Skeleton active />
            ) : (
              <>
                <Kpi testId="kpi-entities" label={t('dashboard.entities')} value={formatNumber(total, lang)} sub={formatDate(asOf, lang)} />
                <Kpi testId="kpi-active" label={t('dashboard.active')} value={formatNumber(active, lang)} sub={total ? formatPercent(share(active ?? 0, total), lang) : undefined} />
                <Kpi testId="kpi-members" label={t('dashboard.members')} value={formatNumber(h?.members.total, lang)} />
                <Kpi testId="kpi-workers" label={t('dashboard.workers')} value={formatNumber(h?.workers.total, lang)} />
                <Kpi testId="kpi-women-share" label={t('dashboard.womenShare')} value={h ? formatPercent(share(h.female.total, h.members.total), lang) : '—'} />
                <Kpi testId="kpi-women-managed" label={t('dashboard.womenManaged')} value={formatNumber(womenManaged, lang)} sub={t('kindShort.cooperative')} />
                <Kpi testId="kpi-youth" label={t('dashboard.youth')} value={formatNumber(youth, lang)} />
                <Kpi
                  testId="kpi-founded"
                  label={t('dashboard.foundedThisYear', { year: String(year) })}
                  value={formatNumber(h?.founded.total, lang)}
                />
              </>
            )}
          </section>
          <div className="chart-grid">
            <ProvinceMap
              testId="chart-map"
              title={`${t('dashboard.map')} — ${measureLabel}`}
              suffix={suffix}
              rows={mapData.data?.rows ?? []}
              provinceLabel={provinceLabel}
              format={fmt}
              selected={province}
              onSelect={forcedProvince ? undefined : (code) => set({ province: code === province ? '' : code })}
              note={scheme === 'legacy' ? t('dashboard.legacyNote') : t('dashboard.mapHelp')}
            />
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
              className="chart-box tall"
              data={[[t('field.province_code'), measureLabel], ...provinceTable.map((r) => [r.label, r.value])]}
              option={{
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
                grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                yAxis: { type: 'category', inverse: true, data: provinceTable.map((r) => r.label), axisLabel: { fontSize: 10, interval: 0 } },
                series: [{ type: 'bar', name: measureLabel, data: provinceTable.map((r) => r.value), itemStyle: { color: '#0b5cab' } }],
              }}
            />
            <ChartCard
              testId="chart-kind-status"
              title={t('dashboard.kindStatus')}
              suffix={suffix}
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
              title={t('dashboard.foundedPerYear')}
              suffix={suffix}
              data={[[t('figures.period'), t('dashboard.foundedPerYear')], ...charts.fy.map((r) => [r.label, r.value])]}
              footer={
                foundedYears.data && (
                  <p className="muted" style={{ margin: '4px 0 0' }}>
                    {t('dashboard.yearlyAverage', { value: formatNumber(foundedYears.data.yearly_average, lang, 1) })}
                  </p>
                )
              }
              option={{
                tooltip: { trigger: 'axis', valueFormatter: fmt },
                grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: charts.fy.map((r) => r.label) },
                yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v, lang) } },
                series: [{ type: 'bar', name: t('dashboard.foundedPerYear'), data: charts.fy.map((r) => r.value), itemStyle: { color: '#2f9e44' } }],
              }}
            />
            <ChartCard
              testId="chart-active"
              title={t('dashboard.activeOverTime')}
              suffix={suffix}
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
                    label: { formatter: (p: { name: string; percent: number }) => `${p.name}\n${formatPercent(p.percent / 100, lang)}` },
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

// The map of the 34 provinces, coloured by a measure; a click picks a province (drill-in).
// The outlines (map/provinces.json, simplified once by scripts/make-map.sh) load on demand.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ChartCard } from '../components/ChartCard';
import { formatCompact } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { sumBy } from './stats';
import type { StatsRow } from './types';

let outlines: Promise<unknown> | null = null;
export function loadOutlines(): Promise<unknown> {
  outlines ??= import('./map/provinces.json').then((m) => m.default);
  return outlines;
}

export interface ProvinceMapProps {
  title: string;
  suffix: string;
  /** Written on the downloaded picture (ChartCard). */
  scope?: string;
  period?: string;
  rows: StatsRow[];
  provinceLabel: (code: string) => string;
  format: (v: number) => string;
  selected: string;
  onSelect?: (code: string) => void;
  note: string;
  testId?: string;
  /** The registry list of a province's records (the data table links each row there). */
  rowHref?: (code: string) => string;
  /** The chosen province's records, linked under the map. */
  records?: { href: string; label: string };
  empty?: boolean;
  enterHref?: string;
  error?: Error;
  onRetry?: () => void;
}

export function ProvinceMap({ title, suffix, scope, period, rows, provinceLabel, format, selected, onSelect, note, testId, rowHref, records, ...state }: ProvinceMapProps) {
  const { t, lang } = useI18n();
  const [geo, setGeo] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    void loadOutlines().then((g) => live && setGeo(g));
    return () => {
      live = false;
    };
  }, []);
  const values = sumBy(rows, 'province');
  const max = Math.max(1, ...values.map((v) => v.value));
  const data = values.map((v) => ({ name: v.key, value: v.value, selected: v.key === selected }));
  return (
    <ChartCard
      testId={testId}
      title={title}
      suffix={suffix}
      scope={scope}
      period={period}
      className="chart-box tall"
      maps={geo ? { vn34: geo } : undefined}
      onClick={onSelect ? (p) => p.name && onSelect(p.name) : undefined}
      data={[[t('field.province_code'), t('dashboard.provinceCode'), title], ...values.map((v) => [provinceLabel(v.key), v.key, v.value])]}
      {...state}
      rowHref={rowHref ? (i) => (values[i] ? rowHref(values[i].key) : undefined) : undefined}
      footer={
        <>
          {records && (
            <p style={{ margin: '4px 0 0' }}>
              <Link to={records.href} data-testid={testId ? `${testId}-records` : undefined}>
                {records.label}
              </Link>
            </p>
          )}
          <p className="muted" style={{ margin: '4px 0 0' }}>
            {note}
          </p>
        </>
      }
      option={
        geo
          ? {
              tooltip: {
                trigger: 'item',
                formatter: (p: { name: string; value: number }) => `${provinceLabel(p.name)}: ${Number.isFinite(p.value) ? format(p.value) : '—'}`,
              },
              visualMap: {
                min: 0,
                max,
                left: 8,
                bottom: 8,
                calculable: true,
                itemHeight: 100,
                formatter: (v: number) => formatCompact(v, lang),
                inRange: { color: ['#e7f0fa', '#74a9e0', '#0b5cab', '#062f5a'] },
              },
              series: [
                {
                  type: 'map',
                  map: 'vn34',
                  nameProperty: 'code',
                  roam: true,
                  selectedMode: 'single',
                  aspectScale: 0.95,
                  layoutCenter: ['50%', '50%'],
                  layoutSize: '95%',
                  itemStyle: { borderColor: '#fff', borderWidth: 0.6, areaColor: '#f0f0f0' },
                  emphasis: { label: { show: true, formatter: (p: { name: string }) => provinceLabel(p.name) }, itemStyle: { areaColor: '#ffd43b' } },
                  select: { label: { show: true, formatter: (p: { name: string }) => provinceLabel(p.name) }, itemStyle: { areaColor: '#f59f00' } },
                  label: { show: false },
                  data,
                },
              ],
            }
          : {}
      }
    />
  );
}

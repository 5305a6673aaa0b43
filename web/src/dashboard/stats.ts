// The small reshaping the charts need of the statistics API's answers (api.ts makes the calls).
// The numbers shown are the API's numbers: nothing here recomputes a figure, it only picks
// rows and sums rows the API split by a dimension the chart does not show.
import type { SeriesAnswer, StatsRow } from './types';

export const MAP_MEASURES = [
  'count', 'members_total', 'members_female', 'workers_total', 'revenue_vnd', 'profit_vnd', 'charter_capital_vnd',
] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

/** Sum of the values of rows whose key `dim` is one of `values`. */
export function sumWhere(rows: StatsRow[], dim: string, ...values: string[]): number {
  return rows.filter((r) => values.includes(r.keys[dim])).reduce((n, r) => n + r.value, 0);
}

/** Rows summed by one of their keys: [{key, label, value}] in first-seen order. */
export function sumBy(rows: StatsRow[], dim: string): { key: string; label: string; value: number }[] {
  const out = new Map<string, { key: string; label: string; value: number }>();
  for (const r of rows) {
    const key = r.keys[dim] ?? '';
    const item = out.get(key) ?? { key, label: r.labels?.[dim] ?? key, value: 0 };
    item.value += r.value;
    out.set(key, item);
  }
  return [...out.values()];
}

/**
 * A two-dimensional table: rows of `rowDim`, columns of `colDim`, zero where the API has no row.
 * Keys in first-seen order.
 */
export function pivot(rows: StatsRow[], rowDim: string, colDim: string) {
  const rowKeys = sumBy(rows, rowDim);
  const colKeys = sumBy(rows, colDim);
  const cell = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.keys[rowDim]}\u0000${r.keys[colDim]}`;
    cell.set(k, (cell.get(k) ?? 0) + r.value);
  }
  return {
    rows: rowKeys,
    cols: colKeys,
    value: (row: string, col: string) => cell.get(`${row}\u0000${col}`) ?? 0,
  };
}

/** Series points as one line per group: periods on x, a value per period (null where missing). */
export function lines(answer: SeriesAnswer | undefined, dim?: string) {
  const periods: string[] = [];
  const groups = new Map<string, { label: string; values: Map<string, number> }>();
  for (const p of answer?.points ?? []) {
    if (!periods.includes(p.period)) periods.push(p.period);
    const key = dim ? (p.keys[dim] ?? '') : '';
    const g = groups.get(key) ?? { label: dim ? (p.labels?.[dim] ?? key) : '', values: new Map() };
    g.values.set(p.period, (g.values.get(p.period) ?? 0) + p.value);
    groups.set(key, g);
  }
  periods.sort();
  return {
    periods,
    groups: [...groups.entries()].map(([key, g]) => ({ key, label: g.label, data: periods.map((p) => g.values.get(p) ?? null) })),
  };
}

/**
 * Provinces ranked by value, largest first, ties by name (Vietnamese collation). With `all` (the
 * provinces of the scheme), those the answer has no row for are added with 0, so that they rank last.
 */
export function rankProvinces(rows: StatsRow[], label: (code: string) => string, all: { code: string; label: string }[] = []) {
  const ranked = sumBy(rows, 'province').map((r) => ({ ...r, label: r.label && r.label !== r.key ? r.label : label(r.key) }));
  for (const p of all) if (!ranked.some((r) => r.key === p.code)) ranked.push({ key: p.code, label: p.label || p.code, value: 0 });
  return ranked.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'vi'));
}

/** The share a/b, or null when b is 0. */
export function share(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

// The pivot table's logic, without React: its state in the URL, the API query it asks, and the
// table laid out from the answer — a line per combination of the row dimensions (a subtotal per
// value of the first when there are two or more), a column per combination of the column
// dimensions, row totals, column totals and the grand total; sorted by any column. The server's
// XLSX (GET /api/v1/stats/pivot, src/registry/index/pivot.cpp) lays out the same answer the same way.
import type { Query } from '../api/client';
import type { StatsRow } from '../dashboard/types';

/**
 * The dimensions /api/v1/stats/entities and /flows group by: `year` (the event's year) for flows
 * only, `status` for the stock only.
 */
export const DIMENSIONS = ['province', 'kind', 'status', 'sector', 'founded_year', 'women_managed', 'youth', 'commune', 'year'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** At most this many dimensions in all (the API's group_by limit). */
export const MAX_DIMENSIONS = 3;

export const MEASURES = [
  'count', 'members_total', 'members_female', 'members_youth', 'workers_total', 'workers_female', 'workers_members',
  'revenue_vnd', 'revenue_with_members_vnd', 'profit_vnd', 'avg_income_vnd_month', 'charter_capital_vnd',
] as const;
export type Measure = (typeof MEASURES)[number];

export const EVENTS = ['established', 'suspended', 'resumed', 'stopped', 'dissolved', 'bankrupt', 'reorganised', 'converted'] as const;
export type EventName = (typeof EVENTS)[number];

export interface PivotState {
  rows: Dimension[];
  cols: Dimension[];
  /** `stock`: the measure as of a date; `flows`: events counted over a period. */
  mode: 'stock' | 'flows';
  measure: Measure;
  asOf: string; // '' = today
  event: EventName;
  from: string;
  to: string;
  scheme: 'current' | 'legacy';
  province: string; // a filter ('' = all in scope)
  /** '' keeps the API's order; 'total' or a column key sorts lines by that column. */
  sort: string;
  dir: 'asc' | 'desc';
}

export const DEFAULT_STATE: PivotState = {
  rows: ['province'],
  cols: ['kind'],
  mode: 'stock',
  measure: 'count',
  asOf: '',
  event: 'established',
  from: '',
  to: '',
  scheme: 'current',
  province: '',
  sort: '',
  dir: 'asc',
};

/** Whether a dimension can group the mode's answer. */
export function dimensionFits(dim: Dimension, mode: 'stock' | 'flows'): boolean {
  return mode === 'flows' ? dim !== 'status' : dim !== 'year';
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}
function dims(text: string | null, mode: PivotState['mode']): Dimension[] {
  if (!text) return [];
  const out: Dimension[] = [];
  for (const d of text.split(',')) {
    const dim = d.trim() as Dimension;
    if (!(DIMENSIONS as readonly string[]).includes(dim) || out.includes(dim)) continue;
    if (!dimensionFits(dim, mode)) continue;
    out.push(dim);
  }
  return out;
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (v: string | null) => (v && ISO_DATE.test(v) ? v : '');

/** The state an address says; what it does not say (or says wrongly) is the default. */
export function parseState(params: URLSearchParams): PivotState {
  const mode = oneOf(['stock', 'flows'] as const, params.get('mode'), DEFAULT_STATE.mode);
  let rows = params.has('rows') ? dims(params.get('rows'), mode) : [...DEFAULT_STATE.rows];
  if (!rows.length) rows = [...DEFAULT_STATE.rows];
  let cols = (params.has('cols') ? dims(params.get('cols'), mode) : [...DEFAULT_STATE.cols]).filter((d) => !rows.includes(d));
  rows = rows.slice(0, MAX_DIMENSIONS);
  cols = cols.slice(0, MAX_DIMENSIONS - rows.length);
  return {
    rows,
    cols,
    mode,
    measure: oneOf(MEASURES, params.get('measure'), DEFAULT_STATE.measure),
    asOf: date(params.get('as_of')),
    event: oneOf(EVENTS, params.get('event'), DEFAULT_STATE.event),
    from: date(params.get('from')),
    to: date(params.get('to')),
    scheme: oneOf(['current', 'legacy'] as const, params.get('scheme'), DEFAULT_STATE.scheme),
    province: /^[0-9]{2}$/.test(params.get('province') ?? '') ? (params.get('province') as string) : '',
    sort: params.get('sort') ?? '',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address of a state: only what differs from the default, in a fixed order (a short, shareable URL). */
export function stateToParams(state: PivotState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('rows', state.rows.join(','));
  p.set('cols', state.cols.join(','));
  if (state.mode !== 'stock') p.set('mode', state.mode);
  if (state.mode === 'stock') {
    if (state.measure !== 'count') p.set('measure', state.measure);
    if (state.asOf) p.set('as_of', state.asOf);
  } else {
    if (state.event !== 'established') p.set('event', state.event);
    if (state.from) p.set('from', state.from);
    if (state.to) p.set('to', state.to);
  }
  if (state.scheme !== 'current') p.set('scheme', state.scheme);
  if (state.province) p.set('province', state.province);
  if (state.sort) p.set('sort', state.sort);
  if (state.sort && state.dir === 'desc') p.set('dir', 'desc');
  return p;
}

/** The statistics API's query for a state (/stats/entities or, in flows mode, /stats/flows). */
export function apiQuery(state: PivotState): Query {
  const common: Query = {
    group_by: [...state.rows, ...state.cols].join(','),
    province_scheme: state.scheme === 'legacy' ? 'legacy' : undefined,
    province: state.province || undefined,
  };
  if (state.mode === 'flows') return { ...common, event: state.event, from: state.from || undefined, to: state.to || undefined };
  return { ...common, measure: state.measure === 'count' ? undefined : state.measure, as_of: state.asOf || undefined };
}

/** The query of the XLSX download (/api/v1/stats/pivot): the same question, laid out by the server. */
export function xlsxQuery(state: PivotState, title: string): Query {
  const q = apiQuery(state);
  delete q.group_by;
  return { ...q, rows: state.rows.join(','), cols: state.cols.join(',') || undefined, sort: state.sort || undefined, dir: state.sort && state.dir === 'desc' ? 'desc' : undefined, title };
}

export interface PivotColumn {
  key: string; // the column dimensions' keys joined by '|'
  label: string; // their labels joined by ' · '
}
export interface PivotLine {
  kind: 'leaf' | 'subtotal' | 'total';
  /** A stable key (the row dimensions' keys joined by '|'; 'subtotal:<key>', 'total'). */
  key: string;
  labels: string[]; // one per row dimension ('' where a subtotal or the total has none)
  cells: (number | null)[]; // one per column; null: no row, or withheld
  total: number | null;
}
export interface PivotTable {
  columns: PivotColumn[]; // one column {key:'', label:''} when there are no column dimensions
  lines: PivotLine[];
}

/** Keys as the API orders them: unknown ('') first, numbers numerically, others as text. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  const na = /^\d+$/.test(a), nb = /^\d+$/.test(b);
  if (na && nb && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : 1;
}

const add = (sum: number | null, v: number | null) => (v === null || v === undefined ? sum : (sum ?? 0) + v);

/** Values that are missing go last whichever way the sort goes. */
function sortLines<T>(items: T[], value: (t: T) => number | null, dir: 'asc' | 'desc'): T[] {
  return items
    .map((item, i) => ({ item, i, v: value(item) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === null && b.v === null ? a.i - b.i : a.v === null ? 1 : -1;
      const d = dir === 'desc' ? b.v - a.v : a.v - b.v;
      return d !== 0 ? d : a.i - b.i;
    })
    .map((x) => x.item);
}

/**
 * Lays the API's rows out as the pivot table. `total`: the API's total, used as the grand total
 * when there are no column dimensions (the same sum for counts and officials' figures).
 */
export function buildPivot(rows: StatsRow[], state: Pick<PivotState, 'rows' | 'cols' | 'sort' | 'dir'>, total?: number | null): PivotTable {
  const rowKey = (r: StatsRow, ds: string[]) => ds.map((d) => r.keys[d] ?? '').join('|');
  const label = (r: StatsRow, ds: string[]) => ds.map((d) => r.labels?.[d] ?? r.keys[d] ?? '').join(' · ');
  // Columns ordered by their keys, dimension by dimension.
  const colMap = new Map<string, { parts: string[]; label: string }>();
  for (const r of rows) {
    const k = rowKey(r, state.cols);
    if (!colMap.has(k)) colMap.set(k, { parts: state.cols.map((d) => r.keys[d] ?? ''), label: label(r, state.cols) });
  }
  const columns: PivotColumn[] = state.cols.length
    ? [...colMap.entries()]
        .sort(([, a], [, b]) => {
          for (let i = 0; i < a.parts.length; i++) {
            const c = compareKeys(a.parts[i], b.parts[i]);
            if (c) return c;
          }
          return 0;
        })
        .map(([key, c]) => ({ key, label: c.label }))
    : [{ key: '', label: '' }];
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  const n = columns.length;

  const leaves: PivotLine[] = [];
  const leafGroup: string[] = [];
  const leafIndex = new Map<string, number>();
  for (const r of rows) {
    const k = rowKey(r, state.rows);
    let i = leafIndex.get(k);
    if (i === undefined) {
      i = leaves.length;
      leafIndex.set(k, i);
      leaves.push({ kind: 'leaf', key: k, labels: state.rows.map((d) => r.labels?.[d] ?? r.keys[d] ?? ''), cells: new Array(n).fill(null), total: null });
      leafGroup.push(r.keys[state.rows[0]] ?? '');
    }
    const c = colIndex.get(rowKey(r, state.cols)) ?? 0;
    if (r.value !== null && r.value !== undefined) leaves[i].cells[c] = r.value;
  }
  for (const l of leaves) l.total = l.cells.reduce<number | null>(add, null);

  const grand: PivotLine = { kind: 'total', key: 'total', labels: state.rows.map(() => ''), cells: new Array(n).fill(null), total: null };
  for (const l of leaves) {
    l.cells.forEach((v, c) => (grand.cells[c] = add(grand.cells[c], v)));
    grand.total = add(grand.total, l.total);
  }
  if (!state.cols.length && total !== undefined && total !== null) grand.total = total;

  const colOf = state.sort === 'total' ? -1 : state.sort ? (colIndex.get(state.sort) ?? -2) : -2;
  const value = (l: PivotLine) => (colOf === -1 ? l.total : colOf >= 0 ? l.cells[colOf] : null);
  const sorting = state.sort !== '' && colOf !== -2;

  let lines: PivotLine[];
  if (state.rows.length < 2) {
    lines = sorting ? sortLines(leaves, value, state.dir) : leaves;
  } else {
    const groups: { subtotal: PivotLine; lines: PivotLine[] }[] = [];
    const groupIndex = new Map<string, number>();
    leaves.forEach((l, i) => {
      let g = groupIndex.get(leafGroup[i]);
      if (g === undefined) {
        g = groups.length;
        groupIndex.set(leafGroup[i], g);
        const labels = state.rows.map(() => '');
        labels[0] = l.labels[0];
        groups.push({ subtotal: { kind: 'subtotal', key: `subtotal:${leafGroup[i]}`, labels, cells: new Array(n).fill(null), total: null }, lines: [] });
      }
      const group = groups[g];
      l.cells.forEach((v, c) => (group.subtotal.cells[c] = add(group.subtotal.cells[c], v)));
      group.subtotal.total = add(group.subtotal.total, l.total);
      group.lines.push(l);
    });
    const ordered = sorting ? sortLines(groups, (g) => value(g.subtotal), state.dir) : groups;
    lines = ordered.flatMap((g) => [...(sorting ? sortLines(g.lines, value, state.dir) : g.lines), g.subtotal]);
  }
  return { columns, lines: [...lines, grand] };
}

/** The next sort when a column header is clicked: ascending, descending, then the API's order. */
export function nextSort(state: Pick<PivotState, 'sort' | 'dir'>, column: string): Pick<PivotState, 'sort' | 'dir'> {
  if (state.sort !== column) return { sort: column, dir: 'desc' };
  if (state.dir === 'desc') return { sort: column, dir: 'asc' };
  return { sort: '', dir: 'asc' };
}

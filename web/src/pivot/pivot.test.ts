import { describe, expect, it } from 'vitest';
import type { StatsRow } from '../dashboard/types';
import { apiQuery, buildPivot, DEFAULT_STATE, nextSort, parseState, stateToParams, xlsxQuery, type PivotState } from './pivot';

const row = (keys: Record<string, string>, value: number | null, labels?: Record<string, string>): StatsRow =>
  ({ keys, labels: labels ?? Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.toUpperCase() || '?'])), value }) as StatsRow;

// province × kind: 01 has 3 cooperatives and 1 group, 79 has 5 cooperatives, "" (unknown) 2 groups.
const PROVINCE_KIND: StatsRow[] = [
  row({ province: '', kind: 'group' }, 2),
  row({ province: '01', kind: 'cooperative' }, 3),
  row({ province: '01', kind: 'group' }, 1),
  row({ province: '79', kind: 'cooperative' }, 5),
];

describe('buildPivot', () => {
  it('lays out cells, row totals, column totals and the grand total', () => {
    const t = buildPivot(PROVINCE_KIND, { rows: ['province'], cols: ['kind'], sort: '', dir: 'asc' });
    expect(t.columns.map((c) => c.key)).toEqual(['cooperative', 'group']);
    expect(t.lines.map((l) => [l.kind, l.labels[0], l.cells, l.total])).toEqual([
      ['leaf', '?', [null, 2], 2],
      ['leaf', '01', [3, 1], 4],
      ['leaf', '79', [5, null], 5],
      ['total', '', [8, 3], 11],
    ]);
  });

  it('uses the API total as the grand total without column dimensions', () => {
    const rows = [row({ kind: 'cooperative' }, 8), row({ kind: 'group' }, 3)];
    const t = buildPivot(rows, { rows: ['kind'], cols: [], sort: '', dir: 'asc' }, 11);
    expect(t.columns).toEqual([{ key: '', label: '' }]);
    expect(t.lines.at(-1)?.total).toBe(11);
    expect(t.lines[0].total).toBe(8);
  });

  it('adds a subtotal per value of the first row dimension', () => {
    const rows = [
      row({ province: '01', kind: 'cooperative', status: 'active' }, 3),
      row({ province: '01', kind: 'group', status: 'active' }, 1),
      row({ province: '01', kind: 'group', status: 'stopped' }, 2),
      row({ province: '79', kind: 'cooperative', status: 'stopped' }, 4),
    ];
    const t = buildPivot(rows, { rows: ['province', 'kind'], cols: ['status'], sort: '', dir: 'asc' });
    expect(t.lines.map((l) => [l.kind, l.labels.join('/'), l.cells, l.total])).toEqual([
      ['leaf', '01/COOPERATIVE', [3, null], 3],
      ['leaf', '01/GROUP', [1, 2], 3],
      ['subtotal', '01/', [4, 2], 6],
      ['leaf', '79/COOPERATIVE', [null, 4], 4],
      ['subtotal', '79/', [null, 4], 4],
      ['total', '/', [4, 6], 10],
    ]);
  });

  it('orders columns by key, numbers numerically, unknown first', () => {
    const rows = [row({ kind: 'a', founded_year: '2016' }, 1), row({ kind: 'a', founded_year: '998' }, 1), row({ kind: 'a', founded_year: '' }, 1)];
    const t = buildPivot(rows, { rows: ['kind'], cols: ['founded_year'], sort: '', dir: 'asc' });
    expect(t.columns.map((c) => c.key)).toEqual(['', '998', '2016']);
  });

  it('joins two column dimensions', () => {
    const rows = [row({ province: '01', kind: 'group', status: 'active' }, 1), row({ province: '01', kind: 'cooperative', status: 'active' }, 2)];
    const t = buildPivot(rows, { rows: ['province'], cols: ['kind', 'status'], sort: '', dir: 'asc' });
    expect(t.columns).toEqual([
      { key: 'cooperative|active', label: 'COOPERATIVE · ACTIVE' },
      { key: 'group|active', label: 'GROUP · ACTIVE' },
    ]);
  });

  it('sorts by a column or the total, withheld values last, the total line stays last', () => {
    const rows = [...PROVINCE_KIND, row({ province: '48', kind: 'cooperative' }, null)];
    const byCoop = buildPivot(rows, { rows: ['province'], cols: ['kind'], sort: 'cooperative', dir: 'desc' });
    expect(byCoop.lines.map((l) => l.labels[0])).toEqual(['79', '01', '?', '48', '']);
    const asc = buildPivot(rows, { rows: ['province'], cols: ['kind'], sort: 'cooperative', dir: 'asc' });
    expect(asc.lines.map((l) => l.labels[0])).toEqual(['01', '79', '?', '48', '']);
    const byTotal = buildPivot(rows, { rows: ['province'], cols: ['kind'], sort: 'total', dir: 'asc' });
    expect(byTotal.lines.map((l) => l.labels[0])).toEqual(['?', '01', '79', '48', '']);
    // An unknown column keeps the API's order.
    const unknown = buildPivot(rows, { rows: ['province'], cols: ['kind'], sort: 'nothing', dir: 'asc' });
    expect(unknown.lines.map((l) => l.labels[0])).toEqual(['?', '01', '79', '48', '']);
  });

  it('sorts groups by their subtotal and lines inside each group', () => {
    const rows = [
      row({ province: '01', kind: 'a' }, 1),
      row({ province: '01', kind: 'b' }, 5),
      row({ province: '79', kind: 'a' }, 4),
      row({ province: '79', kind: 'b' }, 3),
    ];
    const t = buildPivot(rows, { rows: ['province', 'kind'], cols: [], sort: 'total', dir: 'desc' });
    expect(t.lines.map((l) => `${l.kind}:${l.labels.join('/')}:${l.total}`)).toEqual([
      'leaf:79/A:4', 'leaf:79/B:3', 'subtotal:79/:7', 'leaf:01/B:5', 'leaf:01/A:1', 'subtotal:01/:6', 'total:/:13',
    ]);
  });
});

describe('the state in the URL', () => {
  it('round-trips', () => {
    const state: PivotState = {
      ...DEFAULT_STATE,
      rows: ['province', 'kind'],
      cols: ['status'],
      measure: 'members_total',
      asOf: '2025-12-31',
      scheme: 'legacy',
      province: '01',
      sort: 'active',
      dir: 'desc',
    };
    const params = stateToParams(state);
    expect(params.toString()).toBe('rows=province%2Ckind&cols=status&measure=members_total&as_of=2025-12-31&scheme=legacy&province=01&sort=active&dir=desc');
    expect(parseState(new URLSearchParams(params.toString()))).toEqual(state);
    const flows: PivotState = { ...DEFAULT_STATE, mode: 'flows', rows: ['year'], cols: ['kind'], event: 'dissolved', from: '2015-01-01', to: '2020-12-31' };
    expect(parseState(stateToParams(flows))).toEqual(flows);
    expect(parseState(stateToParams(DEFAULT_STATE))).toEqual(DEFAULT_STATE);
  });

  it('reads a bad address as the default, keeping at most three dimensions in all', () => {
    const s = parseState(new URLSearchParams('rows=planet&cols=kind,kind,year&measure=x&as_of=yesterday&dir=up&province=1'));
    expect(s.rows).toEqual(['province']);
    expect(s.cols).toEqual(['kind']); // duplicates dropped, `year` is for flows only
    expect(parseState(new URLSearchParams('mode=flows&rows=year&cols=kind,status')).cols).toEqual(['kind']); // no status in flows
    expect(s.measure).toBe('count');
    expect(s.asOf).toBe('');
    expect(s.dir).toBe('asc');
    expect(s.province).toBe('');
    const many = parseState(new URLSearchParams('rows=province,kind&cols=status,sector'));
    expect([...many.rows, ...many.cols]).toEqual(['province', 'kind', 'status']);
    // A dimension in both rows and columns stays in the rows.
    expect(parseState(new URLSearchParams('rows=kind&cols=kind,status')).cols).toEqual(['status']);
  });

  it('asks the API and the XLSX the same question', () => {
    const s: PivotState = { ...DEFAULT_STATE, rows: ['province'], cols: ['kind', 'status'], asOf: '2025-12-31', sort: 'total', dir: 'desc' };
    expect(apiQuery(s)).toMatchObject({ group_by: 'province,kind,status', as_of: '2025-12-31' });
    const x = xlsxQuery(s, 'Số tổ chức');
    expect(x).toMatchObject({ rows: 'province', cols: 'kind,status', as_of: '2025-12-31', sort: 'total', dir: 'desc', title: 'Số tổ chức' });
    expect(x.group_by).toBeUndefined();
    const f = apiQuery({ ...DEFAULT_STATE, mode: 'flows', rows: ['year'], cols: [], from: '2020-01-01' });
    expect(f).toMatchObject({ group_by: 'year', event: 'established', from: '2020-01-01' });
    expect(f.measure).toBeUndefined();
  });
});

describe('nextSort', () => {
  it('goes descending, ascending, then back to the API order', () => {
    let s = { sort: '', dir: 'asc' as const as 'asc' | 'desc' };
    s = nextSort(s, 'total');
    expect(s).toEqual({ sort: 'total', dir: 'desc' });
    s = nextSort(s, 'total');
    expect(s).toEqual({ sort: 'total', dir: 'asc' });
    expect(nextSort(s, 'total')).toEqual({ sort: '', dir: 'asc' });
    expect(nextSort(s, 'group')).toEqual({ sort: 'group', dir: 'desc' });
  });
});

import { changedMembers, toBody } from '../src/registry/EntityFormPage';
import { parseFigures, periodSortKey } from '../src/registry/figures';
import { apiFilters, columnOrder, effectiveSort, hasFilters, readFilters, sortFor, writeFilters } from '../src/registry/filters';
import { diffObjects } from '../src/registry/history';
import { lines, pivot, share, sumBy, sumWhere } from '../src/dashboard/stats';
import dayjs from 'dayjs';
import type { Entity, StatsRow } from '../src/api/types';

const row = (keys: Record<string, string>, value: number, labels: Record<string, string> = keys): StatsRow => ({ keys, labels, value });

describe('registry filters in the address bar', () => {
  it('round-trip and give the API only what is set', () => {
    const f = readFilters(new URLSearchParams('q=htx%20dong%20thap&kind=cooperative&women_managed=true&page=3&size=100'));
    expect(f).toMatchObject({ q: 'htx dong thap', kind: 'cooperative', women_managed: 'true', page: 3, size: 100, province: '' });
    expect(writeFilters(f).toString()).toBe('q=htx+dong+thap&kind=cooperative&women_managed=true&page=3&size=100');
    expect(apiFilters(f)).toEqual({ q: 'htx dong thap', kind: 'cooperative', women_managed: 'true' });
  });
  it('ignore nonsense paging', () => {
    expect(readFilters(new URLSearchParams('page=-2&size=7'))).toMatchObject({ page: 1, size: 50 });
  });
  it('keep the sort order for the list and the export, not as a filter', () => {
    const f = readFilters(new URLSearchParams('province=01&sort=-founded_on'));
    expect(f.sort).toBe('-founded_on');
    expect(writeFilters(f).toString()).toBe('province=01&sort=-founded_on');
    expect(apiFilters(f)).toEqual({ province: '01', sort: '-founded_on' });
    expect(hasFilters(readFilters(new URLSearchParams('sort=name')))).toBe(false);
    expect(readFilters(new URLSearchParams('sort=kind')).sort).toBe('');
  });
  it('know the order the API applies and how each sortable column shows it', () => {
    expect(effectiveSort({ q: '', sort: '' })).toBe('name');
    expect(effectiveSort({ q: 'dong thap', sort: '' })).toBe('relevance');
    expect(effectiveSort({ q: '', sort: 'relevance' })).toBe('name');
    expect(effectiveSort({ q: 'x', sort: '-founded_on' })).toBe('-founded_on');
    expect(columnOrder('name', 'name')).toBe('ascend');
    expect(columnOrder('-name', 'name')).toBe('descend');
    expect(columnOrder('-name', 'founded_on')).toBe(null);
    expect(columnOrder('relevance', 'name')).toBe(null);
    expect(sortFor('founded_on', 'descend')).toBe('-founded_on');
    expect(sortFor('name', 'ascend')).toBe('name');
    expect(sortFor('name', null)).toBe('');
  });
});

describe('entity form', () => {
  it('sends ISO dates, trimmed text and null for emptied fields', () => {
    expect(toBody({ name: '  HTX Tân Lập ', founded_on: dayjs('2015-03-01'), email: '', youth: true, chair_birth_year: 1970 })).toEqual({
      name: 'HTX Tân Lập',
      founded_on: '2015-03-01',
      email: null,
      youth: true,
      chair_birth_year: 1970,
    });
  });
  it('patches only what changed', () => {
    const stored = { id: 1, name: 'HTX A', email: '', phone: '0912', women_managed: false, founded_on: '2015-03-01' } as unknown as Entity;
    expect(changedMembers({ name: 'HTX A', email: null, phone: '0913', women_managed: true, founded_on: '2015-03-01' }, stored)).toEqual({
      phone: '0913',
      women_managed: true,
    });
  });
});

describe('figures', () => {
  it('read both shapes and order periods', () => {
    const flat = parseFigures({ items: [{ period: '2024', members_total: 30 }, { period: '2023', members_total: 25, revenue_vnd: null }] });
    expect(flat.map((p) => p.period)).toEqual(['2023', '2024']);
    expect(flat[0].values).toEqual({ members_total: 25, revenue_vnd: null });
    const nested = parseFigures({ items: [{ period: '2024S1', figures: { workers_total: 12 } }] });
    expect(nested[0].values).toEqual({ workers_total: 12 });
    expect(parseFigures(undefined)).toEqual([]);
  });
  it('sorts a year before its halves and quarters', () => {
    const periods = ['2024Q2', '2024S1', '2023', '2024', '2024M01-09', '2024Q1'];
    expect([...periods].sort((a, b) => periodSortKey(a).localeCompare(periodSortKey(b)))).toEqual([
      '2023', '2024', '2024S1', '2024Q1', '2024M01-09', '2024Q2',
    ]);
  });
});

describe('history', () => {
  it('lists the members that changed, not the bookkeeping ones', () => {
    expect(diffObjects({ name: 'A', address: '', updated_at_ms: 1 }, { name: 'A', address: 'Số 1', updated_at_ms: 2 })).toEqual([
      { field: 'address', before: '', after: 'Số 1' },
    ]);
    expect(diffObjects(null, { name: 'A' })).toEqual([{ field: 'name', before: undefined, after: 'A' }]);
  });
});

describe('stats reshaping', () => {
  const rows = [
    row({ kind: 'cooperative', status: 'active' }, 100, { kind: 'Hợp tác xã', status: 'Đang hoạt động' }),
    row({ kind: 'cooperative', status: 'stopped' }, 20, { kind: 'Hợp tác xã', status: 'Ngừng hoạt động' }),
    row({ kind: 'group', status: 'active' }, 300, { kind: 'Tổ hợp tác', status: 'Đang hoạt động' }),
  ];
  it('sums rows by a key', () => {
    expect(sumWhere(rows, 'status', 'active')).toBe(400);
    expect(sumWhere(rows, 'status', 'active', 'stopped')).toBe(420);
    expect(sumBy(rows, 'kind')).toEqual([
      { key: 'cooperative', label: 'Hợp tác xã', value: 120 },
      { key: 'group', label: 'Tổ hợp tác', value: 300 },
    ]);
  });
  it('pivots with zeros for missing cells', () => {
    const p = pivot(rows, 'kind', 'status');
    expect(p.rows.map((r) => r.key)).toEqual(['cooperative', 'group']);
    expect(p.cols.map((c) => c.label)).toEqual(['Đang hoạt động', 'Ngừng hoạt động']);
    expect(p.value('group', 'stopped')).toBe(0);
    expect(p.value('cooperative', 'stopped')).toBe(20);
  });
  it('turns series points into lines with gaps as null', () => {
    const l = lines(
      {
        measure: 'count',
        interval: 'year',
        group_by: ['kind'],
        points: [
          { period: '2024', end: '2024-12-31', keys: { kind: 'group' }, labels: { kind: 'THT' }, value: 7 },
          { period: '2023', end: '2023-12-31', keys: { kind: 'group' }, labels: { kind: 'THT' }, value: 5 },
          { period: '2024', end: '2024-12-31', keys: { kind: 'union' }, labels: { kind: 'LHHTX' }, value: 1 },
        ],
      },
      'kind',
    );
    expect(l.periods).toEqual(['2023', '2024']);
    expect(l.groups).toEqual([
      { key: 'group', label: 'THT', data: [5, 7] },
      { key: 'union', label: 'LHHTX', data: [null, 1] },
    ]);
  });
  it('shares guard against zero', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(1, 0)).toBeNull();
  });
});

import dayjs from 'dayjs';
import { changedMembers, toBody } from './EntityFormPage';
import { parseFigures, periodSortKey } from './figures';
import { activeFilterCount, apiFilters, columnOrder, effectiveSort, hasFilters, readFilters, registryHref, sortFor, writeFilters } from './filters';
import { diffObjects } from './history';
import type { Entity } from './types';

describe('registry filters in the address bar', () => {
  it('round-trip and give the API only what is set', () => {
    const f = readFilters(new URLSearchParams('q=htx%20dong%20thap&kind=cooperative&women_managed=true&page=3&size=100'));
    expect(f).toMatchObject({ q: 'htx dong thap', kind: 'cooperative', women_managed: 'true', page: 3, size: 100, province: '' });
    expect(writeFilters(f).toString()).toBe('q=htx+dong+thap&kind=cooperative&women_managed=true&page=3&size=100');
    expect(apiFilters(f)).toEqual({ q: 'htx dong thap', kind: 'cooperative', women_managed: 'true' });
    // Not an official: the filters only officials may use are left out (the API would refuse them).
    expect(apiFilters(f, false)).toEqual({ q: 'htx dong thap', kind: 'cooperative' });
  });
  it("carry a commune (the dashboard's commune table links to its list)", () => {
    const href = registryHref({ province: '01', commune: '00004', status: 'active', as_of: '2025-12-31' });
    expect(href).toBe('/registry?province=01&commune=00004&status=active&as_of=2025-12-31');
    const f = readFilters(new URLSearchParams(href.split('?')[1]));
    expect(f.commune).toBe('00004');
    expect(apiFilters(f, false)).toEqual({ province: '01', commune: '00004', status: 'active', as_of: '2025-12-31' });
    expect(hasFilters(readFilters(new URLSearchParams('commune=00004')))).toBe(true);
  });
  it('count the filters set besides the search, the founding range as one', () => {
    const f = readFilters(new URLSearchParams('q=dong&kind=cooperative&province=87&youth=true&founded_from=2020-01-01&founded_to=2020-12-31&sort=name&page=2'));
    expect(activeFilterCount(f, true)).toBe(4);
    // The filters only officials may use are not sent for others, so not counted.
    expect(activeFilterCount(f, false)).toBe(3);
    expect(activeFilterCount(readFilters(new URLSearchParams('q=dong&sort=-name')), true)).toBe(0);
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

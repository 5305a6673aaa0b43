import { lines, pivot, rankProvinces, share, sumBy, sumWhere } from './stats';
import type { StatsRow } from './types';

const row = (keys: Record<string, string>, value: number, labels: Record<string, string> = keys): StatsRow => ({ keys, labels, value });

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
  it('ranks provinces, those without a row last with 0', () => {
    const answer = [row({ province: '15' }, 3, { province: 'Yên Bái' }), row({ province: '01' }, 7, { province: '01' }), row({ province: '20' }, 3, { province: 'Lạng Sơn' })];
    const names: Record<string, string> = { '01': 'Hà Nội', '10': 'Lào Cai', '04': 'Cao Bằng' };
    expect(rankProvinces(answer, (c) => names[c] ?? c).map((r) => [r.label, r.value])).toEqual([['Hà Nội', 7], ['Lạng Sơn', 3], ['Yên Bái', 3]]);
    const all = ['01', '04', '10', '15', '20'].map((code) => ({ code, label: names[code] ?? '' }));
    expect(rankProvinces(answer, (c) => names[c] ?? c, all).map((r) => [r.key, r.value])).toEqual([['01', 7], ['20', 3], ['15', 3], ['04', 0], ['10', 0]]);
  });
});

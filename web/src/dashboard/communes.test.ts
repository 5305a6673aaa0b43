import { cellValue, communeName, communeTable, sortCommunes, topCommunes } from './communes';
import type { StatsRow } from './types';

const units = [
  { code: '00004', name: 'Ba Đình', name_en: 'Ba Dinh', full_name: 'Phường Ba Đình', full_name_en: 'Ba Dinh Ward' },
  { code: '00008', name: 'Ngọc Hà', name_en: 'Ngoc Ha', full_name: 'Phường Ngọc Hà', full_name_en: 'Ngoc Ha Ward' },
  { code: '00025', name: 'Giảng Võ', name_en: 'Giang Vo', full_name: 'Phường Giảng Võ', full_name_en: 'Giang Vo Ward' },
  { code: '09999', name: 'Đông Anh', name_en: 'Dong Anh', full_name: 'Xã Đông Anh', full_name_en: 'Dong Anh Commune' },
];
const row = (commune: string, key: string, value: number, label = commune): StatsRow => ({
  keys: { commune, [key.split('=')[0]]: key.split('=')[1] },
  labels: { commune: label },
  value,
});
const byKind = [
  row('00008', 'kind=cooperative', 3),
  row('00008', 'kind=group', 1),
  row('00004', 'kind=cooperative', 4),
  row('00025', 'kind=credit_fund', 1),
  row('', 'kind=cooperative', 2, 'Không rõ'),
  // A commune the list lacks (the list failed, or the code is of another province): kept, by its label.
  row('00100', 'kind=union', 1, 'Phúc Xá'),
];
const byStatus = [
  row('00008', 'status=active', 3),
  row('00008', 'status=stopped', 1),
  row('00004', 'status=active', 4),
  row('00025', 'status=active', 1),
  row('', 'status=active', 2),
  row('00100', 'status=active', 1),
];

describe('the communes of a province, ranked', () => {
  const table = communeTable(units, byKind, byStatus, 'vi', ['cooperative', 'union', 'group', 'credit_fund'], ['active', 'suspended', 'stopped']);

  it('has every commune, those without organisations last with 0, ranked by total then name', () => {
    expect(table.rows.map((r) => [r.name, r.total, r.rank])).toEqual([
      ['Phường Ba Đình', 4, 1],
      ['Phường Ngọc Hà', 4, 1],
      ['Phúc Xá', 1, 3],
      ['Phường Giảng Võ', 1, 3],
      ['Xã Đông Anh', 0, 5],
    ]);
    expect(table.rows.find((r) => r.code === '00008')).toMatchObject({ kinds: { cooperative: 3, group: 1 }, statuses: { active: 3, stopped: 1 } });
  });

  it('keeps the organisations without a commune apart', () => {
    expect(table.unknown).toMatchObject({ code: '', total: 2, kinds: { cooperative: 2 }, statuses: { active: 2 } });
  });

  it('has columns for the kinds and statuses met, in the given order', () => {
    expect(table.kinds).toEqual(['cooperative', 'union', 'group', 'credit_fund']);
    expect(table.statuses).toEqual(['active', 'stopped']);
  });

  it('names communes by their full name in the language', () => {
    expect(communeName(units[0], 'vi')).toBe('Phường Ba Đình');
    expect(communeName(units[0], 'en')).toBe('Ba Dinh Ward');
    expect(communeName({ code: '1', name: 'X' }, 'en')).toBe('X');
    expect(communeTable(units, [], [], 'en', [], []).rows.map((r) => r.name)).toEqual(['Ba Dinh Ward', 'Dong Anh Commune', 'Giang Vo Ward', 'Ngoc Ha Ward']);
  });

  it('sorts by a column and finds a commune without diacritics', () => {
    expect(sortCommunes(table.rows, 'status:stopped', 'desc').map((r) => r.code)[0]).toBe('00008');
    expect(sortCommunes(table.rows, 'kind:credit_fund', 'desc').map((r) => r.code)[0]).toBe('00025');
    // By name, A to Z in Vietnamese (Đ after D, before G); Z to A.
    expect(sortCommunes(table.rows, 'name', 'asc').map((r) => r.name)).toEqual(['Phúc Xá', 'Phường Ba Đình', 'Phường Giảng Võ', 'Phường Ngọc Hà', 'Xã Đông Anh']);
    expect(sortCommunes(table.rows, 'total', 'asc').map((r) => r.total)).toEqual([0, 1, 1, 4, 4]);
    expect(sortCommunes(table.rows, 'total', 'desc', 'dong anh').map((r) => r.code)).toEqual(['09999']);
    expect(sortCommunes(table.rows, 'total', 'desc', 'NGOC  ha').map((r) => r.code)).toEqual(['00008']);
    expect(sortCommunes(table.rows, 'total', 'desc', 'phuong').length).toBe(3);
    expect(cellValue(table.rows[0], 'kind:union')).toBe(0);
  });

  it('charts the top communes with the others summed', () => {
    expect(topCommunes(table.rows, 2)).toEqual({ top: [table.rows[0], table.rows[1]], others: { count: 2, total: 2 } });
    // Communes without organisations are not bars.
    expect(topCommunes(table.rows, 10)).toEqual({ top: table.rows.slice(0, 4), others: null });
  });
});

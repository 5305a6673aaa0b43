import { cellText, changedIds, gridLink, keyMove, mapErrors, move, parseCell, parseClipboard, rowEditable, rowValues, setEdit, shownValues, type Edits } from './grid';
import type { FormField, FormRule } from './types';

const members: FormField = { code: 'members_total', label_vi: 'Tổng số thành viên', label_en: 'Members', type: 'integer', min: 0 };
const revenue: FormField = { code: 'revenue_vnd', label_vi: 'Doanh thu', label_en: 'Revenue', type: 'money' };
const women: FormField = { code: 'women_managed', label_vi: 'Nữ', label_en: 'Women', type: 'yes_no', profile: 'women_managed' };
const sector: FormField = { code: 'sector', label_vi: 'Ngành', label_en: 'Sector', type: 'choice', profile: 'sector', choices: ['agriculture', 'fisheries'] };
const founded: FormField = { code: 'founded', label_vi: 'Ngày', label_en: 'Date', type: 'date' };
const address: FormField = { code: 'address', label_vi: 'Địa chỉ', label_en: 'Address', type: 'text' };

describe('grid navigation', () => {
  it('moves with arrows inside the grid and stops at its edges', () => {
    expect(move({ row: 0, col: 0 }, 'up', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 0, col: 0 }, 'down', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(move({ row: 2, col: 3 }, 'down', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(move({ row: 1, col: 3 }, 'right', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(move({ row: 1, col: 2 }, 'left', 3, 4)).toEqual({ row: 1, col: 1 });
    expect(move({ row: 1, col: 2 }, 'home', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(move({ row: 1, col: 0 }, 'end', 3, 4)).toEqual({ row: 1, col: 3 });
  });

  it('Tab goes on to the next row at the end of one, Shift+Tab back; the last cell stays', () => {
    expect(move({ row: 0, col: 3 }, 'next', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(move({ row: 1, col: 0 }, 'prev', 3, 4)).toEqual({ row: 0, col: 3 });
    expect(move({ row: 2, col: 3 }, 'next', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(move({ row: 0, col: 0 }, 'prev', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 5, col: 5 }, 'down', 0, 4)).toEqual({ row: 0, col: 0 });
  });

  it('reads the keys as moves: Enter down, Shift+Enter up, Tab next', () => {
    expect(keyMove('Enter', false)).toBe('down');
    expect(keyMove('Enter', true)).toBe('up');
    expect(keyMove('Tab', false)).toBe('next');
    expect(keyMove('Tab', true)).toBe('prev');
    expect(keyMove('ArrowLeft', false)).toBe('left');
    expect(keyMove('a', false)).toBeNull();
  });
});

describe('paste', () => {
  it('reads a block copied from Excel: tabs and line breaks, the last one ending the block', () => {
    expect(parseClipboard('12\t1.500.000\r\n7\t800\r\n')).toEqual([
      ['12', '1.500.000'],
      ['7', '800'],
    ]);
    expect(parseClipboard('5')).toEqual([['5']]);
    expect(parseClipboard('a\t\tc\n')).toEqual([['a', '', 'c']]);
    expect(parseClipboard('')).toEqual([]);
  });

  it('keeps quoted cells whole: tabs, line breaks and doubled quotes inside', () => {
    expect(parseClipboard('"Số 1, ""Đường A""\nXã B"\t3\n')).toEqual([['Số 1, "Đường A"\nXã B', '3']]);
  });
});

describe('cell text', () => {
  it('reads numbers as typed in Vietnamese, plain digits too; refuses words and fractions of whole numbers', () => {
    expect(parseCell(members, '1.234', 'vi')).toEqual({ value: 1234, problem: null });
    expect(parseCell(revenue, '1500000000', 'vi')).toEqual({ value: 1500000000, problem: null });
    expect(parseCell(revenue, '-20.000', 'vi')).toEqual({ value: -20000, problem: null });
    expect(parseCell(members, ' ', 'vi')).toEqual({ value: null, problem: null });
    expect(parseCell(members, 'mười', 'vi').problem?.key).toBe('report.check.number');
    expect(parseCell(members, '12,5', 'vi').problem?.key).toBe('report.check.whole');
    expect(parseCell(members, '1,234', 'en')).toEqual({ value: 1234, problem: null });
  });

  it('leaves bounds to the server: a negative number is sent as it is', () => {
    expect(parseCell(members, '-5', 'vi')).toEqual({ value: -5, problem: null });
  });

  it('reads yes/no, choices by their words without diacritics, dates as dd/mm/yyyy', () => {
    expect(parseCell(women, 'Có', 'vi').value).toBe(true);
    expect(parseCell(women, 'khong', 'vi').value).toBe(false);
    expect(parseCell(women, 'x', 'vi').value).toBe(true);
    expect(parseCell(women, 'hmm', 'vi').problem?.key).toBe('grid.check.yesNo');
    expect(parseCell(sector, 'agriculture', 'vi').value).toBe('agriculture');
    expect(parseCell(sector, 'thuy san', 'vi').value).toBe('fisheries');
    expect(parseCell(sector, 'bay', 'vi').problem?.key).toBe('report.check.choice');
    expect(parseCell(founded, '5/3/2024', 'vi').value).toBe('2024-03-05');
    expect(parseCell(address, ' Số 1 ', 'vi').value).toBe(' Số 1 ');
  });

  it('writes values back as they are typed', () => {
    expect(cellText(revenue, 1500000, 'vi', 'Có', 'Không')).toBe('1.500.000');
    expect(cellText(women, false, 'vi', 'Có', 'Không')).toBe('Không');
    expect(cellText(founded, '2024-03-05', 'vi', 'Có', 'Không')).toBe('05/03/2024');
    expect(cellText(members, null, 'vi', 'Có', 'Không')).toBe('');
  });
});

describe('change tracking', () => {
  it('keeps a cell as an edit until it is typed back to the server value, and drops empty rows', () => {
    let edits: Edits = {};
    edits = setEdit(edits, 7, 'members_total', { text: '15', value: 15, problem: null }, 12);
    edits = setEdit(edits, 7, 'revenue_vnd', { text: '1', value: 1, problem: null }, null);
    edits = setEdit(edits, 9, 'members_total', { text: 'x', value: 'x', problem: { key: 'report.check.number' } }, 3);
    expect(changedIds(edits)).toEqual([7, 9]);
    expect(rowValues(edits[7])).toEqual({ members_total: 15, revenue_vnd: 1 });
    expect(rowValues(edits[9])).toBeNull();
    const before = edits;
    edits = setEdit(edits, 7, 'members_total', { text: '12', value: 12, problem: null }, 12);
    expect(before[7].members_total).toBeDefined(); // not changed in place
    expect(Object.keys(edits[7])).toEqual(['revenue_vnd']);
    edits = setEdit(edits, 7, 'revenue_vnd', { text: '', value: null, problem: null }, undefined);
    expect(changedIds(edits)).toEqual([9]);
    expect(shownValues({ members_total: 3, revenue_vnd: 5 }, { revenue_vnd: { text: '6', value: 6, problem: null } })).toEqual({ members_total: 3, revenue_vnd: 6 });
  });

  it('locks submitted and approved reports', () => {
    expect(rowEditable(null)).toBe(true);
    expect(rowEditable('draft')).toBe(true);
    expect(rowEditable('returned')).toBe(true);
    expect(rowEditable('submitted')).toBe(false);
    expect(rowEditable('approved')).toBe(false);
  });
});

describe('server errors', () => {
  const rules: FormRule[] = [{ code: 'members_female_le_total', left: 'members_female', op: '<=', right: 'members_total', severity: 'error', message_vi: 'Nữ ≤ tổng', message_en: 'w ≤ t' }];
  it('puts each field error in its cell, a rule in its left field, the rest on the row', () => {
    const out = mapErrors(
      [
        { field: 'members_total', code: 'report_below_min', message: 'Không được nhỏ hơn 0.' },
        { field: 'values.revenue_vnd', code: 'report_invalid_type', message: 'Cần số.' },
        { field: 'members_female_le_total', code: 'report_rule', message: 'Quy tắc' },
        { field: 'notes.x', code: 'report_unknown_field', message: 'Không có trường x.' },
      ],
      ['members_total', 'revenue_vnd', 'members_female'],
      rules,
    );
    expect(out.cells).toEqual({ members_total: ['Không được nhỏ hơn 0.'], revenue_vnd: ['Cần số.'], members_female: ['Quy tắc'] });
    expect(out.general).toEqual(['Không có trường x.']);
    expect(mapErrors([], ['a'], rules, 'Báo cáo đã khóa.').general).toEqual(['Báo cáo đã khóa.']);
  });
});

it('links to the grid of a year and a province', () => {
  expect(gridLink('2025', '20')).toBe('/reports/grid?period=2025&province=20');
  expect(gridLink('2025S1')).toBe('/reports/grid');
});

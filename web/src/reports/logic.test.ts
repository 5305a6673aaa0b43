import { checkValue, dueDate, lastPeriods, latestPeriod, needsNote, parseNumber, periodChoices, regroupTyping } from './logic';
import type { FormField } from './types';

const money: FormField = { code: 'm', label_vi: 'Tiền', label_en: 'Money', type: 'money', min: 0 };

describe('reports logic', () => {
  it('reads and groups numbers as officials type them', () => {
    expect(parseNumber('1.234.567', 'vi')).toBe(1234567);
    expect(parseNumber('12,5', 'vi')).toBe(12.5);
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseNumber('', 'vi')).toBeNull();
    expect(parseNumber('12a', 'vi')).toBeNaN();
    expect(regroupTyping('1234567', 'vi')).toBe('1.234.567');
    expect(regroupTyping('1.234.5678', 'vi')).toBe('12.345.678');
    expect(regroupTyping('-45000', 'vi')).toBe('-45.000');
  });

  it('checks values as the server does', () => {
    expect(checkValue(money, -1, 'vi')).toEqual({ key: 'report.check.min', args: { min: '0' } });
    expect(checkValue(money, 1.5, 'vi')?.key).toBe('report.check.whole');
    expect(checkValue({ ...money, required: true }, null, 'vi', true)?.key).toBe('report.check.required');
    expect(checkValue({ ...money, required: true }, null, 'vi', false)).toBeNull();
    expect(checkValue({ ...money, type: 'range' }, { min: 5, max: 2 }, 'vi')?.key).toBe('report.check.rangeOrder');
    expect(checkValue({ ...money, type: 'percent', min: undefined }, 120, 'vi')?.key).toBe('report.check.percent');
  });

  it('asks a note only of fields prefilled from the indicators', () => {
    const prefilled = { ...money, prefill: { source: 's', measure: 'count' } };
    expect(needsNote(prefilled, 5, { value: 4 })).toBe(true);
    expect(needsNote(prefilled, 4, { value: 4 })).toBe(false);
    expect(needsNote({ ...money, figure: 'revenue_vnd' }, 5, { value: 4 })).toBe(false);
  });

  it('walks periods of each kind', () => {
    expect(lastPeriods('2025', 4)).toEqual(['2022', '2023', '2024', '2025']);
    expect(lastPeriods('2025S1', 4)).toEqual(['2023S2', '2024S1', '2024S2', '2025S1']);
    expect(lastPeriods('2025M01-09', 2)).toEqual(['2024M01-09', '2025M01-09']);
    expect(lastPeriods('2025Q1', 2)).toEqual(['2024Q4', '2025Q1']);
    expect(latestPeriod('half', '2026-12-05')).toBe('2026S1');
    expect(latestPeriod('nine_months', '2026-12-05')).toBe('2026M01-09');
    expect(periodChoices(['nine_months', 'year'], '2026-12-05', 1)).toEqual(['2026', '2026M01-09']);
    expect(dueDate({ kind: 'after_end', days: 10 }, '2023M01-09')).toBe('2023-10-10');
    expect(dueDate({ kind: 'after_end', days: 10 }, '2025S2')).toBe('2026-01-10');
    expect(dueDate({ kind: 'fixed', month: 12, day: 15 }, '2025')).toBe('2025-12-15');
  });
});

import { datePattern, formatCompact, formatShort, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatPeriod, todayIso } from '../src/i18n/format';

describe('Vietnamese and English formats', () => {
  it('groups digits with dots in Vietnamese and commas in English', () => {
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(3.8, 'vi', 1)).toBe('3,8');
    expect(formatNumber(null, 'vi')).toBe('—');
  });

  it('writes money in đồng as integers', () => {
    expect(formatMoney(5500000, 'vi')).toBe('5.500.000 ₫');
    expect(formatMoney(5500000.4, 'en')).toBe('5,500,000 ₫');
    expect(formatMoney(-1200, 'vi')).toBe('-1.200 ₫');
  });

  it('shortens large numbers with Vietnamese units', () => {
    expect(formatCompact(1_250_000_000, 'vi')).toBe('1,3 tỷ');
    expect(formatCompact(350_000_000, 'vi')).toBe('350 triệu');
    expect(formatCompact(12_000, 'vi')).toBe('12 nghìn');
    expect(formatCompact(1_250_000_000, 'en')).toBe('1.3 bn');
    expect(formatCompact(950, 'vi')).toBe('950');
    expect(formatCompact(10_012_978, 'vi', 2)).toBe('10,01 triệu');
    expect(formatCompact(10_002_978, 'vi', 2)).toBe('10 triệu');
    expect(formatCompact(123_456_789, 'en', 2)).toBe('123.5 m');
    expect(formatCompact(5_000_000_000_000_000, 'vi', 2)).toBe('5.000 nghìn tỷ');
  });

  it('shortens axis numbers on a phone to abbreviated units', () => {
    expect(formatShort(10_000, 'vi')).toBe('10 N');
    expect(formatShort(1_200_000, 'vi')).toBe('1,2 Tr');
    expect(formatShort(3_000_000_000, 'vi')).toBe('3 Tỷ');
    expect(formatShort(250_000_000, 'vi')).toBe('250 Tr');
    expect(formatShort(800, 'vi')).toBe('800');
    expect(formatShort(-1_500, 'vi')).toBe('-1,5 N');
    expect(formatShort(1_200_000, 'en')).toBe('1.2m');
    expect(formatShort(10_000, 'en')).toBe('10k');
  });

  it('writes shares as percentages', () => {
    expect(formatPercent(0.4534, 'vi')).toBe('45,3 %');
    expect(formatPercent(0.4534, 'en')).toBe('45.3%');
    expect(formatPercent(null, 'vi')).toBe('—');
  });

  it('writes dates day first', () => {
    expect(formatDate('2020-12-31', 'vi')).toBe('31/12/2020');
    expect(formatDate('2020-12-31', 'en')).toBe('31 Dec 2020');
    expect(formatDate(null, 'vi')).toBe('—');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
    expect(formatDateTime(new Date(2026, 10, 23, 9, 5).getTime(), 'vi')).toBe('23/11/2026 09:05');
    expect(todayIso(new Date(Date.UTC(2026, 0, 2, 3)))).toBe('2026-01-02');
    // From 17:00 UTC it is already tomorrow in Việt Nam, as on the server.
    expect(todayIso(new Date('2026-12-05T16:59:00Z'))).toBe('2026-12-05');
    expect(todayIso(new Date('2026-12-05T17:00:00Z'))).toBe('2026-12-06');
  });

  it('takes its words and units from the catalogue in both languages', () => {
    expect(formatCompact(12_000, 'en')).toBe('12 k');
    expect(formatCompact(3_500_000, 'en')).toBe('3.5 m');
    expect(formatCompact(2_000_000_000_000, 'vi')).toBe('2 nghìn tỷ');
    expect(formatCompact(2_000_000_000_000, 'en')).toBe('2 tn');
    expect(formatDate('2015-03-01', 'en')).toBe('1 Mar 2015');
    expect(formatDate('2015-03-01', 'vi')).toBe('01/03/2015');
    expect(datePattern('vi')).toBe('DD/MM/YYYY');
    expect(datePattern('en')).toBe('D MMM YYYY');
    expect(formatPeriod('2024', 'en')).toBe('2024');
    expect(formatPeriod('2024S2', 'vi')).toBe('6 tháng cuối năm 2024');
    expect(formatPeriod('2024Q3', 'en')).toBe('2024 Q3');
    expect(formatPeriod('2024M09', 'en')).toBe('Sep 2024');
    expect(formatPeriod('2024M12', 'vi')).toBe('Tháng 12/2024');
  });

  it('names periods the way reports do', () => {
    expect(formatPeriod('2024', 'vi')).toBe('Năm 2024');
    expect(formatPeriod('2024S1', 'vi')).toBe('6 tháng đầu năm 2024');
    expect(formatPeriod('2024S2', 'en')).toBe('2024 H2');
    expect(formatPeriod('2024Q3', 'vi')).toBe('Quý 3/2024');
    expect(formatPeriod('2024M09', 'vi')).toBe('Tháng 9/2024');
    expect(formatPeriod('2023M01-09', 'vi')).toBe('Tháng 1–9/2023');
    expect(formatPeriod('2023M01-09', 'en')).toBe('Jan–Sep 2023');
  });
});

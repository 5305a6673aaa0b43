import { catalogues } from '../i18n/catalogue';
import { figuresPeriod, formatMoneyIn, isMoneyMeasure, moneyCaption, moneyScale } from './money';

const t = (key: string, args: Record<string, string | number> = {}) =>
  (catalogues.vi as Record<string, string>)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k]));

describe('money', () => {
  it('knows money measures', () => {
    expect(isMoneyMeasure('revenue_vnd')).toBe(true);
    expect(isMoneyMeasure('avg_income_vnd_month')).toBe(true);
    expect(isMoneyMeasure('members_total')).toBe(false);
  });

  it('chooses tỷ đồng from a billion, else triệu đồng, and writes the values in it', () => {
    expect(moneyScale([2e8, 1.5e9, null])).toBe('billion');
    expect(moneyScale([2e8, -9e8])).toBe('million');
    expect(moneyScale([])).toBe('million');
    expect(formatMoneyIn(1_234_560_000, 'billion', 'vi')).toBe('1,23');
    expect(formatMoneyIn(350_500_000, 'million', 'vi')).toBe('350,5');
    expect(formatMoneyIn(null, 'million', 'vi')).toBe('—');
  });

  it('names the measure, its period and the unit', () => {
    expect(moneyCaption('revenue_vnd', figuresPeriod('2025-12-31', t, (d) => d), 'billion', t)).toBe('Doanh thu năm 2025, tỷ đồng');
    expect(moneyCaption('profit_vnd', figuresPeriod('2025-06-30', t, () => '30/06/2025'), 'million', t)).toBe('Lợi nhuận kỳ gần nhất đến 30/06/2025, triệu đồng');
    expect(moneyCaption('avg_income_vnd_month', '', 'million', t)).toBe('Thu nhập bình quân của lao động, triệu đồng/người/tháng');
  });
});

// Money measures in the units officials read them in: "tỷ đồng" when the largest value reaches a
// billion, else "triệu đồng", and a caption that names the measure, its period and the unit
// ("Doanh thu năm 2025, tỷ đồng"). Average income is per worker per month ("triệu đồng/người/tháng").
import type { Lang, MessageKey, Translate } from '../i18n/catalogue';
import { formatNumber } from '../i18n/format';

export type MoneyScale = 'billion' | 'million';
const DIVISOR: Record<MoneyScale, number> = { billion: 1e9, million: 1e6 };

/** Whether a measure is an amount of money (VND): its code ends in _vnd or _vnd_month. */
export const isMoneyMeasure = (measure: string) => measure.endsWith('_vnd') || measure.endsWith('_vnd_month');

/** The unit for these values: billions when the largest reaches one, else millions. */
export function moneyScale(values: readonly (number | null | undefined)[]): MoneyScale {
  const max = values.reduce<number>((m, v) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  return max >= 1e9 ? 'billion' : 'million';
}

/** A value in the unit: vi "1.234,56" (billions, 2 decimals) or "350,5" (millions, 1 decimal); "—" when missing. */
export function formatMoneyIn(vnd: number | null | undefined, scale: MoneyScale, lang: Lang): string {
  if (vnd === null || vnd === undefined || Number.isNaN(vnd)) return '—';
  return formatNumber(vnd / DIVISOR[scale], lang, scale === 'billion' ? 2 : 1);
}

/** The unit's words: "tỷ đồng", "triệu đồng/người/tháng" for average income. */
export function moneyUnit(measure: string, scale: MoneyScale, t: Translate): string {
  const unit = t(scale === 'billion' ? 'money.billion' : 'money.million');
  return measure.endsWith('_vnd_month') ? t('money.perMonth', { unit }) : unit;
}

/**
 * "Doanh thu năm 2025, tỷ đồng": the measure, its period (`period` already in words; empty: none)
 * and the unit. The figures of a date are each entity's latest period ending by then: a year's
 * last day reads as that year, another date as "kỳ gần nhất đến …" (see `figuresPeriod`).
 */
export function moneyCaption(measure: string, period: string, scale: MoneyScale, t: Translate): string {
  const name = t(`money.name.${measure}` as MessageKey);
  const unit = moneyUnit(measure, scale, t);
  return period ? t('money.caption', { name, period, unit }) : t('money.captionNoPeriod', { name, unit });
}

/** The period the figures of `asOf` (ISO) belong to, in words: "năm 2025" on 31 December, else "kỳ gần nhất đến 30/06/2025". */
export function figuresPeriod(asOf: string, t: Translate, date: (iso: string) => string): string {
  return asOf.endsWith('-12-31') ? t('money.year', { year: asOf.slice(0, 4) }) : t('money.latest', { date: date(asOf) });
}

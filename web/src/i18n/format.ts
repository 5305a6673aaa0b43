// Vietnamese (and English) number, money and date formats. The words, units and patterns (tỷ,
// triệu, Quý, Tháng, %, ₫, DD/MM/YYYY) come from the catalogue; digits from Intl, month names
// from dayjs. vi: 1.234.567 — 12,5 % — 1.234.567 ₫ — 23/11/2026; en: 1,234,567 — 12.5% —
// 1,234,567 ₫ — 23 Nov 2026.
import dayjs from 'dayjs';
import { translate, type Lang, type MessageKey } from './catalogue';

const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locales[lang], options);
    cache.set(key, f);
  }
  return f;
}

/** Whole or decimal numbers with the language's grouping: vi 1.234.567,5 — en 1,234,567.5. */
export function formatNumber(value: number | null | undefined, lang: Lang, fractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** Money in đồng, as an integer: vi "1.234.567 ₫", en "1,234,567 ₫". */
export function formatMoney(vnd: number | null | undefined, lang: Lang): string {
  if (vnd === null || vnd === undefined || Number.isNaN(vnd)) return '—';
  return translate(lang, 'unit.vnd', { value: formatNumber(Math.round(vnd), lang) });
}

/**
 * Short form for axes and headline cards: vi "1,2 tỷ", "350 triệu", "12 nghìn"; en "1.2 bn", "350 m", "12 k".
 * With `fractionDigits` (headline cards: 2) below 100 of the unit: vi "10,01 triệu", trailing zeros dropped.
 */
export function formatCompact(value: number | null | undefined, lang: Lang, fractionDigits?: number): string {
  return compact(value, lang, fractionDigits, LONG_UNITS);
}

/**
 * The shortest form, for chart axes on a phone: vi "10 N", "1,2 Tr", "3 Tỷ"; en "10k", "1.2m", "3bn".
 * One decimal below 100 of the unit, none above; small numbers as they are.
 */
export function formatShort(value: number | null | undefined, lang: Lang): string {
  return compact(value, lang, undefined, SHORT_UNITS);
}

const LONG_UNITS: [number, MessageKey][] = [
  [1e12, 'unit.trillion'],
  [1e9, 'unit.billion'],
  [1e6, 'unit.million'],
  [1e3, 'unit.thousand'],
];
const SHORT_UNITS: [number, MessageKey][] = [
  [1e12, 'unit.trillionShort'],
  [1e9, 'unit.billionShort'],
  [1e6, 'unit.millionShort'],
  [1e3, 'unit.thousandShort'],
];

function compact(value: number | null | undefined, lang: Lang, fractionDigits: number | undefined, units: [number, MessageKey][]): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  for (const [size, unit] of units) {
    if (abs >= size) {
      const scaled = value / size;
      const digits = Math.abs(scaled) >= 100 ? (fractionDigits ? fractionDigits - 1 : 0) : (fractionDigits ?? 1);
      const full = formatNumber(scaled, lang, digits);
      const text = digits > 0 ? full.replace(/0+$/, '').replace(/[,.]$/, '') : full;
      return translate(lang, unit, { value: text });
    }
  }
  return formatNumber(value, lang);
}

/** A share (0.453) as a percentage: vi "45,3 %", en "45.3%". */
export function formatPercent(share: number | null | undefined, lang: Lang, fractionDigits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share) || !Number.isFinite(share)) return '—';
  return translate(lang, 'unit.percent', { value: formatNumber(share * 100, lang, fractionDigits) });
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A month (1–12) as periods name it: vi "9" (as in "Tháng 9"), en "Sep". */
function month(n: number | string, lang: Lang): string {
  return dayjs(new Date(2000, Number(n) - 1, 1)).locale(lang).format(translate(lang, 'date.monthPattern'));
}

/** An ISO date (YYYY-MM-DD) as vi "23/11/2026" or en "23 Nov 2026"; other text is returned as is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return dayjs(`${y}-${mo}-${d}`).locale(lang).format(datePattern(lang));
}

/** A moment (milliseconds since the epoch) in local time: vi "23/11/2026 14:05", en "23 Nov 2026 14:05". */
export function formatDateTime(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  const iso = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(iso, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Today's date in Việt Nam as ISO YYYY-MM-DD (UTC+07:00 all year, no summer time), whatever the
 * device's time zone: the server's day (Date::Today), so a default date in a form is never "before
 * the approval" for an official whose computer runs on UTC or who travels.
 */
export function todayIso(now: Date = new Date()): string {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  return `${vn.getUTCFullYear()}-${pad(vn.getUTCMonth() + 1)}-${pad(vn.getUTCDate())}`;
}

/** A period code (2024, 2024S1, 2024Q3, 2024M09, 2023M01-09) in words. */
export function formatPeriod(period: string, lang: Lang): string {
  let m = /^(\d{4})$/.exec(period);
  if (m) return translate(lang, 'period.year', { year: m[1] });
  m = /^(\d{4})S([12])$/.exec(period);
  if (m) return translate(lang, m[2] === '1' ? 'period.half1' : 'period.half2', { year: m[1] });
  m = /^(\d{4})Q([1-4])$/.exec(period);
  if (m) return translate(lang, 'period.quarter', { year: m[1], quarter: m[2] });
  m = /^(\d{4})M(\d{2})$/.exec(period);
  if (m) return translate(lang, 'period.month', { year: m[1], month: month(m[2], lang) });
  m = /^(\d{4})M(\d{2})-(\d{2})$/.exec(period);
  if (m) return translate(lang, 'period.months', { year: m[1], from: month(m[2], lang), to: month(m[3], lang) });
  return period;
}

/** The date pattern of date pickers (dayjs): vi DD/MM/YYYY, en D MMM YYYY. */
export function datePattern(lang: Lang): string {
  return translate(lang, 'date.pattern');
}

// The entry page's logic, without React: what an input's text means for a field (vi-VN digits:
// "1.234.567", "12,5"), a value's problems (type, bounds, required), the form's rules, whether
// a value departs from the registry's, and the periods of a completeness matrix.
import type { Lang, MessageKey } from '../i18n/catalogue';
import { formatNumber } from '../i18n/format';
import type { FormField, FormRule, PeriodType, ReportForm } from './types';

export const NUMERIC_TYPES = ['integer', 'money', 'decimal', 'percent'] as const;
export const isNumeric = (f: FormField) => (NUMERIC_TYPES as readonly string[]).includes(f.type);
export const isWhole = (f: FormField) => f.type === 'integer' || f.type === 'money';

/** All fields of a form, in order. */
export function formFields(form: ReportForm): FormField[] {
  return form.sections.flatMap((s) => s.fields);
}

/** A number typed in `lang` ("1.234.567,5" in vi, "1,234,567.5" in en); null when empty, NaN when not a number. */
export function parseNumber(text: string, lang: Lang): number | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (t === '' || t === '-') return null;
  const group = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  if (!/^-?[\d.,]+$/.test(t)) return NaN;
  const plain = t.split(group).join('').replace(decimal, '.');
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return NaN;
  return Number(plain);
}

/** A number as the input shows it: grouped digits, a decimal part kept as typed. */
export function formatInputNumber(value: number | null | undefined, lang: Lang, whole: boolean): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (whole) return formatNumber(value, lang);
  const digits = Math.min(6, (String(value).split('.')[1] ?? '').length);
  return formatNumber(value, lang, digits);
}

/**
 * Reformats what is being typed in a whole-number field (money, integer): the digits grouped as
 * they come, "1234567" → "1.234.567"; text that is not a number is left as typed (and flagged).
 */
export function regroupTyping(text: string, lang: Lang): string {
  const digits = text.replace(lang === 'vi' ? /\./g : /,/g, '').replace(/[\s\u00a0]/g, '');
  if (!/^-?\d*$/.test(digits) || digits === '' || digits === '-') return text;
  return (digits.startsWith('-') ? '-' : '') + formatNumber(Number(digits.replace('-', '')), lang);
}

export interface Problem {
  key: MessageKey;
  args?: Record<string, string | number>;
}

export const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (typeof v === 'object' && v !== null && 'min' in v && 'max' in v &&
    (v as { min: unknown }).min === null && (v as { max: unknown }).max === null);

/** The problem of one value for its field, as the server would see it (null: none). */
export function checkValue(field: FormField, value: unknown, lang: Lang, forSubmit = false): Problem | null {
  if (isEmpty(value)) return forSubmit && field.required ? { key: 'report.check.required' } : null;
  const bounds = (n: number): Problem | null => {
    if (field.min !== undefined && n < field.min) return { key: 'report.check.min', args: { min: formatNumber(field.min, lang, Number.isInteger(field.min) ? 0 : 2) } };
    if (field.max !== undefined && n > field.max) return { key: 'report.check.max', args: { max: formatNumber(field.max, lang, Number.isInteger(field.max) ? 0 : 2) } };
    return null;
  };
  switch (field.type) {
    case 'integer':
    case 'money':
      if (typeof value !== 'number' || Number.isNaN(value)) return { key: 'report.check.number' };
      if (!Number.isInteger(value)) return { key: 'report.check.whole' };
      return bounds(value);
    case 'decimal':
    case 'percent': {
      if (typeof value !== 'number' || Number.isNaN(value)) return { key: 'report.check.number' };
      if (field.type === 'percent' && (value < 0 || value > 100)) return { key: 'report.check.percent' };
      return bounds(value);
    }
    case 'range': {
      const r = value as { min: number | null; max: number | null };
      if (typeof r.min !== 'number' || typeof r.max !== 'number' || Number.isNaN(r.min) || Number.isNaN(r.max))
        return { key: 'report.check.range' };
      if (r.min > r.max) return { key: 'report.check.rangeOrder' };
      return bounds(r.min) ?? bounds(r.max);
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : { key: 'report.check.date' };
    case 'choice':
      return field.choices && !field.choices.includes(String(value)) ? { key: 'report.check.choice' } : null;
    case 'text':
      return [...String(value)].length > 500 ? { key: 'report.check.tooLong', args: { limit: 500 } } : null;
    case 'long_text':
      return [...String(value)].length > 20000 ? { key: 'report.check.tooLong', args: { limit: 20000 } } : null;
    default:
      return null;
  }
}

/** Whether two values are the same (numbers by value, objects member by member). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a field's value departs from the registry's and so needs a note: only fields asking
 * the indicators (province forms); an entity form's figures change by design (README, Checks).
 */
export function needsNote(field: FormField, value: unknown, prefill: { value: unknown } | undefined): boolean {
  if (!field.prefill || !prefill) return false;
  return !sameValue(value, prefill.value);
}

/** The rules that fail for these values: a rule holds when either side is not a number. */
export function failingRules(rules: readonly FormRule[] | undefined, values: Record<string, unknown>): FormRule[] {
  return (rules ?? []).filter((r) => {
    const a = values[r.left];
    const b = values[r.right];
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    switch (r.op) {
      case '<=': return !(a <= b);
      case '<': return !(a < b);
      case '>=': return !(a >= b);
      case '>': return !(a > b);
      case '==': return !(a === b);
      default: return false;
    }
  });
}

/** The kind of period of a code: 2024, 2024S1, 2024Q3, 2024M09, 2023M01-09. */
export function periodType(period: string): PeriodType | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}S[12]$/.test(period)) return 'half';
  if (/^\d{4}Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}M\d{2}$/.test(period)) return 'month';
  if (/^\d{4}M01-09$/.test(period)) return 'nine_months';
  return null;
}

/** The period before, of the same kind (nine months: the previous year's). */
export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  switch (periodType(period)) {
    case 'year': return String(y - 1);
    case 'nine_months': return `${y - 1}M01-09`;
    case 'half': return period.endsWith('S2') ? `${y}S1` : `${y - 1}S2`;
    case 'quarter': {
      const q = Number(period.slice(5));
      return q > 1 ? `${y}Q${q - 1}` : `${y - 1}Q4`;
    }
    case 'month': {
      const m = Number(period.slice(5));
      return m > 1 ? `${y}M${String(m - 1).padStart(2, '0')}` : `${y - 1}M12`;
    }
    default: return period;
  }
}

/** `count` periods ending with `period`, oldest first. */
export function lastPeriods(period: string, count = 4): string[] {
  const out = [period];
  while (out.length < count) out.unshift(previousPeriod(out[0]));
  return out;
}

/** The latest finished period of a kind as of `today` (ISO date): what completeness asks first. */
export function latestPeriod(type: PeriodType, today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (type) {
    case 'year': return String(y - 1);
    case 'nine_months': return m >= 10 ? `${y}M01-09` : `${y - 1}M01-09`;
    case 'half': return m >= 7 ? `${y}S1` : `${y - 1}S2`;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      return q > 0 ? `${y}Q${q}` : `${y - 1}Q4`;
    }
    case 'month': return m > 1 ? `${y}M${String(m - 1).padStart(2, '0')}` : `${y - 1}M12`;
    default: return String(y - 1);
  }
}

/** The periods a form may be filed for, latest first, for a picker: `years` back from today. */
export function periodChoices(types: readonly PeriodType[], today: string, years = 4): string[] {
  const out: string[] = [];
  const y = Number(today.slice(0, 4));
  for (let year = y; year > y - years; year--) {
    for (const t of types) {
      if (t === 'year') out.push(String(year));
      if (t === 'nine_months') out.push(`${year}M01-09`);
      if (t === 'half') out.push(`${year}S2`, `${year}S1`);
      if (t === 'quarter') out.push(`${year}Q4`, `${year}Q3`, `${year}Q2`, `${year}Q1`);
      if (t === 'month') for (let m = 12; m >= 1; m--) out.push(`${year}M${String(m).padStart(2, '0')}`);
    }
  }
  // Latest end first; of two ending the same day, the longer (the year before its second half).
  return out
    .map((p, i) => ({ p, i, end: periodEnd(p) }))
    .sort((a, b) => b.end.localeCompare(a.end) || a.i - b.i)
    .map((x) => x.p);
}

/** The last day (ISO) of a period. */
export function periodEnd(period: string): string {
  const y = Number(period.slice(0, 4));
  const last = (month: number) => `${y}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(y, month, 0)).getUTCDate()).padStart(2, '0')}`;
  switch (periodType(period)) {
    case 'year': return `${y}-12-31`;
    case 'nine_months': return `${y}-09-30`;
    case 'half': return period.endsWith('S1') ? `${y}-06-30` : `${y}-12-31`;
    case 'quarter': return last(Number(period.slice(5)) * 3);
    case 'month': return last(Number(period.slice(5)));
    default: return `${y}-12-31`;
  }
}

/** A form's due date for a period (its due rule: a fixed day of the period's year, or days after the end). */
export function dueDate(due: { kind: 'fixed' | 'after_end'; month?: number; day?: number; days?: number } | undefined, period: string): string {
  if (due?.kind === 'fixed')
    return `${period.slice(0, 4)}-${String(due.month ?? 12).padStart(2, '0')}-${String(due.day ?? 15).padStart(2, '0')}`;
  const end = new Date(`${periodEnd(period)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + (due?.days ?? 10));
  return end.toISOString().slice(0, 10);
}

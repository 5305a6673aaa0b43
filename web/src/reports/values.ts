// A report's values as text, for read-only places (the entry page's read-only fields, the
// national table, the print page): vi-VN digits with the value's own decimals (1.234.567 —
// 12,5), ranges as "3,8 – 5,5", yes/no in words, dates and choices as the catalogue says.
// No component library here: the print page and the header's bell use it too.
import { catalogues, type Lang, type MessageKey } from '../i18n/catalogue';
import { formatDate, formatNumber } from '../i18n/format';
import type { FieldType, FormField } from './types';

/** What formatting a value needs of its field. */
export type ValueField = Pick<FormField, 'code' | 'type' | 'profile'>;

/** A choice's words: the catalogue's `<profile>.<choice>` (sector.agriculture) when it has one. */
export function choiceLabel(field: Pick<FormField, 'code' | 'profile'>, choice: string, lang: Lang): string {
  const key = `${field.profile ?? field.code}.${choice}` as MessageKey;
  return catalogues[lang]?.[key] ?? catalogues.vi[key] ?? choice;
}

/** A number with the language's grouping and its own decimals (at most 4): 1.234.567 — 3,8. */
export function formatNum(value: number | null | undefined, lang: Lang, whole = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (whole) return formatNumber(value, lang);
  const digits = Math.min(4, (String(value).split('.')[1] ?? '').length);
  return formatNumber(value, lang, digits);
}

const WHOLE: readonly FieldType[] = ['integer', 'money'];
/** Whether a field's values are numbers (right-aligned, summed). */
export const isNumberType = (type: FieldType) => type === 'integer' || type === 'money' || type === 'decimal' || type === 'percent';

/** A value as text ("—" when empty). */
export function formatValue(field: ValueField, value: unknown, lang: Lang, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'integer':
    case 'money':
    case 'decimal':
    case 'percent':
      return typeof value === 'number' ? formatNum(value, lang, WHOLE.includes(field.type)) : String(value);
    case 'range': {
      if (typeof value !== 'object') return String(value);
      const r = value as { min?: number | null; max?: number | null };
      return `${formatNum(r.min, lang)} – ${formatNum(r.max, lang)}`;
    }
    case 'yes_no':
      return value === true ? yes : value === false ? no : String(value);
    case 'date':
      return formatDate(String(value), lang);
    case 'choice':
      return choiceLabel(field, String(value), lang);
    default:
      return String(value);
  }
}

/** Whether two values differ (the reported one and the registry's). */
export function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

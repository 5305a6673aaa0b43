// The surveys pages' logic without React: who may do what, a text in the page's language, the
// skip logic in words, and the XLSForm upload's errors as "Trang survey, dòng 12, cột relevant: …".
import type { FieldError } from '../api/client';
import type { Condition, Label } from './types';
import type { T } from './strings';

export const isOfficial = (role: string | undefined) =>
  role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';

/** A text in the page's language; Vietnamese when it has no English. */
export const inLang = (l: Label | undefined | null, lang: 'vi' | 'en') => (l ? (lang === 'en' && l.en?.trim() ? l.en : l.vi) : '');

/** Skip logic in words, naming questions by their label: “Có nhận hỗ trợ không?” = 'yes'. */
export function conditionText(c: Condition | null | undefined, t: T, name: (ref: string) => string): string {
  if (!c) return '';
  switch (c.op) {
    case 'and':
    case 'or':
      return c.args.map((a) => wrap(a, t, name)).reduce((a, b) => t(`sv.cond.${c.op}`, { a, b }));
    case 'not':
      return t('sv.cond.not', { a: conditionText(c.args[0], t, name) });
    case 'selected':
      return t('sv.cond.selected', { ref: name(c.ref), value: String(c.value) });
    default: {
      const value = String(c.value);
      if (value === '' && c.op === '=') return t('sv.cond.empty', { ref: name(c.ref) });
      if (value === '' && c.op === '!=') return t('sv.cond.notEmpty', { ref: name(c.ref) });
      const numeric = (c as { numeric?: boolean }).numeric;
      return `“${name(c.ref)}” ${c.op === '!=' ? '≠' : c.op === '<=' ? '≤' : c.op === '>=' ? '≥' : c.op} ${numeric ? value : `“${value}”`}`;
    }
  }
}

function wrap(c: Condition, t: T, name: (ref: string) => string): string {
  const text = conditionText(c, t, name);
  return c.op === 'and' || c.op === 'or' ? `(${text})` : text;
}

/** An upload error as a line: the sheet, row and column its field names (survey.12.relevant). */
export function uploadErrorLine(f: FieldError, t: T): string {
  const m = /^(survey|choices|settings)(?:[.[](\d+)\]?)?(?:\.(.+))?$/.exec(f.field);
  if (!m) return f.field && f.field !== 'body' && f.field !== 'file' ? `${f.field}: ${f.message}` : f.message;
  const [, sheet, row, column] = m;
  if (row && column) return t('sv.errorAt', { sheet, row, column, message: f.message });
  if (row) return t('sv.errorAtRow', { sheet, row, message: f.message });
  if (column) return t('sv.errorAtSheet', { sheet, column, message: f.message });
  return `${sheet}: ${f.message}`;
}

/** A personal link as the full address to send ("/s/…" on this server). */
export const fullLink = (link: string) => (/^https?:/.test(link) ? link : `${window.location.origin}${link}`);

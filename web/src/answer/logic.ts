// The answer page's rules, without the page: the form's state (what is typed and ticked), skip
// logic (a question or section is asked only when its condition holds), numbers as people type
// them (Vietnamese decimal comma), what is sent, and what is missing before sending.
import type { AnswerValue, Answers, Condition, Question, Questionnaire } from './types';

/** What the form holds: text as typed (numbers too), a multiple question's ticked choice names. */
export type FormState = Record<string, string | string[]>;

/** Questions that take an answer (a note only shows its text). */
export const answerable = (q: Question) => q.type !== 'note';

/**
 * A number as typed: "2,5" and "2.5" are 2.5, "1.234,5" is 1234.5, "1.200" (an integer) is 1200.
 * Undefined for an empty text, null for a text that is not a number (or not whole for `integer`).
 */
export function parseNumber(text: string, integer: boolean): number | null | undefined {
  let s = text.trim().replace(/[\s\u00a0]/g, '');
  if (s === '') return undefined;
  let sign = '';
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = '-';
    s = s.slice(1);
  }
  const grouped = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(s);
  if (integer) {
    if (grouped('.') || grouped(',')) s = s.replace(/[.,]/g, '');
    if (!/^\d+$/.test(s)) return null;
    return Number(sign + s);
  }
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    s = s.split(',').length > 2 && grouped(',') ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (dot >= 0 && s.split('.').length > 2 && grouped('.')) {
    s = s.replace(/\./g, '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(sign + s);
}

/** The form's state from answers already received (numbers written as the language writes them). */
export function stateFromAnswers(form: Questionnaire, answers: Answers, lang: 'vi' | 'en'): FormState {
  const state: FormState = {};
  for (const section of form.sections)
    for (const q of section.questions) {
      const v = answers[q.name];
      if (v === undefined || v === null || !answerable(q)) continue;
      if (q.type === 'multiple') state[q.name] = Array.isArray(v) ? v.map(String) : [String(v)];
      else if (typeof v === 'number' && q.type === 'decimal' && lang === 'vi') state[q.name] = String(v).replace('.', ',');
      else state[q.name] = Array.isArray(v) ? v.join(' ') : String(v);
    }
  return state;
}

/** What a condition compares: the answer as text ('' when unanswered or not asked). */
type Lookup = (name: string) => string | string[];

function compare(op: string, left: string | string[], value: string, numeric: boolean): boolean {
  const text = Array.isArray(left) ? left.join(' ') : left;
  if (op === '=' || op === '!=') {
    let equal = text === value;
    if (!equal && numeric && text !== '') {
      const a = parseNumber(text, false);
      equal = typeof a === 'number' && a === Number(value);
    }
    return op === '=' ? equal : !equal;
  }
  // <, <=, >, >=: numbers when both sides are; an unanswered question is never less or more.
  const a = parseNumber(text, false);
  const b = parseNumber(value, false);
  if (text === '') return false;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else order = text < value ? -1 : text > value ? 1 : 0;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
  return false;
}

/** Whether `c` holds (a missing condition always does). */
export function holds(c: Condition | null | undefined, lookup: Lookup): boolean {
  if (!c) return true;
  switch (c.op) {
    case 'and':
      return c.args.every((a) => holds(a, lookup));
    case 'or':
      return c.args.some((a) => holds(a, lookup));
    case 'not':
      return !holds(c.args[0], lookup);
    case 'selected': {
      const v = lookup(c.ref);
      const value = String(c.value);
      return Array.isArray(v) ? v.includes(value) : v.split(' ').includes(value);
    }
    default:
      return compare(c.op, lookup(c.ref), String(c.value), !!(c as { numeric?: boolean }).numeric);
  }
}

/** The sections and questions asked with this state, in order (a question not asked counts as unanswered). */
export function asked(form: Questionnaire, state: FormState): { sections: Set<string>; questions: Set<string> } {
  const sections = new Set<string>();
  const questions = new Set<string>();
  const lookup: Lookup = (name) => (questions.has(name) ? (state[name] ?? '') : '');
  for (const section of form.sections) {
    if (!holds(section.condition, lookup)) continue;
    sections.add(section.name);
    for (const q of section.questions) if (holds(q.condition, lookup)) questions.add(q.name);
  }
  return { sections, questions };
}

const isEmpty = (v: string | string[] | undefined) => v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');

/** The value sent for one question, or undefined when it has none. */
function valueOf(q: Question, v: string | string[] | undefined): AnswerValue | undefined {
  if (isEmpty(v)) return undefined;
  switch (q.type) {
    case 'multiple':
      return Array.isArray(v) ? v : [v as string];
    case 'likert': {
      const n = Number(v);
      return Number.isFinite(n) ? n : (v as string);
    }
    case 'integer':
    case 'decimal': {
      const n = parseNumber(String(v), q.type === 'integer');
      return typeof n === 'number' ? n : undefined;
    }
    case 'note':
      return undefined;
    default:
      return Array.isArray(v) ? v.join(' ') : v!.trim();
  }
}

/** The answers to send: the questions asked and answered only. */
export function answersToSend(form: Questionnaire, state: FormState): Answers {
  const { questions } = asked(form, state);
  const out: Answers = {};
  for (const section of form.sections)
    for (const q of section.questions) {
      if (!questions.has(q.name) || !answerable(q)) continue;
      const v = valueOf(q, state[q.name]);
      if (v !== undefined) out[q.name] = v;
    }
  return out;
}

export type Problem = 'required' | 'integer' | 'decimal';

/** What keeps the form from being sent, by question, in the form's order. */
export function problems(form: Questionnaire, state: FormState): Map<string, Problem> {
  const { questions } = asked(form, state);
  const out = new Map<string, Problem>();
  for (const section of form.sections)
    for (const q of section.questions) {
      if (!questions.has(q.name) || !answerable(q)) continue;
      const v = state[q.name];
      if (isEmpty(v)) {
        if (q.required) out.set(q.name, 'required');
      } else if ((q.type === 'integer' || q.type === 'decimal') && typeof parseNumber(String(v), q.type === 'integer') !== 'number') {
        out.set(q.name, q.type);
      }
    }
  return out;
}

/** An instant (…Z) as Vietnam's clock shows it: ["HH:mm", "dd/mm/yyyy"] (UTC+7, no summer time). */
export function vietnamTime(instant: string): [string, string] {
  const t = new Date(Date.parse(instant) + 7 * 3600_000);
  if (Number.isNaN(t.getTime())) return ['', instant];
  const p = (n: number) => String(n).padStart(2, '0');
  return [`${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`, `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`];
}

/** A date (YYYY-MM-DD) as dd/mm/yyyy. */
export function dayOf(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (date ?? '');
}

/** The token of the page's address: /s/{token} (or ?t= when opened as /answer.html in development). */
export function tokenOf(location: { pathname: string; search: string }): string {
  const m = /^\/s\/([^/?#]+)\/?$/.exec(location.pathname);
  if (m) return decodeURIComponent(m[1]);
  return new URLSearchParams(location.search).get('t') ?? '';
}

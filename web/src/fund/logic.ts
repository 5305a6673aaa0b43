// The fund pages' logic without React: who sees which actions (the server still decides and
// answers 403/404), the lists' filters ↔ the address, rates typed with a comma, the schedule
// line's look, and the terms form's values ↔ the API's body.
import type { Query } from '../api/client';
import type { Role } from '../api/types';
import type { Fund, LineState, Terms } from './types';

export const isStaff = (role: Role | string | undefined) =>
  role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
export const isNational = (role: Role | string | undefined) => role === 'national_admin' || role === 'national_officer';
export const isAdminRole = (role: Role | string | undefined) => role === 'national_admin' || role === 'province_admin';
/** Who has fund pages: the alliance's staff and cooperative accounts. */
export const seesFund = (role: Role | string | undefined) => isStaff(role) || role === 'cooperative';

/** Whether this account may create or change this fund (national admin: any; province admin: its province's). */
export function mayManageFund(user: { role: Role; province_code: string | null } | null | undefined, fund: Pick<Fund, 'province'> | null): boolean {
  if (!user) return false;
  if (user.role === 'national_admin') return true;
  if (user.role !== 'province_admin') return false;
  return fund === null ? true : fund.province?.code === user.province_code;
}

/** A rate as typed ("7,25", " 7.5 ") → the API's string ("7.25", "7.5"); null when it is not a number. */
export function normaliseRate(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const s = String(text).trim().replace(',', '.');
  return /^\d{1,3}(\.\d{1,4})?$/.test(s) ? s : null;
}

/** The class of a schedule line (its colour); its text says the state too (never colour alone). */
export const lineClass = (state: LineState) => `fund-line fund-line-${state.replace('_', '-')}`;

/** Filters kept in the address: each list's own keys. */
export function paramsOf(params: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = params.get(k) ?? '';
  return out;
}

/** The filters as the address's query (empty ones left out). */
export function toParams(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined));
}

export const asQuery = (values: Record<string, string>): Query => ({ ...values });

/** The approve / reschedule form's values. */
export interface TermsValues {
  amount_vnd?: number;
  rate_percent_year: string;
  term_months: number;
  grace_months: number;
  method: Terms['method'];
  frequency: Terms['frequency'];
  first_due_on: string;
}

/** The form's values as the API's terms ("7,5" → "7.5"; grace 0 when empty). */
export function termsBody(v: TermsValues): Terms {
  return {
    amount_vnd: Number(v.amount_vnd ?? 0),
    rate_percent_year: normaliseRate(v.rate_percent_year) ?? String(v.rate_percent_year ?? '').trim(),
    term_months: Number(v.term_months),
    grace_months: Number(v.grace_months ?? 0),
    method: v.method,
    frequency: v.frequency,
    first_due_on: v.first_due_on,
  };
}

/** The ISO date `months` months after `iso`, the day clamped to the month's end. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** A percentage string of the API ("12.5") as a number, or null. */
export const percentValue = (s: string | null | undefined) => (s === null || s === undefined || s === '' || Number.isNaN(Number(s)) ? null : Number(s));

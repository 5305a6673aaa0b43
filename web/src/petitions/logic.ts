// The petitions pages' logic without React: who may do what by role, the list's filters as the
// API's query, dates (the default due date), the form's values ↔ the API's body, and the status
// bar's step.
import type { Query } from '../api/client';
import type { AddresseeKind, Petition, PetitionStatus } from './types';

export const isOfficial = (role: string | undefined) =>
  role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';
/** Who has petitions: the officials and cooperative accounts (partners only read the public answers). */
export const seesPetitions = (role: string | undefined) => isOfficial(role) || role === 'cooperative';

// ---- The list ----

export interface Filters {
  status: string[];
  theme: string;
  province: string;
  overdue: boolean;
  from: string;
  to: string;
  q: string;
}

export const noFilters = (): Filters => ({ status: [], theme: '', province: '', overdue: false, from: '', to: '', q: '' });

/** The filters as the API's query (empty ones left out by the client; overdue only when asked). */
export function filterQuery(f: Filters): Query {
  return { status: f.status, theme: f.theme, province: f.province, overdue: f.overdue ? true : undefined, from: f.from, to: f.to, q: f.q.trim() };
}

/** The filters from an address's query (?status=received,assigned&overdue=true …). */
export function filtersFrom(params: URLSearchParams): Filters {
  return {
    status: (params.get('status') ?? '').split(',').filter(Boolean),
    theme: params.get('theme') ?? '',
    province: params.get('province') ?? '',
    overdue: params.get('overdue') === 'true',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    q: params.get('q') ?? '',
  };
}

// ---- Dates ----

/** An ISO date `days` days later (negative: earlier), in the calendar (no time zone involved). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The default time to answer: 30 days from the assignment. */
export const DUE_DAYS = 30;

// ---- The form ----

export interface PetitionForm {
  entity_ids: number[];
  province: string;
  theme: string | undefined;
  content: string;
  addressed_kind: AddresseeKind | '';
  addressed_name: string;
  activity_id: number | null;
  raised_on: string;
}

export function petitionForm(p: Petition): PetitionForm {
  return {
    entity_ids: p.entity_ids ?? p.entities.map((e) => e.id),
    province: p.province,
    theme: p.theme,
    content: p.content,
    addressed_kind: (p.addressed_to?.kind as AddresseeKind) ?? '',
    addressed_name: p.addressed_to?.name ?? '',
    activity_id: p.activity_id,
    raised_on: p.raised_on,
  };
}

/**
 * The body sent: a new petition's (a cooperative's without entities and province: the server
 * takes its own), or an edit's (PATCH accepts content, theme, addressed_to and entity_ids only).
 */
export function petitionBody(v: PetitionForm, opts: { editing: boolean; cooperative: boolean }): Record<string, unknown> {
  const addressed = v.addressed_kind || v.addressed_name.trim() ? { kind: v.addressed_kind || 'other', name: v.addressed_name.trim() } : undefined;
  const body: Record<string, unknown> = { theme: v.theme, content: v.content.trim() };
  if (addressed) body.addressed_to = addressed;
  if (!opts.cooperative) body.entity_ids = v.entity_ids ?? [];
  if (opts.editing) return body;
  if (!opts.cooperative && v.province) body.province = v.province;
  if (v.activity_id) body.activity_id = v.activity_id;
  if (v.raised_on) body.raised_on = v.raised_on;
  return body;
}

// ---- The status bar ----

export const STEP_ORDER: PetitionStatus[] = ['received', 'assigned', 'answered', 'closed'];

/** The status bar's current step (0–3). */
export const stepIndex = (status: PetitionStatus) => Math.max(0, STEP_ORDER.indexOf(status));

/** An instant (…Z) as its local date and time, for the history: "14/03/2026 09:30". */
export function instantParts(at: string): { date: string; time: string } {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return { date: at, time: '' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}


// The activities pages' logic without React: the list's filters as the API's query, a month's
// range and its calendar grid, activities by day, the form's values ↔ the API's body, and the
// participants' rows.
import type { Query } from '../api/client';
import type { Activity, ActivityStatus, ActivityType, Counts, Organiser, Participant, ProgrammeLink, Sex } from './types';

export const isOfficial = (role: string | undefined) =>
  role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';

// ---- The list ----

export interface Filters {
  type: string[];
  province: string;
  programme: string;
  from: string;
  to: string;
  q: string;
}

export const noFilters = (): Filters => ({ type: [], province: '', programme: '', from: '', to: '', q: '' });

/** The filters as the API's query (empty ones left out by the client). */
export function filterQuery(f: Filters): Query {
  return { type: f.type, province: f.province, programme: f.programme, from: f.from, to: f.to, q: f.q.trim() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of a month (`month` 1–12) as ISO dates. */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}

/** The month before or after ({year, month} with month 1–12). */
export function addMonths(at: { year: number; month: number }, delta: number): { year: number; month: number } {
  const index = at.year * 12 + (at.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The calendar's weeks, Monday first: each day an ISO date, or null before the first and after
 * the last day of the month.
 */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const { to } = monthRange(year, month);
  const days = Number(to.slice(8));
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${year}-${pad(month)}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Whether an activity's period covers the day. */
export const onDay = (a: Pick<Activity, 'from' | 'to'>, day: string) => a.from <= day && (a.to || a.from) >= day;

/**
 * The days of [from, to] with their activities (an activity of several days under each of its
 * days in the range), days without any left out, in order.
 */
export function byDay<T extends Pick<Activity, 'from' | 'to'>>(items: readonly T[], from: string, to: string): { day: string; items: T[] }[] {
  const out = new Map<string, T[]>();
  for (const a of items) {
    const start = a.from > from ? a.from : from;
    const end = (a.to || a.from) < to ? a.to || a.from : to;
    for (let d = start; d <= end; d = nextDay(d)) {
      const list = out.get(d) ?? [];
      list.push(a);
      out.set(d, list);
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, list]) => ({ day, items: list }));
}

export function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// ---- The form ----

export interface ActivityForm {
  type: ActivityType | undefined;
  title: string;
  title_en?: string;
  status?: ActivityStatus | '';
  from: string;
  to: string;
  province: string;
  commune?: string;
  place?: string;
  organiser: Organiser;
  partners?: number[];
  programmes?: { programme?: number | null; contents?: number[] }[];
  entities?: number[];
  participants?: { total?: number | null; female?: number | null; youth?: number | null };
  description?: string;
  outcomes?: string;
}

const trim = (s: string | undefined | null) => (s ?? '').trim();
const count = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(Number(n)) ? null : Number(n));

export function activityForm(a: Activity): ActivityForm {
  return {
    type: a.type,
    title: a.title,
    title_en: a.title_en ?? '',
    status: a.status,
    from: a.from,
    to: a.to,
    province: a.province ?? '',
    commune: a.commune ?? '',
    place: a.place ?? '',
    organiser: a.organiser,
    partners: a.partners ?? [],
    programmes: (a.programmes ?? []).map((p) => ({ programme: p.programme, contents: p.contents ?? [] })),
    entities: a.entities ?? [],
    participants: { total: a.participants?.total ?? null, female: a.participants?.female ?? null, youth: a.participants?.youth ?? null },
    description: a.description ?? '',
    outcomes: a.outcomes ?? '',
  };
}

/**
 * The API's body for the form. Rows without a programme are left out; an empty commune is null;
 * no status lets the server decide (held once started); the counts are left out while a
 * participant list makes them (`countsFromList`).
 */
export function activityBody(f: ActivityForm, countsFromList: boolean): Record<string, unknown> {
  const programmes: ProgrammeLink[] = [];
  for (const row of f.programmes ?? []) {
    if (!row?.programme) continue;
    const contents = [...new Set((row.contents ?? []).map(Number))].sort((a, b) => a - b);
    const same = programmes.find((p) => p.programme === Number(row.programme));
    if (same) same.contents = [...new Set([...same.contents, ...contents])].sort((a, b) => a - b);
    else programmes.push({ programme: Number(row.programme), contents });
  }
  const body: Record<string, unknown> = {
    type: f.type,
    title: trim(f.title),
    title_en: trim(f.title_en),
    from: f.from,
    to: f.to || f.from,
    province: f.province,
    commune: f.commune ? f.commune : null,
    place: trim(f.place),
    organiser: f.organiser,
    partners: f.partners ?? [],
    programmes,
    entities: f.entities ?? [],
    description: trim(f.description),
    outcomes: trim(f.outcomes),
  };
  if (f.status) body.status = f.status;
  if (!countsFromList) {
    const p = f.participants ?? {};
    const counts: Counts = { total: count(p.total), female: count(p.female), youth: count(p.youth) };
    body.participants = { total: counts.total ?? 0, female: counts.female ?? 0, youth: counts.youth ?? 0 };
  }
  return body;
}

// ---- Participants ----

export interface ParticipantForm {
  name: string;
  sex?: Sex | '' | null;
  birth_year?: number | null;
  entity?: number | null;
  organisation?: string;
  position?: string;
  phone?: string;
  email?: string;
}

export function participantBody(f: ParticipantForm): Participant {
  return {
    name: trim(f.name),
    sex: f.sex ? f.sex : null,
    birth_year: count(f.birth_year),
    entity: f.entity ? Number(f.entity) : null,
    organisation: trim(f.organisation),
    position: trim(f.position),
    phone: trim(f.phone),
    email: trim(f.email),
  };
}

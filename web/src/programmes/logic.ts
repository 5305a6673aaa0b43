// The programmes pages' logic without React: state labels and colours, the per-year ticks, the
// forms' values ↔ the API's bodies, and the API's field errors ↔ the forms' fields.
import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';
import { formatNumber } from '../i18n/format';
import type { Key, T } from './strings';
import { STATES, type Measure, type Programme, type ProgrammeStatus, type Target, type TargetState, type YearProgress } from './types';

export type Lang = 'vi' | 'en';

/** The text of a state: never shown by colour alone. */
export function stateKey(state: string | undefined): Key {
  return (STATES as readonly string[]).includes(state ?? '') ? (`state.${state}` as Key) : 'state.unknown';
}

/** The states with at least one target, in the order of STATES. */
export function stateCounts(counts: Partial<Record<TargetState, number>> | undefined): [TargetState, number][] {
  return STATES.filter((s) => (counts?.[s] ?? 0) > 0).map((s) => [s, counts![s]!]);
}

/** How many targets are in each state, counted from the targets themselves. */
export function countStates(targets: readonly Target[]): Partial<Record<TargetState, number>> {
  const out: Partial<Record<TargetState, number>> = {};
  for (const target of targets) {
    const s = (target.progress?.state ?? 'unknown') as TargetState;
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** One year of a yearly target: "2023: 1/1 ✓", "2024: 0/1 chậm". */
export function yearText(y: YearProgress, t: T, lang: Lang): string {
  const head = t('target.yearTick', { year: String(y.year), actual: formatNumber(y.actual, lang), target: formatNumber(y.target, lang) });
  return y.state === 'achieved' ? `${head} ✓` : `${head} ${t(stateKey(y.state)).toLocaleLowerCase(lang)}`;
}

/** Every year of a yearly target, "2023: 1/1 ✓; 2024: 0/1 chậm". */
export function yearsText(years: readonly YearProgress[] | undefined, t: T, lang: Lang): string {
  return (years ?? []).map((y) => yearText(y, t, lang)).join('; ');
}

/** The bar's filled share, 0–1. */
export function barShare(share: number | undefined | null): number {
  if (share === undefined || share === null || !Number.isFinite(share)) return 0;
  return Math.min(1, Math.max(0, share));
}

/**
 * The whole units expected by today on the straight line: what the server's on-track test asks
 * (src/programmes/progress.cpp: a target of 1 a year is not behind in February with none yet),
 * rounded down for a rising target, up for a falling one.
 */
export function expectedUnits(expected: number | undefined | null, falling = false): number | null {
  if (expected === undefined || expected === null || !Number.isFinite(expected)) return null;
  return falling ? Math.ceil(expected - 1e-9) : Math.floor(expected + 1e-9);
}

export const isOfficial = (role: string | undefined) =>
  role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';

// ---- The programme's form ----

export interface ProgrammeForm {
  code: string;
  title: string;
  title_en?: string;
  kind: string;
  province?: string;
  from: string;
  to: string;
  status: ProgrammeStatus;
  signed_on?: string;
  signatories?: string;
  review?: string[];
  legal_basis?: { number?: string; date?: string; issuer?: string; title?: string }[];
  contents?: { number?: number | string | null; text?: string }[];
  partners?: number[];
}

const trim = (s: string | undefined | null) => (s ?? '').trim();

export function programmeForm(p: Programme): ProgrammeForm {
  return {
    code: p.code,
    title: p.title,
    title_en: p.title_en ?? '',
    kind: p.kind,
    province: p.province ?? '',
    from: p.from,
    to: p.to,
    status: p.status,
    signed_on: p.signed_on ?? '',
    signatories: p.signatories ?? '',
    review: p.review ?? [],
    legal_basis: (p.legal_basis ?? []).map((d) => ({ number: d.number, date: d.date ?? '', issuer: d.issuer ?? '', title: d.title ?? '' })),
    contents: (p.contents ?? []).map((c) => ({ number: c.number, text: c.text })),
    partners: p.partners ?? [],
  };
}

/**
 * The API's body for a programme form. `withProvince`: a national account says whose programme it
 * is ("" national); a province account's are its province's, so it sends none. Empty rows of the
 * legal basis and the contents are left out; an empty date is null.
 */
export function programmeBody(f: ProgrammeForm, withProvince: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: trim(f.code),
    title: trim(f.title),
    title_en: trim(f.title_en),
    kind: f.kind,
    from: f.from,
    to: f.to,
    status: f.status,
    signed_on: f.signed_on ? f.signed_on : null,
    signatories: trim(f.signatories),
    review: f.review ?? [],
    legal_basis: (f.legal_basis ?? [])
      .filter((d) => d && (trim(d.number) || trim(d.title) || trim(d.issuer) || d.date))
      .map((d) => ({ number: trim(d.number), date: d.date ? d.date : null, issuer: trim(d.issuer), title: trim(d.title) })),
    contents: (f.contents ?? [])
      .filter((c) => c && (trim(c.text) || (c.number !== undefined && c.number !== null && c.number !== '')))
      .map((c) => ({ number: Number(c.number), text: trim(c.text) })),
    partners: f.partners ?? [],
  };
  if (withProvince) body.province = f.province ?? '';
  return body;
}

// ---- The target's form ----

export const SOURCES = ['entities', 'figures', 'registry.events', 'manual'] as const;
/** The filters a target's count may have (the registry list's). */
export const FILTERS = ['kind', 'status', 'sector', 'women_managed', 'youth', 'founded_from', 'founded_to'] as const;
type FilterName = (typeof FILTERS)[number];
const BOOLEAN_FILTERS: readonly string[] = ['women_managed', 'youth'];

export interface TargetForm {
  content: number;
  title: string;
  deadline: string;
  cadence: 'once' | 'yearly';
  target: number | null;
  baseline: number | null;
  provinces: string[];
  measure: { source: string; measure?: string; filters: Partial<Record<FilterName, string>> };
}

export function emptyTargetForm(deadline: string, content = 0): TargetForm {
  return { content, title: '', deadline, cadence: 'once', target: null, baseline: 0, provinces: [], measure: { source: 'entities', filters: noFilters() } };
}

function noFilters(): TargetForm['measure']['filters'] {
  return Object.fromEntries(FILTERS.map((f) => [f, ''])) as TargetForm['measure']['filters'];
}

export function targetForm(t: Target): TargetForm {
  const filters = noFilters();
  for (const [name, value] of Object.entries(t.measure.filters ?? {}))
    if ((FILTERS as readonly string[]).includes(name)) filters[name as FilterName] = String(value);
  const source = t.measure.source;
  const measure = t.measure.measure && !(source === 'entities' && t.measure.measure === 'count') ? t.measure.measure : undefined;
  return {
    content: t.content ?? 0,
    title: t.title,
    deadline: t.deadline,
    cadence: t.cadence,
    target: t.target,
    baseline: t.baseline,
    provinces: t.provinces ?? [],
    measure: { source, measure, filters },
  };
}

/** The API's body for a target form; `national`: the programme counts provinces of its choice. */
export function targetBody(f: TargetForm, national: boolean): Record<string, unknown> {
  const source = f.measure.source;
  const measure: Measure = { source };
  if (source !== 'manual') {
    if (source !== 'entities' && f.measure.measure) measure.measure = f.measure.measure;
    const filters: Record<string, string | boolean> = {};
    for (const name of FILTERS) {
      const value = trim(f.measure.filters?.[name]);
      if (!value) continue;
      filters[name] = BOOLEAN_FILTERS.includes(name) ? value === 'true' : value;
    }
    measure.filters = filters;
  }
  const body: Record<string, unknown> = {
    content: f.content ? Number(f.content) : null,
    title: trim(f.title),
    deadline: f.deadline,
    cadence: f.cadence,
    target: f.target === null || f.target === undefined ? undefined : Number(f.target),
    baseline: f.baseline === null || f.baseline === undefined ? 0 : Number(f.baseline),
    measure,
  };
  if (national) body.provinces = f.provinces ?? [];
  return body;
}

// ---- Errors by field ----

/** The API's field name as a form's path: "legal_basis[0].number" → ['legal_basis', 0, 'number']. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/**
 * Puts each field error of `error` next to its field of `form` (those `known` accepts); returns
 * the messages of the errors no field shows, for a general message.
 */
export function showFieldErrors(form: Pick<FormInstance, 'setFields'>, error: ApiError, known: (path: (string | number)[]) => boolean): string[] {
  const shown = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const f of error.fields) {
    const name = fieldPath(f.field);
    if (!known(name)) {
      rest.push(f.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = shown.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    shown.set(key, entry);
  }
  form.setFields([...shown.values()]);
  if (!error.fields.length) rest.push(error.message);
  return rest;
}

// The programmes pages' logic without React: state labels and colours, the per-year ticks, the
// forms' values ↔ the API's bodies, and the API's field errors ↔ the forms' fields.
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

export const SOURCES = ['entities', 'figures', 'registry.events', 'activities', 'placements', 'surveys.campaigns', 'petitions.petitions', 'fund.loans', 'manual'] as const;
/** The filters a target's count may have (the registry list's). */
export const FILTERS = ['kind', 'status', 'sector', 'women_managed', 'youth', 'founded_from', 'founded_to'] as const;
type FilterName = (typeof FILTERS)[number];
const BOOLEAN_FILTERS: readonly string[] = ['women_managed', 'youth'];
/** What the activities' and placements' sources measure (the first is the default). */
export const ACTIVITY_MEASURES = ['count', 'participants', 'female', 'youth'] as const;
export const PLACEMENT_MEASURES = ['count', 'female', 'youth'] as const;
/** Sources counting the alliance's own work (the activities feature): their filters are theirs. */
export const isWorkSource = (source: string | undefined) => source === 'activities' || source === 'placements';
/** What the surveys' campaigns and the petitions measure (the first is the default). */
export const SURVEY_MEASURES = ['held', 'responses', 'targets'] as const;
export const PETITION_MEASURES = ['count', 'answered', 'answered_on_time', 'overdue'] as const;
export const PETITION_STATUSES = ['received', 'assigned', 'answered', 'closed'] as const;
/**
 * What the support fund's loan portfolio measures (src/fund/fund_portfolio.cpp, kMeasures): stocks on
 * the window's end (loans with a balance, principal outstanding, overdue more than 30 days), flows in
 * the window (loans first disbursed, amount disbursed). The first is the default.
 */
export const FUND_MEASURES = ['loans_active', 'outstanding_vnd', 'par30_vnd', 'loans_disbursed', 'disbursed_vnd'] as const;
/** The measures of the sources whose filters are their own (surveys, petitions, the fund's loans); none for the others. */
const OWN_MEASURES: Record<string, readonly string[]> = {
  'surveys.campaigns': SURVEY_MEASURES,
  'petitions.petitions': PETITION_MEASURES,
  'fund.loans': FUND_MEASURES,
};
/** Sources of the surveys' campaigns, the petitions and the fund's loans: a measure of their own and their own filters. */
export const isCaseSource = (source: string | undefined) =>
  source === 'surveys.campaigns' || source === 'petitions.petitions' || source === 'fund.loans';
/** The measure a source starts with when chosen: the work sources' and these sources' first; none for the others. */
export const defaultMeasure = (source: string | undefined): string | undefined =>
  isWorkSource(source) ? 'count' : OWN_MEASURES[source ?? '']?.[0];
const list = (value: unknown) =>
  value === undefined || value === null ? [] : String(value).split(',').map((x) => x.trim()).filter(Boolean);

export interface TargetForm {
  content: number;
  title: string;
  deadline: string;
  cadence: 'once' | 'yearly';
  target: number | null;
  baseline: number | null;
  provinces: string[];
  measure: {
    source: string;
    measure?: string;
    filters: Partial<Record<FilterName, string>>;
    /** Activities: the types counted (none: every type). */
    types?: string[];
    /** Placements: the workers' sex ('' either). */
    sex?: string;
    /** Activities and placements: only this programme's (filters.programme). */
    own?: boolean;
    /** Activities: a content filter the target had (kept while `own`). */
    content?: string;
    /** Surveys: the questionnaire's code ('' any). */
    form_id?: string;
    /** Petitions: the themes' codes and the statuses counted (none: every one). */
    themes?: string[];
    statuses?: string[];
    /** The fund's loans: the borrower women-managed, youth ('true', 'false', '' either) and the fund's id ('' any). */
    women_managed?: string;
    youth?: string;
    fund?: string;
  };
}

export function emptyTargetForm(deadline: string, content = 0): TargetForm {
  return {
    content, title: '', deadline, cadence: 'once', target: null, baseline: 0, provinces: [],
    measure: { source: 'entities', filters: noFilters(), types: [], sex: '', own: true },
  };
}

function noFilters(): TargetForm['measure']['filters'] {
  return Object.fromEntries(FILTERS.map((f) => [f, ''])) as TargetForm['measure']['filters'];
}

export function targetForm(t: Target): TargetForm {
  const filters = noFilters();
  const given = t.measure.filters ?? {};
  const source = t.measure.source;
  if (isCaseSource(source)) return { ...targetHead(t), measure: caseMeasure(t.measure) };
  if (!isWorkSource(source))
    for (const [name, value] of Object.entries(given))
      if ((FILTERS as readonly string[]).includes(name)) filters[name as FilterName] = String(value);
  const measure = t.measure.measure && !(source === 'entities' && t.measure.measure === 'count') ? t.measure.measure : undefined;
  const work = isWorkSource(source);
  return {
    content: t.content ?? 0,
    title: t.title,
    deadline: t.deadline,
    cadence: t.cadence,
    target: t.target,
    baseline: t.baseline,
    provinces: t.provinces ?? [],
    measure: {
      source,
      measure: work ? (t.measure.measure ?? 'count') : measure,
      filters,
      types: work && given.type ? String(given.type).split(',').map((x) => x.trim()).filter(Boolean) : [],
      sex: work && given.sex ? String(given.sex) : '',
      own: work ? given.programme !== undefined && given.programme !== '' : true,
      content: work && given.content !== undefined ? String(given.content) : undefined,
    },
  };
}

function targetHead(t: Target): Omit<TargetForm, 'measure'> {
  return {
    content: t.content ?? 0, title: t.title, deadline: t.deadline, cadence: t.cadence, target: t.target, baseline: t.baseline, provinces: t.provinces ?? [],
  };
}

/** A yes/no filter as the form's select has it: 'true', 'false' or '' (either). */
const yesNoValue = (value: unknown) => (value === true || value === 'true' ? 'true' : value === false || value === 'false' ? 'false' : '');

/**
 * A surveys', petitions' or fund's loans' measure in the form: its measure, the questionnaire, the
 * themes and statuses, the borrowers women-managed or youth and the fund.
 */
function caseMeasure(m: Measure): TargetForm['measure'] {
  const given = m.filters ?? {};
  if (m.source === 'fund.loans')
    return {
      source: m.source,
      measure: m.measure || defaultMeasure(m.source),
      filters: noFilters(),
      women_managed: yesNoValue(given.women_managed),
      youth: yesNoValue(given.youth),
      fund: given.fund !== undefined && given.fund !== null ? String(given.fund).trim() : '',
    };
  return {
    source: m.source,
    measure: m.measure || defaultMeasure(m.source),
    filters: noFilters(),
    form_id: given.form_id !== undefined ? String(given.form_id).trim() : '',
    themes: list(given.theme),
    statuses: list(given.status),
  };
}

/**
 * The API's body for a target form; `national`: the programme counts provinces of its choice;
 * `programme`: the programme's id, which an activities or placements target counts alone when
 * the form says so (`own`).
 */
export function targetBody(f: TargetForm, national: boolean, programme?: number): Record<string, unknown> {
  const source = f.measure.source;
  const measure: Measure = { source };
  if (isWorkSource(source)) {
    measure.measure = f.measure.measure || 'count';
    const filters: Record<string, string> = {};
    if (source === 'activities' && f.measure.types?.length) filters.type = f.measure.types.join(',');
    if (source === 'placements' && f.measure.sex) filters.sex = f.measure.sex;
    if (f.measure.own && programme !== undefined) {
      filters.programme = String(programme);
      if (source === 'activities' && f.measure.content) filters.content = f.measure.content;
    }
    measure.filters = filters;
  } else if (isCaseSource(source)) {
    measure.measure = f.measure.measure || defaultMeasure(source);
    const filters: Record<string, string> = {};
    if (source === 'surveys.campaigns' && trim(f.measure.form_id)) filters.form_id = trim(f.measure.form_id);
    if (source === 'petitions.petitions') {
      if (f.measure.themes?.length) filters.theme = f.measure.themes.join(',');
      if (f.measure.statuses?.length) filters.status = f.measure.statuses.join(',');
    }
    measure.filters = filters;
    if (source === 'fund.loans') {
      // The server's parser takes true|false for the borrowers' flags and the fund's id.
      const loans: Record<string, string | boolean> = {};
      for (const name of ['women_managed', 'youth'] as const) {
        const value = trim(f.measure[name]);
        if (value) loans[name] = value === 'true';
      }
      if (trim(f.measure.fund)) loans.fund = trim(f.measure.fund);
      measure.filters = loans;
    }
  } else if (source !== 'manual') {
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

// ---- The surveys' and petitions' choices and words ----

/** A questionnaire as the surveys' list gives it (GET /api/v1/surveys). */
export interface QuestionnaireChoice {
  id: number;
  form_id: string;
  title: { vi: string; en: string };
}
/** A petitions' theme (GET /api/v1/petition-themes). */
export interface ThemeChoice {
  code: string;
  name_vi: string;
  name_en: string;
  active: boolean;
}
export interface Choice {
  value: string;
  label: string;
}

/**
 * The questionnaires to pick one by its code, "title (code)", by title: one per code, the newest
 * version's title; a code the list lacks (`current`, e.g. a deleted questionnaire's) stays as itself.
 */
export function questionnaireChoices(items: readonly QuestionnaireChoice[] | undefined, lang: Lang, current?: string): Choice[] {
  const newest = new Map<string, QuestionnaireChoice>();
  for (const q of items ?? []) if (!newest.has(q.form_id) || newest.get(q.form_id)!.id < q.id) newest.set(q.form_id, q);
  const out = [...newest.values()]
    .map((q) => ({ value: q.form_id, label: `${(lang === 'en' && q.title.en) || q.title.vi || q.title.en || q.form_id} (${q.form_id})` }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  const code = trim(current);
  if (code && !newest.has(code)) out.push({ value: code, label: code });
  return out;
}

/** The themes to pick: those in use, and those `selected` although no longer in use; unknown codes as themselves. */
export function themeChoices(items: readonly ThemeChoice[] | undefined, lang: Lang, selected: readonly string[] = []): Choice[] {
  const out = (items ?? [])
    .filter((x) => x.active || selected.includes(x.code))
    .map((x) => ({ value: x.code, label: (lang === 'en' && x.name_en) || x.name_vi || x.code }));
  for (const code of selected) if (!out.some((c) => c.value === code)) out.push({ value: code, label: code });
  return out;
}

/**
 * A surveys' or petitions' target's measure in words (the server's description is technical):
 * "Khảo sát (đợt khảo sát) — Số đợt khảo sát đã tổ chức; bộ câu hỏi …". Undefined for other sources.
 * `names` gives a questionnaire's and a theme's name by code when known.
 */
export function measureText(
  m: Measure,
  t: T,
  names: {
    questionnaire?: (formId: string) => string | undefined;
    theme?: (code: string) => string | undefined;
    fund?: (id: string) => string | undefined;
  } = {},
): string | undefined {
  if (!isCaseSource(m.source)) return undefined;
  const f = caseMeasure(m);
  const prefix = m.source === 'surveys.campaigns' ? 'target.svMeasure' : m.source === 'fund.loans' ? 'target.fuMeasure' : 'target.peMeasure';
  const known = (OWN_MEASURES[m.source] ?? []).includes(f.measure ?? '');
  const parts = [t('target.measured', { source: t(`target.source.${m.source}` as Key), measure: known ? t(`${prefix}.${f.measure}` as Key) : String(f.measure) })];
  if (f.women_managed) parts.push(t('target.measured.womenManaged', { value: t(f.women_managed === 'true' ? 'target.yes' : 'target.no') }));
  if (f.youth) parts.push(t('target.measured.youth', { value: t(f.youth === 'true' ? 'target.yes' : 'target.no') }));
  if (f.fund) parts.push(t('target.measured.fund', { name: names.fund?.(f.fund) ?? `#${f.fund}` }));
  if (f.form_id) parts.push(t('target.measured.questionnaire', { name: names.questionnaire?.(f.form_id) ?? f.form_id }));
  if (f.themes?.length) parts.push(t('target.measured.themes', { names: f.themes.map((c) => names.theme?.(c) ?? c).join(', ') }));
  if (f.statuses?.length)
    parts.push(
      t('target.measured.statuses', {
        names: f.statuses.map((s) => ((PETITION_STATUSES as readonly string[]).includes(s) ? t(`target.petStatus.${s}` as Key) : s)).join(', '),
      }),
    );
  return parts.join('; ');
}

// ---- Errors by field: shared with the other forms (components/formErrors.ts) ----

export { fieldPath, showFieldErrors } from '../components/formErrors';

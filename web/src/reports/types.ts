// The reporting API's shapes (docs/api/openapi.yaml, tag `reports`; src/reporting/report_json.cpp):
// forms and their fields, reports, the due list and completeness.

export type FieldType =
  | 'integer' | 'money' | 'decimal' | 'percent' | 'range' | 'yes_no' | 'date' | 'choice' | 'text' | 'long_text';
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export const REPORT_STATUSES: ReportStatus[] = ['draft', 'submitted', 'returned', 'approved'];
export type PeriodType = 'year' | 'half' | 'quarter' | 'month' | 'nine_months';
export type Level = 'entity' | 'province';

export interface FormField {
  code: string;
  label_vi: string;
  label_en: string;
  type: FieldType;
  unit?: string;
  required?: boolean;
  min?: number;
  max?: number;
  choices?: string[];
  /** Province forms: the question to the indicators registry (its presence is what matters here). */
  prefill?: { source: string; measure: string; window?: string; filters?: Record<string, string> };
  /** Entity forms: the registry figure or profile field this field is. */
  figure?: string;
  profile?: string;
}

export interface FormSection {
  code: string;
  title_vi: string;
  title_en: string;
  fields: FormField[];
}

export interface FormRule {
  code: string;
  left: string;
  op: '<=' | '<' | '>=' | '>' | '==';
  right: string;
  severity: 'error' | 'warning';
  message_vi: string;
  message_en: string;
}

export interface FormSummary {
  code: string;
  version: number;
  level: Level;
  period_types: PeriodType[];
  name_vi: string;
  name_en: string;
}

export interface ReportForm extends FormSummary {
  due?: { kind: 'fixed' | 'after_end'; month?: number; day?: number; days?: number };
  sections: FormSection[];
  rules?: FormRule[];
}

export interface ReportSummary {
  id: number;
  form: string;
  form_version: number;
  period: string;
  province: string;
  entity_id: number | null;
  status: ReportStatus;
  due_date: string;
  submitted_at: string | null;
  approved_at: string | null;
  on_time: boolean | null;
  return_comment: string | null;
  /** The form's name in the request's language (servers before it: absent, the code names it). */
  form_name?: string;
  /** The province's name (absent from older servers). */
  province_name?: string;
  /** The entity's name, null for province reports (absent from older servers). */
  entity_name?: string | null;
}

export interface RuleCheck {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface HistoryEvent {
  action: 'created' | 'saved' | 'submitted' | 'returned' | 'approved' | 'reopened' | string;
  by: string;
  at: string;
  comment: string | null;
}

export interface ReportView extends ReportSummary {
  values: Record<string, unknown>;
  notes: Record<string, string>;
  prefill: Record<string, { value: unknown; source: string }>;
  entered: Record<string, { by: string; at: string }>;
  checks: RuleCheck[];
  history: HistoryEvent[];
  previous: Record<string, unknown>;
}

export interface DueItem {
  form: string;
  period: string;
  province: string;
  entity_id: number | null;
  due_date: string;
  days_left: number;
  overdue: boolean;
  report_id: number | null;
  action: 'fill' | 'review';
  form_name?: string;
  province_name?: string;
  entity_name?: string | null;
}

export interface CompletenessRow {
  province: string;
  province_name: string;
  expected: number;
  submitted: number;
  on_time: number;
  approved: number;
  returned: number;
  /** Province forms: the report's status (null: not created), its submission and id. */
  status?: ReportStatus | null;
  submitted_at?: string | null;
  report_id?: number | null;
}

export interface Completeness {
  form: string;
  period: string;
  level: Level;
  expected: number;
  submitted: number;
  on_time: number;
  approved: number;
  returned: number;
  rows: CompletenessRow[];
  missing: { id: number; name: string; registration_code: string }[];
}

/** A column of the national table: one field of the form. */
export interface NationalColumn {
  code: string;
  label: string;
  type: FieldType;
  unit?: string | null;
  /** The registry answers this field too (its value is in each row's `registry`). */
  prefilled: boolean;
}

export interface NationalRow {
  province: string;
  province_name: string;
  report_id: number | null;
  status: ReportStatus | null;
  values: Record<string, unknown>;
  registry: Record<string, unknown>;
}

/** GET /api/v1/reports/table: a province form's values for one period, a row per province. */
export interface NationalTable {
  form: string;
  form_name: string;
  period: string;
  expected: number;
  reported: number;
  columns: NationalColumn[];
  rows: NationalRow[];
  sums: Record<string, unknown>;
  registry_sums: Record<string, unknown>;
}

/** One entity's line of the grid: its report (or none yet), the values shown, the registry's. */
export interface GridRow {
  entity_id: number;
  name: string;
  registration_code: string;
  report_id: number | null;
  status: ReportStatus | null;
  /** The report's values, else the prefill a new report would get. */
  values: Record<string, unknown>;
  /** The registry's prefill (figures of the period, else the latest; profile). */
  registry: Record<string, unknown>;
  /** The registry's figures of the previous period. */
  previous: Record<string, unknown>;
  checks: RuleCheck[];
}

/** GET /api/v1/reports/grid: a page of an entity form's grid for one province and period. */
export interface ReportGrid {
  form: string;
  form_version: number;
  period: string;
  province: string;
  province_name: string;
  total: number;
  offset: number;
  limit: number;
  rows: GridRow[];
}

// The programmes' shapes (docs/api/openapi.yaml, tag programmes): partners, programmes, their
// targets with live progress, and manual values.

export const PARTNER_KINDS = [
  'womens_union', 'youth_union', 'farmers_union', 'veterans_association', 'ministry', 'department',
  'peoples_committee', 'international', 'bank', 'university', 'enterprise', 'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PROGRAMME_KINDS = ['national_programme', 'project', 'coordination_programme', 'plan'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export const PROGRAMME_STATUSES = ['draft', 'in_force', 'closed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const REVIEWS = ['half_year', 'year', 'end_of_phase'] as const;
export type Review = (typeof REVIEWS)[number];

/** A target's state, worst last but one; `unknown` when its question failed. */
export const STATES = ['achieved', 'on_track', 'at_risk', 'behind', 'not_started', 'unknown'] as const;
export type TargetState = (typeof STATES)[number];

export interface Contact {
  name: string;
  position?: string;
  phone?: string;
  email?: string;
}

export interface Partner {
  id: number;
  name: string;
  name_en?: string;
  short_name?: string;
  kind: PartnerKind;
  province: string | null;
  contacts: Contact[];
  address?: string;
  website?: string;
  notes?: string;
}

export interface PartnerWithProgrammes extends Partner {
  programmes: { id: number; code: string; title: string; status: ProgrammeStatus }[];
}

export interface LegalDocument {
  number: string;
  date?: string | null;
  issuer?: string;
  title?: string;
}

export interface Programme {
  id: number;
  code: string;
  title: string;
  title_en?: string;
  kind: ProgrammeKind;
  province: string | null;
  from: string;
  to: string;
  status: ProgrammeStatus;
  signed_on?: string | null;
  signatories?: string;
  review?: Review[];
  legal_basis?: LegalDocument[];
  contents?: { number: number; text: string }[];
  partners?: number[];
  /** The count of its targets by state (the list's items and the programme's answer). */
  target_states?: Partial<Record<TargetState, number>>;
  /** Whether the caller may change it and its targets (the server's rule). */
  may_write?: boolean;
}

/** A partner of a programme as every reader of it sees it: names only, never contacts. */
export interface PartnerName {
  id: number;
  name: string;
  name_en?: string;
  short_name?: string;
  kind: string;
  province: string | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
}

export interface YearProgress {
  year: number;
  from?: string;
  to?: string;
  actual: number | null;
  target: number;
  expected?: number;
  state: TargetState;
  description?: string;
  error?: ApiErrorBody | null;
}

export interface Progress {
  as_of?: string;
  state: TargetState;
  actual: number | null;
  target: number;
  baseline?: number;
  share?: number;
  expected?: number;
  description?: string;
  error?: ApiErrorBody | null;
  years?: YearProgress[];
}

export interface TargetValue {
  id: number;
  on: string;
  value: number;
  evidence?: string;
  entered_by?: string;
  entered_at_ms?: number;
}

export type Cadence = 'once' | 'yearly';

export interface Measure {
  source: string;
  measure?: string | null;
  indicator?: string;
  filters?: Record<string, string | boolean | number>;
}

export interface Target {
  id: number;
  programme_id: number;
  content: number | null;
  title: string;
  provinces: string[];
  deadline: string;
  cadence: Cadence;
  target: number;
  baseline: number;
  measure: Measure;
  position?: number;
  values?: TargetValue[];
  progress?: Progress;
}

export interface ProgrammeWithTargets extends Programme {
  targets: Target[];
  target_states: Partial<Record<TargetState, number>>;
  partner_details?: PartnerName[];
}

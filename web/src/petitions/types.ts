// The petitions' shapes (/work contract of issue 17, "Petitions"): petitions raised by cooperatives
// and recorded by the alliance's officials, their workflow, themes, statistics and the public Q&A.

export const STATUSES = ['received', 'assigned', 'answered', 'closed'] as const;
export type PetitionStatus = (typeof STATUSES)[number];
export type StepKind = PetitionStatus | 'reopened';
export const BUILTIN_THEMES = ['land', 'credit', 'market', 'quality', 'technology', 'policy', 'infrastructure', 'human_resources', 'other'] as const;
export const ADDRESSEE_KINDS = ['alliance', 'department', 'people_committee', 'ministry', 'other'] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

export interface UserRef {
  id: number;
  username: string;
  display_name: string;
}

export interface Petition {
  id: number;
  code: string;
  raised_on: string;
  province: string;
  province_name?: string;
  theme: string;
  content: string;
  addressed_to: { kind: AddresseeKind | string; name: string } | null;
  entity_ids: number[];
  entities: { id: number; name: string; province?: string | null }[];
  activity_id: number | null;
  activity: { id: number; title: string; from_date: string } | null;
  source: 'officer' | 'cooperative';
  status: PetitionStatus;
  assignee: UserRef | null;
  agency: string | null;
  assigned_on: string | null;
  due_on: string | null;
  overdue: boolean;
  days_overdue: number;
  answer: { text: string; public: boolean; by: UserRef | null; at: string; on_time: boolean | null } | null;
  closed_at: string | null;
  reopen_reason: string | null;
  steps: { step: StepKind; at: string; by: string; note?: string | null }[];
  created_at?: string;
  updated_at?: string;
  may: { edit: boolean; assign: boolean; answer: boolean; close: boolean; reopen: boolean };
}

export interface PetitionList {
  items: Petition[];
  total: number;
}

export interface Theme {
  code: string;
  name_vi: string;
  name_en: string;
  builtin: boolean;
  active: boolean;
}

export interface PetitionStats {
  total: number;
  overdue: number;
  answered: number;
  answered_on_time: number;
  median_days_to_answer: number | null;
  by_theme: { theme: string; count: number; answered: number; overdue: number }[];
  by_status: { status: PetitionStatus; count: number }[];
  by_province: { province: string; name: string; count: number; overdue: number; median_days_to_answer: number | null }[];
  by_month: { month: string; count: number }[];
  themes_year_on_year: { year: number; items: { theme: string; this_year: number; last_year: number }[] };
}

/** One public answer of the Q&A (no entity named). */
export interface PublicAnswer {
  id: number;
  theme: string;
  province: string;
  province_name?: string;
  raised_on: string;
  content: string;
  answer: string;
  answered_on: string | null;
}

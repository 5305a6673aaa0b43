// The activities' shapes (/work contract of issue 16, items 4–6): activities that carry out
// programme contents, their participant lists, import reports and young workers' placements.

export const ACTIVITY_TYPES = [
  'training', 'dialogue', 'conference', 'working_visit', 'signing', 'trade_fair', 'trade_promotion', 'ecommerce_campaign', 'survey',
  'communication',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ORGANISERS = ['national', 'province'] as const;
export type Organiser = (typeof ORGANISERS)[number];
export type Sex = 'female' | 'male';

export interface ProgrammeLink {
  programme: number;
  contents: number[];
}

export interface Counts {
  total: number | null;
  female: number | null;
  youth: number | null;
}

export interface Activity {
  id: number;
  type: ActivityType;
  title: string;
  title_en?: string;
  status: ActivityStatus;
  from: string;
  to: string;
  province: string | null;
  commune?: string | null;
  place?: string;
  organiser: Organiser;
  partners?: number[];
  partner_details?: { id: number; name: string; short_name?: string; kind?: string }[];
  programmes?: ProgrammeLink[];
  programme_details?: { id: number; code: string; title: string }[];
  entities?: number[];
  entity_details?: { id: number; name: string; kind?: string; province?: string | null }[];
  participants?: Partial<Counts>;
  counts_from_list?: boolean;
  participant_list_size?: number;
  description?: string;
  outcomes?: string;
  created_at?: string;
  updated_at?: string;
  may_write?: boolean;
  /** Whether the caller may read its participant list (personal data). */
  may_read_list?: boolean;
  /** The province in force today it belongs to. */
  current_province?: string | null;
}

export interface ActivityList {
  items: Activity[];
  total: number;
}

export interface Participant {
  name: string;
  sex: Sex | null;
  birth_year: number | null;
  entity: number | null;
  organisation?: string;
  position?: string;
  phone?: string;
  email?: string;
}

/** The answer of an import (dry run or applied): all or nothing, with the rows' errors. */
export interface ImportReport<T = unknown> {
  rows: number;
  errors: { row: number; field?: string; message: string }[];
  items?: T[];
  applied: boolean;
}

export interface Placement {
  id: number;
  worker_name: string;
  birth_year: number | null;
  sex: Sex | null;
  entity: number | null;
  entity_details?: { id: number; name: string; province?: string | null } | null;
  province: string | null;
  start: string;
  end: string | null;
  programme: number | null;
  position?: string;
  notes?: string;
  may_write?: boolean;
}

/** A programme as the activities' pickers need it (code, title, its numbered contents). */
export interface ProgrammeChoice {
  id: number;
  code: string;
  title: string;
  title_en?: string;
  province: string | null;
  contents?: { number: number; text: string }[];
}

/** A partner of the directory, by name. */
export interface PartnerChoice {
  id: number;
  name: string;
  short_name?: string;
}

/** A registry entity as the pickers show it. */
export interface EntityChoice {
  id: number;
  name: string;
  registration_code?: string;
  current_province_code?: string | null;
  province_code?: string | null;
}

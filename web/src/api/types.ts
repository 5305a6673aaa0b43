// Shapes of the API's answers (docs/api/openapi.yaml).

export type Role = 'national_admin' | 'national_officer' | 'province_admin' | 'province_officer' | 'partner' | 'cooperative';
export const ROLES: Role[] = ['national_admin', 'national_officer', 'province_admin', 'province_officer', 'partner', 'cooperative'];

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  province_code: string | null;
  entity_id: number | null;
  disabled: boolean;
}

export interface SessionInfo {
  user: User;
  csrf_token?: string;
  credential?: 'session' | 'api_token';
  expires_at_ms?: number;
}

export type EntityKind = 'cooperative' | 'union' | 'group' | 'credit_fund';
export const KINDS: EntityKind[] = ['cooperative', 'union', 'group', 'credit_fund'];
export type EntityStatus = 'active' | 'suspended' | 'stopped' | 'dissolved' | 'bankrupt' | 'converted';
export const STATUSES: EntityStatus[] = ['active', 'suspended', 'stopped', 'dissolved', 'bankrupt', 'converted'];
export type EventType =
  | 'established' | 'suspended' | 'resumed' | 'stopped' | 'dissolved' | 'bankrupt' | 'reorganised' | 'converted';
export const EVENT_TYPES: EventType[] = [
  'established', 'suspended', 'resumed', 'stopped', 'dissolved', 'bankrupt', 'reorganised', 'converted',
];
export type Sector =
  | 'agriculture' | 'forestry' | 'fisheries' | 'salt' | 'industry_handicraft' | 'construction'
  | 'trade_services' | 'transport' | 'credit' | 'environment' | 'housing' | 'other';
export const SECTORS: Sector[] = [
  'agriculture', 'forestry', 'fisheries', 'salt', 'industry_handicraft', 'construction',
  'trade_services', 'transport', 'credit', 'environment', 'housing', 'other',
];

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  province_code: string;
  current_province_code: string;
  commune_code: string | null;
  sector: Sector | null;
  status: EntityStatus | null;
  founded_on: string | null;
  registration_code?: string;
  tax_code?: string;
  province_as_of?: string | null;
  address?: string;
  women_managed?: boolean;
  youth?: boolean;
  chair_name?: string;
  chair_sex?: 'female' | 'male' | null;
  chair_birth_year?: number | null;
  phone?: string;
  email?: string;
  union_id?: number | null;
  union_registration_code?: string | null;
  created_at_ms?: number;
  updated_at_ms?: number;
}

export interface Page<T> {
  total: number;
  items: T[];
  next_offset?: number | null;
}

export interface EntityEvent {
  id: number;
  date: string;
  type: EventType;
  note: string;
  converted_to: EntityKind | null;
}

export interface AdminUnit {
  code: string;
  name: string;
  level?: string;
  [key: string]: unknown;
}

export interface ApiToken {
  id: number;
  user_id: number;
  username: string;
  name: string;
  prefix: string;
  created_at_ms: number;
  last_used_at_ms: number | null;
  expires_at_ms: number | null;
  revoked: boolean;
  token?: string;
}

export interface AuditRow {
  id: number;
  at_ms: number;
  actor_user_id: number | null;
  actor_name: string;
  address: string;
  action: string;
  object_type: string;
  object_id: string;
  province_code: string | null;
  before: unknown;
  after: unknown;
}

// Stats (the contract in the lead's brief; see docs/api/openapi.yaml once merged).
export interface StatsRow {
  keys: Record<string, string>;
  labels: Record<string, string>;
  value: number;
  entities?: number;
}
export interface StatsAnswer {
  measure: string;
  as_of: string;
  province_scheme: 'current' | 'legacy';
  group_by: string[];
  total: number;
  entities: number;
  rows: StatsRow[];
}
export interface FlowsAnswer {
  event: string;
  from: string;
  to: string;
  total: number;
  years: number;
  yearly_average: number;
  group_by: string[];
  rows: StatsRow[];
}
export interface SeriesPoint {
  period: string;
  end: string;
  keys: Record<string, string>;
  labels: Record<string, string>;
  value: number;
}
export interface SeriesAnswer {
  measure: string;
  interval: string;
  group_by: string[];
  points: SeriesPoint[];
}

/** Roles that may change the registry (the server still decides per entity). */
export function canEditRegistry(role: Role | undefined): boolean {
  return role === 'national_admin' || role === 'national_officer' || role === 'province_admin' || role === 'province_officer';
}
export function isAdmin(role: Role | undefined): boolean {
  return role === 'national_admin' || role === 'province_admin';
}

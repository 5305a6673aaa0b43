// The registry's shapes (docs/api/openapi.yaml): entities, their kinds, statuses, sectors and events.

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

export interface EntityEvent {
  id: number;
  date: string;
  type: EventType;
  note: string;
  converted_to: EntityKind | null;
}

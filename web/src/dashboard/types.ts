// The statistics API's answers (docs/api/openapi.yaml).

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

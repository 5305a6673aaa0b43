// The statistics API's answers (docs/api/openapi.yaml).

/** What disclosure control applied: `cell_key` when figures answered to a non-official are protected. */
export interface StatsDisclosure {
  method: 'none' | 'cell_key';
  min_entities?: number;
  max_share?: number;
}

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
  disclosure?: StatsDisclosure;
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
  disclosure?: StatsDisclosure;
  points: SeriesPoint[];
}

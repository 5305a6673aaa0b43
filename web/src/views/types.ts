// Saved views (GET/POST /api/v1/views …, docs/api/openapi.yaml).
export type ViewPage = 'dashboard' | 'pivot';
export type Visibility = 'private' | 'province' | 'country';

export interface SavedView {
  id: number;
  name: string;
  page: ViewPage;
  query: string;
  visibility: Visibility;
  owner: string;
  province: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  mine?: boolean;
  may_delete?: boolean;
}
export interface ViewList {
  items: SavedView[];
  start_view_id: number | null;
}

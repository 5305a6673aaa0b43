// Import jobs' shapes (docs/api/openapi.yaml).

export type ImportType = 'entities' | 'events' | 'figures';
export const IMPORT_TYPES: ImportType[] = ['entities', 'events', 'figures'];

export interface ImportProblem {
  row: number;
  column: string;
  field?: string;
  value: string;
  severity: 'error' | 'warning' | string;
  code: string;
  message: string;
}

export interface ImportJob {
  id: string;
  type: ImportType;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  outcome: 'committed' | 'rejected' | 'dry_run' | 'cancelled' | null;
  file_name: string;
  dry_run: boolean;
  rows_read: number;
  counts: { rows_read: number; created: number; updated: number; unchanged: number; bad_rows: number; warning_rows?: number; unconfirmed_rows?: number; events_added?: number } | null;
  error: { code: string; message: string; fields?: { field: string; message: string }[] } | null;
  problems_total: number;
  /** A committed import's number (GET /api/v1/imports/{number}); null otherwise. */
  import_id?: number | null;
  columns?: { header: string; column: string | null }[];
  unknown_headers?: string[];
  preview?: { row: number; values: Record<string, string>; problems: number; severity: string | null }[];
  problems?: ImportProblem[];
}

// Import jobs (POST /api/v1/imports?type=…&dry_run=…; GET /api/v1/imports/{id};
// POST /api/v1/imports/{id}/cancel; GET /api/v1/imports/{id}/report?format=csv|xlsx).
import { api, buildUrl, request } from '../api/client';

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
  counts: { rows_read: number; created: number; updated: number; unchanged: number; bad_rows: number; warning_rows?: number; events_added?: number } | null;
  error: { code: string; message: string; fields?: { field: string; message: string }[] } | null;
  problems_total: number;
  columns?: { header: string; column: string | null }[];
  unknown_headers?: string[];
  preview?: { row: number; values: Record<string, string>; problems: number; severity: string | null }[];
  problems?: ImportProblem[];
}

export function isFinished(job: ImportJob): boolean {
  return job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
}

export function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

export function submit(type: ImportType, file: File, options: { dryRun: boolean; skipBadRows?: boolean }): Promise<ImportJob> {
  return request<ImportJob>('POST', '/api/v1/imports', {
    query: { type, dry_run: options.dryRun, skip_bad_rows: options.skipBadRows ? true : undefined, filename: file.name },
    raw: { data: file, contentType: contentTypeOf(file) ?? 'application/octet-stream' },
  });
}

export const getJob = (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}`, undefined, signal);
export const cancelJob = (id: string) => api.post<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}/cancel`);
export const reportUrl = (id: string, format: 'csv' | 'xlsx') => buildUrl(`/api/v1/imports/${encodeURIComponent(id)}/report`, { format });

/** Polls a job until it finishes, reporting each state; stops when the signal aborts. */
export async function follow(job: ImportJob, onUpdate: (job: ImportJob) => void, signal: AbortSignal, interval = 400): Promise<ImportJob> {
  let current = job;
  onUpdate(current);
  while (!isFinished(current)) {
    await new Promise((r) => setTimeout(r, interval));
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    current = await getJob(current.id, signal);
    onUpdate(current);
  }
  return current;
}

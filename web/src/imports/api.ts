// Import jobs (POST /api/v1/imports?type=…&dry_run=…; GET /api/v1/imports/{id};
// POST /api/v1/imports/{id}/cancel; GET /api/v1/imports/{id}/report?format=csv|xlsx).
import { ApiError, api, buildUrl, request } from '../api/client';
import { contentTypeOf, isFinished } from './jobs';
import type { ImportJob, ImportType } from './types';

export function submit(
  type: ImportType,
  file: File,
  options: { dryRun: boolean; skipBadRows?: boolean; confirmWarnings?: boolean; asOf?: string },
): Promise<ImportJob> {
  return request<ImportJob>('POST', '/api/v1/imports', {
    query: {
      type,
      dry_run: options.dryRun,
      skip_bad_rows: options.skipBadRows ? true : undefined,
      confirm_warnings: options.confirmWarnings ? true : undefined,
      as_of: options.asOf,
      filename: file.name,
    },
    raw: { data: file, contentType: contentTypeOf(file) ?? 'application/octet-stream' },
  });
}

export const getJob = (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}`, undefined, signal);
export const cancelJob = (id: string) => api.post<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}/cancel`);
/** The original file of a committed import (a link the browser downloads). */
export const importFileUrl = (importId: number) => `/api/v1/imports/${importId}/file`;
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

/** True when the error says the server has no import jobs at all (an older server). */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.message.includes('/api/v1/imports');
}
/** An empty file to fill in, with the Vietnamese headings and an example row (GET /api/v1/imports/template). */
export const templateUrl = (type: ImportType, format: 'csv' | 'xlsx') => buildUrl('/api/v1/imports/template', { type, format });

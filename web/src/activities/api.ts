// Calls to the activities API: activities, their participant lists (officials), the files in and
// out, young workers' placements, and what the forms pick from (programmes and their contents,
// partners, registry entities, communes).
import { api, buildUrl, request, type Query } from '../api/client';
import type { Activity, ActivityList, EntityChoice, ImportReport, Participant, PartnerChoice, Placement, ProgrammeChoice } from './types';

export const listActivities = (query: Query, signal?: AbortSignal) => api.get<ActivityList>('/api/v1/activities', query, signal);
export const getActivity = (id: number | string, signal?: AbortSignal) => api.get<Activity>(`/api/v1/activities/${id}`, undefined, signal);
export const createActivity = (body: Record<string, unknown>) => api.post<Activity>('/api/v1/activities', body);
export const updateActivity = (id: number | string, body: Record<string, unknown>) => api.patch<Activity>(`/api/v1/activities/${id}`, body);
export const deleteActivity = (id: number | string) => api.del(`/api/v1/activities/${id}`);
export const activityDocumentsUrl = (activity: number) => `/api/v1/activities/${activity}/documents`;

/** The filtered list as a file (a link the browser downloads). */
export const activitiesExportUrl = (format: 'csv' | 'xlsx', query: Query) => buildUrl('/api/v1/activities/export', { format, ...query });

export function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/octet-stream';
}

/** An activities file, checked (dry run) or applied: all or nothing. */
export const importActivities = (file: File, dryRun: boolean) =>
  request<ImportReport<Activity>>('POST', '/api/v1/activities/import', {
    query: { filename: file.name, dry_run: dryRun },
    raw: { data: file, contentType: contentTypeOf(file) },
  });

export const getParticipants = (id: number | string, signal?: AbortSignal) =>
  api.get<{ items: Participant[] }>(`/api/v1/activities/${id}/participants`, undefined, signal);
export const putParticipants = (id: number | string, items: Participant[]) =>
  api.put<{ items: Participant[] }>(`/api/v1/activities/${id}/participants`, { items });
export const importParticipants = (id: number | string, file: File, dryRun: boolean) =>
  request<ImportReport<Participant>>('POST', `/api/v1/activities/${id}/participants/import`, {
    query: { filename: file.name, dry_run: dryRun },
    raw: { data: file, contentType: contentTypeOf(file) },
  });
export const participantsExportUrl = (id: number | string, format: 'csv' | 'xlsx') =>
  buildUrl(`/api/v1/activities/${id}/participants/export`, { format });

export const listPlacements = (query: Query, signal?: AbortSignal) =>
  api.get<{ items: Placement[]; total: number }>('/api/v1/placements', query, signal);
export const createPlacement = (body: Record<string, unknown>) => api.post<Placement>('/api/v1/placements', body);
export const updatePlacement = (id: number, body: Record<string, unknown>) => api.patch<Placement>(`/api/v1/placements/${id}`, body);
export const deletePlacement = (id: number) => api.del(`/api/v1/placements/${id}`);

// What the forms pick from: programmes (with their contents), partners, entities, communes.
export const listProgrammeChoices = (signal?: AbortSignal) => api.get<{ items: ProgrammeChoice[] }>('/api/v1/programmes', undefined, signal);
export const getProgrammeChoice = (id: number | string, signal?: AbortSignal) =>
  api.get<ProgrammeChoice>(`/api/v1/programmes/${id}`, undefined, signal);
export const listPartnerChoices = (signal?: AbortSignal) => api.get<{ items: PartnerChoice[] }>('/api/v1/partners', undefined, signal);
export const searchEntities = (q: string, signal?: AbortSignal) =>
  api.get<{ items: EntityChoice[] }>('/api/v1/entities', { q, limit: 20 }, signal);
export const getEntityChoice = (id: number, signal?: AbortSignal) => api.get<EntityChoice>(`/api/v1/entities/${id}`, undefined, signal);
export const listCommunes = (province: string, signal?: AbortSignal) =>
  api.get<{ items: { code: string; name: string; name_en?: string }[] }>('/api/v1/admin-units', { level: 'commune', parent: province }, signal);

// Calls to the registry API: entities, their events and figures, the list's exports, and an
// entity's change history (the audit log's rows about it).
import { api, buildUrl, type Query } from '../api/client';
import type { Page } from '../api/types';
import type { AuditRow } from '../admin/types';
import type { Entity, EntityEvent } from './types';

/** A page of the list: the filters and sort of filters.ts's apiFilters, plus offset and limit. */
export const listEntities = (query: Query, signal?: AbortSignal) => api.get<Page<Entity>>('/api/v1/entities', query, signal);

/** The address of the whole filtered list as a file (a link the browser downloads). */
/** The export in the page's language: Vietnamese headings and labels, or the canonical columns and codes. */
export const exportUrl = (format: 'csv' | 'xlsx', query: Query, lang: 'vi' | 'en' = 'vi') =>
  buildUrl('/api/v1/exports/entities', { format, ...query, headings: lang === 'vi' ? 'vi' : 'canonical' });

export const getEntity = (id: number | string, signal?: AbortSignal) => api.get<Entity>(`/api/v1/entities/${id}`, undefined, signal);
export const createEntity = (body: Record<string, unknown>) => api.post<Entity>('/api/v1/entities', body);
/** PATCH: only the members that change. */
export const updateEntity = (id: number | string, patch: Record<string, unknown>) => api.patch<Entity>(`/api/v1/entities/${id}`, patch);
export const deleteEntity = (id: number) => api.del(`/api/v1/entities/${id}`);

export const listEvents = (id: number | string, signal?: AbortSignal) =>
  api.get<Page<EntityEvent>>(`/api/v1/entities/${id}/events`, undefined, signal);
export const addEvent = (id: number, body: Record<string, unknown>) => api.post(`/api/v1/entities/${id}/events`, body);

/** Figures by period, as the API sends them (figures.ts reads them). */
export const getFigures = (id: number, signal?: AbortSignal) => api.get<unknown>(`/api/v1/entities/${id}/figures`, undefined, signal);

/** The entity's change history, newest first (the editors: a province's officers and admins read their province's). */
export const getHistory = (id: number, signal?: AbortSignal) =>
  api.get<{ items: AuditRow[] }>('/api/v1/audit', { object: `entity:${id}`, limit: 200 }, signal);


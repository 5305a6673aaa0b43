// Calls to the reporting API: forms, reports and their workflow, the due list and completeness.
import { api } from '../api/client';
import type { Page } from '../api/types';
import type { Completeness, DueItem, FormSummary, ReportForm, ReportStatus, ReportSummary, ReportView } from './types';

export const listForms = (signal?: AbortSignal) => api.get<Page<FormSummary>>('/api/v1/report-forms', undefined, signal);
/** A form's definition; `version` the one a report was created with. */
export const getForm = (code: string, version?: number, signal?: AbortSignal) =>
  api.get<ReportForm>(`/api/v1/report-forms/${encodeURIComponent(code)}`, { version }, signal);

export interface ReportQuery {
  form?: string;
  period?: string;
  province?: string;
  status?: ReportStatus;
  entity_id?: number;
  offset?: number;
  limit?: number;
}
export const listReports = (query: ReportQuery, signal?: AbortSignal) =>
  api.get<Page<ReportSummary>>('/api/v1/reports', { ...query }, signal);

/** Creates the report of a form, period and unit (a province, or an entity): 201 with the report. */
export const createReport = (body: { form: string; period: string; province?: string; entity_id?: number }) =>
  api.post<ReportView>('/api/v1/reports', body);
export const getReport = (id: number | string, signal?: AbortSignal) =>
  api.get<ReportView>(`/api/v1/reports/${id}`, undefined, signal);
/** Saves values and notes (only the members sent change; null clears a value). */
export const putReport = (id: number | string, body: { values?: Record<string, unknown>; notes?: Record<string, string> }) =>
  api.put<ReportView>(`/api/v1/reports/${id}`, body);

export const submitReport = (id: number) => api.post<ReportView>(`/api/v1/reports/${id}/submit`);
export const returnReport = (id: number, comment: string) => api.post<ReportView>(`/api/v1/reports/${id}/return`, { comment });
export const approveReport = (id: number) => api.post<ReportView>(`/api/v1/reports/${id}/approve`);
export const reopenReport = (id: number, reason: string) => api.post<ReportView>(`/api/v1/reports/${id}/reopen`, { reason });

export const getCompleteness = (query: { form: string; period: string; province?: string }, signal?: AbortSignal) =>
  api.get<Completeness>('/api/v1/reports/completeness', query, signal);
export const getDue = (signal?: AbortSignal) => api.get<Page<DueItem>>('/api/v1/reports/due', undefined, signal);

// Calls to the reporting API: forms, reports and their workflow, the due list and completeness.
import { api, buildUrl, request } from '../api/client';
import type { Page } from '../api/types';
import type { Completeness, DueItem, FormSummary, NationalTable, ReportForm, ReportGrid, ReportStatus, ReportSummary, ReportView } from './types';

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
/** A page of an entity form's grid: one province (national roles name it) and period; `q` keywords. */
export const getGrid = (
  query: { form: string; period: string; province?: string; q?: string; offset?: number; limit?: number },
  signal?: AbortSignal,
) => api.get<ReportGrid>('/api/v1/reports/grid', { ...query }, signal);
export const getDue = (signal?: AbortSignal) => api.get<Page<DueItem>>('/api/v1/reports/due', undefined, signal);

/** The national table of a province form for a period (officials; a province account its own row). */
export const getNationalTable = (query: { form: string; period: string }, signal?: AbortSignal) =>
  api.get<NationalTable>('/api/v1/reports/table', query, signal);
/** The national table as an XLSX file (a link the browser downloads with the session cookie). */
export const nationalTableXlsxUrl = (query: { form: string; period: string }) =>
  buildUrl('/api/v1/reports/table', { ...query, format: 'xlsx' });

/** One report as an XLSX file in the official paper layout (a link the browser downloads). */
export const reportXlsxUrl = (id: number | string) => buildUrl(`/api/v1/reports/${id}/export`, { format: 'xlsx' });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Reads the values of an XLSX file in the export's layout into the report and saves them like a
 * PUT: the report as GET answers it; 400 with field errors or `report_xlsx_mismatch` (a file of
 * another form, period or unit); 409 when the report cannot be changed.
 */
export const importReportXlsx = (id: number | string, file: Blob) =>
  request<ReportView>('POST', `/api/v1/reports/${id}/import`, { raw: { data: file, contentType: XLSX_TYPE } });

// Calls to the support fund's API (docs/api/openapi.yaml): funds, loan applications and
// their workflow, loans (schedule, disbursements, repayments, rescheduling, write-off) and the
// portfolio with its files. The only place the fund's /api/ URLs are written.
import { api, buildUrl, type Query } from '../api/client';
import type { Application, Fund, ListOf, Loan, Portfolio, Repayment, Schedule, Terms } from './types';

export const listFunds = (signal?: AbortSignal) => api.get<{ items: Fund[] }>('/api/v1/funds', undefined, signal);
export const getFund = (id: number | string, signal?: AbortSignal) => api.get<Fund>(`/api/v1/funds/${id}`, undefined, signal);
export const createFund = (body: Record<string, unknown>) => api.post<Fund>('/api/v1/funds', body);
export const updateFund = (id: number, body: Record<string, unknown>) => api.patch<Fund>(`/api/v1/funds/${id}`, body);
export const listApplications = (query: Query, signal?: AbortSignal) => api.get<ListOf<Application>>('/api/v1/loan-applications', query, signal);
export const getApplication = (id: number | string, signal?: AbortSignal) => api.get<Application>(`/api/v1/loan-applications/${id}`, undefined, signal);
export const createApplication = (body: Record<string, unknown>) => api.post<Application>('/api/v1/loan-applications', body);
export const appraiseApplication = (id: number, body: { score: number; notes: string }) =>
  api.post<Application>(`/api/v1/loan-applications/${id}/appraise`, body);
export const approveApplication = (id: number, body: Terms) => api.post<Loan>(`/api/v1/loan-applications/${id}/approve`, body);
export const rejectApplication = (id: number, reason: string) => api.post<Application>(`/api/v1/loan-applications/${id}/reject`, { reason });
export const applicationDocumentsUrl = (id: number) => `/api/v1/loan-applications/${id}/documents`;

export const listLoans = (query: Query, signal?: AbortSignal) => api.get<ListOf<Loan>>('/api/v1/loans', query, signal);
export const getLoan = (id: number | string, asOf?: string, signal?: AbortSignal) =>
  api.get<Loan>(`/api/v1/loans/${id}`, { as_of: asOf }, signal);
export const getSchedule = (id: number | string, query: { as_of?: string; version?: number }, signal?: AbortSignal) =>
  api.get<Schedule>(`/api/v1/loans/${id}/schedule`, query, signal);
export const listRepayments = (id: number | string, signal?: AbortSignal) =>
  api.get<{ items: Repayment[] }>(`/api/v1/loans/${id}/repayments`, undefined, signal);
export const disburse = (id: number, body: { date: string; amount_vnd: number }) => api.post<Loan>(`/api/v1/loans/${id}/disbursements`, body);
export const repay = (id: number, body: { date: string; amount_vnd: number; note?: string }) =>
  api.post<{ repayment: Repayment; loan: Loan }>(`/api/v1/loans/${id}/repayments`, body);
export const reschedule = (id: number, body: Omit<Terms, 'amount_vnd'> & { on: string; reason: string }) =>
  api.post<Loan>(`/api/v1/loans/${id}/reschedule`, body);
export const requestWriteOff = (id: number, body: { on: string; reason: string }) => api.post<Loan>(`/api/v1/loans/${id}/write-off`, body);
export const approveWriteOff = (id: number) => api.post<Loan>(`/api/v1/loans/${id}/write-off/approve`, {});
export const rejectWriteOff = (id: number, reason: string) => api.post<Loan>(`/api/v1/loans/${id}/write-off/reject`, { reason });

export const getPortfolio = (query: Query, signal?: AbortSignal) => api.get<Portfolio>('/api/v1/loans/portfolio', query, signal);
/** The portfolio as a file (a link the browser downloads). */
export const portfolioExportUrl = (format: 'csv' | 'xlsx', query: Query) => buildUrl('/api/v1/loans/portfolio/export', { format, ...query });

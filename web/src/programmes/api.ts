// Calls to the programmes API: the partners' directory, programmes, their targets and the
// manual targets' values.
import { api, type Query } from '../api/client';
import type { Partner, PartnerWithProgrammes, Programme, ProgrammeWithTargets, Target } from './types';

export const listPartners = (signal?: AbortSignal) => api.get<{ items: Partner[] }>('/api/v1/partners', undefined, signal);
export const getPartner = (id: number | string, signal?: AbortSignal) =>
  api.get<PartnerWithProgrammes>(`/api/v1/partners/${id}`, undefined, signal);
export const createPartner = (body: Record<string, unknown>) => api.post<Partner>('/api/v1/partners', body);
export const updatePartner = (id: number, body: Record<string, unknown>) => api.patch<Partner>(`/api/v1/partners/${id}`, body);

export const listProgrammes = (query: Query, signal?: AbortSignal) =>
  api.get<{ items: Programme[] }>('/api/v1/programmes', query, signal);
export const getProgramme = (id: number | string, signal?: AbortSignal) =>
  api.get<ProgrammeWithTargets>(`/api/v1/programmes/${id}`, undefined, signal);
export const createProgramme = (body: Record<string, unknown>) => api.post<ProgrammeWithTargets>('/api/v1/programmes', body);
export const updateProgramme = (id: number | string, body: Record<string, unknown>) =>
  api.patch<ProgrammeWithTargets>(`/api/v1/programmes/${id}`, body);

export const createTarget = (programme: number, body: Record<string, unknown>) =>
  api.post<Target>(`/api/v1/programmes/${programme}/targets`, body);
export const updateTarget = (programme: number, target: number, body: Record<string, unknown>) =>
  api.patch<Target>(`/api/v1/programmes/${programme}/targets/${target}`, body);
export const deleteTarget = (programme: number, target: number) => api.del(`/api/v1/programmes/${programme}/targets/${target}`);

export const addTargetValue = (programme: number, target: number, body: { on: string; value: number; evidence: string }) =>
  api.post<Target>(`/api/v1/programmes/${programme}/targets/${target}/values`, body);
export const deleteTargetValue = (programme: number, target: number, value: number) =>
  api.del(`/api/v1/programmes/${programme}/targets/${target}/values/${value}`);

/** The documents of a programme (web/src/components/Documents.tsx: list, upload, download, delete). */
export const programmeDocumentsUrl = (programme: number) => `/api/v1/programmes/${programme}/documents`;

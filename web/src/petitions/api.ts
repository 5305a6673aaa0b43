// Calls to the petitions API: petitions and their workflow (assign, answer, close, reopen), the
// statistics, the files out, the public answers, the themes; and what the forms pick from
// (activities, the officials a petition may be assigned to).
import { api, buildUrl, type Query } from '../api/client';
import type { Petition, PetitionList, PetitionStats, PublicAnswer, Theme } from './types';

export const listPetitions = (query: Query, signal?: AbortSignal) => api.get<PetitionList>('/api/v1/petitions', query, signal);
export const getPetition = (id: number | string, signal?: AbortSignal) => api.get<Petition>(`/api/v1/petitions/${id}`, undefined, signal);
export const createPetition = (body: Record<string, unknown>) => api.post<Petition>('/api/v1/petitions', body);
export const updatePetition = (id: number | string, body: Record<string, unknown>) => api.patch<Petition>(`/api/v1/petitions/${id}`, body);

export const assignPetition = (id: number, body: { assignee?: number; agency?: string; due_on?: string }) =>
  api.post<Petition>(`/api/v1/petitions/${id}/assign`, body);
export const answerPetition = (id: number, body: { text: string; public: boolean }) => api.post<Petition>(`/api/v1/petitions/${id}/answer`, body);
export const closePetition = (id: number) => api.post<Petition>(`/api/v1/petitions/${id}/close`, {});
export const reopenPetition = (id: number, reason: string) => api.post<Petition>(`/api/v1/petitions/${id}/reopen`, { reason });

export const petitionStats = (query: Query, signal?: AbortSignal) => api.get<PetitionStats>('/api/v1/petitions/stats', query, signal);
/** The filtered list as a file (a link the browser downloads). */
export const petitionsExportUrl = (format: 'csv' | 'xlsx', query: Query) => buildUrl('/api/v1/petitions/export', { format, ...query });

export const listAnswers = (query: Query, signal?: AbortSignal) =>
  api.get<{ items: PublicAnswer[]; total: number }>('/api/v1/petitions/answers', query, signal);

export const listThemes = (signal?: AbortSignal) => api.get<{ items: Theme[] }>('/api/v1/petition-themes', undefined, signal);
export const createTheme = (body: { code: string; name_vi: string; name_en: string }) => api.post<Theme>('/api/v1/petition-themes', body);
export const updateTheme = (code: string, body: Partial<Pick<Theme, 'name_vi' | 'name_en' | 'active'>>) =>
  api.patch<Theme>(`/api/v1/petition-themes/${encodeURIComponent(code)}`, body);

// What the forms pick from.
export const searchActivities = (q: string, signal?: AbortSignal) =>
  api.get<{ items: { id: number; title: string; from: string; province: string | null; entities?: number[] }[] }>(
    '/api/v1/activities',
    { q, limit: 20 },
    signal,
  );
export const getActivityChoice = (id: number | string, signal?: AbortSignal) =>
  api.get<{ id: number; title: string; from: string; province: string | null }>(`/api/v1/activities/${id}`, undefined, signal);
/** Who a petition of `province` may be assigned to: the province's officials, then the national ones. */
export const listAssignees = (province: string, signal?: AbortSignal) =>
  api.get<{ items: { id: number; username: string; display_name: string }[] }>('/api/v1/petitions/assignees', { province }, signal);

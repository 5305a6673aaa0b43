// Calls to the surveys API: questionnaires (XLSForm in and out), campaigns, their targets and
// personal links, results, the satisfaction index year on year, and a cooperative's open campaigns.
import { api, buildUrl, request, type Query } from '../api/client';
import type { Campaign, MyCampaign, QuestionnaireSummary, Questionnaire, Results, SatisfactionYear, Target } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const listQuestionnaires = (signal?: AbortSignal) => api.get<{ items: QuestionnaireSummary[]; total: number }>('/api/v1/surveys', { limit: 500 }, signal);
export const getQuestionnaire = (id: number | string, signal?: AbortSignal) => api.get<Questionnaire>(`/api/v1/surveys/${id}`, undefined, signal);
/** An XLSForm file: 201 with the questionnaire, or 422 naming the sheet's rows (survey.12.relevant). */
export const uploadXlsForm = (file: File) => request<Questionnaire>('POST', '/api/v1/surveys', { raw: { data: file, contentType: XLSX } });
export const deleteQuestionnaire = (id: number) => api.del(`/api/v1/surveys/${id}`);
export const xlsFormUrl = (id: number) => `/api/v1/surveys/${id}/xlsform`;
export const getSatisfaction = (formId: string, province: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: SatisfactionYear[] }>('/api/v1/surveys/satisfaction', { form_id: formId, province }, signal);

export const listCampaigns = (query: Query, signal?: AbortSignal) => api.get<{ items: Campaign[]; total: number }>('/api/v1/survey-campaigns', { limit: 500, ...query }, signal);
export const createCampaign = (body: Record<string, unknown>) => api.post<Campaign>('/api/v1/survey-campaigns', body);
export const getCampaign = (id: number | string, signal?: AbortSignal) => api.get<Campaign>(`/api/v1/survey-campaigns/${id}`, undefined, signal);
export const closeCampaign = (id: number) => api.post<Campaign>(`/api/v1/survey-campaigns/${id}/close`, {});
export const listTargets = (id: number | string, query: Query, signal?: AbortSignal) =>
  api.get<{ items: Target[]; total: number }>(`/api/v1/survey-campaigns/${id}/targets`, query, signal);
export const linksUrl = (id: number, format: 'csv' | 'xlsx') => buildUrl(`/api/v1/survey-campaigns/${id}/links`, { format });
export const getResults = (id: number | string, province: string | undefined, signal?: AbortSignal) =>
  api.get<Results>(`/api/v1/survey-campaigns/${id}/results`, { province }, signal);
export const responsesUrl = (id: number, format: 'csv' | 'xlsx') => buildUrl(`/api/v1/survey-campaigns/${id}/responses/export`, { format });
export const listMyCampaigns = (signal?: AbortSignal) => api.get<{ items: MyCampaign[] }>('/api/v1/survey-campaigns/mine', undefined, signal);

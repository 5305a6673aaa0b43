// Calls to the statistics API (GET /api/v1/stats/…); stats.ts reshapes the answers for the charts.
import { ApiError, api, type Query } from '../api/client';
import type { FlowsAnswer, SeriesAnswer, StatsAnswer } from './types';

export function entities(query: Query, signal?: AbortSignal): Promise<StatsAnswer> {
  return api.get<StatsAnswer>('/api/v1/stats/entities', query, signal);
}
export function flows(query: Query, signal?: AbortSignal): Promise<FlowsAnswer> {
  return api.get<FlowsAnswer>('/api/v1/stats/flows', query, signal);
}
export function series(query: Query, signal?: AbortSignal): Promise<SeriesAnswer> {
  return api.get<SeriesAnswer>('/api/v1/stats/series', query, signal);
}

/** True when the error says the server has no such route (an older server): not a failure. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /\/api\/v1\/stats/.test(error.message);
}

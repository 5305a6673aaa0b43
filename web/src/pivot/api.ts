// The pivot's calls: the statistics API (the dashboard's) and the server's XLSX of the same question.
import { buildUrl } from '../api/client';
import { entities, flows } from '../dashboard/api';
import type { FlowsAnswer, StatsAnswer } from '../dashboard/types';
import { apiQuery, xlsxQuery, type PivotState } from './pivot';

export function pivotAnswer(state: PivotState, signal?: AbortSignal): Promise<StatsAnswer | FlowsAnswer> {
  return state.mode === 'flows' ? flows(apiQuery(state), signal) : entities(apiQuery(state), signal);
}

/** GET /api/v1/stats/pivot: the table as an A4 XLSX with the question above it. */
export const pivotXlsxUrl = (state: PivotState, title: string) => buildUrl('/api/v1/stats/pivot', xlsxQuery(state, title));

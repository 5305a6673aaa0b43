// Calls to the administrative units API.
import { api } from '../api/client';
import type { AdminUnit } from './types';

/** The provinces in force on `asOf` (today without it): GET /api/v1/admin-units?level=province. */
export function listProvinceUnits(asOf?: string): Promise<{ items: AdminUnit[] }> {
  return api.get<{ items: AdminUnit[] }>('/api/v1/admin-units', { level: 'province', as_of: asOf });
}

/** The communes of a province in force today: GET /api/v1/admin-units?level=commune&parent=NN. */
export function listCommuneUnits(province: string, signal?: AbortSignal): Promise<{ items: AdminUnit[] }> {
  return api.get<{ items: AdminUnit[] }>('/api/v1/admin-units', { level: 'commune', parent: province }, signal);
}

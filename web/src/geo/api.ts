// Calls to the administrative units API.
import { api } from '../api/client';
import type { AdminUnit } from './types';

/** The provinces in force on `asOf` (today without it): GET /api/v1/admin-units?level=province. */
export function listProvinceUnits(asOf?: string): Promise<{ items: AdminUnit[] }> {
  return api.get<{ items: AdminUnit[] }>('/api/v1/admin-units', { level: 'province', as_of: asOf });
}

// The registry list's filters, kept in the address bar so a filtered list can be shared,
// reloaded and exported with exactly the same filters.
import type { Query } from '../api/client';

export interface RegistryFilters {
  q: string;
  kind: string;
  province: string;
  status: string;
  sector: string;
  women_managed: string; // '' | 'true' | 'false'
  youth: string;
  as_of: string;
  page: number; // 1-based
  size: number;
}

export const FILTER_KEYS = ['q', 'kind', 'province', 'status', 'sector', 'women_managed', 'youth', 'as_of'] as const;
export const PAGE_SIZES = [20, 50, 100, 200];

export function readFilters(params: URLSearchParams): RegistryFilters {
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    province: params.get('province') ?? '',
    status: params.get('status') ?? '',
    sector: params.get('sector') ?? '',
    women_managed: params.get('women_managed') ?? '',
    youth: params.get('youth') ?? '',
    as_of: params.get('as_of') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : 50,
  };
}

export function writeFilters(f: RegistryFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) if (f[key]) out.set(key, f[key]);
  if (f.page > 1) out.set('page', String(f.page));
  if (f.size !== 50) out.set('size', String(f.size));
  return out;
}

/** The API's list filters (no paging): the same for the list, the export and the count. */
export function apiFilters(f: RegistryFilters): Query {
  const q: Query = {};
  for (const key of FILTER_KEYS) if (f[key]) q[key] = f[key].trim();
  return q;
}

export function hasFilters(f: RegistryFilters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== '');
}

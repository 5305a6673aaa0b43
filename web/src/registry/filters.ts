// The registry list's filters and sort order, kept in the address bar so a filtered list can be
// shared, reloaded and exported with exactly the same filters and order.
import type { Query } from '../api/client';

/** The API's orders (GET /api/v1/entities?sort=…); without one it is relevance with q, else name. */
export const SORTS = ['relevance', 'name', '-name', 'founded_on', '-founded_on'] as const;
export type Sort = (typeof SORTS)[number];

export interface RegistryFilters {
  q: string;
  kind: string;
  province: string;
  commune: string; // a commune code in force today (the dashboard's commune table links here)
  status: string;
  sector: string;
  women_managed: string; // '' | 'true' | 'false'
  youth: string;
  as_of: string;
  founded_from: string; // YYYY-MM-DD, founded on or after
  founded_to: string;
  sort: Sort | ''; // '' is the API's default
  page: number; // 1-based
  size: number;
}

export const FILTER_KEYS = ['q', 'kind', 'province', 'commune', 'status', 'sector', 'women_managed', 'youth', 'as_of', 'founded_from', 'founded_to'] as const;
/** Filters on attributes that are not public: the API refuses them (403) to anyone but officials. */
export const OFFICIAL_FILTER_KEYS: readonly string[] = ['women_managed', 'youth'];
export const PAGE_SIZES = [20, 50, 100, 200];

export function readFilters(params: URLSearchParams): RegistryFilters {
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    province: params.get('province') ?? '',
    commune: params.get('commune') ?? '',
    status: params.get('status') ?? '',
    sector: params.get('sector') ?? '',
    women_managed: params.get('women_managed') ?? '',
    youth: params.get('youth') ?? '',
    as_of: params.get('as_of') ?? '',
    founded_from: params.get('founded_from') ?? '',
    founded_to: params.get('founded_to') ?? '',
    sort: (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : 50,
  };
}

export function writeFilters(f: RegistryFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) if (f[key]) out.set(key, f[key]);
  if (f.sort) out.set('sort', f.sort);
  if (f.page > 1) out.set('page', String(f.page));
  if (f.size !== 50) out.set('size', String(f.size));
  return out;
}

/**
 * The API's list filters and sort (no paging): the same for the list and the export. Callers who are not
 * officials send no filter of OFFICIAL_FILTER_KEYS (a shared address may hold one).
 */
export function apiFilters(f: RegistryFilters, official = true): Query {
  const q: Query = {};
  for (const key of FILTER_KEYS) if (f[key] && (official || !OFFICIAL_FILTER_KEYS.includes(key))) q[key] = f[key].trim();
  if (f.sort) q.sort = f.sort;
  return q;
}

/** True when some filter is set (the sort order is not a filter). */
export function hasFilters(f: RegistryFilters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== '');
}

/** The order the API applies: the chosen one, else relevance when searching, else name. */
export function effectiveSort(f: Pick<RegistryFilters, 'sort' | 'q'>): Sort {
  if (f.sort === 'relevance' && !f.q.trim()) return 'name';
  return f.sort || (f.q.trim() ? 'relevance' : 'name');
}

export type SortColumn = 'name' | 'founded_on';
export type SortDirection = 'ascend' | 'descend' | null;

/** How a sortable column shows the order: ascending, descending or not sorted by it. */
export function columnOrder(sort: Sort, column: SortColumn): SortDirection {
  if (sort === column) return 'ascend';
  if (sort === `-${column}`) return 'descend';
  return null;
}

/** The `sort` to ask for when a column header asks for `direction` (null: back to the default). */
export function sortFor(column: SortColumn, direction: SortDirection): Sort | '' {
  if (direction === 'ascend') return column;
  if (direction === 'descend') return `-${column}`;
  return '';
}

/** The registry list's address with these filters, e.g. a dashboard figure's records. */
export function registryHref(filters: Partial<Omit<RegistryFilters, 'page' | 'size' | 'sort'>>): string {
  const search = writeFilters({ ...readFilters(new URLSearchParams()), ...filters }).toString();
  return search ? `/registry?${search}` : '/registry';
}

/**
 * How many filters besides the search are set, as the phone's "Bộ lọc" button counts them: the
 * founding-date range is one, and the filters that are not public count only for officials
 * (only they are sent).
 */
export function activeFilterCount(f: RegistryFilters, official: boolean): number {
  const keys = ['kind', 'province', 'status', 'sector', 'as_of', ...(official ? OFFICIAL_FILTER_KEYS : [])] as (keyof RegistryFilters)[];
  return keys.filter((k) => f[k] !== '').length + (f.founded_from || f.founded_to ? 1 : 0);
}

// The products pages' logic without React: who manages and who reviews products (the contract's
// roles; the server still decides the scope), the list's filters, the form's values ↔ the API's
// body (prices in whole đồng, the OCOP rating, where to buy), and the checks made before sending
// (price range, OCOP stars, year and expiry, links).
import type { Query } from '../api/client';
import type { Role } from '../api/types';
import { PRODUCT_ROLES, REVIEWER_ROLES } from './roles';
import { OCOP_FIRST_YEAR, type Product, type WhereToBuy } from './types';

export { PRODUCT_ROLES, REVIEWER_ROLES };
export const managesProducts = (role: string | undefined) => PRODUCT_ROLES.includes(role as Role);
/** Who approves and rejects: the alliance's officials (a province's for their province); never a cooperative. */
export const reviewsProducts = (role: string | undefined) => REVIEWER_ROLES.includes(role as Role);
export const isNational = (role: string | undefined) => role === 'national_admin' || role === 'national_officer';

// ---- The list ----

export interface ProductFilters {
  q: string;
  category: string;
  status: string;
  province: string;
  ocop_min: string;
}

export const noProductFilters = (): ProductFilters => ({ q: '', category: '', status: '', province: '', ocop_min: '' });

export function productFiltersFrom(params: URLSearchParams): ProductFilters {
  return {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    status: params.get('status') ?? '',
    province: params.get('province') ?? '',
    ocop_min: params.get('ocop_min') ?? '',
  };
}

export const productQuery = (f: ProductFilters): Query => ({ q: f.q.trim(), category: f.category, status: f.status, province: f.province, ocop_min: f.ocop_min });

// ---- The form ----

export interface ProductForm {
  entity_id: number | null;
  name: string;
  category: string | undefined;
  description: string;
  photos: { id: number; alt: string }[];
  unit: string;
  price_min: number | null;
  price_max: number | null;
  has_ocop: boolean;
  ocop_stars: number | null;
  ocop_certificate: string;
  ocop_year: number | null;
  ocop_expires_on: string;
  certifications: string[];
  where_to_buy: WhereToBuy[];
  fair_activity_ids: number[];
}

export function emptyProduct(entityId: number | null): ProductForm {
  return {
    entity_id: entityId,
    name: '',
    category: undefined,
    description: '',
    photos: [],
    unit: '',
    price_min: null,
    price_max: null,
    has_ocop: false,
    ocop_stars: null,
    ocop_certificate: '',
    ocop_year: null,
    ocop_expires_on: '',
    certifications: [],
    where_to_buy: [],
    fair_activity_ids: [],
  };
}

export function productForm(p: Product): ProductForm {
  return {
    entity_id: p.entity_id,
    name: p.name,
    category: p.category,
    description: p.description,
    photos: p.photos,
    unit: p.unit,
    price_min: p.price_min,
    price_max: p.price_max,
    has_ocop: p.ocop !== null,
    ocop_stars: p.ocop?.stars ?? null,
    ocop_certificate: p.ocop?.certificate ?? '',
    ocop_year: p.ocop?.year ?? null,
    ocop_expires_on: p.ocop?.expires_on ?? '',
    certifications: p.certifications,
    where_to_buy: p.where_to_buy.map((w) => ({ kind: w.kind, name: w.name, url: w.url ?? '', address: w.address ?? '' })),
    fair_activity_ids: p.fair_activity_ids,
  };
}

const blank = (v: number | null | undefined) => v === null || v === undefined || Number.isNaN(v);

/** The body sent. A cooperative's has no entity_id: the server takes its own. */
export function productBody(v: ProductForm, opts: { cooperative: boolean }): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    category: v.category,
    description: v.description.trim(),
    photos: (v.photos ?? []).filter((p) => p).map((p) => ({ id: p.id, alt: p.alt.trim() })),
    unit: v.unit.trim(),
    price_min: blank(v.price_min) ? null : Math.round(Number(v.price_min)),
    price_max: blank(v.price_max) ? null : Math.round(Number(v.price_max)),
    ocop: v.has_ocop
      ? { stars: v.ocop_stars, certificate: v.ocop_certificate.trim(), year: v.ocop_year, expires_on: v.ocop_expires_on || null }
      : null,
    certifications: v.certifications ?? [],
    where_to_buy: (v.where_to_buy ?? []).map((w) => {
      const row: Record<string, unknown> = { kind: w.kind, name: (w.name ?? '').trim() };
      if (w.kind === 'online') row.url = (w.url ?? '').trim();
      else row.address = (w.address ?? '').trim();
      if (w.kind === 'shop' && (w.url ?? '').trim()) row.url = (w.url ?? '').trim();
      return row;
    }),
    fair_activity_ids: v.fair_activity_ids ?? [],
  };
  if (!opts.cooperative && v.entity_id) body.entity_id = v.entity_id;
  return body;
}

/**
 * The form's field for a field the server names: "ocop.stars" → ocop_stars, "where_to_buy[1].url"
 * → ['where_to_buy', 1, 'url'] (kept), "photos[0].alt" kept.
 */
export function formField(field: string): string {
  if (field === 'ocop') return 'ocop_stars';
  const m = /^ocop\.(stars|certificate|year|expires_on)$/.exec(field);
  if (m) return `ocop_${m[1]}`;
  // A photo's problems (its id, its alt) are shown on its row.
  const photo = /^(photos\[\d+\])\./.exec(field);
  if (photo) return photo[1];
  return field;
}

// ---- Checks before sending (the server checks them too) ----

export type Problem = 'price_order' | 'stars' | 'year' | 'expiry' | 'url';

/** The price range's problem: a minimum above the maximum. */
export function priceProblem(min: number | null | undefined, max: number | null | undefined): Problem | null {
  if (blank(min) || blank(max)) return null;
  return Number(min) > Number(max) ? 'price_order' : null;
}

/** The OCOP rating's problems by field (stars 1–5, year 2018…this year, expiry after the year's start). */
export function ocopProblems(v: Pick<ProductForm, 'ocop_stars' | 'ocop_year' | 'ocop_expires_on'>, thisYear: number): Partial<Record<'ocop_stars' | 'ocop_year' | 'ocop_expires_on', Problem>> {
  const out: Partial<Record<'ocop_stars' | 'ocop_year' | 'ocop_expires_on', Problem>> = {};
  if (blank(v.ocop_stars) || !Number.isInteger(v.ocop_stars) || v.ocop_stars! < 1 || v.ocop_stars! > 5) out.ocop_stars = 'stars';
  if (blank(v.ocop_year) || v.ocop_year! < OCOP_FIRST_YEAR || v.ocop_year! > thisYear) out.ocop_year = 'year';
  if (v.ocop_expires_on && !blank(v.ocop_year) && v.ocop_expires_on <= `${v.ocop_year}-01-01`) out.ocop_expires_on = 'expiry';
  return out;
}

/** Whether a where-to-buy link is an http or https address. */
export const validUrl = (url: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url.trim());

/** Whole đồng as "150.000 ₫ – 180.000 ₫" (vi), one price when both are equal, "from"/"up to" when one is missing. */
export function priceRange(min: number | null, max: number | null, money: (n: number) => string, words: { from: string; upTo: string }): string {
  if (min !== null && max !== null) return min === max ? money(min) : `${money(min)} – ${money(max)}`;
  if (min !== null) return `${words.from} ${money(min)}`;
  if (max !== null) return `${words.upTo} ${money(max)}`;
  return '';
}

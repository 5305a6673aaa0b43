// The products' shapes (issue 19's contract, "Products"): a product of a registry entity, its
// photos, price range in đồng, OCOP rating, certifications, where to buy and the fairs it was
// shown at, and its review (pending → approved or rejected; withdrawn when deleted).

export const PRODUCT_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const PRODUCT_CATEGORIES = ['agriculture', 'food', 'beverage', 'seafood', 'herbal', 'handicraft', 'tourism', 'other'] as const;
export const CERTIFICATIONS = ['vietgap', 'globalgap', 'organic', 'haccp', 'iso22000', 'geographical_indication', 'other'] as const;
export const OCOP_FIRST_YEAR = 2018;

export interface Ocop {
  stars: number;
  certificate: string;
  year: number;
  expires_on: string;
  expired?: boolean;
}

export interface WhereToBuy {
  kind: 'online' | 'shop';
  name: string;
  url?: string | null;
  address?: string | null;
}

export interface Product {
  id: number;
  slug: string;
  url: string;
  entity_id: number;
  entity_name: string;
  province: string;
  province_name: string;
  name: string;
  category: string;
  description: string;
  photos: { id: number; alt: string }[];
  unit: string;
  price_min: number | null;
  price_max: number | null;
  ocop: Ocop | null;
  certifications: string[];
  where_to_buy: WhereToBuy[];
  fair_activity_ids: number[];
  status: ProductStatus;
  review_note: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
}

export interface ProductList {
  items: Product[];
  total: number;
}

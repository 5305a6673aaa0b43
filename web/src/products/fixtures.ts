// Answers of the products API for the pages' tests, shaped as issue 19's contract says.
import type { Product } from './types';

export function session(role: string, province: string | null = '19', entity: number | null = null) {
  return {
    user: { id: 9, username: 'htx.tamdao', display_name: 'HTX Ong mật Tam Đảo', role, province_code: province, entity_id: entity, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export function product(over: Partial<Product> = {}): Product {
  return {
    id: 7,
    slug: 'mat-ong-hoa-nhan-7',
    url: '/san-pham/mat-ong-hoa-nhan-7',
    entity_id: 345,
    entity_name: 'HTX Ong mật Tam Đảo',
    province: '19',
    province_name: 'Thái Nguyên',
    name: 'Mật ong hoa nhãn',
    category: 'food',
    description: 'Mật ong nguyên chất từ hoa nhãn.',
    photos: [],
    unit: 'chai 500 ml',
    price_min: 150000,
    price_max: 180000,
    ocop: { stars: 4, certificate: '123/QĐ-UBND', year: 2023, expires_on: '2026-05-01' },
    certifications: ['vietgap'],
    where_to_buy: [{ kind: 'online', name: 'Shopee', url: 'https://shopee.vn/mat-ong-tam-dao' }],
    fair_activity_ids: [],
    status: 'pending',
    review_note: null,
    created_at: '2026-03-14T02:00:00Z',
    updated_at: '2026-03-14T02:30:00Z',
    approved_at: null,
    ...over,
  };
}

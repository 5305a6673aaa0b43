// Answers of the news API for the pages' tests, shaped as issue 19's contract says.
import type { Article, NewsCategory } from './types';

export function session(role: string, province: string | null = '20') {
  return {
    user: { id: 7, username: 'bientap.langson', display_name: 'Nguyễn Thị Hà', role, province_code: province, entity_id: null, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const PROVINCES = [
  { code: '20', name: 'Lạng Sơn', name_en: 'Lang Son' },
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
];

export const CATEGORIES: NewsCategory[] = [
  { code: 'activities', name: 'Hoạt động', name_en: 'Activities', slug: 'hoat-dong' },
  { code: 'policy', name: 'Chính sách', name_en: 'Policy', slug: 'chinh-sach' },
  { code: 'models', name: 'Mô hình – điển hình', name_en: 'Models and good practice', slug: 'mo-hinh-dien-hinh' },
];

export function article(over: Partial<Article> = {}): Article {
  return {
    id: 12,
    slug: 'lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx',
    url: '/tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx',
    lang: 'vi',
    translation_of: null,
    translations: [],
    title: 'Liên minh HTX tỉnh gặp mặt, đối thoại với HTX',
    summary: 'Hơn 120 đại biểu các HTX dự buổi đối thoại.',
    body: '## Nội dung\n\nBuổi đối thoại diễn ra sáng 14/3.',
    body_html: '<h2>Nội dung</h2>\n<p>Buổi đối thoại diễn ra sáng 14/3.</p>\n',
    category: 'activities',
    keywords: ['đối thoại', 'hợp tác xã'],
    province: '20',
    province_name: 'Lạng Sơn',
    cover_image: null,
    entity_ids: [],
    programme_ids: [],
    activity_ids: [],
    status: 'draft',
    scheduled: false,
    published_at: null,
    review_note: null,
    author: 'bientap.langson',
    views: 0,
    created_at: '2026-03-14T02:00:00Z',
    updated_at: '2026-03-14T02:30:00Z',
    ...over,
  };
}

// Answers of the petitions API for the pages' tests, shaped as the contract of issue 17 says.
import type { Petition, PetitionStats, Theme } from './types';

export function session(role: string, province: string | null = '20', entity: number | null = null) {
  return {
    user: { id: 2, username: 'canbo.langson', display_name: 'Hoàng Văn Lâm', role, province_code: province, entity_id: entity, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const PROVINCES = [
  { code: '20', name: 'Lạng Sơn', name_en: 'Lang Son' },
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
];

export const THEMES: Theme[] = [
  { code: 'land', name_vi: 'Đất đai', name_en: 'Land', builtin: true, active: true },
  { code: 'credit', name_vi: 'Tín dụng, vốn', name_en: 'Credit', builtin: true, active: true },
  { code: 'market', name_vi: 'Thị trường, tiêu thụ', name_en: 'Markets', builtin: true, active: true },
  { code: 'water', name_vi: 'Nước tưới', name_en: 'Irrigation water', builtin: false, active: false },
];

export function petition(over: Partial<Petition> = {}): Petition {
  return {
    id: 12,
    code: 'KN-2026-0012',
    raised_on: '2026-03-14',
    province: '20',
    province_name: 'Lạng Sơn',
    theme: 'land',
    content: 'Đề nghị UBND tỉnh sớm giao đất sản xuất lâu dài cho HTX để HTX yên tâm đầu tư nhà lưới.',
    addressed_to: { kind: 'people_committee', name: 'UBND tỉnh Lạng Sơn' },
    entity_ids: [5],
    entities: [{ id: 5, name: 'HTX Nông nghiệp Hữu Lũng', province: '20' }],
    activity_id: 3,
    activity: { id: 3, title: 'Đối thoại giữa Chủ tịch UBND tỉnh với các HTX', from_date: '2026-03-14' },
    source: 'officer',
    status: 'assigned',
    assignee: null,
    agency: 'Sở Nông nghiệp và Môi trường',
    assigned_on: '2026-03-15',
    due_on: '2026-04-14',
    overdue: true,
    days_overdue: 5,
    answer: null,
    closed_at: null,
    reopen_reason: null,
    steps: [
      { step: 'received', at: '2026-03-14T02:30:00Z', by: 'canbo.langson', note: '' },
      { step: 'assigned', at: '2026-03-15T03:00:00Z', by: 'canbo.langson', note: 'Sở Nông nghiệp và Môi trường' },
    ],
    created_at: '2026-03-14T02:30:00Z',
    updated_at: '2026-03-15T03:00:00Z',
    may: { edit: true, assign: true, answer: true, close: false, reopen: false },
    ...over,
  };
}

export const STATS: PetitionStats = {
  total: 40,
  overdue: 3,
  answered: 30,
  answered_on_time: 26,
  median_days_to_answer: 12.5,
  by_theme: [
    { theme: 'land', count: 9, answered: 7, overdue: 1 },
    { theme: 'credit', count: 6, answered: 5, overdue: 0 },
  ],
  by_status: [
    { status: 'received', count: 4 },
    { status: 'assigned', count: 6 },
    { status: 'answered', count: 10 },
    { status: 'closed', count: 20 },
  ],
  by_province: [
    { province: '20', name: 'Lạng Sơn', count: 12, overdue: 1, median_days_to_answer: 10 },
    { province: '01', name: 'Hà Nội', count: 28, overdue: 2, median_days_to_answer: 14 },
  ],
  by_month: [
    { month: '2026-02', count: 3 },
    { month: '2026-03', count: 5 },
  ],
  themes_year_on_year: {
    year: 2026,
    items: [
      { theme: 'land', this_year: 9, last_year: 4 },
      { theme: 'credit', this_year: 6, last_year: 7 },
    ],
  },
};

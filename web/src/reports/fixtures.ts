// Answers of a fake reporting API for the pages' tests: a province form (a subset of
// province_development), a report of Lạng Sơn, a signed-in user.
import type { Role } from '../api/types';
import type { DueItem, NationalTable, ReportForm, ReportView } from './types';

export function session(role: Role, province: string | null = '20') {
  return {
    user: { id: 2, username: 'canbo', display_name: 'Cán bộ', role, province_code: province, entity_id: null, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const FORM: ReportForm = {
  code: 'province_development',
  version: 1,
  level: 'province',
  period_types: ['half', 'nine_months', 'year'],
  name_vi: 'Báo cáo tình hình phát triển kinh tế tập thể',
  name_en: 'Report on the development of the collective economy',
  due: { kind: 'after_end', days: 10 },
  sections: [
    {
      code: 'so_luong',
      title_vi: 'Số lượng tổ chức kinh tế tập thể',
      title_en: 'Numbers',
      fields: [
        { code: 'coops_total', label_vi: 'Tổng số hợp tác xã', label_en: 'Cooperatives', type: 'integer', unit: 'HTX', required: true, min: 0, prefill: { source: 'registry.entities', measure: 'count' } },
        { code: 'women_managed_coops', label_vi: 'Số hợp tác xã do phụ nữ quản lý', label_en: 'Managed by women', type: 'integer', unit: 'HTX', min: 0, prefill: { source: 'registry.entities', measure: 'count' } },
        { code: 'income_vnd', label_vi: 'Thu nhập bình quân', label_en: 'Average income', type: 'money', unit: 'đồng/người/tháng', min: 0 },
      ],
    },
    {
      code: 'danh_gia',
      title_vi: 'Đánh giá, kiến nghị',
      title_en: 'Assessment',
      fields: [{ code: 'results', label_vi: 'Kết quả đạt được', label_en: 'Results', type: 'long_text' }],
    },
  ],
  rules: [
    {
      code: 'women_managed_le_total', left: 'women_managed_coops', op: '<=', right: 'coops_total', severity: 'error',
      message_vi: 'Số hợp tác xã do phụ nữ quản lý không được lớn hơn tổng số hợp tác xã.', message_en: 'Too many.',
    },
  ],
};

export function report(over: Partial<ReportView> = {}): ReportView {
  return {
    id: 7,
    form: 'province_development',
    form_version: 1,
    period: '2023M01-09',
    province: '20',
    entity_id: null,
    status: 'draft',
    due_date: '2023-10-10',
    submitted_at: null,
    approved_at: null,
    on_time: null,
    return_comment: null,
    values: { coops_total: 19, women_managed_coops: 2, income_vnd: 4500000, results: null },
    notes: {},
    prefill: {
      coops_total: { value: 19, source: 'HTX đang hoạt động của tỉnh ngày 30/09/2023' },
      women_managed_coops: { value: 2, source: 'HTX do phụ nữ quản lý ngày 30/09/2023' },
    },
    entered: {},
    checks: [],
    history: [{ action: 'created', by: 'canbo', at: '2026-12-05T03:00:00.000Z', comment: null }],
    previous: { coops_total: 18, income_vnd: 4200000 },
    ...over,
  };
}

/** GET /api/v1/reports/table for FORM and 2023M01-09: Lạng Sơn reported (a value off the registry), Hà Nội not. */
export function nationalTable(over: Partial<NationalTable> = {}): NationalTable {
  return {
    form: 'province_development',
    form_name: 'Báo cáo tình hình phát triển kinh tế tập thể',
    period: '2023M01-09',
    expected: 2,
    reported: 1,
    columns: [
      { code: 'coops_total', label: 'Tổng số hợp tác xã', type: 'integer', unit: 'HTX', prefilled: true },
      { code: 'women_managed_coops', label: 'Số hợp tác xã do phụ nữ quản lý', type: 'integer', unit: 'HTX', prefilled: true },
      { code: 'income_vnd', label: 'Thu nhập bình quân', type: 'money', unit: 'đồng/người/tháng', prefilled: false },
    ],
    rows: [
      { province: '01', province_name: 'Hà Nội', report_id: null, status: null, values: {}, registry: {} },
      {
        province: '20',
        province_name: 'Lạng Sơn',
        report_id: 7,
        status: 'approved',
        values: { coops_total: 21, women_managed_coops: 2, income_vnd: 4500000 },
        registry: { coops_total: 19, women_managed_coops: 2 },
      },
    ],
    sums: { coops_total: 1234567, women_managed_coops: 2, income_vnd: 4500000 },
    registry_sums: { coops_total: 1234565, women_managed_coops: 2 },
    ...over,
  };
}

/** A due item (GET /api/v1/reports/due) of FORM for Lạng Sơn. */
export function dueItem(over: Partial<DueItem> = {}): DueItem {
  return {
    form: 'province_development',
    period: '2026S2',
    province: '20',
    entity_id: null,
    due_date: '2027-01-10',
    days_left: 36,
    overdue: false,
    report_id: null,
    action: 'fill',
    form_name: 'Báo cáo tình hình phát triển kinh tế tập thể',
    province_name: 'Lạng Sơn',
    entity_name: null,
    ...over,
  };
}

// Answers of the programmes API for the pages' tests, and typing a date into a date field.
import { fireEvent } from '@testing-library/react';
import type { Partner, ProgrammeWithTargets, Target } from './types';

export function session(role: string, province: string | null = '20') {
  return {
    user: { id: 2, username: 'canbo.langson', display_name: 'Cán bộ', role, province_code: province, entity_id: null, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const PARTNERS: Partner[] = [
  { id: 3, name: 'Tỉnh đoàn Lạng Sơn', short_name: 'TĐ', kind: 'youth_union', province: '20', contacts: [{ name: 'Hoàng Văn Đạt', position: 'Phó Bí thư', phone: '0205 3870 123' }] },
  { id: 4, name: 'Hội Liên hiệp Phụ nữ Việt Nam', kind: 'womens_union', province: null, contacts: [] },
];

export const ENTITY_TARGET: Target = {
  id: 11,
  programme_id: 7,
  content: 2,
  title: '≥ 2 HTX thanh niên thành lập 2024–2026',
  provinces: [],
  deadline: '2026-12-31',
  cadence: 'once',
  target: 2000,
  baseline: 0,
  measure: { source: 'entities', measure: 'count', indicator: 'registry.entities', filters: { kind: 'cooperative', youth: true, founded_from: '2024-01-01' } },
  progress: {
    as_of: '2026-12-05',
    state: 'at_risk',
    actual: 1234,
    target: 2000,
    baseline: 0,
    share: 0.617,
    expected: 1890.4,
    description: 'Số hợp tác xã thanh niên thành lập từ 01/01/2024, tỉnh Lạng Sơn',
    error: null,
  },
};

export const MANUAL_TARGET: Target = {
  id: 12,
  programme_id: 7,
  content: 1,
  title: 'Tập huấn cho thanh niên khởi nghiệp mỗi năm',
  provinces: [],
  deadline: '2026-12-31',
  cadence: 'yearly',
  target: 1,
  baseline: 0,
  measure: { source: 'manual', measure: null, filters: {} },
  values: [{ id: 31, on: '2024-06-30', value: 1, evidence: 'Báo cáo 12/BC-TĐ', entered_by: 'canbo.langson', entered_at_ms: 1719700000000 }],
  progress: {
    state: 'behind',
    actual: 1,
    target: 3,
    share: 0.33,
    expected: 2.9,
    years: [
      { year: 2024, actual: 1, target: 1, state: 'achieved' },
      { year: 2025, actual: 0, target: 1, state: 'behind' },
      { year: 2026, actual: 0, target: 1, state: 'at_risk' },
    ],
  },
};

export function programme(over: Partial<ProgrammeWithTargets> = {}): ProgrammeWithTargets {
  return {
    id: 7,
    code: 'CTPH-TN-2024',
    title: 'Chương trình phối hợp hỗ trợ thanh niên khởi nghiệp hợp tác xã giai đoạn 2024–2026',
    kind: 'coordination_programme',
    province: '20',
    from: '2024-01-01',
    to: '2026-12-31',
    status: 'in_force',
    signed_on: '2024-01-15',
    signatories: 'Chủ tịch Liên minh HTX tỉnh; Bí thư Tỉnh đoàn',
    review: ['year', 'end_of_phase'],
    legal_basis: [{ number: '01/QĐ-TTg', date: '2024-01-02', issuer: 'Thủ tướng Chính phủ', title: 'Phê duyệt Đề án' }],
    contents: [
      { number: 1, text: 'Tuyên truyền, tập huấn' },
      { number: 2, text: 'Hỗ trợ thành lập HTX thanh niên' },
    ],
    partners: [3],
    partner_details: [{ id: 3, name: 'Tỉnh đoàn Lạng Sơn', name_en: 'Lang Son Youth Union', short_name: 'TĐ', kind: 'youth_union', province: '20' }],
    may_write: true,
    targets: [ENTITY_TARGET, MANUAL_TARGET],
    target_states: { achieved: 0, on_track: 0, at_risk: 1, behind: 1, not_started: 0, unknown: 0 },
    ...over,
  };
}

/** Types `ddmmyyyy` (e.g. 30/06/2025) into the date field `input` and confirms it. */
export function typeDate(input: HTMLElement, ddmmyyyy: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: ddmmyyyy } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

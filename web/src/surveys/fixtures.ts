// Answers of the surveys API for the pages' tests (shaped as the contract of issue 17 says).
import { QUESTIONNAIRE } from '../answer/fixtures';
import type { Campaign, Results, Target } from './types';

export { QUESTIONNAIRE };

export function session(role: string, province: string | null = '24', entity: number | null = null) {
  return {
    user: { id: 2, username: 'canbo.bacninh', display_name: 'Cán bộ', role, province_code: province, entity_id: entity, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const PROVINCES = [
  { code: '24', name: 'Bắc Ninh', name_en: 'Bac Ninh' },
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
];

export const SUMMARY = {
  id: 2,
  form_id: 'hailong_2026',
  version: '1',
  title: QUESTIONNAIRE.title,
  question_count: 10,
  campaign_count: 1,
  created_at: '2026-10-20T02:00:00Z',
};

export function campaign(over: Partial<Campaign> = {}): Campaign {
  return {
    id: 4,
    questionnaire_id: 2,
    questionnaire: { id: 2, form_id: 'hailong_2026', title: QUESTIONNAIRE.title },
    title: { vi: 'Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026', en: '' },
    year: 2026,
    opens_on: '2026-11-01',
    closes_on: '2026-12-15',
    status: 'open',
    closed_early_on: null,
    scope: { province: '24', kinds: ['cooperative'], sectors: ['agriculture'] },
    targets: 37,
    responses: 21,
    response_rate: 0.568,
    created_at: '2026-10-25T03:00:00Z',
    created_by: 'canbo.bacninh',
    may_write: true,
    ...over,
  };
}

export const TARGETS: Target[] = [
  { entity: { id: 5, name: 'Hợp tác xã Nông nghiệp Yên Phong', province: '24' }, link: '/s/Q2xhc3NpYy10b2tlbi0x', responded_at: '2026-11-20T01:15:00Z', via: 'link' },
  { entity: { id: 9, name: 'HTX Dịch vụ Tiên Du', province: '24' }, link: '/s/Q2xhc3NpYy10b2tlbi0y', responded_at: null, via: null },
];

export function results(over: Partial<Results> = {}): Results {
  return {
    campaign: campaign({ scope: { province: null, kinds: ['cooperative'], sectors: [] } }),
    targets: 40,
    responses: 23,
    response_rate: 0.575,
    by_province: [
      { province: '24', name: 'Bắc Ninh', targets: 37, responses: 21, response_rate: 0.568, satisfaction_index: 71.4, withheld: false },
      { province: '01', name: 'Hà Nội', targets: 3, responses: 2, response_rate: 0.667, satisfaction_index: null, withheld: true },
    ],
    satisfaction_index: 70.2,
    satisfaction_responses: 23,
    questions: [
      {
        name: 'q_overall',
        type: 'likert',
        label: { vi: 'Mức độ hài lòng chung', en: 'Overall satisfaction' },
        answered: 20,
        withheld: false,
        distribution: [
          { choice: '1', label: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' }, count: 1 },
          { choice: '2', label: { vi: 'Không hài lòng', en: 'Dissatisfied' }, count: 1 },
          { choice: '3', label: { vi: 'Bình thường', en: 'Neutral' }, count: 4 },
          { choice: '4', label: { vi: 'Hài lòng', en: 'Satisfied' }, count: 10 },
          { choice: '5', label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, count: 4 },
        ],
        mean: 3.75,
        numbers: null,
        texts: null,
      },
      {
        name: 'members',
        type: 'integer',
        label: { vi: 'Số thành viên của HTX', en: 'Number of members' },
        answered: 23,
        withheld: false,
        distribution: null,
        mean: null,
        numbers: { count: 23, mean: 48.5, median: 31, min: 7, max: 320 },
        texts: null,
      },
      { name: 'channel', type: 'single', label: { vi: 'Kênh nhận thông tin chủ yếu', en: '' }, answered: null, withheld: true, distribution: null, mean: null, numbers: null, texts: null },
      { name: 'comments', type: 'long_text', label: { vi: 'Góp ý khác', en: 'Other comments' }, answered: 7, withheld: false, distribution: null, mean: null, numbers: null, texts: 7 },
    ],
    ...over,
  };
}

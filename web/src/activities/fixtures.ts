// Answers of the activities API for the pages' tests.
import type { Activity, Participant, Placement, ProgrammeChoice } from './types';

export function session(role: string, province: string | null = '24') {
  return {
    user: { id: 2, username: 'canbo.bacgiang', display_name: 'Cán bộ', role, province_code: province, entity_id: null, disabled: false },
    csrf_token: 'tok',
    expires_at_ms: 0,
  };
}

export const PROGRAMME: ProgrammeChoice = {
  id: 2,
  code: 'BG-TN-2023-2025',
  title: 'Chương trình phối hợp giữa Tỉnh đoàn và Liên minh HTX tỉnh',
  province: '24',
  contents: [
    { number: 1, text: 'Tuyên truyền về kinh tế tập thể' },
    { number: 2, text: 'Tổ chức ít nhất một lớp bồi dưỡng sáng lập viên HTX mỗi năm' },
  ],
};

export const PARTNERS = [{ id: 3, name: 'Tỉnh đoàn Bắc Giang', short_name: 'TĐ' }];

export const PROVINCES = [
  { code: '24', name: 'Bắc Ninh', name_en: 'Bac Ninh' },
  { code: '01', name: 'Hà Nội', name_en: 'Hanoi' },
];

export function activity(over: Partial<Activity> = {}): Activity {
  return {
    id: 7,
    type: 'training',
    title: 'Lớp bồi dưỡng khởi sự HTX cho thanh niên',
    title_en: '',
    status: 'held',
    from: '2024-05-10',
    to: '2024-05-12',
    province: '24',
    commune: null,
    place: 'Hội trường LMHTX tỉnh',
    organiser: 'province',
    partners: [3],
    partner_details: [{ id: 3, name: 'Tỉnh đoàn Bắc Giang', short_name: '', kind: 'youth_union' }],
    programmes: [{ programme: 2, contents: [2] }],
    programme_details: [{ id: 2, code: 'BG-TN-2023-2025', title: PROGRAMME.title }],
    entities: [12],
    entity_details: [{ id: 12, name: 'HTX Nông nghiệp Yên Dũng', kind: 'cooperative', province: '24' }],
    participants: { total: 1240, female: 12, youth: 5 },
    counts_from_list: false,
    participant_list_size: 0,
    description: 'Ba ngày học về Luật HTX 2023.',
    outcomes: 'Hai HTX thanh niên được thành lập sau lớp học.',
    may_write: true,
    ...over,
  };
}

export const PARTICIPANTS: Participant[] = [
  { name: 'Nguyễn Thị An', sex: 'female', birth_year: 1998, entity: 12, organisation: 'HTX Nông nghiệp Yên Dũng', position: 'Giám đốc', phone: '0912 345 678', email: '' },
  { name: 'Trần Văn Bình', sex: 'male', birth_year: 1975, entity: null, organisation: 'UBND xã', position: 'Phó Chủ tịch', phone: '', email: 'binh@example.vn' },
];

export const PLACEMENT: Placement = {
  id: 4,
  worker_name: 'Trần Văn Bảo',
  birth_year: 2001,
  sex: 'male',
  entity: 12,
  entity_details: { id: 12, name: 'HTX Nông nghiệp Yên Dũng', province: '24' },
  province: '24',
  start: '2024-03-01',
  end: null,
  programme: 2,
  position: 'Kế toán',
  notes: '',
  may_write: true,
};

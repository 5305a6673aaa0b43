// The e2e database: accounts of each kind, a small registry with Vietnamese names (two of them
// founded this year) and figures by period for some, made through the API as an administrator
// would, so the dashboard's cards have figures to show.
import { ADMIN_PASSWORD, ApiClient } from './harness.mjs';

export const PASSWORD = 'Mật-khẩu-e2e-2026';

export const USERS = [
  { username: 'canbo.hanoi', display_name: 'Nguyễn Thị Hà', role: 'province_officer', province_code: '01' },
  { username: 'canbo.hcm', display_name: 'Trần Văn Minh', role: 'province_officer', province_code: '79' },
  { username: 'khoa.thu', display_name: 'Tài khoản thử khóa', role: 'national_officer' },
];

const PLACES = [
  ['01', 'Hà Nội'], ['79', 'Thành phố Hồ Chí Minh'], ['87', 'Đồng Tháp'], ['66', 'Đắk Lắk'], ['15', 'Yên Bái'],
  ['92', 'Cần Thơ'], ['38', 'Thanh Hóa'], ['48', 'Đà Nẵng'],
];
const TRADES = [
  ['Nông nghiệp', 'agriculture'], ['Dịch vụ Thương mại', 'trade_services'], ['Thủy sản', 'fisheries'],
  ['Chè sạch', 'agriculture'], ['Vận tải', 'transport'], ['Môi trường', 'environment'], ['Mây tre đan', 'industry_handicraft'],
];

export const ENTITIES = [
  { registration_code: 'E2E-DT-001', kind: 'cooperative', name: 'Hợp tác xã Nông nghiệp Đồng Tháp', province_code: '87', founded_on: '2015-03-01', sector: 'agriculture', women_managed: true, chair_name: 'Lê Thị Mai', chair_sex: 'female' },
  { registration_code: 'E2E-HN-001', kind: 'cooperative', name: 'Hợp tác xã Dịch vụ Thương mại Hà Nội', province_code: '01', founded_on: '2019-07-15', sector: 'trade_services' },
  { registration_code: 'E2E-HN-002', kind: 'group', name: 'Tổ hợp tác Rau sạch Gia Lâm', province_code: '01', founded_on: '2021-02-01', sector: 'agriculture', youth: true },
  { registration_code: 'E2E-HCM-001', kind: 'credit_fund', name: 'Quỹ tín dụng nhân dân Phường Bảy', province_code: '79', founded_on: '2009-05-20', sector: 'credit' },
  { registration_code: 'E2E-HCM-002', kind: 'cooperative', name: 'Hợp tác xã Thủy sản Cần Giờ', province_code: '79', founded_on: '2012-09-09', sector: 'fisheries' },
  { registration_code: 'E2E-DL-001', kind: 'union', name: 'Liên hiệp hợp tác xã Cà phê Đắk Lắk', province_code: '66', founded_on: '2018-01-10', sector: 'agriculture' },
];
for (let i = 0; i < 40; i++) {
  const [code, place] = PLACES[i % PLACES.length];
  const [trade, sector] = TRADES[i % TRADES.length];
  ENTITIES.push({
    registration_code: `E2E-GEN-${String(i + 1).padStart(3, '0')}`,
    kind: i % 5 === 0 ? 'group' : 'cooperative',
    name: `Hợp tác xã ${trade} ${place} số ${i + 1}`,
    province_code: code,
    founded_on: `${2009 + (i % 16)}-0${1 + (i % 9)}-1${i % 10}`,
    sector,
    women_managed: i % 4 === 0,
    youth: i % 7 === 0,
  });
}

// Founded this year (the dashboard's "founded in <year>" card): on 1 January, never after today.
export const THIS_YEAR = new Date().getFullYear();
ENTITIES.push(
  { registration_code: 'E2E-NEW-001', kind: 'cooperative', name: 'Hợp tác xã Dược liệu Hòa Vang', province_code: '48', founded_on: `${THIS_YEAR}-01-01`, sector: 'agriculture', women_managed: true },
  { registration_code: 'E2E-NEW-002', kind: 'group', name: 'Tổ hợp tác Gạo sạch Phong Điền', province_code: '92', founded_on: `${THIS_YEAR}-01-01`, sector: 'agriculture' },
);

// Đồng Tháp today (code 82 of the 34 provinces) without "Đồng Tháp" in their names: found by the
// search "htx dong thap" through the province's name, after the name matches. One founded in Tiền
// Giang (code 82 then, Đồng Tháp since 07/2025), one founded in today's Đồng Tháp.
ENTITIES.push(
  { registration_code: 'E2E-DT-002', kind: 'cooperative', name: 'Hợp tác xã Sầu riêng Ngũ Hiệp', province_code: '82', founded_on: '2016-04-12', sector: 'agriculture' },
  { registration_code: 'E2E-DT-003', kind: 'cooperative', name: 'Hợp tác xã Xoài cát Hòa Lộc', province_code: '82', founded_on: '2025-09-15', sector: 'agriculture' },
);

// Figures by period: [registration code, period, figures]. The dashboard shows, per entity, the
// latest period that ended by its date.
export const FIGURES = [
  ['E2E-DT-001', '2024', { members_total: 20, members_female: 9, workers_total: 8 }],
  ['E2E-DT-001', '2025', { members_total: 25, members_female: 11, workers_total: 12 }],
  ['E2E-HN-001', '2025', { members_total: 130, members_female: 52, workers_total: 41 }],
  ['E2E-HCM-001', '2025', { members_total: 1250, members_female: 610, workers_total: 18 }],
  ['E2E-HCM-002', '2023', { members_total: 60, members_female: 14, workers_total: 22 }],
  ['E2E-DL-001', '2025', { members_total: 8, workers_total: 35 }],
  ['E2E-GEN-001', '2025', { members_total: 47, members_female: 30, workers_total: 15 }],
  ['E2E-GEN-002', '2024', { members_total: 12, members_female: 5, workers_total: 7 }],
  ['E2E-DT-002', '2025', { members_total: 40, members_female: 12, workers_total: 16 }],
  ['E2E-GEN-003', '2025S1', { members_total: 33, members_female: 16, workers_total: 9 }],
];

export async function seed(base) {
  const admin = await new ApiClient(base).login('admin', ADMIN_PASSWORD);
  for (const u of USERS) await admin.must('POST', '/api/v1/users', { ...u, password: PASSWORD });
  const ids = {};
  for (const e of ENTITIES) ids[e.registration_code] = (await admin.must('POST', '/api/v1/entities', e)).id;
  await admin.must('POST', `/api/v1/entities/${ids['E2E-HCM-002']}/events`, { date: '2024-06-30', type: 'stopped', note: 'Thiếu vốn lưu động' });
  await admin.must('PATCH', `/api/v1/entities/${ids['E2E-DT-001']}`, { address: 'Ấp 3, xã Mỹ An' });
  for (const [code, period, figures] of FIGURES) await admin.must('PUT', `/api/v1/entities/${ids[code]}/figures/${period}`, figures);
  return { admin, ids };
}

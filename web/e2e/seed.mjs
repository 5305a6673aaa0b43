// The e2e database: accounts of each kind and a small registry with Vietnamese names, made
// through the API as an administrator would.
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

export async function seed(base) {
  const admin = await new ApiClient(base).login('admin', ADMIN_PASSWORD);
  for (const u of USERS) await admin.must('POST', '/api/v1/users', { ...u, password: PASSWORD });
  const ids = {};
  for (const e of ENTITIES) ids[e.registration_code] = (await admin.must('POST', '/api/v1/entities', e)).id;
  await admin.must('POST', `/api/v1/entities/${ids['E2E-HCM-002']}/events`, { date: '2024-06-30', type: 'stopped', note: 'Thiếu vốn lưu động' });
  await admin.must('PATCH', `/api/v1/entities/${ids['E2E-DT-001']}`, { address: 'Ấp 3, xã Mỹ An' });
  return { admin, ids };
}

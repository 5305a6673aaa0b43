import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { translate } from '../i18n/catalogue';
import { json, mockApi, wrap } from '../../tests/support';
import { FORM, report, session } from './fixtures';
import PrintPage, { periodInWords, provinceAlliance } from './PrintPage';
import type { ReportView } from './types';

const t = (key: Parameters<typeof translate>[1], args?: Record<string, string | number>) => translate('vi', key, args);

function show(view: ReportView) {
  mockApi((url) => {
    if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
    if (url.startsWith('/api/v1/report-forms/province_development')) return json(200, FORM);
    if (url === '/api/v1/reports/7') return json(200, view);
    return undefined;
  });
  return wrap(
    <Routes>
      <Route path="/reports/:id/print" element={<PrintPage />} />
    </Routes>,
    '/reports/7/print',
  );
}

describe('printout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names periods as paper reports do', () => {
    expect(periodInWords('2023M01-09', t)).toBe('9 tháng đầu năm 2023');
    expect(periodInWords('2024S1', t)).toBe('6 tháng đầu năm 2024');
    expect(periodInWords('2024S2', t)).toBe('6 tháng cuối năm 2024');
    expect(periodInWords('2025', t)).toBe('Năm 2025');
    expect(periodInWords('2025Q3', t)).toBe('Quý 3 năm 2025');
    expect(periodInWords('2025M04', t)).toBe('Tháng 4 năm 2025');
  });

  it('names the province alliance, a centrally-run city as such', () => {
    expect(provinceAlliance('20', 'Lạng Sơn', t)).toBe('LIÊN MINH HỢP TÁC XÃ\nTỈNH LẠNG SƠN');
    expect(provinceAlliance('01', 'Hà Nội', t)).toBe('LIÊN MINH HỢP TÁC XÃ\nTHÀNH PHỐ HÀ NỘI');
    expect(provinceAlliance('79', 'Thành phố Hồ Chí Minh', t)).toBe('LIÊN MINH HỢP TÁC XÃ\nTHÀNH PHỐ HỒ CHÍ MINH');
    expect(provinceAlliance('20', 'Tỉnh Lạng Sơn', t)).toBe('LIÊN MINH HỢP TÁC XÃ\nTỈNH LẠNG SƠN');
  });

  it('lays the report out as the paper form: unit, motto, title, period, a table per section, texts, signatures', async () => {
    show(
      report({
        province_name: 'Lạng Sơn',
        status: 'approved',
        submitted_at: '2023-10-09T02:00:00.000Z',
        approved_at: '2023-10-12T03:00:00.000Z',
        values: { coops_total: 21, women_managed_coops: 2, income_vnd: 4500000, results: 'Kinh tế tập thể phát triển ổn định.\nThêm 2 HTX mới.' },
        notes: { coops_total: 'Hai HTX mới chưa vào sổ.' },
      }),
    );
    const sheet = await screen.findByTestId('print-sheet');
    expect(within(sheet).getByText('LIÊN MINH HỢP TÁC XÃ TỈNH LẠNG SƠN')).toBeTruthy();
    expect(within(sheet).getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeTruthy();
    expect(within(sheet).getByText('Độc lập - Tự do - Hạnh phúc')).toBeTruthy();
    expect(within(sheet).getByRole('heading', { level: 1 }).textContent).toBe('BÁO CÁO TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ');
    expect(screen.getByTestId('print-period').textContent).toBe('9 tháng đầu năm 2023');
    expect(screen.getByTestId('print-meta').textContent).toBe('Trạng thái: Đã duyệt · Hạn nộp: 10/10/2023 · Ngày gửi: 09/10/2023 · Ngày duyệt: 12/10/2023');
    // Sections numbered I, II; the table's header and rows (figures in vi-VN digits, the registry's beside).
    expect(within(sheet).getByRole('heading', { name: 'I. Số lượng tổ chức kinh tế tập thể' })).toBeTruthy();
    const table = within(sheet).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Số liệu theo sổ đăng ký', 'Ghi chú',
    ]);
    // (Units may break after a slash: a zero-width space there.)
    const cells = (code: string) =>
      [...sheet.querySelector(`tr[data-field="${code}"]`)!.querySelectorAll('td')].map((td) => td.textContent!.replace(/\u200b/g, ''));
    expect(cells('coops_total')).toEqual(['1', 'Tổng số hợp tác xã', 'HTX', '21', '19', 'Hai HTX mới chưa vào sổ.']);
    expect(cells('income_vnd')).toEqual(['3', 'Thu nhập bình quân', 'đồng/người/tháng', '4.500.000', '', '']);
    expect(sheet.querySelector('tr[data-field="income_vnd"] td.num')).toBeTruthy();
    // A long text: its label, then a paragraph per line, not a table row.
    const results = sheet.querySelector('.print-long[data-field="results"]')!;
    expect(results.querySelector('h3')!.textContent).toBe('1. Kết quả đạt được');
    expect([...results.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Kinh tế tập thể phát triển ổn định.', 'Thêm 2 HTX mới.']);
    expect(sheet.querySelector('tr[data-field="results"]')).toBeNull();
    // The signature block.
    const signatures = screen.getByTestId('print-signatures');
    expect(within(signatures).getByText('NGƯỜI LẬP BIỂU')).toBeTruthy();
    expect(within(signatures).getByText('THỦ TRƯỞNG ĐƠN VỊ')).toBeTruthy();
    expect(within(signatures).getAllByText('(Ký, ghi rõ họ tên)').length).toBe(2);
    expect(within(signatures).getAllByText('…………, ngày …… tháng …… năm ……').length).toBeGreaterThan(0);
    // The toolbar (not printed): print, the XLSX of the report, back to it.
    const toolbar = screen.getByRole('toolbar');
    expect(within(toolbar).getByRole('button', { name: /In \/ Lưu PDF/ })).toBeTruthy();
    expect(screen.getByTestId('print-xlsx').getAttribute('href')).toBe('/api/v1/reports/7/export?format=xlsx');
    expect(within(toolbar).getByRole('link', { name: /Về báo cáo/ }).getAttribute('href')).toBe('/reports/7');
  });

  it('prints a cooperative report under the cooperative name, and a range as "3,8 – 5,5"', async () => {
    const form = { ...FORM, sections: [{ ...FORM.sections[0], fields: [...FORM.sections[0].fields, { code: 'growth', label_vi: 'Tăng trưởng', label_en: 'Growth', type: 'range' as const, unit: '%' }] }] };
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_admin'));
      if (url.startsWith('/api/v1/report-forms/province_development')) return json(200, form);
      if (url === '/api/v1/reports/7')
        return json(200, report({ entity_id: 44, entity_name: 'Hợp tác xã Nông nghiệp Tân Thanh', values: { coops_total: 3, growth: { min: 3.8, max: 5.5 } } }));
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/reports/:id/print" element={<PrintPage />} />
      </Routes>,
      '/reports/7/print',
    );
    const sheet = await screen.findByTestId('print-sheet');
    expect(within(sheet).getByText('HỢP TÁC XÃ NÔNG NGHIỆP TÂN THANH')).toBeTruthy();
    expect(sheet.querySelector('tr[data-field="growth"] td.num')!.textContent).toBe('3,8 – 5,5');
  });
});

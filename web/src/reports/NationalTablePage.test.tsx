import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { FORM, nationalTable, session } from './fixtures';
import NationalTablePage from './NationalTablePage';
import { resetFormsCache } from './parts';

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

function show(path = '/reports/table?form=province_development&period=2023M01-09') {
  return wrap(
    <Routes>
      <Route path="/reports/table" element={<NationalTablePage />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    path,
  );
}

describe('national table', () => {
  beforeEach(() => resetFormsCache());
  afterEach(() => vi.restoreAllMocks());

  it('shows a row per province, the registry figure where it differs, and the sums in vi-VN digits', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports/table?')) {
        asked.push(url);
        return json(200, nationalTable());
      }
      return undefined;
    });
    show();
    // Three answers (the session, the forms, the table) before the rows: over a second on a busy machine.
    const langSon = await screen.findByTestId('row-20', {}, { timeout: 8000 });
    expect(asked[0]).toBe('/api/v1/reports/table?form=province_development&period=2023M01-09');
    // The reported figure, and the registry's under it where the two differ (coops), not where equal.
    expect(within(langSon).getByText('21')).toBeTruthy();
    expect(within(langSon).getByTestId('registry-coops_total').textContent).toBe('SĐK: 19');
    expect(within(langSon).queryByTestId('registry-women_managed_coops')).toBeNull();
    expect(within(langSon).getByText('4.500.000')).toBeTruthy();
    expect(within(langSon).getByText('Đã duyệt')).toBeTruthy();
    // A province without a report: its status says so, its figures are dashes.
    const haNoi = screen.getByTestId('row-01');
    expect(within(haNoi).getByText('Chưa tạo')).toBeTruthy();
    expect(within(haNoi).getAllByText('—').length).toBe(3);
    // The sums row.
    const sums = screen.getByTestId('sum-row');
    expect(within(sums).getByRole('rowheader').textContent).toBe('Cộng');
    expect(within(sums).getByText('1.234.567')).toBeTruthy();
    expect(within(sums).getByTestId('registry-coops_total').textContent).toBe('SĐK: 1.234.565');
    expect(screen.getByText('Đã báo cáo: 1/2 tỉnh/thành')).toBeTruthy();
    // The XLSX is the same address with format=xlsx, downloaded with the session cookie.
    expect(screen.getByTestId('table-xlsx').getAttribute('href')).toBe('/api/v1/reports/table?form=province_development&period=2023M01-09&format=xlsx');
    // A row with a report opens it (the link, and a click anywhere on the row).
    expect(within(langSon).getByRole('link', { name: 'Lạng Sơn' }).getAttribute('href')).toBe('/reports/7');
    fireEvent.click(within(langSon).getByText('4.500.000'));
    expect((await screen.findByTestId('where')).textContent).toBe('/reports/7');
  });

  it('keeps the table inside a box that scrolls sideways, the province column sticky, numbers unbroken (360 px)', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports/table?')) return json(200, nationalTable());
      return undefined;
    });
    show();
    const row = await screen.findByTestId('row-20', {}, { timeout: 8000 });
    const table = row.closest('table')!;
    const box = table.parentElement!;
    expect(box.classList.contains('table-scroll')).toBe(true);
    expect(box.getAttribute('role')).toBe('region');
    expect(box.getAttribute('tabindex')).toBe('0'); // scrolled by keyboard too
    for (const r of table.querySelectorAll('tr')) expect(r.firstElementChild!.classList.contains('nt-sticky')).toBe(true);
    for (const cell of within(row).getAllByText(/^\d[\d.]*$/)) expect(cell.closest('td')!.classList.contains('num')).toBe(true);
  });

  it('asks the latest half-year of the form by default', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports/table?')) {
        asked.push(url);
        return json(200, nationalTable({ rows: [], period: new URL(url, 'http://x').searchParams.get('period')! }));
      }
      return undefined;
    });
    show('/reports/table');
    expect(await screen.findByText('Chưa có tỉnh/thành nào trong bảng.')).toBeTruthy();
    expect(asked[0]).toMatch(/^\/api\/v1\/reports\/table\?form=province_development&period=\d{4}S[12]$/);
  });

  it('tells a cooperative account the page is not for it, asking nothing', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', '20'));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports/table')) asked.push(url);
      return undefined;
    });
    show();
    expect(await screen.findByText('Trang này dành cho cán bộ trung ương và cấp tỉnh.')).toBeTruthy();
    expect(asked).toEqual([]);
  });
});

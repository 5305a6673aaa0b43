import { screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import CompletenessPage from './CompletenessPage';
import { FORM, session } from './fixtures';
import { resetFormsCache } from './parts';
import type { Completeness, CompletenessRow } from './types';

const ENTITY_FORM = { ...FORM, code: 'coop_annual_update', level: 'entity', period_types: ['year'], name_vi: 'Cập nhật thông tin hằng năm của hợp tác xã', name_en: 'Annual update' };

function row(province: string, name: string, over: Partial<CompletenessRow> = {}): CompletenessRow {
  return { province, province_name: name, expected: 1, submitted: 0, on_time: 0, approved: 0, returned: 0, status: null, submitted_at: null, report_id: null, ...over };
}

function answer(form: string, period: string, rows: CompletenessRow[], missing: Completeness['missing'] = []): Completeness {
  const sum = (k: 'expected' | 'submitted' | 'on_time' | 'approved' | 'returned') => rows.reduce((n, r) => n + r[k], 0);
  return { form, period, level: form === 'coop_annual_update' ? 'entity' : 'province', expected: sum('expected'), submitted: sum('submitted'), on_time: sum('on_time'), approved: sum('approved'), returned: sum('returned'), rows, missing };
}

describe('completeness', () => {
  beforeEach(() => resetFormsCache());
  afterEach(() => vi.restoreAllMocks());

  it('shows the totals and a matrix of provinces × the last four periods, each cell in words and linked to its report', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 2, items: [FORM, ENTITY_FORM] });
      if (url.startsWith('/api/v1/report-forms/province_development')) return json(200, FORM);
      if (url.startsWith('/api/v1/reports/completeness')) {
        const q = new URL(url, 'http://x').searchParams;
        const period = q.get('period')!;
        asked.push(period);
        if (period === '2025')
          return json(200, answer('province_development', period, [
            row('20', 'Lạng Sơn', { submitted: 1, on_time: 1, approved: 1, status: 'approved', report_id: 41 }),
            row('01', 'Hà Nội', { submitted: 1, on_time: 0, status: 'submitted', report_id: 42 }),
            row('15', 'Lào Cai'),
          ]));
        return json(200, answer('province_development', period, [row('20', 'Lạng Sơn', { status: 'draft', report_id: 30 }), row('01', 'Hà Nội'), row('15', 'Lào Cai')]));
      }
      return undefined;
    });
    wrap(<CompletenessPage />, '/reports/completeness?form=province_development&period=2025');
    const totals = await screen.findByTestId('completeness-totals');
    await waitFor(() => expect(within(totals).getByText('Phải nộp').nextSibling?.textContent).toBe('3'));
    expect(within(totals).getByText('Đã nộp').nextSibling?.textContent).toBe('2');
    expect(within(totals).getByText('Đúng hạn').nextSibling?.textContent).toBe('1');
    expect(within(totals).getByText('Đã duyệt').nextSibling?.textContent).toBe('1');
    await waitFor(() => expect([...asked].sort()).toEqual(['2022', '2023', '2024', '2025', '2025'].sort()));
    const matrix = screen.getByTestId('completeness-matrix');
    const heads = within(matrix).getAllByRole('columnheader').map((th) => th.textContent);
    expect(heads).toEqual(['Tỉnh/thành', 'Năm 2022', 'Năm 2023', 'Năm 2024', 'Năm 2025']);
    const lang = within(matrix).getByRole('rowheader', { name: 'Lạng Sơn' }).closest('tr')!;
    const approved = within(lang).getByText('Đã duyệt').closest('a')!;
    expect(approved.getAttribute('href')).toBe('/reports/41');
    // Hà Nội submitted late: said in words, not only by colour.
    const hanoi = within(matrix).getByRole('rowheader', { name: 'Hà Nội' }).closest('tr')!;
    const late = within(hanoi).getAllByTestId('matrix-cell')[3];
    expect(late.textContent).toBe('⚠ Đã gửi · muộn');
    expect(late.className).toContain('cell-late');
    expect(late.querySelector('a')!.getAttribute('href')).toBe('/reports/42');
    // Not created and past the due date.
    const laocai = within(matrix).getByRole('rowheader', { name: 'Lào Cai' }).closest('tr')!;
    expect(within(laocai).getAllByTestId('matrix-cell')[3].textContent).toBe('⚠ Chưa lập · muộn');
    expect(within(laocai).getAllByTestId('matrix-cell')[3].querySelector('a')).toBeNull();
    // Per-province rows with their counts.
    const rows = screen.getByTestId('completeness-rows');
    expect(within(rows).getByText('Lào Cai')).toBeTruthy();
  });

  it('lists the organisations that have not reported for an entity form and a province', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 2, items: [FORM, ENTITY_FORM] });
      if (url.startsWith('/api/v1/report-forms/coop_annual_update')) return json(200, ENTITY_FORM);
      if (url.startsWith('/api/v1/reports/completeness'))
        return json(200, answer('coop_annual_update', '2025', [row('20', 'Lạng Sơn', { expected: 47, submitted: 45 })], [
          { id: 901, name: 'HTX Nông nghiệp Tân Thành', registration_code: 'LS-901' },
          { id: 902, name: 'HTX Dịch vụ Chi Lăng', registration_code: 'LS-902' },
        ]));
      return undefined;
    });
    wrap(<CompletenessPage />, '/reports/completeness?form=coop_annual_update&period=2025&province=20');
    const missing = await screen.findByTestId('completeness-missing');
    expect((await within(missing).findByText('HTX Nông nghiệp Tân Thành')).closest('a')!.getAttribute('href')).toBe('/registry/901');
    expect(within(missing).getByText('Tổ chức chưa nộp (2)')).toBeTruthy();
    expect(screen.queryByTestId('completeness-matrix')).toBeNull();
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import { session } from './fixtures';
import GridPage from './GridPage';
import type { GridRow, ReportForm, ReportGrid } from './types';

const ANNUAL: ReportForm = {
  code: 'coop_annual_update',
  version: 1,
  level: 'entity',
  period_types: ['year'],
  name_vi: 'Cập nhật thông tin hằng năm của hợp tác xã',
  name_en: 'Annual update',
  sections: [
    {
      code: 'thanh_vien',
      title_vi: 'Thành viên',
      title_en: 'Members',
      fields: [
        { code: 'members_total', label_vi: 'Tổng số thành viên', label_en: 'Members', type: 'integer', unit: 'người', min: 0, figure: 'members_total' },
        { code: 'members_female', label_vi: 'Trong đó: thành viên nữ', label_en: 'of whom women', type: 'integer', unit: 'người', min: 0, figure: 'members_female' },
        { code: 'revenue_vnd', label_vi: 'Tổng doanh thu', label_en: 'Revenue', type: 'money', unit: 'đồng', min: 0, figure: 'revenue_vnd' },
      ],
    },
  ],
  rules: [{ code: 'members_female_le_total', left: 'members_female', op: '<=', right: 'members_total', severity: 'error', message_vi: 'Số thành viên nữ không được lớn hơn tổng số thành viên.', message_en: 'x' }],
};

function row(id: number, name: string, over: Partial<GridRow> = {}): GridRow {
  return { entity_id: id, name, registration_code: `LS-${id}`, report_id: null, status: null, values: {}, registry: {}, previous: {}, checks: [], ...over };
}

function grid(rows: GridRow[]): ReportGrid {
  return { form: 'coop_annual_update', form_version: 1, period: '2025', province: '20', province_name: 'Lạng Sơn', total: rows.length, offset: 0, limit: 50, rows };
}

describe('grid page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the rows with the previous year, edits by keyboard and paste, saves only the changed rows and shows a refused value in its cell', async () => {
    const rows = [
      row(1, 'Hợp tác xã An Bình', { values: { members_total: 12 }, registry: { members_total: 12 }, previous: { members_total: 10 } }),
      row(2, 'Hợp tác xã Bắc Sơn', { report_id: 51, status: 'draft', values: { members_total: 5 } }),
      row(3, 'Hợp tác xã Cao Lộc', { report_id: 52, status: 'approved', values: { members_total: 8 } }),
    ];
    const calls: { method: string; url: string; body?: unknown }[] = [];
    mockApi((url, init) => {
      const method = init.method ?? 'GET';
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '20'));
      if (url.startsWith('/api/v1/report-forms/coop_annual_update')) return json(200, ANNUAL);
      if (url.startsWith('/api/v1/reports/grid')) return json(200, grid(rows));
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      if (method !== 'GET') calls.push({ method, url, body });
      if (method === 'POST' && url === '/api/v1/reports') return json(201, { id: 50, status: 'draft', values: {}, checks: [] });
      if (method === 'PUT' && url === '/api/v1/reports/50') return json(200, { id: 50, status: 'draft', values: body.values, checks: [] });
      if (method === 'PUT' && url === '/api/v1/reports/51')
        return json(400, { error: { code: 'invalid_request', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'revenue_vnd', code: 'report_below_min', message: 'Không được nhỏ hơn 0.' }] } });
      return undefined;
    });
    wrap(<GridPage />, '/reports/grid?period=2025');
    const table = await screen.findByTestId('grid');
    await waitFor(() => expect(within(table).getAllByTestId('grid-row')).toHaveLength(3));
    const [first, second, third] = within(table).getAllByTestId('grid-row');
    // The previous year beneath the value.
    expect(first.querySelector('[data-field="members_total"]')!.textContent).toContain('2024: 10');

    // Typing starts editing the active cell (the first row's members); Enter saves it and moves down.
    fireEvent.keyDown(table, { key: '1' });
    const input = within(table).getByRole('textbox');
    fireEvent.change(input, { target: { value: '15' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(first.className).toContain('grid-changed');
    // A 1×2 block pasted on the second row: members and women.
    act(() => {
      fireEvent.paste(table, { clipboardData: { getData: () => '6\t2\r\n' } });
    });
    // The third row is approved: a paste or typing there changes nothing.
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    fireEvent.keyDown(table, { key: '9' });
    expect(within(table).queryByRole('textbox')).toBeNull();
    expect(third.className).not.toContain('grid-changed');
    // Revenue of the second row: a negative number, refused by the server.
    fireEvent.keyDown(table, { key: 'ArrowUp' });
    fireEvent.keyDown(table, { key: 'End' });
    fireEvent.keyDown(table, { key: '-' });
    fireEvent.change(within(table).getByRole('textbox'), { target: { value: '-5' } });
    fireEvent.keyDown(within(table).getByRole('textbox'), { key: 'Tab' });
    expect(screen.getByTestId('grid-bar').textContent).toContain('2 dòng đã thay đổi');

    fireEvent.click(screen.getByTestId('grid-save'));
    await waitFor(() => expect(second.querySelector('[data-field="revenue_vnd"]')!.textContent).toContain('Không được nhỏ hơn 0.'));
    // The first row: its report created, then only its changed cell put; the second refused whole.
    expect(calls).toHaveLength(3);
    expect(calls).toEqual(expect.arrayContaining([
      { method: 'POST', url: '/api/v1/reports', body: { form: 'coop_annual_update', period: '2025', entity_id: 1 } },
      { method: 'PUT', url: '/api/v1/reports/51', body: { values: { members_total: 6, members_female: 2, revenue_vnd: -5 } } },
      { method: 'PUT', url: '/api/v1/reports/50', body: { values: { members_total: 15 } } },
    ]));
    expect(calls.findIndex((c) => c.method === 'POST')).toBeLessThan(calls.findIndex((c) => c.url === '/api/v1/reports/50'));
    expect(second.className).toContain('grid-changed');
    expect(second.className).toContain('grid-failed');
    await waitFor(() => expect(first.className).not.toContain('grid-changed'));
    expect(screen.getByTestId('grid-bar').textContent).toContain('1 dòng đã thay đổi');
  });

  it('Esc cancels what is being typed; Delete empties a cell; a cell typed back to its value is no longer a change', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_admin', '20'));
      if (url.startsWith('/api/v1/report-forms/coop_annual_update')) return json(200, ANNUAL);
      if (url.startsWith('/api/v1/reports/grid')) return json(200, grid([row(1, 'Hợp tác xã An Bình', { values: { members_total: 12 } })]));
      return undefined;
    });
    wrap(<GridPage />, '/reports/grid?period=2025');
    const table = await screen.findByTestId('grid');
    await waitFor(() => expect(within(table).getAllByTestId('grid-row')).toHaveLength(1));
    const first = within(table).getAllByTestId('grid-row')[0];
    fireEvent.keyDown(table, { key: '7' });
    fireEvent.keyDown(within(table).getByRole('textbox'), { key: 'Escape' });
    expect(within(table).queryByRole('textbox')).toBeNull();
    expect(first.className).not.toContain('grid-changed');
    expect(first.querySelector('[data-field="members_total"]')!.textContent).toContain('12');
    fireEvent.keyDown(table, { key: 'Delete' });
    expect(first.className).toContain('grid-changed');
    fireEvent.keyDown(table, { key: '1' });
    fireEvent.change(within(table).getByRole('textbox'), { target: { value: '12' } });
    fireEvent.keyDown(within(table).getByRole('textbox'), { key: 'Enter' });
    expect(first.className).not.toContain('grid-changed');
  });

  it('asks a national account to choose a province and reads only', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url.startsWith('/api/v1/report-forms/coop_annual_update')) return json(200, ANNUAL);
      return undefined;
    });
    wrap(<GridPage />, '/reports/grid');
    expect(await screen.findAllByText('Chọn tỉnh, thành phố để xem bảng.')).not.toHaveLength(0);
    expect(screen.queryByTestId('grid-bar')).toBeNull();
  });

  it('says the page is not for cooperatives', async () => {
    mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('cooperative', null)) : undefined));
    wrap(<GridPage />, '/reports/grid');
    expect(await screen.findByText('Dành cho cán bộ tỉnh và trung ương.')).toBeTruthy();
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';
import { submit } from './api';
import ImportPage from './ImportPage';
import type { ImportJob } from './types';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const base: ImportJob = {
  id: '0123456789abcdef0123456789abcdef',
  type: 'entities',
  state: 'running',
  outcome: null,
  file_name: 'nhap-thu.csv',
  dry_run: true,
  rows_read: 2,
  counts: null,
  error: null,
  problems_total: 0,
  columns: [
    { header: 'Mã số HTX', column: 'registration_code' },
    { header: 'Tên HTX', column: 'name' },
    { header: 'Ngày thành lập', column: 'founded_on' },
    { header: 'Ghi chú nội bộ', column: null },
  ],
  unknown_headers: ['Ghi chú nội bộ'],
  preview: [
    { row: 2, values: { registration_code: 'IMP-1', name: 'Hợp tác xã Nhập Một', founded_on: '2018-03-15' }, problems: 0, severity: null },
    { row: 3, values: { registration_code: 'IMP-2', name: 'Hợp tác xã Nhập Hai', founded_on: '31/02/2019' }, problems: 1, severity: 'error' },
  ],
  problems: [],
};
const checked: ImportJob = {
  ...base,
  state: 'succeeded',
  outcome: 'dry_run',
  counts: { rows_read: 2, created: 0, updated: 0, unchanged: 0, bad_rows: 1 },
  problems_total: 1,
  problems: [{ row: 3, column: 'Ngày thành lập', field: 'founded_on', value: '31/02/2019', severity: 'error', code: 'invalid_date', message: '“31/02/2019” không phải là ngày.' }],
};

function mockApi(result: ImportJob = checked) {
  const submitted: URLSearchParams[] = [];
  let polls = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/session'))
      return json(200, { user: { id: 1, username: 'admin', display_name: 'Quản trị', role: 'national_admin', province_code: null, entity_id: null, disabled: false }, csrf_token: 't' });
    if (url.startsWith('/api/v1/imports?') && init?.method === 'POST') {
      submitted.push(new URL(url, 'http://x').searchParams);
      return json(202, { ...base, columns: [], unknown_headers: [], preview: [], rows_read: 0, state: 'queued' });
    }
    if (url.startsWith(`/api/v1/imports/${base.id}`)) return json(200, ++polls < 2 ? base : result);
    return json(404, { error: { code: 'not_found', message: url, fields: [] } });
  });
  return submitted;
}

function renderPage() {
  render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter>
          <ImportPage />
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

describe('import wizard', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers a template of the chosen data to fill in', async () => {
    mockApi();
    renderPage();
    const xlsx = await screen.findByTestId('import-template-xlsx');
    expect(xlsx.getAttribute('href')).toBe('/api/v1/imports/template?type=entities&format=xlsx');
    expect(screen.getByTestId('import-template-csv').getAttribute('href')).toBe('/api/v1/imports/template?type=entities&format=csv');
  });

  it('previews the recognised columns and first rows before the check results', async () => {
    const submitted = mockApi();
    renderPage();
    const input = await screen.findByTestId('import-file');
    fireEvent.change(input, { target: { files: [new File(['Mã số HTX;Tên HTX\r\n'], 'nhap-thu.csv', { type: 'text/csv' })] } });

    // Step 2 of 5, on its own: the columns as the server read them, before any check result.
    const preview = await screen.findByTestId('import-preview');
    expect(submitted[0].get('dry_run')).toBe('true');
    expect(submitted[0].get('type')).toBe('entities');
    await within(preview).findByText('Hợp tác xã Nhập Một', undefined, { timeout: 5000 });
    const columns = within(screen.getByTestId('import-columns'));
    const mapping = (header: string) => columns.getByText(header, { selector: 'strong' }).closest('tr')!.textContent;
    expect(mapping('Mã số HTX')).toContain('Mã số đăng ký');
    expect(mapping('Mã số HTX')).toContain('registration_code');
    expect(mapping('Ngày thành lập')).toContain('founded_on');
    expect(mapping('Ghi chú nội bộ')).toContain('Không nhận ra, bỏ qua');
    expect(screen.getByTestId('import-columns-summary').textContent).toBe('Nhận ra 3 trong 4 cột của tệp.');
    expect(screen.getByTestId('import-unknown').textContent).toContain('“Ghi chú nội bộ”');
    const rows = within(screen.getByTestId('import-rows'));
    expect(rows.getAllByText('Tên tổ chức').length).toBeGreaterThan(0);
    expect(rows.getByText('31/02/2019')).toBeTruthy();
    expect(rows.getByText('15/03/2018')).toBeTruthy(); // ISO dates as the app writes them
    expect(screen.queryByTestId('import-problems')).toBeNull();
    expect(document.querySelector('.ant-steps-item-active')?.textContent).toContain('Xem trước');

    // Step 3: the dry run's problems, downloadable; back to the preview and forth again.
    fireEvent.click(screen.getByTestId('import-check'));
    const problems = await screen.findByTestId('import-problems', undefined, { timeout: 5000 });
    expect(screen.queryByTestId('import-preview')).toBeNull();
    await within(problems).findByText('“31/02/2019” không phải là ngày.');
    expect(within(problems).getByText('Tải danh sách lỗi (CSV)').closest('a')!.getAttribute('href')).toBe(`/api/v1/imports/${base.id}/report?format=csv`);
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByText('Xem lại các cột'));
    await screen.findByTestId('import-preview');
    fireEvent.click(screen.getByTestId('import-check'));
    await screen.findByTestId('import-problems');
    expect(submitted).toHaveLength(1);
  });

  it('asks to confirm rows held back only by warnings, and commits them confirmed', async () => {
    const warned: ImportJob = {
      ...checked,
      type: 'figures',
      import_id: 7,
      counts: { rows_read: 2, created: 1, updated: 0, unchanged: 0, bad_rows: 1, unconfirmed_rows: 1 },
      problems: [{ row: 2, column: 'Thu nhập bình quân', field: 'avg_income_vnd_month', value: '250.000.000', severity: 'warning', code: 'income_too_high', message: 'Thu nhập bình quân cao bất thường.' }],
    };
    const submitted = mockApi(warned);
    renderPage();
    const input = await screen.findByTestId('import-file');
    fireEvent.change(input, { target: { files: [new File(['Mã số HTX;Năm\r\n'], 'so-lieu.csv', { type: 'text/csv' })] } });
    const preview = await screen.findByTestId('import-preview');
    await within(preview).findByText('Hợp tác xã Nhập Một', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('import-check'));
    const problems = await screen.findByTestId('import-problems', undefined, { timeout: 5000 });
    await within(problems).findByText('Thu nhập bình quân cao bất thường.');
    const notice = screen.getByTestId('import-needs-confirmation');
    expect(notice.textContent).toContain('1 dòng có giá trị bất thường cần xác nhận');
    const commit = screen.getByTestId('import-commit') as HTMLButtonElement;
    expect(commit.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /xác nhận các giá trị bất thường/ }));
    expect(commit.disabled).toBe(false);
    fireEvent.click(commit);
    await vi.waitFor(() => expect(submitted).toHaveLength(2));
    expect(submitted[0].get('confirm_warnings')).toBeNull();
    expect(submitted[1].get('dry_run')).toBe('false');
    expect(submitted[1].get('confirm_warnings')).toBe('true');
    // The summary names the import it was recorded as, with its original file.
    const record = await screen.findByTestId('import-record', undefined, { timeout: 5000 });
    expect(record.textContent).toContain('Lưu thành lần nhập #7');
    expect(within(record).getByText('Tải tệp gốc').getAttribute('href')).toBe('/api/v1/imports/7/file');
  });

  it('says how each row\'s province was read, and sends the import\'s date', async () => {
    const read: ImportJob = {
      ...checked,
      counts: { rows_read: 2, created: 2, updated: 0, unchanged: 0, bad_rows: 0, warning_rows: 1, unconfirmed_rows: 0 },
      columns: [
        { header: 'Mã số HTX', column: 'registration_code' },
        { header: 'Tỉnh', column: 'province_code' },
        { header: 'Ngày thành lập', column: 'founded_on' },
      ],
      unknown_headers: [],
      preview: [
        { row: 2, values: { registration_code: 'LC-1995', province_code: '12', founded_on: '1995-03-02', province_as_of: '1997-01-01', province_rule: 'records_begin' }, problems: 1, severity: 'warning' },
        { row: 3, values: { registration_code: 'LC-2000', province_code: '12', founded_on: '2000-04-30', province_as_of: '2000-04-30', province_rule: 'founded_on' }, problems: 0, severity: null },
      ],
    };
    mockApi({ ...read, problems: [] });
    renderPage();
    const input = await screen.findByTestId('import-file', undefined, { timeout: 5000 });
    fireEvent.change(input, { target: { files: [new File(['Mã số HTX;Tỉnh\r\n'], 'lai-chau.csv', { type: 'text/csv' })] } });
    const preview = await screen.findByTestId('import-preview', undefined, { timeout: 5000 });
    await within(preview).findByText('LC-1995', undefined, { timeout: 5000 });
    const rows = within(screen.getByTestId('import-rows'));
    expect(rows.getAllByText('Tỉnh đọc theo').length).toBeGreaterThan(0);
    const rules = rows.getAllByTestId('import-province-rule').map((e) => e.textContent);
    expect(rules).toEqual(['ngày đầu của dữ liệu địa giới (01/01/1997)', 'ngày thành lập (30/04/2000)']);
    expect(screen.getByLabelText('Đọc tên/mã tỉnh theo ngày')).toBeTruthy();
  });

  it('calls warnings that hold nothing back warnings, not errors', async () => {
    const warned: ImportJob = {
      ...checked,
      counts: { rows_read: 2, created: 2, updated: 0, unchanged: 0, bad_rows: 0, warning_rows: 1, unconfirmed_rows: 0 },
      problems_total: 1,
      problems: [{ row: 2, column: 'Tỉnh', field: 'province_code', value: 'Lai Châu', severity: 'warning', code: 'province_read_at_records_begin', message: 'Đã đọc "Lai Châu" là Lai Châu (12) theo ngày 1997-01-01.' }],
    };
    mockApi(warned);
    renderPage();
    const input = await screen.findByTestId('import-file', undefined, { timeout: 5000 });
    fireEvent.change(input, { target: { files: [new File(['Mã số HTX;Tỉnh\r\n'], 'lai-chau.csv', { type: 'text/csv' })] } });
    const preview = await screen.findByTestId('import-preview', undefined, { timeout: 5000 });
    await within(preview).findByText('Hợp tác xã Nhập Một', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByTestId('import-check'));
    const problems = await screen.findByTestId('import-problems', undefined, { timeout: 5000 });
    await within(problems).findByText('Đã đọc "Lai Châu" là Lai Châu (12) theo ngày 1997-01-01.');
    expect(problems.textContent).toContain('Cảnh báo: không có lỗi, các dòng vẫn được ghi');
    expect(problems.textContent).not.toContain('lỗi trên');
    expect(screen.getByTestId('import-warning-count').textContent).toBe('1 cảnh báo trên 1 dòng.');
    expect((screen.getByTestId('import-commit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('puts the import\'s date in the request', async () => {
    const submitted = mockApi();
    await submit('entities', new File(['x'], 'a.csv', { type: 'text/csv' }), { dryRun: true, asOf: '2020-12-31' });
    expect(submitted[0].get('as_of')).toBe('2020-12-31');
    await submit('entities', new File(['x'], 'a.csv', { type: 'text/csv' }), { dryRun: true });
    expect(submitted[1].get('as_of')).toBeNull();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { FORM, report, session } from './fixtures';
import ReportPage from './ReportPage';
import type { ReportView } from './types';

interface Calls {
  puts: unknown[];
  submits: number;
  imports: { type: string | null; body: unknown }[];
}

function api(view: ReportView, options: { putStatus?: () => number; importAnswer?: () => Response } = {}): Calls {
  const calls: Calls = { puts: [], submits: 0, imports: [] };
  mockApi((url, init) => {
    if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
    if (url.startsWith('/api/v1/report-forms/province_development')) return json(200, FORM);
    if (url === '/api/v1/reports/7' && init.method === 'PUT') {
      const body = JSON.parse(String(init.body));
      calls.puts.push(body);
      const status = options.putStatus?.() ?? 200;
      if (status !== 200) return json(status, { error: { code: 'internal', message: 'Máy chủ bận', fields: [] } });
      return json(200, { ...view, values: { ...view.values, ...body.values }, notes: { ...view.notes, ...body.notes } });
    }
    if (url === '/api/v1/reports/7/import' && init.method === 'POST') {
      calls.imports.push({ type: new Headers(init.headers).get('Content-Type'), body: init.body });
      return options.importAnswer?.() ?? json(500, {});
    }
    if (url === '/api/v1/reports/7') return json(200, view);
    if (url === '/api/v1/reports/7/submit') {
      calls.submits++;
      return json(200, { ...view, status: 'submitted' });
    }
    return undefined;
  });
  return calls;
}

function show() {
  return wrap(
    <Routes>
      <Route path="/reports/:id" element={<ReportPage />} />
    </Routes>,
    '/reports/7',
  );
}

const field = (code: string) => document.querySelector(`[data-field="${code}"]`) as HTMLElement;

async function clickSubmit() {
  fireEvent.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));
}

describe('report entry page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the header, the registry prefill with its source, the previous period and the notes', async () => {
    api(report({ values: { coops_total: 21, women_managed_coops: 2, income_vnd: 4500000 }, notes: { coops_total: 'Hai HTX mới chưa vào sổ.' } }));
    show();
    await screen.findByText('Báo cáo tình hình phát triển kinh tế tập thể');
    expect(screen.getByText('Tháng 1–9/2023')).toBeTruthy();
    expect(screen.getByText('10/10/2023')).toBeTruthy();
    expect(screen.getByText('Đang soạn')).toBeTruthy();
    const coops = field('coops_total');
    expect(within(coops).getByText('Từ sổ đăng ký')).toBeTruthy();
    expect(coops.textContent).toContain('HTX đang hoạt động của tỉnh ngày 30/09/2023');
    // The value departs from the registry's: the registry's value beside it and the note.
    expect(within(coops).getByTestId('registry-coops_total').textContent).toContain('Sổ đăng ký: 19');
    expect(within(coops).getByTestId('previous-coops_total').textContent).toBe('Kỳ trước: 18');
    expect((within(coops).getByLabelText(/Giải thích chênh lệch/) as HTMLTextAreaElement).value).toBe('Hai HTX mới chưa vào sổ.');
    // Money with vi-VN thousands separators, in the input and beside it.
    expect((screen.getByLabelText('Thu nhập bình quân') as HTMLInputElement).value).toBe('4.500.000');
    expect(within(field('income_vnd')).getByTestId('previous-income_vnd').textContent).toBe('Kỳ trước: 4.200.000');
    // Equal to the registry: no note asked.
    expect(within(field('women_managed_coops')).queryByLabelText(/Giải thích chênh lệch/)).toBeNull();
  });

  it('blocks the submission of a value that departs from the registry without a note', async () => {
    const calls = api(report());
    show();
    const input = (await screen.findByLabelText('Tổng số hợp tác xã')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '25' } });
    expect(within(field('coops_total')).getByText('Cần giải thích chênh lệch so với sổ đăng ký.')).toBeTruthy();
    await clickSubmit();
    expect((await screen.findByTestId('submit-blocked')).textContent).toContain('Tổng số hợp tác xã: Cần giải thích chênh lệch');
    expect(calls.submits).toBe(0);
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
  });

  it('blocks the submission while an error rule fails, and shows it next to the field', async () => {
    const calls = api(report());
    show();
    fireEvent.change(await screen.findByLabelText('Số hợp tác xã do phụ nữ quản lý'), { target: { value: '30' } });
    fireEvent.change(within(field('women_managed_coops')).getByLabelText(/Giải thích chênh lệch/), { target: { value: 'Số liệu điều tra.' } });
    const message = 'Số hợp tác xã do phụ nữ quản lý không được lớn hơn tổng số hợp tác xã.';
    expect(within(field('women_managed_coops')).getByText(message)).toBeTruthy();
    expect(within(screen.getByTestId('report-checks')).getByText(message)).toBeTruthy();
    await clickSubmit();
    expect((await screen.findByTestId('submit-blocked')).textContent).toContain(message);
    expect(calls.submits).toBe(0);
  });

  it('submits once every check passes', async () => {
    const calls = api(report());
    show();
    await screen.findByLabelText('Tổng số hợp tác xã');
    await clickSubmit();
    const ok = await waitFor(() => {
      const buttons = screen.getAllByRole('button', { name: 'Gửi báo cáo' });
      expect(buttons.length).toBe(2);
      return buttons[1];
    });
    fireEvent.click(ok);
    await waitFor(() => expect(calls.submits).toBe(1));
    expect(await screen.findByText('Báo cáo đã gửi, đang chờ duyệt: không sửa được nữa.')).toBeTruthy();
  });

  it('autosaves the edited values with a PUT, formatting money as typed', async () => {
    const calls = api(report());
    show();
    const income = (await screen.findByLabelText('Thu nhập bình quân')) as HTMLInputElement;
    fireEvent.change(income, { target: { value: '5200000' } });
    expect(income.value).toBe('5.200.000');
    fireEvent.change(screen.getByLabelText('Kết quả đạt được'), { target: { value: 'Tăng 2 HTX.' } });
    await waitFor(() => expect(calls.puts.length).toBe(1), { timeout: 4000 });
    expect(calls.puts[0]).toEqual({ values: { income_vnd: 5200000, results: 'Tăng 2 HTX.' } });
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toMatch(/^Đã lưu lúc \d\d:\d\d$/));
  });

  it('keeps the edits after a failed save and saves them again', async () => {
    let fail = true;
    const calls = api(report(), { putStatus: () => (fail ? 500 : 200) });
    show();
    const income = (await screen.findByLabelText('Thu nhập bình quân')) as HTMLInputElement;
    fireEvent.change(income, { target: { value: '6100000' } });
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toContain('Chưa lưu được: Máy chủ bận'), { timeout: 4000 });
    expect(income.value).toBe('6.100.000');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Lưu ngay' }));
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toMatch(/^Đã lưu lúc/));
    expect(calls.puts).toEqual([{ values: { income_vnd: 6100000 } }, { values: { income_vnd: 6100000 } }]);
  });

  it('does not send a value that breaks its bounds', async () => {
    const calls = api(report());
    show();
    fireEvent.change(await screen.findByLabelText('Thu nhập bình quân'), { target: { value: '-5' } });
    expect(await screen.findByText('Không được nhỏ hơn 0.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1600));
    expect(calls.puts).toEqual([]);
  });

  it('is read-only once submitted, shows the history, and a returned report shows the comment', async () => {
    api(
      report({
        status: 'returned',
        return_comment: 'Đề nghị kiểm tra lại số HTX giải thể.',
        history: [
          { action: 'created', by: 'canbo', at: '2026-12-05T03:00:00.000Z', comment: null },
          { action: 'returned', by: 'tw', at: '2026-12-05T04:00:00.000Z', comment: 'Đề nghị kiểm tra lại số HTX giải thể.' },
        ],
      }),
    );
    show();
    expect((await screen.findByTestId('return-comment')).textContent).toContain('Đề nghị kiểm tra lại số HTX giải thể.');
    expect(within(screen.getByTestId('report-history')).getByText('Trả lại')).toBeTruthy();
    expect(within(screen.getByTestId('report-history')).getByText('tw')).toBeTruthy();
  });

  it('imports an XLSX file: the saved values are shown, the download and printout are linked', async () => {
    const calls = api(report(), {
      importAnswer: () => json(200, report({ values: { coops_total: 19, women_managed_coops: 2, income_vnd: 5800000, results: 'Từ tệp Excel.' } })),
    });
    show();
    await screen.findByLabelText('Thu nhập bình quân');
    // Room under the page for the sticky Submit bar (its height; jsdom measures 0, so the default).
    expect(screen.getByTestId('report-page').classList.contains('has-bar')).toBe(true);
    expect(screen.getByTestId('report-page').style.getPropertyValue('--report-bar-height')).toBe('64px');
    expect(screen.getByTestId('report-xlsx').getAttribute('href')).toBe('/api/v1/reports/7/export?format=xlsx');
    expect(screen.getByRole('link', { name: /Bản in \/ PDF/ }).getAttribute('href')).toBe('/reports/7/print');
    const file = new File(['PK'], 'bao-cao-lang-son.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    fireEvent.change(screen.getByLabelText('Nhập từ tệp Excel'), { target: { files: [file] } });
    expect((await screen.findByTestId('import-result')).textContent).toContain('Đã nhập và lưu số liệu từ tệp bao-cao-lang-son.xlsx.');
    expect(calls.imports).toEqual([{ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: file }]);
    expect((screen.getByLabelText('Thu nhập bình quân') as HTMLInputElement).value).toBe('5.800.000');
    expect((screen.getByLabelText('Kết quả đạt được') as HTMLTextAreaElement).value).toBe('Từ tệp Excel.');
    // Nothing left to autosave: the file's values are the server's.
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls.puts).toEqual([]);
  });

  it('says when the file is of another report, and shows field errors next to their fields', async () => {
    let answer = () => json(400, { error: { code: 'report_xlsx_mismatch', message: 'Tệp không khớp.', fields: [] } });
    const calls = api(report(), { importAnswer: () => answer() });
    show();
    const input = (await screen.findByLabelText('Nhập từ tệp Excel')) as HTMLInputElement;
    const file = new File(['PK'], 'ha-noi-2022.xlsx');
    fireEvent.change(input, { target: { files: [file] } });
    const alert = await screen.findByTestId('import-result');
    expect(alert.textContent).toContain('Tệp ha-noi-2022.xlsx không phải của báo cáo này (khác biểu mẫu, kỳ báo cáo hoặc đơn vị).');
    expect((screen.getByLabelText('Thu nhập bình quân') as HTMLInputElement).value).toBe('4.500.000');
    answer = () =>
      json(400, { error: { code: 'validation', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'income_vnd', code: 'min', message: 'Thu nhập không được âm.' }] } });
    fireEvent.change(input, { target: { files: [new File(['PK'], 'sai.xlsx')] } });
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toContain('Chưa nhập được tệp sai.xlsx: 1 chỉ tiêu'));
    expect(within(field('income_vnd')).getByText('Thu nhập không được âm.')).toBeTruthy();
    expect(calls.imports.length).toBe(2);
  });

  it('offers no import when the report cannot be changed', async () => {
    api(report({ status: 'submitted' }));
    show();
    await screen.findByText('Báo cáo đã gửi, đang chờ duyệt: không sửa được nữa.');
    expect(screen.queryByLabelText('Nhập từ tệp Excel')).toBeNull();
    expect(screen.getByTestId('report-xlsx')).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import { FORM, report, session } from './fixtures';
import InboxPage from './InboxPage';
import { resetFormsCache } from './parts';

describe('review inbox', () => {
  beforeEach(() => resetFormsCache());
  afterEach(() => vi.restoreAllMocks());

  it('returns a report with a required comment', async () => {
    const returned: unknown[] = [];
    let listed = 0;
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports?')) {
        const status = new URL(url, 'http://x').searchParams.get('status');
        if (status !== 'submitted') return json(200, { total: 0, items: [] });
        listed++;
        // After the return, the inbox is empty.
        return json(200, returned.length ? { total: 0, items: [] } : { total: 1, items: [report({ status: 'submitted', submitted_at: '2023-10-12T02:00:00.000Z', on_time: false })] });
      }
      if (url === '/api/v1/reports/7/return' && init.method === 'POST') {
        returned.push(JSON.parse(String(init.body)));
        return json(200, report({ status: 'returned', return_comment: 'Bổ sung số liệu quý III.' }));
      }
      return undefined;
    });
    wrap(<InboxPage />, '/reports/inbox');
    const inbox = await screen.findByTestId('inbox');
    await within(inbox).findByText('Báo cáo tình hình phát triển kinh tế tập thể');
    expect(within(inbox).getByText('Tháng 1–9/2023')).toBeTruthy();
    expect(within(inbox).getByText(/Muộn hạn/)).toBeTruthy();
    fireEvent.click(within(inbox).getByRole('button', { name: 'Trả lại' }));
    const dialog = await screen.findByRole('dialog');
    // Without a comment: refused on the page, nothing sent.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trả lại' }));
    expect(await within(dialog).findByText('Cần ghi ý kiến khi trả lại.')).toBeTruthy();
    expect(returned).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText('Ý kiến gửi đơn vị báo cáo'), { target: { value: '  Bổ sung số liệu quý III. ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trả lại' }));
    await waitFor(() => expect(returned).toEqual([{ comment: 'Bổ sung số liệu quý III.' }]));
    await waitFor(() => expect(listed).toBe(2));
    expect(await within(inbox).findByText('Không có báo cáo nào chờ duyệt.')).toBeTruthy();
  });

  it('tells an account that does not review what the page is for', async () => {
    mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('province_officer')) : undefined));
    wrap(<InboxPage />, '/reports/inbox');
    expect(await screen.findByText(/dành cho cán bộ, quản trị viên trung ương/)).toBeTruthy();
  });

  it('names forms and units from the answer (form_name, entity_name) without asking the registry', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('province_admin'));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url.startsWith('/api/v1/reports?'))
        return json(200, {
          total: 1,
          items: [
            report({
              form: 'coop_annual', entity_id: 44, status: 'submitted', submitted_at: '2023-10-02T02:00:00.000Z',
              form_name: 'Báo cáo năm của hợp tác xã', province_name: 'Lạng Sơn', entity_name: 'HTX Nông nghiệp Tân Thanh',
            }),
          ],
        });
      return undefined;
    });
    wrap(<InboxPage />, '/reports/inbox');
    const inbox = await screen.findByTestId('inbox');
    expect(await within(inbox).findByText('Báo cáo năm của hợp tác xã')).toBeTruthy();
    expect(within(inbox).getByText('HTX Nông nghiệp Tân Thanh')).toBeTruthy();
    expect(asked.filter((u) => u.startsWith('/api/v1/entities'))).toEqual([]);
  });
});

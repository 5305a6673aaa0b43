// Administration for people: no role chosen for them, an organisation found by its name, token
// expiry and read-only shown and sent, audit rows that name and link their objects in words.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';
import AuditPage from './AuditPage';
import TokensPage from './TokensPage';
import UsersPage from './UsersPage';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const DAY = 86_400_000;

interface Call {
  url: string;
  method: string;
  body: unknown;
}

function mockApi(role = 'national_admin') {
  const calls: Call[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.startsWith('/api/v1/session'))
      return json(200, { user: { id: 1, username: 'admin', display_name: 'A', role, province_code: null, entity_id: null, disabled: false }, csrf_token: 't' });
    if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [{ code: '82', name: 'Đồng Tháp', name_en: 'Dong Thap' }] });
    if (url.startsWith('/api/v1/users') && method === 'GET') return json(200, { total: 0, items: [] });
    if (url.startsWith('/api/v1/users') && method === 'POST') return json(201, { id: 9, username: 'htx', display_name: '', role: 'cooperative', province_code: null, entity_id: 106332, disabled: false });
    if (url.startsWith('/api/v1/entities'))
      return json(200, {
        total: 1,
        items: [{ id: 106332, kind: 'cooperative', name: 'Hợp tác xã Nông nghiệp Tân Hồng', province_code: '82', current_province_code: '82', commune_code: null, sector: null, status: 'active', founded_on: null, registration_code: 'DT-7' }],
      });
    if (url.startsWith('/api/v1/tokens') && method === 'GET')
      return json(200, {
        total: 2,
        items: [
          { id: 1, user_id: 1, username: 'admin', name: 'số liệu', prefix: 'hpt_abc', created_at_ms: 0, last_used_at_ms: null, expires_at_ms: Date.now() + 90 * DAY, read_only: true, revoked: false },
          { id: 2, user_id: 1, username: 'admin', name: 'cũ', prefix: 'hpt_def', created_at_ms: 0, last_used_at_ms: null, expires_at_ms: Date.now() - DAY, read_only: false, revoked: false },
        ],
      });
    if (url.startsWith('/api/v1/tokens') && method === 'POST') return json(201, { id: 3, user_id: 1, username: 'admin', name: 'x', prefix: 'hpt_x', created_at_ms: 0, last_used_at_ms: null, expires_at_ms: 1, read_only: true, revoked: false, token: 'hpt_secret' });
    if (url.startsWith('/api/v1/audit'))
      return json(200, {
        items: [
          { id: 5, derived: false, at_ms: 0, actor_user_id: 1, actor_name: 'admin', address: '127.0.0.1', action: 'entity.update', object_type: 'entity', object_id: '106332', object_name: 'Hợp tác xã Nông nghiệp Tân Hồng', province_code: '82', before: null, after: null },
          { id: 4, derived: false, at_ms: 0, actor_user_id: 1, actor_name: 'admin', address: '127.0.0.1', action: 'report.approve', object_type: 'report', object_id: '12', object_name: 'Báo cáo tình hình HTX 2025 – Đồng Tháp', province_code: '82', before: null, after: null },
        ],
        next_before_id: null,
      });
    return json(404, { error: { code: 'not_found', message: url, fields: [] } });
  });
  return calls;
}

function show(page: React.ReactNode) {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter>{page}</MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('users page', () => {
  it('chooses no role for the administrator and finds the organisation by its name', async () => {
    const calls = mockApi();
    show(<UsersPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Thêm tài khoản' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Chọn vai trò')).toBeTruthy();
    // Saving without a role is refused in the form, nothing is sent.
    fireEvent.change(within(dialog).getByLabelText('Tên đăng nhập'), { target: { value: 'htx' } });
    fireEvent.change(within(dialog).getByLabelText('Mật khẩu ban đầu'), { target: { value: 'Khác-hẳn-nhau-9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Lưu/ }));
    await waitFor(() => expect(within(dialog).getAllByText('Bắt buộc').length).toBeGreaterThan(0));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    // A cooperative account: the organisation is searched by name.
    const role = within(dialog).getByLabelText('Vai trò');
    fireEvent.mouseDown(role);
    await act(async () => {
      fireEvent.click(await screen.findByTitle('Hợp tác xã'));
    });
    const picker = await within(dialog).findByLabelText('Tổ chức (với tài khoản HTX)');
    fireEvent.mouseDown(picker);
    fireEvent.change(picker, { target: { value: 'tan hong' } });
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/entities?') && new URL(c.url, 'http://x').searchParams.get('q') === 'tan hong')).toBe(true), { timeout: 2000 });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('Hợp tác xã Nông nghiệp Tân Hồng (DT-7) — Đồng Tháp'));
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /Lưu/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ role: 'cooperative', entity_id: 106332, username: 'htx' });
    expect(await screen.findByText(/Đã lưu/)).toBeTruthy();
  }, 120_000);
});

describe('tokens page', () => {
  it('shows expiry and read-only, and asks for 90 days by default', async () => {
    const calls = mockApi('province_officer');
    show(<TokensPage />);
    expect(await screen.findByText('Chỉ đọc')).toBeTruthy();
    expect(screen.getByText('Đọc và ghi')).toBeTruthy();
    expect(screen.getByText(/Đã hết hạn/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tạo mã mới' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByTestId('token-days') as HTMLInputElement).value).toBe('90');
    fireEvent.change(within(dialog).getByLabelText('Tên gợi nhớ'), { target: { value: 'đọc' } });
    fireEvent.click(within(dialog).getByTestId('token-read-only'));
    fireEvent.click(within(dialog).getByRole('button', { name: /Lưu/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'đọc', expires_in_days: 90, read_only: true });
    expect(await screen.findByText('hpt_secret')).toBeTruthy();
  }, 60_000);
});

describe('audit page', () => {
  it('names and links the objects and says the actions in words', async () => {
    mockApi();
    show(<AuditPage />);
    const entity = await screen.findByRole('link', { name: 'Hợp tác xã Nông nghiệp Tân Hồng' });
    expect(entity.getAttribute('href')).toBe('/registry/106332');
    expect(screen.getByRole('link', { name: 'Báo cáo tình hình HTX 2025 – Đồng Tháp' }).getAttribute('href')).toBe('/reports/12');
    expect(screen.getByText('Sửa tổ chức')).toBeTruthy();
    expect(screen.getByText('Duyệt báo cáo')).toBeTruthy();
    expect(screen.queryByText('entity:106332')).toBeNull();
  });
});

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../src/auth/session';
import { I18nProvider } from '../src/i18n/I18nProvider';
import LoginPage from '../src/pages/LoginPage';
import EntityFormPage from '../src/registry/EntityFormPage';
import { LanguageSwitch } from '../src/components/LanguageSwitch';

type Handler = (url: string, init: RequestInit) => Response | undefined;
function mockApi(handler: Handler) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const r = handler(url, init ?? {});
    if (r) return r;
    if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
    if (url.startsWith('/api/v1/admin-units'))
      return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }, { code: '15', name: 'Lào Cai', name_en: 'Lao Cai' }] });
    return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
  });
}
function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
function wrap(ui: React.ReactNode, path = '/') {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

describe('sign-in page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('says the password is wrong and clears it', async () => {
    mockApi((url, init) =>
      url === '/api/v1/session' && init.method === 'POST'
        ? json(401, { error: { code: 'unauthenticated', message: 'Tên đăng nhập hoặc mật khẩu không đúng.', fields: [] } })
        : undefined,
    );
    wrap(<LoginPage />);
    fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'sai' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await screen.findByText('Tên đăng nhập hoặc mật khẩu không đúng (hoặc tài khoản đã bị khóa).');
    expect((screen.getByLabelText('Mật khẩu') as HTMLInputElement).value).toBe('');
  });

  it('counts down a throttled sign-in and keeps the button disabled meanwhile', async () => {
    mockApi((url, init) =>
      url === '/api/v1/session' && init.method === 'POST'
        ? json(429, { error: { code: 'too_many_requests', message: 'Quá nhiều lần.', fields: [] } }, { 'Retry-After': '3' })
        : undefined,
    );
    wrap(<LoginPage />);
    fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'sai' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await screen.findByText('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 3 giây.');
    expect((screen.getByRole('button', { name: 'Đăng nhập' }) as HTMLButtonElement).disabled).toBe(true);
    await screen.findByText('Bạn có thể thử đăng nhập lại.', undefined, { timeout: 5000 });
    expect((screen.getByRole('button', { name: 'Đăng nhập' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('language switch', () => {
  afterEach(() => vi.restoreAllMocks());
  it('switches to English, remembers it and sets the page language', async () => {
    mockApi(() => undefined);
    localStorage.removeItem('hoptac.lang');
    render(
      <I18nProvider>
        <LanguageSwitch />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ngôn ngữ: English' }));
    await screen.findByRole('button', { name: 'Language: Tiếng Việt' });
    expect(localStorage.getItem('hoptac.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('hoptac — Vietnam Cooperative Alliance');
    fireEvent.click(screen.getByRole('button', { name: 'Language: Tiếng Việt' }));
    await screen.findByRole('button', { name: 'Ngôn ngữ: English' });
    expect(document.title).toBe('hoptac — Liên minh Hợp tác xã Việt Nam');
    expect(document.documentElement.lang).toBe('vi');
  });
});

describe('entity form', () => {
  afterEach(() => vi.restoreAllMocks());
  it("shows the API's field errors next to their fields", async () => {
    let sent: unknown = null;
    mockApi((url, init) => {
      if (url === '/api/v1/entities' && init.method === 'POST') {
        sent = JSON.parse(String(init.body));
        return json(400, {
          error: {
            code: 'invalid_argument',
            message: 'Yêu cầu không hợp lệ.',
            fields: [
              { field: 'registration_code', code: 'registration_code_taken', message: 'Mã số đăng ký X1 đã được một tổ chức khác sử dụng.' },
              { field: 'email', code: 'invalid_email', message: 'Địa chỉ email "abc" không hợp lệ.' },
            ],
          },
        });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/registry/new" element={<EntityFormPage />} />
      </Routes>,
      '/registry/new',
    );
    fireEvent.change(await screen.findByLabelText('Tên tổ chức'), { target: { value: 'HTX Thử' } });
    fireEvent.change(screen.getByLabelText('Mã số đăng ký'), { target: { value: 'X1' } });
    fireEvent.change(screen.getByLabelText('Thư điện tử'), { target: { value: 'abc' } });
    // The province: pick through the select's search box.
    const province = screen.getByLabelText('Tỉnh/thành');
    fireEvent.mouseDown(province);
    fireEvent.change(province, { target: { value: 'Hà Nội' } });
    await act(async () => {
      fireEvent.click(await screen.findByTitle('01 — Hà Nội'));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    const codeError = await screen.findByText('Mã số đăng ký X1 đã được một tổ chức khác sử dụng.');
    const emailError = await screen.findByText('Địa chỉ email "abc" không hợp lệ.');
    // Each message sits in the form item of its own field.
    expect(codeError.closest('.ant-form-item')!.querySelector('#registration_code')).not.toBeNull();
    expect(emailError.closest('.ant-form-item')!.querySelector('#email')).not.toBeNull();
    await waitFor(() => expect(sent).toMatchObject({ name: 'HTX Thử', registration_code: 'X1', email: 'abc', province_code: '01', kind: 'cooperative' }));
  });
});

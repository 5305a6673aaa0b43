import { fireEvent, screen } from '@testing-library/react';
import { json, mockApi, wrap } from '../../tests/support';
import LoginPage from './LoginPage';

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

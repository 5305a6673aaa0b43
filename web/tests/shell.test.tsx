// The signed-in shell built from the features' list: the navigation a role sees, the account
// menu, a feature's route showing its page, and the 404 page for any other address.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../src/account/session';
import { I18nProvider } from '../src/i18n/I18nProvider';
import Shell from '../src/Shell';
import { json } from './support';

const officer = { id: 7, username: 'cb.dt', display_name: 'Cán bộ Đồng Tháp', role: 'province_officer', province_code: '87', entity_id: null, disabled: false };

describe('shell', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the menus of the role and routes to the pages of the features', async () => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined); // jsdom has none
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      calls.push(url);
      if (url === '/api/v1/session') return json(200, { user: officer, csrf_token: 'c' });
      if (url.startsWith('/api/v1/tokens')) return json(200, { total: 0, items: [] });
      return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
    });
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter initialEntries={['/nowhere']}>
            <Shell />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    await screen.findByText('Không có trang này.', undefined, { timeout: 10_000 });
    await screen.findByTestId('user-menu', undefined, { timeout: 10_000 });

    // jsdom is a narrow screen: the navigation is in the drawer.
    fireEvent.click(screen.getByRole('button', { name: 'Mở menu' }));
    const drawer = await screen.findByRole('navigation', { name: 'Tổng quan' }, { timeout: 10_000 });
    const links = within(drawer).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Tổng quan', '/'],
      ['Bảng tổng hợp động', '/pivot'],
      ['Sổ đăng ký', '/registry'],
      ['Báo cáo', '/reports'],
      ['Nhập theo bảng', '/reports/grid'],
      ['Nhập dữ liệu', '/imports'],
      // The "Công tác" menu's entries, flat in the drawer.
      ['Chương trình', '/programmes'],
      ['Hoạt động', '/activities'],
      ['Kiến nghị', '/petitions'],
      ['Khảo sát', '/surveys'],
      ['Quỹ hỗ trợ', '/fund'],
      ['Tin tức', '/news'],
      ['Sản phẩm', '/products'],
    ]);

    // The account menu: the account page and the API tokens (each user's own).
    fireEvent.click(screen.getByTestId('user-menu'));
    const account = await screen.findByRole('link', { name: 'Tài khoản của tôi' }, { timeout: 10_000 });
    expect(account.getAttribute('href')).toBe('/account');
    const tokens = await screen.findByRole('link', { name: 'Mã truy cập API' }, { timeout: 10_000 });

    await act(async () => {
      fireEvent.click(tokens);
    });
    await screen.findByRole('heading', { name: 'Mã truy cập API' }, { timeout: 10_000 });
    expect(calls).toContain('/api/v1/tokens');
  });

  it('shows a bare route (the printout) without the header, and the bell to who reports', async () => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url === '/api/v1/session') return json(200, { user: officer, csrf_token: 'c' });
      if (url === '/api/v1/reports/due') return json(200, { total: 0, items: [] });
      return json(404, { error: { code: 'not_found', message: `Không có địa chỉ ${url}.`, fields: [] } });
    });
    const view = render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter initialEntries={['/reports/7/print']}>
            <Shell />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    await screen.findByText('Không tìm thấy báo cáo này, hoặc bạn không có quyền xem.', undefined, { timeout: 10_000 });
    expect(screen.getByRole('link', { name: /Về báo cáo/ }).getAttribute('href')).toBe('/reports/7');
    expect(screen.queryByTestId('user-menu')).toBeNull();
    expect(screen.queryByTestId('due-bell')).toBeNull();
    view.unmount();
    // Any other page has the header, with the bell for a province officer.
    render(
      <I18nProvider initial="vi">
        <SessionProvider>
          <MemoryRouter initialEntries={['/nowhere']}>
            <Shell />
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>,
    );
    await screen.findByTestId('user-menu', undefined, { timeout: 10_000 });
    expect((await screen.findByTestId('due-bell', undefined, { timeout: 10_000 })).getAttribute('aria-label')).toBe(
      'Báo cáo cần làm: 0 việc sắp đến hạn hoặc quá hạn',
    );
  });
});

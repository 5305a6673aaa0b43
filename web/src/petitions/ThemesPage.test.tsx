import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { session, THEMES } from './fixtures';
import { forgetThemes } from './parts';
import ThemesPage from './ThemesPage';

const SLOW = 90_000;

const page = () =>
  wrap(
    <Routes>
      <Route path="/admin/petition-themes" element={<ThemesPage />} />
    </Routes>,
    '/admin/petition-themes',
  );

describe('petition themes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'lists the themes; adds, renames and stops using one',
    async () => {
      const writes: { method: string; url: string; body: unknown }[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
        if (url.startsWith('/api/v1/petition-themes') && init.method && init.method !== 'GET') {
          writes.push({ method: init.method, url, body: JSON.parse(String(init.body)) });
          return json(init.method === 'POST' ? 201 : 200, THEMES[0]);
        }
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        return undefined;
      });
      page();
      const water = await screen.findByTestId('theme-water');
      expect(within(water).getByText('Ngừng dùng', { selector: '.ant-tag' })).toBeTruthy();
      expect(within(screen.getByTestId('theme-land')).getByText('Có sẵn')).toBeTruthy();
      fireEvent.click(screen.getByTestId('theme-add'));
      let dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByLabelText('Mã'), { target: { value: 'digital' } });
      fireEvent.change(within(dialog).getByLabelText('Tên tiếng Việt'), { target: { value: 'Chuyển đổi số' } });
      fireEvent.change(within(dialog).getByLabelText('Tên tiếng Anh'), { target: { value: 'Digital transformation' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      await waitFor(() => expect(writes).toHaveLength(1));
      fireEvent.click(within(screen.getByTestId('theme-land')).getByRole('button', { name: 'Đổi tên: Đất đai' }));
      await waitFor(() => expect(screen.getAllByRole('dialog').some((d) => d.textContent?.includes('Đổi tên: Đất đai'))).toBe(true));
      dialog = screen.getAllByRole('dialog').find((d) => d.textContent?.includes('Đổi tên: Đất đai'))!;
      fireEvent.change(within(dialog).getByLabelText('Tên tiếng Việt'), { target: { value: 'Đất đai, mặt bằng' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      await waitFor(() => expect(writes).toHaveLength(2));
      fireEvent.click(within(screen.getByTestId('theme-credit')).getByRole('button', { name: 'Ngừng dùng: Tín dụng, vốn' }));
      await waitFor(() => expect(writes).toHaveLength(3));
      expect(writes).toEqual([
        { method: 'POST', url: '/api/v1/petition-themes', body: { code: 'digital', name_vi: 'Chuyển đổi số', name_en: 'Digital transformation' } },
        { method: 'PATCH', url: '/api/v1/petition-themes/land', body: { name_vi: 'Đất đai, mặt bằng', name_en: 'Land' } },
        { method: 'PATCH', url: '/api/v1/petition-themes/credit', body: { active: false } },
      ]);
    },
    SLOW,
  );

  it('is for national administrators only', async () => {
    mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('province_admin')) : undefined));
    page();
    expect(await screen.findByText('Chỉ quản trị viên Liên minh HTX Việt Nam quản lý các lĩnh vực kiến nghị.')).toBeTruthy();
  });
});

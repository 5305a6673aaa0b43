import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, screenWidth, wrap } from '../../tests/support';
import { petition, PROVINCES, session, THEMES } from './fixtures';
import { forgetThemes } from './parts';
import PetitionsPage from './PetitionsPage';

const page = (path = '/petitions') =>
  wrap(
    <Routes>
      <Route path="/petitions" element={<PetitionsPage />} />
    </Routes>,
    path,
  );

const SLOW = 90_000;

function api(
  role: string,
  asked: string[],
  items = [
    petition(),
    petition({
      id: 13,
      code: 'KN-2026-0013',
      status: 'received',
      overdue: false,
      days_overdue: 0,
      agency: null,
      due_on: null,
      assigned_on: null,
      theme: 'credit',
    }),
  ],
) {
  mockApi((url) => {
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '20', role === 'cooperative' ? 5 : null));
    if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
    if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
    if (url.startsWith('/api/v1/petitions')) {
      asked.push(url);
      return json(200, { items, total: items.length });
    }
    return undefined;
  });
}

describe('petitions page', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
    restore?.();
    restore = undefined;
  });

  it(
    'lists the petitions with their due date and handler, the overdue ones tagged “Quá hạn N ngày”',
    async () => {
      const asked: string[] = [];
      api('province_officer', asked);
      page();
      const row = await screen.findByTestId('petition-12');
      expect(within(row).getByRole('link', { name: 'KN-2026-0012' }).getAttribute('href')).toBe('/petitions/12');
      expect(within(row).getByText('14/03/2026')).toBeTruthy();
      expect(within(row).getByText('14/04/2026')).toBeTruthy();
      expect(within(row).getByText('Sở Nông nghiệp và Môi trường')).toBeTruthy();
      expect(within(row).getByText('Đang xử lý')).toBeTruthy();
      expect(within(row).getByText('HTX Nông nghiệp Hữu Lũng')).toBeTruthy();
      // Overdue: the words, and the row marked (a red bar), not the colour alone.
      expect(within(row).getByTestId('petition-overdue').textContent).toContain('Quá hạn 5 ngày');
      expect(row.className).toContain('pet-overdue');
      expect(await within(row).findByText('Đất đai')).toBeTruthy();
      const other = screen.getByTestId('petition-13');
      expect(other.className).not.toContain('pet-overdue');
      expect(within(other).queryByTestId('petition-overdue')).toBeNull();
      expect(within(other).getByText('Đã tiếp nhận')).toBeTruthy();
      expect(within(other).getByText('Tín dụng, vốn')).toBeTruthy();
      expect(asked[0]).toBe('/api/v1/petitions?limit=20&offset=0');
      // A province account has no province filter; it creates and exports.
      expect(screen.queryByLabelText('Tỉnh/thành')).toBeNull();
      expect(screen.getByTestId('petition-add').closest('a')?.getAttribute('href')).toBe('/petitions/new');
      expect(screen.getByTestId('petition-export-csv').getAttribute('href')).toBe('/api/v1/petitions/export?format=csv');
    },
    SLOW,
  );

  it(
    'asks with the filters: status, theme, province, overdue only, period, text; the export follows them',
    async () => {
      const asked: string[] = [];
      api('national_officer', asked);
      page();
      await screen.findByTestId('petition-12');
      fireEvent.mouseDown(screen.getByLabelText('Trạng thái'));
      fireEvent.click((await screen.findAllByTitle('Đã tiếp nhận')).at(-1)!);
      fireEvent.mouseDown(screen.getByLabelText('Trạng thái'));
      fireEvent.click((await screen.findAllByTitle('Đang xử lý')).at(-1)!);
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/petitions?status=received%2Cassigned&limit=20&offset=0'));
      fireEvent.mouseDown(screen.getByLabelText('Lĩnh vực'));
      fireEvent.click((await screen.findAllByTitle('Đất đai')).at(-1)!);
      fireEvent.mouseDown(screen.getByLabelText('Tỉnh/thành'));
      fireEvent.click((await screen.findAllByTitle('Lạng Sơn')).at(-1)!);
      fireEvent.click(screen.getByRole('checkbox', { name: 'Chỉ kiến nghị quá hạn' }));
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/petitions?status=received%2Cassigned&theme=land&province=20&overdue=true&limit=20&offset=0'));
      fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: 'giao dat' } });
      await waitFor(() =>
        expect(asked.at(-1)).toBe('/api/v1/petitions?status=received%2Cassigned&theme=land&province=20&overdue=true&q=giao+dat&limit=20&offset=0'),
      );
      expect(screen.getByTestId('petition-export-xlsx').getAttribute('href')).toBe(
        '/api/v1/petitions/export?format=xlsx&status=received%2Cassigned&theme=land&province=20&overdue=true&q=giao+dat',
      );
    },
    SLOW,
  );

  it('opens with the filters of its address (the statistics’ links)', async () => {
    const asked: string[] = [];
    api('national_admin', asked);
    page('/petitions?overdue=true&province=20');
    await screen.findByTestId('petition-12');
    expect(asked[0]).toBe('/api/v1/petitions?province=20&overdue=true&limit=20&offset=0');
    expect((screen.getByRole('checkbox', { name: 'Chỉ kiến nghị quá hạn' }) as HTMLInputElement).checked).toBe(true);
  });

  it('on a phone, cards with the overdue tag', async () => {
    restore = screenWidth(360);
    api('province_officer', []);
    page();
    const card = await screen.findByTestId('petition-card-12');
    expect(card.className).toContain('pet-overdue');
    expect(within(card).getByText('Quá hạn 5 ngày')).toBeTruthy();
    expect(within(card).getByText(/Hạn trả lời: 14\/04\/2026/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('petition-filters').tagName).toBe('DETAILS');
  });

  it('is a cooperative’s own list: it sends petitions, exports nothing', async () => {
    api('cooperative', [], [petition({ source: 'cooperative', may: { edit: false, assign: false, answer: false, close: false, reopen: false } })]);
    page();
    await screen.findByTestId('petition-12');
    expect(screen.getByRole('heading', { name: 'Kiến nghị của đơn vị' })).toBeTruthy();
    expect(screen.getByTestId('petition-add').textContent).toBe('Gửi kiến nghị');
    expect(screen.queryByTestId('petition-export-csv')).toBeNull();
    expect(screen.queryByTestId('petition-stats-link')).toBeNull();
  });

  it('is not for partners', async () => {
    mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('partner', null)) : undefined));
    page();
    expect(await screen.findByText('Trang này dành cho cán bộ Liên minh HTX và tài khoản hợp tác xã.')).toBeTruthy();
  });
});

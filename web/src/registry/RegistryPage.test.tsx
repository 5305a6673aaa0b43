import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';
import RegistryPage from './RegistryPage';

const ENTITIES = [
  { id: 1, kind: 'cooperative', name: 'Hợp tác xã Nông nghiệp Đồng Tháp', province_code: '87', current_province_code: '87', commune_code: null, sector: 'agriculture', status: 'active', founded_on: '2015-03-01', registration_code: 'DT-1' },
  { id: 2, kind: 'group', name: 'Tổ hợp tác Rau sạch Gia Lâm', province_code: '01', current_province_code: '01', commune_code: null, sector: 'agriculture', status: 'active', founded_on: '2021-02-01', registration_code: 'HN-2' },
];

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Records the list requests; answers the session (signed out), provinces and the list. */
function mockApi() {
  const lists: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
    if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [{ code: '01', name: 'Hà Nội', name_en: 'Hanoi' }, { code: '87', name: 'Đồng Tháp', name_en: 'Dong Thap' }] });
    if (url.startsWith('/api/v1/entities')) {
      lists.push(new URL(url, 'http://x').searchParams);
      return json(200, { total: 120, items: ENTITIES, next_offset: 50, next_cursor: null });
    }
    return json(404, { error: { code: 'not_found', message: url, fields: [] } });
  });
  return lists;
}

function Where() {
  return <output data-testid="where">{useLocation().search}</output>;
}

function show(path = '/registry') {
  return render(
    <I18nProvider initial="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <RegistryPage />
          <Where />
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

const header = (name: string) => screen.getAllByRole('columnheader').find((th) => th.textContent?.trim() === name)!;
const last = (lists: URLSearchParams[]) => lists[lists.length - 1];
const where = () => new URLSearchParams(screen.getByTestId('where').textContent ?? '');

describe('registry list sorted by the server', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('shows the order by name by default, and only name and founding date as sortable', async () => {
    const lists = mockApi();
    show();
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    expect(last(lists).get('sort')).toBeNull();
    expect(header('Tên tổ chức').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Ngày thành lập').getAttribute('aria-sort')).toBeNull();
    expect(header('Ngày thành lập').tabIndex).toBe(0);
    for (const name of ['Mã số đăng ký', 'Loại hình', 'Tỉnh/thành', 'Tình trạng']) {
      expect(header(name).getAttribute('aria-sort'), name).toBeNull();
      expect(header(name).hasAttribute('tabindex'), name).toBe(false);
      expect(header(name).className, name).not.toContain('ant-table-column-has-sorters');
    }
    expect(screen.getByTestId('registry-sort').textContent).toContain('xếp theo tên (A–Z)');
  });

  it('asks the API for the order a header click chooses, keeps it in the address and starts at page 1', async () => {
    const lists = mockApi();
    show('/registry?kind=cooperative&page=2');
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    expect(last(lists).get('offset')).toBe('50');
    fireEvent.click(header('Tên tổ chức'));
    await waitFor(() => expect(last(lists).get('sort')).toBe('-name'));
    expect(last(lists).get('offset')).toBe('0');
    expect(last(lists).get('kind')).toBe('cooperative');
    expect(where().get('sort')).toBe('-name');
    expect(where().get('page')).toBeNull();
    await waitFor(() => expect(header('Tên tổ chức').getAttribute('aria-sort')).toBe('descending'));
    // Once more: back to the default order (name, A to Z), which the address leaves out.
    fireEvent.click(header('Tên tổ chức'));
    await waitFor(() => expect(where().get('sort')).toBeNull());
    expect(last(lists).get('sort')).toBeNull();
    expect(header('Tên tổ chức').getAttribute('aria-sort')).toBe('ascending');
  });

  it('sorts by founding date from the keyboard (Enter and Space) and exports in that order', async () => {
    const lists = mockApi();
    show();
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    fireEvent.keyDown(header('Ngày thành lập'), { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(last(lists).get('sort')).toBe('founded_on'));
    await waitFor(() => expect(header('Ngày thành lập').getAttribute('aria-sort')).toBe('ascending'));
    expect(header('Tên tổ chức').getAttribute('aria-sort')).toBeNull();
    fireEvent.keyDown(header('Ngày thành lập'), { key: ' ', keyCode: 32 });
    await waitFor(() => expect(last(lists).get('sort')).toBe('-founded_on'));
    expect(where().get('sort')).toBe('-founded_on');
    expect(screen.getByTestId('registry-sort').textContent).toContain('ngày thành lập (mới trước)');
    const csv = within(document.body).getByText('Xuất CSV').closest('a')!;
    expect(new URL(csv.getAttribute('href')!, 'http://x').searchParams.get('sort')).toBe('-founded_on');
  });

  it('orders by relevance while searching, until a header is chosen', async () => {
    const lists = mockApi();
    show('/registry?q=dong+thap');
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    expect(last(lists).get('sort')).toBeNull();
    expect(header('Tên tổ chức').getAttribute('aria-sort')).toBeNull();
    expect(screen.getByTestId('registry-sort').textContent).toContain('mức độ khớp');
    fireEvent.click(header('Tên tổ chức'));
    await waitFor(() => expect(last(lists).get('sort')).toBe('name'));
    expect(last(lists).get('q')).toBe('dong thap');
  });
});

describe('registry province picker', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('finds a province typed without diacritics (đ as d)', async () => {
    mockApi();
    show();
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    const input = document.getElementById('f-province') as HTMLInputElement;
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: 'dong thap' } });
    const option = await waitFor(() => {
      const o = document.querySelector('.ant-select-item-option[title="Đồng Tháp"]');
      expect(o).not.toBeNull();
      return o as HTMLElement;
    });
    expect(document.querySelector('.ant-select-item-option[title="Hà Nội"]')).toBeNull();
    fireEvent.click(option);
    await waitFor(() => expect(where().get('province')).toBe('87'));
  });
});

describe('registry list that fails to load', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says what failed and tries again', async () => {
    let calls = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.startsWith('/api/v1/session')) return json(401, { error: { code: 'unauthenticated', message: 'x', fields: [] } });
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: [] });
      if (url.startsWith('/api/v1/entities'))
        return ++calls === 1
          ? json(503, { error: { code: 'unavailable', message: 'Máy chủ đang bận.', fields: [] } })
          : json(200, { total: 2, items: ENTITIES, next_offset: null, next_cursor: null });
      return json(404, { error: { code: 'not_found', message: url, fields: [] } });
    });
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không tải được danh sách tổ chức.');
    expect(alert.textContent).toContain('Máy chủ đang bận.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

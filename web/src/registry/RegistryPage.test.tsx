import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { SessionProvider } from '../account/session';
import { I18nProvider } from '../i18n/I18nProvider';
import RegistryPage from './RegistryPage';
import { screenWidth } from '../../tests/support';

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

describe('registry on a phone (360 px)', () => {
  let restore = () => undefined as void;
  beforeEach(() => {
    localStorage.clear();
    restore = screenWidth(360);
  });
  afterEach(() => {
    restore();
    vi.restoreAllMocks();
  });

  it('shows the results as cards that open the entity, not the wide table', async () => {
    mockApi();
    show();
    const cards = await screen.findAllByTestId('registry-card');
    expect(cards).toHaveLength(2);
    expect(document.querySelector('.ant-table')).toBeNull();
    const first = cards[0];
    expect(first.tagName).toBe('A');
    expect(first.getAttribute('href')).toBe('/registry/1');
    expect(cards[1].getAttribute('href')).toBe('/registry/2');
    // Name, registration code, kind and status, province, founding date.
    expect(first.textContent).toContain('Hợp tác xã Nông nghiệp Đồng Tháp');
    expect(first.textContent).toContain('DT-1');
    expect(within(first).getByText('Hợp tác xã').closest('.ant-tag')).not.toBeNull();
    expect(within(first).getByText('Đang hoạt động').closest('.ant-tag')).not.toBeNull();
    expect(first.textContent).toContain('Đồng Tháp');
    expect(first.textContent).toContain('Thành lập 01/03/2015');
    // No columns to choose on cards; the export stays.
    expect(screen.queryByText('Chọn cột')).toBeNull();
    expect(screen.getByText('Xuất CSV')).toBeTruthy();
  });

  it('keeps the search on screen and the filters in a drawer, its button counting those in use', async () => {
    const lists = mockApi();
    show('/registry?q=dong&kind=cooperative&province=87&youth=true&founded_from=2015-01-01&founded_to=2015-12-31');
    await screen.findAllByTestId('registry-card');
    expect(screen.getByTestId('registry-search')).toBeTruthy();
    expect(document.getElementById('f-kind')).toBeNull();
    const open = screen.getByTestId('registry-filters-open');
    // Kind, province and founding range; "youth" is not sent for someone signed out, so not counted.
    expect(open.closest('.ant-badge')?.querySelector('.ant-badge-count')?.getAttribute('title')).toBe('3');
    expect(open.textContent).toContain('Bộ lọc');
    expect(open.textContent).toContain('Đang dùng 3 bộ lọc');
    expect(open.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(open);
    // The drawer is its own chunk: on a busy machine it may take over the default second to load.
    const drawer = await screen.findByTestId('registry-filters', {}, { timeout: 8000 });
    expect(open.getAttribute('aria-expanded')).toBe('true');
    for (const id of ['f-kind', 'f-province', 'f-status', 'f-sector', 'f-asof', 'f-sort']) expect(drawer.querySelector(`#${id}`), id).not.toBeNull();
    expect(within(drawer).getByTestId('registry-founded').textContent).toContain('01/01/2015');
    // The order, which the cards have no headers for, is chosen here.
    fireEvent.mouseDown(document.getElementById('f-sort')!);
    const newest = await waitFor(() => {
      const o = document.querySelector('.ant-select-item-option[title="ngày thành lập (mới trước)"]');
      expect(o).not.toBeNull();
      return o as HTMLElement;
    });
    fireEvent.click(newest);
    await waitFor(() => expect(where().get('sort')).toBe('-founded_on'));
    expect(last(lists).get('sort')).toBe('-founded_on');
    // Clearing empties the count.
    fireEvent.click(screen.getByRole('button', { name: 'Xóa bộ lọc' }));
    await waitFor(() => expect(where().get('kind')).toBeNull());
    expect(screen.getByTestId('registry-filters-open').textContent).not.toContain('Đang dùng');
    fireEvent.click(screen.getByTestId('registry-filters-done'));
    await waitFor(() => expect(screen.getByTestId('registry-filters-open').getAttribute('aria-expanded')).toBe('false'));
  });

  it('pages through the cards', async () => {
    const lists = mockApi();
    show();
    await screen.findAllByTestId('registry-card');
    const next = document.querySelector('.entity-cards-pages .ant-pagination-next') as HTMLElement;
    expect(next).not.toBeNull();
    fireEvent.click(next);
    await waitFor(() => expect(last(lists).get('offset')).toBe('50'));
    expect(where().get('page')).toBe('2');
  });

  it('keeps the table and the filters in line from 481 px', async () => {
    restore();
    restore = screenWidth(481);
    mockApi();
    show('/registry?kind=cooperative');
    await screen.findByText('Tổ hợp tác Rau sạch Gia Lâm');
    expect(document.querySelector('.ant-table')).not.toBeNull();
    expect(screen.queryByTestId('registry-card')).toBeNull();
    expect(screen.queryByTestId('registry-filters-open')).toBeNull();
    expect(document.getElementById('f-kind')).not.toBeNull();
    expect(screen.getByText('Chọn cột')).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, screenWidth, wrap } from '../../tests/support';
import { todayIso } from '../i18n/format';
import ActivitiesPage from './ActivitiesPage';
import { activity, PROGRAMME, PROVINCES, session } from './fixtures';
import { monthRange } from './logic';

const page = (path = '/activities') =>
  wrap(
    <Routes>
      <Route path="/activities" element={<ActivitiesPage />} />
    </Routes>,
    path,
  );

const SLOW = 90_000;

describe('activities page', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    restore?.();
    restore = undefined;
  });

  it('lists the activities with their dates, type, place and counts, and asks with the filters', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
      if (url === '/api/v1/programmes') return json(200, { items: [PROGRAMME] });
      if (url.startsWith('/api/v1/activities')) {
        asked.push(url);
        return json(200, { items: [activity(), activity({ id: 8, type: 'trade_fair', title: 'Hội chợ nông sản', from: '2024-06-01', to: '2024-06-01', status: 'planned', participants: {} })], total: 2 });
      }
      return undefined;
    });
    page('/activities?programme=2');
    const row = await screen.findByTestId('activity-7');
    expect(within(row).getByRole('link', { name: 'Lớp bồi dưỡng khởi sự HTX cho thanh niên' }).getAttribute('href')).toBe('/activities/7');
    expect(within(row).getByText('10/05/2024 – 12/05/2024')).toBeTruthy();
    expect(within(row).getByText('Lớp tập huấn/bồi dưỡng')).toBeTruthy();
    // The province's name comes with the administrative units, which may answer after the list.
    expect(await within(row).findByText('Hội trường LMHTX tỉnh, Bắc Ninh')).toBeTruthy();
    expect(within(row).getByText('1.240 người')).toBeTruthy();
    expect(within(row).getByText('12 nữ')).toBeTruthy();
    expect(within(row).getByText('5 thanh niên')).toBeTruthy();
    expect(within(row).getByText('Đã tổ chức')).toBeTruthy();
    const fair = screen.getByTestId('activity-8');
    expect(within(fair).getByText('01/06/2024')).toBeTruthy();
    expect(within(fair).getByText('Hội chợ/triển lãm')).toBeTruthy();
    expect(within(fair).getByText('Dự kiến')).toBeTruthy();
    // Opened from a programme: its activities only; the export follows the filters.
    expect(asked[0]).toBe('/api/v1/activities?programme=2&limit=20&offset=0');
    expect(screen.getByTestId('activity-export-csv').getAttribute('href')).toBe('/api/v1/activities/export?format=csv&programme=2');
    expect(screen.getByTestId('activity-add').closest('a')?.getAttribute('href')).toBe('/activities/new?programme=2');
    // A type chosen: asked again with it.
    fireEvent.mouseDown(screen.getByLabelText('Loại hoạt động'));
    fireEvent.click((await screen.findAllByTitle('Hội chợ/triển lãm')).at(-1)!);
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/activities?type=trade_fair&programme=2&limit=20&offset=0'), { timeout: 5000 });
    fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: 'hoi cho' } });
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/activities?type=trade_fair&programme=2&q=hoi+cho&limit=20&offset=0'), { timeout: 5000 });
    // A national account filters by province.
    expect(screen.getByLabelText('Tỉnh/thành nơi tổ chức')).toBeTruthy();
  }, SLOW);

  it('shows a month: asks its range and puts each activity on its days', async () => {
    const asked: string[] = [];
    const today = todayIso();
    const range = monthRange(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
    const day = `${today.slice(0, 8)}02`;
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes') return json(200, { items: [PROGRAMME] });
      if (url.startsWith('/api/v1/activities')) {
        asked.push(url);
        return json(200, { items: [activity({ from: day, to: `${today.slice(0, 8)}03` })], total: 1 });
      }
      return undefined;
    });
    page('/activities?view=calendar');
    const cell = await screen.findByTestId(`day-${day}`);
    expect(asked[0]).toBe(`/api/v1/activities?from=${range.from}&to=${range.to}&limit=500&offset=0`);
    await waitFor(() => expect(within(cell).getByRole('link', { name: 'Lớp bồi dưỡng khởi sự HTX cho thanh niên' })).toBeTruthy(), { timeout: 5000 });
    expect(within(screen.getByTestId(`day-${today.slice(0, 8)}03`)).getByRole('link')).toBeTruthy();
    expect(within(screen.getByTestId(`day-${today.slice(0, 8)}04`)).queryByRole('link')).toBeNull();
    // A province account has no province filter.
    expect(screen.queryByLabelText('Tỉnh/thành nơi tổ chức')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Tháng sau' }));
    await waitFor(() => expect(asked.length).toBe(2), { timeout: 5000 });
    expect(asked[1]).not.toContain(range.from);
  }, SLOW);

  it('on a phone, the month is a list of days', async () => {
    restore = screenWidth(360);
    const today = todayIso();
    const day = `${today.slice(0, 8)}02`;
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes') return json(200, { items: [] });
      if (url.startsWith('/api/v1/activities')) return json(200, { items: [activity({ from: day, to: day })], total: 1 });
      return undefined;
    });
    page('/activities?view=calendar');
    const agenda = await screen.findByTestId('activity-agenda');
    expect(screen.queryByTestId('activity-month')).toBeNull();
    expect(within(agenda).getAllByRole('heading', { level: 3 })).toHaveLength(1);
    expect(within(agenda).getByRole('heading', { level: 3 }).textContent).toContain(`02/${today.slice(5, 7)}/${today.slice(0, 4)}`);
    expect(within(agenda).getByRole('link', { name: 'Lớp bồi dưỡng khởi sự HTX cho thanh niên' })).toBeTruthy();
  });

  it('imports an activities file: the report of a dry run, then for good', async () => {
    const posted: string[] = [];
    let bad = true;
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes') return json(200, { items: [] });
      if (url.startsWith('/api/v1/activities/import')) {
        posted.push(url);
        expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/csv');
        if (bad) return json(200, { rows: 3, errors: [{ row: 3, field: 'type', message: 'Loại hoạt động không hợp lệ.' }], items: [], applied: false });
        return json(200, { rows: 3, errors: [], items: [], applied: !url.includes('dry_run=true') });
      }
      if (url.startsWith('/api/v1/activities')) return json(200, { items: [], total: 0 });
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('activity-import'));
    const dialog = await screen.findByRole('dialog');
    const file = new File(['type,title\n'], 'hoat-dong.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('Chọn tệp'), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByTestId('import-check'));
    const report = await within(dialog).findByTestId('import-errors');
    expect(within(report).getByText('Loại hoạt động không hợp lệ.')).toBeTruthy();
    expect(within(dialog).getByText('Tệp có 1 lỗi trong 3 dòng: chưa ghi gì. Sửa tệp rồi kiểm tra lại.')).toBeTruthy();
    expect((within(dialog).getByTestId('import-apply') as HTMLButtonElement).disabled).toBe(true);
    bad = false;
    fireEvent.click(within(dialog).getByTestId('import-check'));
    expect(await within(dialog).findByText('Tệp hợp lệ: 3 dòng. Bấm “Ghi vào hệ thống” để nhập.')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('import-apply'));
    expect(await screen.findByText('Đã nhập 3 hoạt động.')).toBeTruthy();
    expect(posted).toEqual([
      '/api/v1/activities/import?filename=hoat-dong.csv&dry_run=true',
      '/api/v1/activities/import?filename=hoat-dong.csv&dry_run=true',
      '/api/v1/activities/import?filename=hoat-dong.csv&dry_run=false',
    ]);
  }, SLOW);

  it('is for officials only', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('partner', null));
      return undefined;
    });
    page();
    expect(await screen.findByText('Trang này dành cho cán bộ Liên minh HTX.')).toBeTruthy();
  });
});

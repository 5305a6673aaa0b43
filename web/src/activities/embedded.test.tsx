// The activities where other features show them: under a programme's contents, in an entity's
// page (officials), and the programme targets counting them; and the placements' page.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { programme as programmeFixture, session as programmeSession } from '../programmes/fixtures';
import ProgrammePage from '../programmes/ProgrammePage';
import EntityPage from '../registry/EntityPage';
import { activity, PLACEMENT, PROGRAMME, session } from './fixtures';
import PlacementsPage from './PlacementsPage';

async function choose(root: HTMLElement, label: string, option: string) {
  fireEvent.mouseDown(within(root).getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

const SLOW = 90_000;

const ENTITY = {
  id: 12, kind: 'cooperative', name: 'HTX Nông nghiệp Yên Dũng', status: 'active', registration_code: '2400123', province_code: '24',
  current_province_code: '24', founded_on: '2020-01-01',
};

describe('activities in other pages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists a programme’s activities under the contents they carry out, with a way to add one', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, programmeSession('province_officer'));
      if (url === '/api/v1/programmes/7') return json(200, programmeFixture());
      if (url.startsWith('/api/v1/activities')) {
        asked.push(url);
        return json(200, {
          items: [
            activity({ id: 31, title: 'Lớp tập huấn khởi nghiệp', programmes: [{ programme: 7, contents: [1] }] }),
            activity({ id: 32, title: 'Hội nghị sơ kết', type: 'conference', programmes: [{ programme: 7, contents: [] }], status: 'planned', from: '2026-12-20', to: '2026-12-20' }),
          ],
          total: 2,
        });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/programmes/:id" element={<ProgrammePage />} />
      </Routes>,
      '/programmes/7',
    );
    const section = await screen.findByTestId('programme-activities');
    const first = await within(section).findByTestId('activities-content-1');
    expect(within(first).getByRole('link', { name: 'Lớp tập huấn khởi nghiệp' }).getAttribute('href')).toBe('/activities/31');
    expect(within(first).getByText('(10/05/2024 – 12/05/2024)')).toBeTruthy();
    expect(within(section).getByTestId('activities-content-2').textContent).toContain('Chưa có hoạt động nào thực hiện nội dung này.');
    const other = within(section).getByTestId('activities-content-0');
    expect(within(other).getByRole('link', { name: 'Hội nghị sơ kết' })).toBeTruthy();
    expect(within(other).getByText('Dự kiến')).toBeTruthy();
    expect(within(section).getByTestId('programme-activity-add').closest('a')?.getAttribute('href')).toBe('/activities/new?programme=7');
    expect(asked).toEqual(['/api/v1/activities?programme=7&limit=500']);
    // The timeline: the programme's dates, its targets' deadlines and its activities by date, today marked.
    const timeline = screen.getByTestId('programme-timeline');
    const keys = [...timeline.querySelectorAll('li')].map((li) => li.getAttribute('data-testid'));
    expect(keys.indexOf('timeline-from')).toBeLessThan(keys.indexOf('timeline-activity-31'));
    expect(keys.indexOf('timeline-activity-31')).toBeLessThan(keys.indexOf('timeline-today'));
    expect(keys).toContain('timeline-to');
    expect(within(timeline).getByRole('link', { name: 'Lớp tập huấn khởi nghiệp' }).getAttribute('href')).toBe('/activities/31');
    expect(within(timeline).getByText('Hôm nay')).toBeTruthy();
    expect(keys.filter((k) => k?.startsWith('timeline-target-')).length).toBe(programmeFixture().targets.length);
  });

  it('counts a target from the programme’s trainings: the type filter and the programme checked by default', async () => {
    const sent: Record<string, unknown>[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, programmeSession('province_officer'));
      if (url === '/api/v1/programmes/7') return json(200, programmeFixture({ targets: [] }));
      if (url.startsWith('/api/v1/activities')) return json(200, { items: [], total: 0 });
      if (url === '/api/v1/programmes/7/targets' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, { id: 20 });
      }
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/programmes/:id" element={<ProgrammePage />} />
      </Routes>,
      '/programmes/7',
    );
    fireEvent.click(await screen.findByTestId('target-add'));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, 'Thuộc nội dung', '1. Tuyên truyền, tập huấn');
    fireEvent.change(within(dialog).getByLabelText('Tên chỉ tiêu'), { target: { value: 'Mỗi năm ít nhất 1 lớp tập huấn' } });
    await choose(dialog, 'Cách tính', 'Từng năm');
    fireEvent.change(await within(dialog).findByLabelText('Chỉ tiêu mỗi năm'), { target: { value: '1' } });
    await choose(dialog, 'Nguồn số liệu', 'Hoạt động của Liên minh');
    const own = (await within(dialog).findByRole('checkbox', { name: 'Chỉ tính hoạt động của chương trình này' })) as HTMLInputElement;
    expect(own.checked).toBe(true);
    // The registry's filters are not the activities'.
    expect(within(dialog).queryByLabelText('Loại hình')).toBeNull();
    await choose(dialog, 'Loại hoạt động', 'Lớp tập huấn/bồi dưỡng');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1), { timeout: 5000 });
    expect(sent[0]).toMatchObject({
      content: 1,
      cadence: 'yearly',
      target: 1,
      measure: { source: 'activities', measure: 'count', filters: { type: 'training', programme: '7' } },
    });
  }, SLOW);

  it('shows an official the activities an entity took part in; none to a cooperative account', async () => {
    const asked: string[] = [];
    let role = 'province_officer';
    let items = [activity()];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session(role));
      if (url === '/api/v1/entities/12') return json(200, ENTITY);
      if (url.startsWith('/api/v1/entities/12/')) return json(200, { items: [], total: 0 });
      if (url.startsWith('/api/v1/activities')) {
        asked.push(url);
        return json(200, { items, total: items.length });
      }
      return undefined;
    });
    const show = () =>
      wrap(
        <Routes>
          <Route path="/registry/:id" element={<EntityPage />} />
        </Routes>,
        '/registry/12',
      );
    const { unmount } = show();
    fireEvent.click(await screen.findByRole('tab', { name: 'Hoạt động đã tham gia' }));
    const list = await screen.findByTestId('entity-activities');
    expect((await within(list).findByRole('link', { name: 'Lớp bồi dưỡng khởi sự HTX cho thanh niên' })).getAttribute('href')).toBe('/activities/7');
    expect(asked).toEqual(['/api/v1/activities?entity=12&limit=200']);
    unmount();
    items = [];
    const again = show();
    fireEvent.click(await screen.findByRole('tab', { name: 'Hoạt động đã tham gia' }));
    expect(await screen.findByText('Tổ chức này chưa tham gia hoạt động nào được ghi nhận.')).toBeTruthy();
    again.unmount();
    role = 'cooperative';
    asked.length = 0;
    show();
    await screen.findByTestId('entity-name');
    expect(screen.queryByRole('tab', { name: 'Hoạt động đã tham gia' })).toBeNull();
    expect(asked).toEqual([]);
  }, SLOW);

  it('lists young workers placed and adds one', async () => {
    const sent: Record<string, unknown>[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/programmes') return json(200, { items: [PROGRAMME] });
      if (url.startsWith('/api/v1/entities?q=')) return json(200, { items: [{ id: 12, name: 'HTX Nông nghiệp Yên Dũng', registration_code: '2400123', current_province_code: '24' }] });
      if (url === '/api/v1/placements' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        return json(201, PLACEMENT);
      }
      if (url.startsWith('/api/v1/placements')) return json(200, { items: [PLACEMENT], total: 1 });
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/placements" element={<PlacementsPage />} />
      </Routes>,
      '/placements',
    );
    const list = await screen.findByTestId('placement-list');
    await within(list).findByText('Trần Văn Bảo');
    expect(within(list).getByRole('link', { name: 'HTX Nông nghiệp Yên Dũng' }).getAttribute('href')).toBe('/registry/12');
    expect(within(list).getByText('01/03/2024 – đang làm việc')).toBeTruthy();
    fireEvent.click(screen.getByTestId('placement-add'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Họ và tên'), { target: { value: 'Đỗ Thị Hạnh' } });
    await choose(dialog, 'Giới tính', 'Nữ');
    fireEvent.change(within(dialog).getByLabelText('Năm sinh'), { target: { value: '2003' } });
    fireEvent.change(within(dialog).getByLabelText('Làm việc tại'), { target: { value: 'yen dung' } });
    fireEvent.click(await screen.findByTitle('HTX Nông nghiệp Yên Dũng (2400123) — 24', {}, { timeout: 3000 }));
    await choose(dialog, 'Theo chương trình', `BG-TN-2023-2025 — ${PROGRAMME.title}`);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(sent).toHaveLength(1), { timeout: 5000 });
    expect(sent[0]).toMatchObject({ worker_name: 'Đỗ Thị Hạnh', sex: 'female', birth_year: 2003, entity: 12, programme: 2, end: null });
  }, SLOW);
});

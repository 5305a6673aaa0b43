import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import ActivityFormPage from './ActivityFormPage';
import { activity, PARTNERS, PROGRAMME, PROVINCES, session } from './fixtures';

/** Chooses `option` in the antd Select labelled `label` inside `root`. */
async function choose(root: HTMLElement, label: string, option: string) {
  const input = within(root).getByLabelText(label);
  fireEvent.mouseDown(input);
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

/** Types `ddmmyyyy` into the date field labelled `label` and confirms it. */
function typeDate(root: HTMLElement, label: string, text: string) {
  const input = within(root).getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

const page = (path: string) =>
  wrap(
    <Routes>
      <Route path="/activities/new" element={<ActivityFormPage />} />
      <Route path="/activities/:id/edit" element={<ActivityFormPage />} />
      <Route path="/activities/:id" element={<div data-testid="saved-page" />} />
    </Routes>,
    path,
  );

const SLOW = 120_000;

describe('activity form', () => {
  afterEach(() => vi.restoreAllMocks());

  it('creates a training from a programme: the body has every field, the server’s errors sit by their fields', async () => {
    const sent: Record<string, unknown>[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/admin-units?level=province')) return json(200, { items: PROVINCES });
      if (url.startsWith('/api/v1/admin-units?level=commune')) return json(200, { items: [{ code: '07210', name: 'Xã Yên Dũng' }] });
      if (url === '/api/v1/programmes') return json(200, { items: [PROGRAMME] });
      if (url === '/api/v1/programmes/2') return json(200, PROGRAMME);
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url.startsWith('/api/v1/entities?q=')) return json(200, { items: [{ id: 12, name: 'HTX Nông nghiệp Yên Dũng', registration_code: '2400123', current_province_code: '24' }] });
      if (url === '/api/v1/activities' && init.method === 'POST') {
        sent.push(JSON.parse(String(init.body)));
        if (sent.length === 1)
          return json(400, { error: { code: 'invalid', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'to', code: 'invalid', message: 'Ngày kết thúc phải sau ngày bắt đầu.' }] } });
        return json(201, activity({ id: 41 }));
      }
      return undefined;
    });
    page('/activities/new?programme=2');
    const form = await screen.findByTestId('activity-form');
    await choose(form, 'Loại hoạt động', 'Lớp tập huấn/bồi dưỡng');
    fireEvent.change(within(form).getByLabelText('Tên hoạt động'), { target: { value: ' Lớp bồi dưỡng sáng lập viên HTX ' } });
    typeDate(form, 'Từ ngày', '10/05/2024');
    typeDate(form, 'Đến ngày', '09/05/2024');
    // A province account's activities are held in its province: chosen, not changeable.
    await waitFor(() => expect(within(form).getByTitle('Bắc Ninh')).toBeTruthy(), { timeout: 5000 });
    await choose(form, 'Xã/phường', 'Xã Yên Dũng');
    fireEvent.change(within(form).getByLabelText('Địa điểm'), { target: { value: 'Hội trường LMHTX tỉnh' } });
    await choose(form, 'Đơn vị phối hợp', 'Tỉnh đoàn Bắc Giang (TĐ)');
    // The programme is chosen already: its contents.
    await choose(within(form).getByTestId('programme-row-0'), 'Nội dung', '2. Tổ chức ít nhất một lớp bồi dưỡng sáng lập viên HTX mỗi năm');
    const entities = within(form).getByLabelText('Tổ chức kinh tế tập thể tham gia');
    fireEvent.change(entities, { target: { value: 'yen dung' } });
    fireEvent.click(await screen.findByTitle('HTX Nông nghiệp Yên Dũng (2400123) — Bắc Ninh', {}, { timeout: 3000 }));
    fireEvent.change(within(form).getByLabelText('Tổng số'), { target: { value: '45' } });
    fireEvent.change(within(form).getByLabelText('Nữ'), { target: { value: '20' } });
    fireEvent.change(within(form).getByLabelText('Thanh niên (16–30 tuổi)'), { target: { value: '30' } });
    fireEvent.change(within(form).getByLabelText('Kết quả'), { target: { value: 'Hai HTX thành lập.' } });
    fireEvent.click(screen.getByTestId('activity-save'));
    expect(await screen.findByText('Ngày kết thúc phải sau ngày bắt đầu.')).toBeTruthy();
    expect(sent[0]).toEqual({
      type: 'training',
      title: 'Lớp bồi dưỡng sáng lập viên HTX',
      title_en: '',
      from: '2024-05-10',
      to: '2024-05-09',
      province: '24',
      commune: '07210',
      place: 'Hội trường LMHTX tỉnh',
      organiser: 'province',
      partners: [3],
      programmes: [{ programme: 2, contents: [2] }],
      entities: [12],
      participants: { total: 45, female: 20, youth: 30 },
      description: '',
      outcomes: 'Hai HTX thành lập.',
    });
    typeDate(form, 'Đến ngày', '12/05/2024');
    fireEvent.click(screen.getByTestId('activity-save'));
    expect(await screen.findByTestId('saved-page')).toBeTruthy();
    expect(sent[1].to).toBe('2024-05-12');
  }, SLOW);

  it('edits an activity whose counts come from its participant list: counts disabled, not sent', async () => {
    const sent: Record<string, unknown>[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/admin-units?level=province')) return json(200, { items: PROVINCES });
      if (url.startsWith('/api/v1/admin-units?level=commune')) return json(200, { items: [] });
      if (url === '/api/v1/programmes') return json(200, { items: [PROGRAMME] });
      if (url === '/api/v1/programmes/2') return json(200, PROGRAMME);
      if (url === '/api/v1/partners') return json(200, { items: PARTNERS });
      if (url === '/api/v1/activities/7' && init.method === 'PATCH') {
        sent.push(JSON.parse(String(init.body)));
        return json(200, activity());
      }
      if (url === '/api/v1/activities/7') return json(200, activity({ counts_from_list: true, participant_list_size: 2, participants: { total: 2, female: 1, youth: 1 } }));
      return undefined;
    });
    page('/activities/7/edit');
    const form = await screen.findByTestId('activity-form');
    await waitFor(() => expect((within(form).getByLabelText('Tên hoạt động') as HTMLTextAreaElement).value).toBe('Lớp bồi dưỡng khởi sự HTX cho thanh niên'), { timeout: 5000 });
    expect(screen.getByTestId('counts-from-list').textContent).toBe('Số người được tính từ danh sách đại biểu (2 người): sửa danh sách để thay đổi.');
    expect((within(form).getByLabelText('Tổng số') as HTMLInputElement).disabled).toBe(true);
    // The entity is named, not numbered.
    expect(within(form).getByText(/HTX Nông nghiệp Yên Dũng/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('activity-save'));
    await screen.findByTestId('saved-page');
    expect(sent[0].participants).toBeUndefined();
    expect(sent[0]).toMatchObject({ type: 'training', status: 'held', programmes: [{ programme: 2, contents: [2] }], entities: [12], partners: [3] });
  }, SLOW);
});

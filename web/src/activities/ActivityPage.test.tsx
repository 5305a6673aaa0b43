import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import ActivityPage from './ActivityPage';
import { activity, PARTICIPANTS, PROGRAMME, PROVINCES, session } from './fixtures';
import type { Participant } from './types';

const page = () =>
  wrap(
    <Routes>
      <Route path="/activities/:id" element={<ActivityPage />} />
    </Routes>,
    '/activities/7',
  );

const SLOW = 90_000;

describe('activity page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the header, the programme contents, the entities and the participant list', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
      if (url === '/api/v1/activities/7') return json(200, activity({ counts_from_list: true, participant_list_size: 2 }));
      if (url === '/api/v1/programmes/2') return json(200, PROGRAMME);
      if (url === '/api/v1/activities/7/participants') return json(200, { items: PARTICIPANTS });
      return undefined;
    });
    page();
    expect((await screen.findByTestId('activity-title')).textContent).toBe('Lớp bồi dưỡng khởi sự HTX cho thanh niên');
    expect(screen.getByText('Lớp tập huấn/bồi dưỡng')).toBeTruthy();
    expect(screen.getByTestId('activity-dates').textContent).toBe('10/05/2024 – 12/05/2024');
    await screen.findByText('Hội trường LMHTX tỉnh, Bắc Ninh');
    expect(screen.getByText('Liên minh HTX tỉnh')).toBeTruthy();
    expect(within(screen.getByTestId('activity-partners')).getByRole('link', { name: 'Tỉnh đoàn Bắc Giang' }).getAttribute('href')).toBe('/partners/3');
    const programmes = screen.getByTestId('activity-programmes');
    expect(within(programmes).getByRole('link', { name: `BG-TN-2023-2025 — ${PROGRAMME.title}` }).getAttribute('href')).toBe('/programmes/2');
    expect(await within(programmes).findByText('2. Tổ chức ít nhất một lớp bồi dưỡng sáng lập viên HTX mỗi năm')).toBeTruthy();
    expect(within(screen.getByTestId('activity-entities')).getByRole('link', { name: 'HTX Nông nghiệp Yên Dũng' }).getAttribute('href')).toBe('/registry/12');
    expect(screen.getByTestId('activity-counts').textContent).toContain('Tổng số: 1.240; Nữ: 12; Thanh niên (16–30 tuổi): 5');
    expect(screen.getByTestId('activity-counts').textContent).toContain('danh sách đại biểu (2 người)');
    expect(screen.getByTestId('activity-outcomes').textContent).toBe('Hai HTX thanh niên được thành lập sau lớp học.');
    const list = await screen.findByTestId('participant-list');
    expect(within(list).getByText('Nguyễn Thị An')).toBeTruthy();
    expect(within(list).getByText('Giám đốc')).toBeTruthy();
    expect(within(list).getByText('1998')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Xuất XLSX' }).getAttribute('href')).toBe('/api/v1/activities/7/participants/export?format=xlsx');
  });

  it('adds a participant and removes one, sending the whole list each time', async () => {
    const put: Participant[][] = [];
    let items = [...PARTICIPANTS];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/activities/7') return json(200, activity());
      if (url === '/api/v1/programmes/2') return json(200, PROGRAMME);
      if (url === '/api/v1/activities/7/participants' && init.method === 'PUT') {
        items = JSON.parse(String(init.body)).items;
        put.push(items);
        return json(200, { items });
      }
      if (url === '/api/v1/activities/7/participants') return json(200, { items });
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('participant-add'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Họ và tên'), { target: { value: ' Lê Thị Cúc ' } });
    fireEvent.mouseDown(within(dialog).getByLabelText('Giới tính'));
    fireEvent.click((await screen.findAllByTitle('Nữ')).at(-1)!);
    fireEvent.change(within(dialog).getByLabelText('Năm sinh'), { target: { value: '2002' } });
    fireEvent.change(within(dialog).getByLabelText('Chức vụ'), { target: { value: 'Thành viên' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(put).toHaveLength(1), { timeout: 5000 });
    expect(put[0]).toEqual([
      ...PARTICIPANTS,
      { name: 'Lê Thị Cúc', sex: 'female', birth_year: 2002, entity: null, organisation: '', position: 'Thành viên', phone: '', email: '' },
    ]);
    await within(await screen.findByTestId('participant-list')).findByText('Lê Thị Cúc');
    fireEvent.click(screen.getByRole('button', { name: 'Xóa: Trần Văn Bình' }));
    const confirm = await screen.findByText('Bỏ “Trần Văn Bình” khỏi danh sách?');
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(put).toHaveLength(2), { timeout: 5000 });
    expect(put[1].map((p) => p.name)).toEqual(['Nguyễn Thị An', 'Lê Thị Cúc']);
  }, SLOW);

  it('imports the participant list: the rows’ errors, then the list applied', async () => {
    const posted: string[] = [];
    let bad = true;
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/activities/7') return json(200, activity());
      if (url === '/api/v1/programmes/2') return json(200, PROGRAMME);
      if (url.startsWith('/api/v1/activities/7/participants/import')) {
        posted.push(url);
        if (bad)
          return json(200, {
            rows: 2,
            errors: [
              { row: 2, field: 'sex', message: 'Giới tính phải là Nam hoặc Nữ.' },
              { row: 3, field: 'birth_year', message: 'Năm sinh không hợp lệ.' },
            ],
            items: [],
            applied: false,
          });
        return json(200, { rows: 2, errors: [], items: PARTICIPANTS, applied: !url.includes('dry_run=true') });
      }
      if (url === '/api/v1/activities/7/participants') return json(200, { items: [] });
      return undefined;
    });
    page();
    expect(await screen.findByText('Chưa có danh sách đại biểu.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('participant-import'));
    const dialog = await screen.findByRole('dialog');
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'dai-bieu.xlsx');
    fireEvent.change(within(dialog).getByLabelText('Chọn tệp'), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByTestId('import-check'));
    const errors = await within(dialog).findByTestId('import-errors');
    const rows = within(errors).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['DòngCộtLỗi', '2sexGiới tính phải là Nam hoặc Nữ.', '3birth_yearNăm sinh không hợp lệ.']);
    expect((within(dialog).getByTestId('import-apply') as HTMLButtonElement).disabled).toBe(true);
    bad = false;
    fireEvent.click(within(dialog).getByTestId('import-check'));
    await within(dialog).findByText('Tệp hợp lệ: 2 dòng. Bấm “Ghi vào hệ thống” để nhập.');
    fireEvent.click(within(dialog).getByTestId('import-apply'));
    expect(await screen.findByText('Đã nhập danh sách 2 đại biểu.')).toBeTruthy();
    expect(posted.at(-1)).toBe('/api/v1/activities/7/participants/import?filename=dai-bieu.xlsx&dry_run=false');
  }, SLOW);

  it('shows no participant list to a partner account, and a missing activity is not found', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('partner', null));
      if (url === '/api/v1/activities/7') return json(200, activity({ may_write: false }));
      return undefined;
    });
    const { unmount } = page();
    await screen.findByTestId('activity-title');
    expect(screen.queryByTestId('participants')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sửa hoạt động' })).toBeNull();
    expect(asked.some((u) => u.includes('/participants'))).toBe(false);
    unmount();
    vi.restoreAllMocks();
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      return undefined;
    });
    page();
    expect(await screen.findByText('Không có hoạt động này, hoặc bạn không được xem.')).toBeTruthy();
  });
});

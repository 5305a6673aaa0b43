import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { todayIso } from '../i18n/format';
import { petition, session, THEMES } from './fixtures';
import { addDays } from './logic';
import { forgetThemes } from './parts';
import PetitionPage from './PetitionPage';
import type { Petition } from './types';

const SLOW = 90_000;

const page = () =>
  wrap(
    <Routes>
      <Route path="/petitions/:id" element={<PetitionPage />} />
    </Routes>,
    '/petitions/12',
  );

const NONE = { edit: false, assign: false, answer: false, close: false, reopen: false };
// Who the server says a Lạng Sơn petition may be assigned to: the province's officials, then the national ones.
const ASSIGNEES = [
  { id: 7, username: 'canbo.langson', display_name: 'Hoàng Văn Lâm' },
  { id: 3, username: 'canbo.tw', display_name: 'Trần Văn Trung' },
];

function api(role: string, shown: Petition, posts: { url: string; body: unknown }[] = [], answer?: (url: string) => Response | undefined) {
  mockApi((url, init) => {
    if (url.startsWith('/api/v1/session')) return json(200, session(role, role.startsWith('national') ? null : '20', role === 'cooperative' ? 5 : null));
    if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
    if (url === '/api/v1/petitions/assignees?province=20') return json(200, { items: ASSIGNEES });
    if (init.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      return answer?.(url);
    }
    if (url === '/api/v1/petitions/12') return json(200, shown);
    return undefined;
  });
}

describe('petition page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'shows the petition, its entities, activity, step bar and history, and the actions its `may` allows',
    async () => {
      api('province_officer', petition());
      page();
      expect((await screen.findByTestId('petition-code')).textContent).toBe('KN-2026-0012');
      expect(screen.getAllByTestId('petition-overdue')[0].textContent).toContain('Quá hạn 5 ngày');
      expect(within(screen.getByTestId('petition-entities')).getByRole('link', { name: 'HTX Nông nghiệp Hữu Lũng' }).getAttribute('href')).toBe('/registry/5');
      expect(within(screen.getByTestId('petition-activity-link')).getByRole('link').getAttribute('href')).toBe('/activities/3');
      expect(screen.getByTestId('petition-handler').textContent).toBe('Sở Nông nghiệp và Môi trường');
      expect(screen.getByTestId('petition-due').textContent).toContain('14/04/2026');
      // The step bar: received done, assigned the current one, then answered and closed to come.
      const steps = document.querySelectorAll('.ant-steps-item');
      expect(steps).toHaveLength(4);
      expect([...steps].map((s) => s.querySelector('.ant-steps-item-title')?.textContent)).toEqual(['Đã tiếp nhận', 'Đang xử lý', 'Đã trả lời', 'Đã đóng']);
      expect(steps[0].className).toContain('finish');
      expect(steps[1].className).toContain('process');
      expect(steps[2].className).toContain('wait');
      const history = screen.getByTestId('petition-history');
      expect(within(history).getAllByRole('listitem')).toHaveLength(2);
      expect(history.textContent).toContain('canbo.langson');
      // may: edit, assign, answer — not close nor reopen.
      const actions = screen.getByTestId('petition-actions');
      expect(within(actions).getByRole('button', { name: 'Giao lại' })).toBeTruthy();
      expect(within(actions).getByRole('button', { name: 'Ghi nhận trả lời' })).toBeTruthy();
      expect(within(actions).getByRole('button', { name: 'Sửa' })).toBeTruthy();
      expect(within(actions).queryByRole('button', { name: 'Đóng kiến nghị' })).toBeNull();
      expect(within(actions).queryByRole('button', { name: 'Mở lại' })).toBeNull();
    },
    SLOW,
  );

  it(
    'assigns to an agency, due in 30 days by default',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      const received = petition({
        status: 'received',
        agency: null,
        assigned_on: null,
        due_on: null,
        overdue: false,
        days_overdue: 0,
        steps: [petition().steps[0]],
      });
      api('province_officer', received, posts, () =>
        json(200, petition({ overdue: false, days_overdue: 0, agency: 'Sở Tài chính', due_on: addDays(todayIso(), 30) })),
      );
      page();
      fireEvent.click(await screen.findByRole('button', { name: 'Giao xử lý' }));
      const dialog = await screen.findByRole('dialog');
      // An officer of the province by default; another agency on request.
      fireEvent.click(within(dialog).getByLabelText('Cơ quan khác'));
      const due = within(dialog).getByLabelText('Hạn trả lời') as HTMLInputElement;
      const expected = addDays(todayIso(), 30);
      expect(due.value).toBe(`${expected.slice(8, 10)}/${expected.slice(5, 7)}/${expected.slice(0, 4)}`);
      fireEvent.change(await within(dialog).findByLabelText('Cơ quan xử lý'), { target: { value: 'Sở Tài chính' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({ url: '/api/v1/petitions/12/assign', body: { agency: 'Sở Tài chính', due_on: expected } });
      expect(await screen.findByText('Đã giao xử lý kiến nghị.')).toBeTruthy();
      expect(screen.getByTestId('petition-handler').textContent).toBe('Sở Tài chính');
    },
    SLOW,
  );

  it(
    'lets an officer assign to an official the server offers (the province’s first)',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      api('province_officer', petition({ status: 'received', agency: null, overdue: false }), posts, () =>
        json(200, petition({ agency: null, assignee: { id: 7, username: 'canbo.langson', display_name: 'Hoàng Văn Lâm' } })),
      );
      page();
      fireEvent.click(await screen.findByRole('button', { name: 'Giao xử lý' }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.mouseDown(within(dialog).getByLabelText('Cán bộ'));
      fireEvent.click((await screen.findAllByTitle('Hoàng Văn Lâm (canbo.langson)')).at(-1)!);
      expect((await screen.findAllByTitle('Trần Văn Trung (canbo.tw)')).length).toBeGreaterThan(0);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      await waitFor(() => expect(posts).toHaveLength(1));
      expect(posts[0]).toEqual({ url: '/api/v1/petitions/12/assign', body: { assignee: 7, due_on: addDays(todayIso(), 30) } });
      await waitFor(() => expect(screen.getByTestId('petition-handler').textContent).toBe('Hoàng Văn Lâm'));
    },
    SLOW,
  );

  it(
    'records a public answer; a refused step shows the server’s message',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      let refuse = true;
      api('province_officer', petition(), posts, () =>
        refuse
          ? json(409, {
              error: { code: 'petition.step_not_allowed', message: 'Kiến nghị đang ở trạng thái “Đã đóng”, không thể chuyển sang “Đã trả lời”.', fields: [] },
            })
          : json(
              200,
              petition({
                status: 'answered',
                overdue: false,
                answer: {
                  text: 'Sở đã trình UBND tỉnh.',
                  public: true,
                  by: { id: 2, username: 'canbo.langson', display_name: 'Hoàng Văn Lâm' },
                  at: '2026-04-01T02:00:00Z',
                  on_time: true,
                },
                may: { ...NONE, close: true, reopen: true },
              }),
            ),
      );
      page();
      fireEvent.click(await screen.findByRole('button', { name: 'Ghi nhận trả lời' }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByLabelText('Nội dung trả lời'), { target: { value: 'Sở đã trình UBND tỉnh.' } });
      fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Công khai trên trang hỏi đáp' }));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      expect(await within(dialog).findByText('Kiến nghị đang ở trạng thái “Đã đóng”, không thể chuyển sang “Đã trả lời”.')).toBeTruthy();
      refuse = false;
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      expect(await screen.findByText('Đã ghi nhận câu trả lời.')).toBeTruthy();
      expect(posts.map((p) => p.body)).toEqual([
        { text: 'Sở đã trình UBND tỉnh.', public: true },
        { text: 'Sở đã trình UBND tỉnh.', public: true },
      ]);
      expect(screen.getByTestId('petition-answer-text').textContent).toBe('Sở đã trình UBND tỉnh.');
      expect(screen.getByText('Công khai trên trang hỏi đáp')).toBeTruthy();
      expect(screen.getByText('Đúng hạn')).toBeTruthy();
      // Now it may be closed or reopened, no more answered.
      const actions = screen.getByTestId('petition-actions');
      expect(within(actions).getByRole('button', { name: 'Đóng kiến nghị' })).toBeTruthy();
      expect(within(actions).queryByRole('button', { name: 'Ghi nhận trả lời' })).toBeNull();
    },
    SLOW,
  );

  it(
    'closes, and reopens with a reason (required)',
    async () => {
      const posts: { url: string; body: unknown }[] = [];
      const answered = petition({ status: 'answered', overdue: false, may: { ...NONE, close: true, reopen: true } });
      api('national_officer', answered, posts, (url) =>
        url.endsWith('/close')
          ? json(200, { ...answered, status: 'closed', closed_at: '2026-04-02T02:00:00Z', may: { ...NONE, reopen: true } })
          : json(200, { ...answered, status: 'assigned', reopen_reason: 'HTX chưa nhận được đất.', may: { ...NONE, assign: true, answer: true } }),
      );
      page();
      fireEvent.click(await screen.findByRole('button', { name: 'Đóng kiến nghị' }));
      let dialog = await screen.findByRole('dialog');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Đóng kiến nghị' }));
      expect(await screen.findByText('Đã đóng kiến nghị.')).toBeTruthy();
      await waitFor(() => expect(document.querySelectorAll('.ant-steps-item')[3].className).toContain('finish'));
      fireEvent.click(screen.getByRole('button', { name: 'Mở lại' }));
      await waitFor(() => expect(screen.getAllByRole('dialog').some((d) => d.textContent?.includes('Mở lại kiến nghị'))).toBe(true));
      dialog = screen.getAllByRole('dialog').find((d) => d.textContent?.includes('Mở lại kiến nghị'))!;
      fireEvent.click(within(dialog).getByRole('button', { name: 'Mở lại' }));
      expect(await within(dialog).findByText('Bắt buộc')).toBeTruthy();
      fireEvent.change(within(dialog).getByLabelText('Lý do mở lại'), { target: { value: 'HTX chưa nhận được đất.' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Mở lại' }));
      expect(await screen.findByText('Đã mở lại kiến nghị.')).toBeTruthy();
      expect(posts).toEqual([
        { url: '/api/v1/petitions/12/close', body: {} },
        { url: '/api/v1/petitions/12/reopen', body: { reason: 'HTX chưa nhận được đất.' } },
      ]);
      expect(screen.getAllByText('HTX chưa nhận được đất.').length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it('a cooperative sees its petition and answer, with no assign nor answer action', async () => {
    api(
      'cooperative',
      petition({
        source: 'cooperative',
        status: 'answered',
        overdue: false,
        answer: { text: 'Đã giao đất.', public: false, by: null, at: '2026-04-01T02:00:00Z', on_time: true },
        may: NONE,
      }),
    );
    page();
    expect(await screen.findByTestId('petition-answer-text')).toBeTruthy();
    expect(screen.getByText('Đơn vị tự gửi')).toBeTruthy();
    const actions = screen.getByTestId('petition-actions');
    expect(within(actions).queryAllByRole('button')).toHaveLength(0);
  });

  it('says when there is no such petition (or not the caller’s)', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', null, 5));
      if (url === '/api/v1/petitions/12') return json(404, { error: { code: 'not_found', message: 'Không tìm thấy.', fields: [] } });
      return undefined;
    });
    page();
    expect(await screen.findByText('Không có kiến nghị này, hoặc bạn không được xem.')).toBeTruthy();
  });
});

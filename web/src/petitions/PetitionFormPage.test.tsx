import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { petition, PROVINCES, session, THEMES } from './fixtures';
import { forgetThemes } from './parts';
import PetitionFormPage from './PetitionFormPage';

const SLOW = 90_000;

const page = (path: string) =>
  wrap(
    <Routes>
      <Route path="/petitions/new" element={<PetitionFormPage />} />
      <Route path="/petitions/:id/edit" element={<PetitionFormPage />} />
      <Route path="/petitions/:id" element={<div data-testid="petition-shown" />} />
    </Routes>,
    path,
  );

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

const ENTITY = { id: 5, name: 'HTX Nông nghiệp Hữu Lũng', registration_code: '2000123', current_province_code: '20' };
const ACTIVITY = { id: 3, title: 'Đối thoại giữa Chủ tịch UBND tỉnh với các HTX', from: '2026-03-14', to: '2026-03-14', province: '20' };

describe('petition form', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'records an officer’s petition: the contract’s body, then its page',
    async () => {
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url.startsWith('/api/v1/entities?')) return json(200, { items: [ENTITY] });
        if (url.startsWith('/api/v1/activities?')) return json(200, { items: [ACTIVITY], total: 1 });
        if (url === '/api/v1/petitions' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, petition({ id: 40 }));
        }
        return undefined;
      });
      page('/petitions/new');
      await screen.findByTestId('petition-form');
      // Only the active themes are offered.
      fireEvent.mouseDown(screen.getByLabelText('Lĩnh vực'));
      expect((await screen.findAllByTitle('Đất đai')).length).toBeGreaterThan(0);
      expect(screen.queryByTitle('Nước tưới')).toBeNull();
      fireEvent.click(screen.getAllByTitle('Đất đai').at(-1)!);
      fireEvent.change(screen.getByLabelText('Tổ chức kiến nghị'), { target: { value: 'huu lung' } });
      fireEvent.click(await screen.findByTitle('HTX Nông nghiệp Hữu Lũng (2000123) — Lạng Sơn', {}, { timeout: 3000 }));
      await choose('Tỉnh/thành', 'Lạng Sơn');
      fireEvent.change(screen.getByLabelText('Nội dung kiến nghị'), { target: { value: '  Đề nghị giao đất sản xuất lâu dài cho HTX.  ' } });
      await choose('Cơ quan nhận', 'UBND');
      fireEvent.change(screen.getByLabelText('Tên cơ quan'), { target: { value: 'UBND tỉnh Lạng Sơn' } });
      fireEvent.change(screen.getByLabelText('Nêu tại hoạt động'), { target: { value: 'doi thoai' } });
      fireEvent.click(await screen.findByTitle('Đối thoại giữa Chủ tịch UBND tỉnh với các HTX (14/03/2026)', {}, { timeout: 3000 }));
      fireEvent.click(screen.getByTestId('petition-save'));
      await screen.findByTestId('petition-shown');
      expect(sent).toEqual([
        {
          theme: 'land',
          content: 'Đề nghị giao đất sản xuất lâu dài cho HTX.',
          addressed_to: { kind: 'people_committee', name: 'UBND tỉnh Lạng Sơn' },
          entity_ids: [5],
          province: '20',
          activity_id: 3,
        },
      ]);
    },
    SLOW,
  );

  it(
    'shows the server’s field errors on their fields',
    async () => {
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/petitions' && init.method === 'POST')
          return json(422, {
            error: {
              code: 'validation',
              message: 'Dữ liệu không hợp lệ.',
              fields: [
                { field: 'raised_on', code: 'field.date_future', message: 'Ngày tiếp nhận không được sau hôm nay.' },
                { field: 'addressed_to.name', code: 'field.too_long', message: 'Tên cơ quan quá dài.' },
                { field: 'entity_ids[0]', code: 'field.entity_other_province', message: 'Tổ chức không thuộc tỉnh của bạn.' },
              ],
            },
          });
        return undefined;
      });
      page('/petitions/new');
      await screen.findByTestId('petition-form');
      // A province account's province is its own, not to be changed.
      await waitFor(() => expect(screen.getByTestId('petition-province').textContent).toContain('Lạng Sơn'));
      await choose('Lĩnh vực', 'Tín dụng, vốn');
      fireEvent.change(screen.getByLabelText('Nội dung kiến nghị'), { target: { value: 'Vay vốn ưu đãi' } });
      fireEvent.click(screen.getByTestId('petition-save'));
      expect(await screen.findByText('Ngày tiếp nhận không được sau hôm nay.')).toBeTruthy();
      expect(screen.getByText('Tên cơ quan quá dài.')).toBeTruthy();
      expect(screen.getByText('Tổ chức không thuộc tỉnh của bạn.')).toBeTruthy();
      expect(screen.getByTestId('petition-form-error').textContent).toContain('Hãy sửa các ô được đánh dấu đỏ.');
    },
    SLOW,
  );

  it(
    'a cooperative’s form has no entities nor province: the server takes its own',
    async () => {
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('cooperative', null, 5));
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/petitions' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, petition({ id: 41, source: 'cooperative' }));
        }
        return undefined;
      });
      page('/petitions/new');
      await screen.findByTestId('petition-form');
      expect(screen.queryByLabelText('Tổ chức kiến nghị')).toBeNull();
      expect(screen.queryByLabelText('Tỉnh/thành')).toBeNull();
      expect(screen.queryByLabelText('Nêu tại hoạt động')).toBeNull();
      expect(screen.getByRole('heading', { name: 'Gửi kiến nghị mới' })).toBeTruthy();
      await choose('Lĩnh vực', 'Thị trường, tiêu thụ');
      fireEvent.change(screen.getByLabelText('Nội dung kiến nghị'), { target: { value: 'Hỗ trợ kết nối tiêu thụ na Chi Lăng.' } });
      fireEvent.click(screen.getByTestId('petition-save'));
      await screen.findByTestId('petition-shown');
      expect(sent).toEqual([{ theme: 'market', content: 'Hỗ trợ kết nối tiêu thụ na Chi Lăng.' }]);
    },
    SLOW,
  );

  it(
    'opened from an activity: the activity chosen, its province and first day',
    async () => {
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/activities/3') return json(200, ACTIVITY);
        if (url === '/api/v1/petitions' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, petition({ id: 42 }));
        }
        return undefined;
      });
      page('/petitions/new?activity=3');
      expect((await screen.findByTestId('petition-from-activity')).textContent).toBe('Kiến nghị nêu tại: Đối thoại giữa Chủ tịch UBND tỉnh với các HTX');
      await waitFor(() => expect(screen.getByTestId('petition-activity').textContent).toContain('Đối thoại giữa Chủ tịch UBND tỉnh với các HTX (14/03/2026)'));
      await waitFor(() => expect(screen.getByTestId('petition-province').textContent).toContain('Lạng Sơn'));
      expect((screen.getByLabelText('Ngày tiếp nhận') as HTMLInputElement).value).toBe('14/03/2026');
      await choose('Lĩnh vực', 'Đất đai');
      fireEvent.change(screen.getByLabelText('Nội dung kiến nghị'), { target: { value: 'Giao đất' } });
      fireEvent.click(screen.getByTestId('petition-save'));
      await screen.findByTestId('petition-shown');
      expect(sent[0]).toEqual({ theme: 'land', content: 'Giao đất', entity_ids: [], province: '20', activity_id: 3, raised_on: '2026-03-14' });
    },
    SLOW,
  );

  it(
    'edits what may change: PATCH with content, theme, addressee and entities',
    async () => {
      const sent: { url: string; body: Record<string, unknown> }[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url === '/api/v1/activities/3') return json(200, ACTIVITY);
        if (url === '/api/v1/petitions/12' && init.method === 'PATCH') {
          sent.push({ url, body: JSON.parse(String(init.body)) });
          return json(200, petition());
        }
        if (url === '/api/v1/petitions/12') return json(200, petition());
        return undefined;
      });
      page('/petitions/12/edit');
      const content = await screen.findByDisplayValue(petition().content);
      fireEvent.change(content, { target: { value: 'Nội dung đã sửa' } });
      fireEvent.click(screen.getByTestId('petition-save'));
      await screen.findByTestId('petition-shown');
      expect(sent).toEqual([
        {
          url: '/api/v1/petitions/12',
          body: { theme: 'land', content: 'Nội dung đã sửa', addressed_to: { kind: 'people_committee', name: 'UBND tỉnh Lạng Sơn' }, entity_ids: [5] },
        },
      ]);
    },
    SLOW,
  );
});

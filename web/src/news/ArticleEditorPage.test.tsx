import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import ArticleEditorPage from './ArticleEditorPage';
import { article, CATEGORIES, PROVINCES, session } from './fixtures';
import { forgetCategories } from './parts';

const SLOW = 90_000;

const page = (path: string) =>
  wrap(
    <Routes>
      <Route path="/news/new" element={<ArticleEditorPage />} />
      <Route path="/news/:id" element={<ArticleEditorPage />} />
      <Route path="/news" element={<div data-testid="news-list-shown" />} />
    </Routes>,
    path,
  );

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options[options.length - 1]);
}

/** The form item (label, control, its errors) of the control labelled `label`. */
const item = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

describe('article editor', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetCategories();
  });

  it(
    'previews the Markdown with the server’s renderer, then creates a national article with the contract’s body',
    async () => {
      const previews: unknown[] = [];
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_officer', null));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url === '/api/v1/articles/preview' && init.method === 'POST') {
          previews.push(JSON.parse(String(init.body)));
          // What the server renders: raw HTML dropped (the script never reaches the page).
          return json(200, { body_html: '<h2>Kết quả</h2>\n<p><strong>120</strong> HTX dự.</p>\n' });
        }
        if (url === '/api/v1/articles' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, article({ id: 40, province: null, province_name: null }));
        }
        if (url === '/api/v1/articles/40') return json(200, article({ id: 40, province: null, province_name: null }));
        return undefined;
      });
      page('/news/new');
      await screen.findByTestId('article-form');
      fireEvent.change(screen.getByLabelText('Tiêu đề'), { target: { value: '  Hội nghị tổng kết năm 2026  ' } });
      fireEvent.change(screen.getByLabelText('Tóm tắt'), { target: { value: 'Tổng kết hoạt động của Liên minh HTX.' } });
      const markdown = '## Kết quả\n\n**120** HTX dự.<script>alert(1)</script>';
      fireEvent.change(screen.getByTestId('article-body'), { target: { value: markdown } });
      fireEvent.click(screen.getByTestId('article-preview-tab'));
      const preview = await screen.findByTestId('article-preview');
      await waitFor(() => expect(within(preview).getByRole('heading', { name: 'Kết quả' })).toBeTruthy());
      expect(preview.querySelector('strong')?.textContent).toBe('120');
      expect(preview.querySelector('script')).toBeNull();
      expect(previews).toEqual([{ body: markdown }]);
      await choose('Chuyên mục', 'Chính sách');
      // A national officer chooses the province; empty is national news.
      expect(screen.getByTestId('article-province').textContent).toContain('Toàn quốc');
      const keywords = screen.getByLabelText('Từ khóa');
      fireEvent.change(keywords, { target: { value: 'tổng kết' } });
      fireEvent.keyDown(keywords, { key: 'Enter', code: 'Enter', keyCode: 13 });
      fireEvent.change(keywords, { target: { value: 'Tổng kết' } });
      fireEvent.keyDown(keywords, { key: 'Enter', code: 'Enter', keyCode: 13 });
      fireEvent.change(keywords, { target: { value: 'liên minh' } });
      fireEvent.keyDown(keywords, { key: 'Enter', code: 'Enter', keyCode: 13 });
      fireEvent.click(screen.getByTestId('article-save'));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toEqual({
        title: 'Hội nghị tổng kết năm 2026',
        summary: 'Tổng kết hoạt động của Liên minh HTX.',
        body: markdown,
        category: 'policy',
        keywords: ['tổng kết', 'liên minh'],
        cover_image: null,
        entity_ids: [],
        lang: 'vi',
      });
    },
    SLOW,
  );

  it(
    'shows each of the server’s errors on its field, and asks for the cover’s text alternative before sending',
    async () => {
      let posts = 0;
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url.startsWith('/api/v1/images?filename=') && init.method === 'POST')
          return json(201, {
            id: 5,
            content_type: 'image/jpeg',
            width: 1600,
            height: 1067,
            bytes: 482113,
            name: 'hoi-nghi.jpg',
            url: '/media/5-3f2a9c1e.jpg',
            variants: [
              { width: 320, url: '/media/5-3f2a9c1e-320.webp' },
              { width: 640, url: '/media/5-3f2a9c1e-640.webp' },
              { width: 1280, url: '/media/5-3f2a9c1e-1280.webp' },
            ],
          });
        if (url === '/api/v1/articles' && init.method === 'POST') {
          posts++;
          return json(422, {
            error: {
              code: 'validation',
              message: 'Dữ liệu không hợp lệ.',
              fields: [
                { field: 'title', code: 'field.too_long', message: 'Tiêu đề dài quá 300 ký tự.' },
                { field: 'keywords[1]', code: 'field.too_long', message: 'Từ khóa dài quá 60 ký tự.' },
                { field: 'cover_image.alt', code: 'field.required', message: 'Ảnh bìa cần mô tả.' },
                { field: 'province', code: 'field.province_other', message: 'Bạn chỉ viết tin của tỉnh mình.' },
              ],
            },
          });
        }
        return undefined;
      });
      page('/news/new');
      await screen.findByTestId('article-form');
      // A province officer's province is theirs.
      await waitFor(() => expect(screen.getByTestId('article-province').textContent).toContain('Lạng Sơn'));
      fireEvent.change(screen.getByLabelText('Tiêu đề'), { target: { value: 'Tập huấn kế toán HTX' } });
      fireEvent.change(screen.getByLabelText('Tóm tắt'), { target: { value: 'Lớp tập huấn cho 40 kế toán.' } });
      fireEvent.change(screen.getByTestId('article-body'), { target: { value: 'Nội dung lớp học.' } });
      await choose('Chuyên mục', 'Hoạt động');
      // The cover: uploaded, shown at 320 px, then its text alternative is required.
      const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'hoi-nghi.jpg', { type: 'image/jpeg' });
      fireEvent.change(screen.getByTestId('article-cover-file'), { target: { files: [file] } });
      const img = (await screen.findByTestId('article-cover-preview')) as HTMLImageElement;
      expect(img.getAttribute('src')).toBe('/media/5-3f2a9c1e-320.webp');
      fireEvent.click(screen.getByTestId('article-save'));
      expect(await screen.findByText('Hãy mô tả ảnh bìa (cho người không xem được ảnh).')).toBeTruthy();
      expect(posts).toBe(0);
      fireEvent.change(screen.getByTestId('article-cover-alt'), { target: { value: 'Lớp tập huấn' } });
      fireEvent.click(screen.getByTestId('article-save'));
      await waitFor(() => expect(posts).toBe(1));
      await screen.findByText('Ảnh bìa cần mô tả.');
      expect(within(item('Tiêu đề')).getByText('Tiêu đề dài quá 300 ký tự.')).toBeTruthy();
      expect(within(screen.getByTestId('article-keywords').closest('.ant-form-item') as HTMLElement).getByText('Từ khóa dài quá 60 ký tự.')).toBeTruthy();
      expect(within(screen.getByTestId('article-cover').closest('.ant-form-item') as HTMLElement).getByText('Ảnh bìa cần mô tả.')).toBeTruthy();
      expect(within(screen.getByTestId('article-province').closest('.ant-form-item') as HTMLElement).getByText('Bạn chỉ viết tin của tỉnh mình.')).toBeTruthy();
      expect(screen.getByTestId('article-error').textContent).toContain('Hãy sửa các ô được đánh dấu đỏ.');
    },
    SLOW,
  );

  it(
    'a province officer submits for review; a province administrator publishes at a time, then sees the public address',
    async () => {
      const moves: { url: string; body: unknown }[] = [];
      let role = 'province_officer';
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session(role));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url === '/api/v1/articles/12' && (init.method ?? 'GET') === 'GET') return json(200, article());
        if (url === '/api/v1/articles/12/submit') {
          moves.push({ url, body: JSON.parse(String(init.body)) });
          return json(200, article({ status: 'in_review' }));
        }
        if (url === '/api/v1/articles/12/publish') {
          const body = JSON.parse(String(init.body));
          moves.push({ url, body });
          if (body.at === '2030-01-15T07:00:00+07:00')
            return json(422, { error: { code: 'validation', message: 'x', fields: [{ field: 'at', code: 'field.too_early', message: 'Giờ đăng phải sau 07:30.' }] } });
          return json(200, article({ status: 'published', scheduled: true, published_at: '2030-01-15T01:00:00Z' }));
        }
        return undefined;
      });
      const first = page('/news/12');
      await screen.findByTestId('article-actions');
      expect(screen.queryByTestId('article-publish')).toBeNull();
      expect(screen.getByTestId('article-status').textContent).toBe('Bản nháp');
      fireEvent.click(screen.getByTestId('article-submit'));
      await waitFor(() => expect(screen.getByTestId('article-status').textContent).toBe('Chờ duyệt'));
      expect(screen.getByTestId('article-notice').textContent).toContain('Đã gửi duyệt.');
      first.unmount();

      role = 'province_admin';
      page('/news/12');
      fireEvent.click(await screen.findByTestId('article-publish'));
      const dialog = await screen.findByTestId('publish-dialog');
      fireEvent.click(within(dialog).getByText('Hẹn giờ đăng'));
      const at = await within(dialog).findByLabelText('Thời điểm đăng (giờ Việt Nam)');
      // A time already past is refused here.
      fireEvent.change(at, { target: { value: '2020-01-15T08:00' } });
      fireEvent.click(screen.getByTestId('publish-confirm'));
      expect(await within(dialog).findByText('Thời điểm hẹn đã qua: hãy chọn một thời điểm sau bây giờ, hoặc đăng ngay.')).toBeTruthy();
      // The server's error on the time is shown under it.
      fireEvent.change(at, { target: { value: '2030-01-15T07:00' } });
      fireEvent.click(screen.getByTestId('publish-confirm'));
      expect(await within(dialog).findByText('Giờ đăng phải sau 07:30.')).toBeTruthy();
      fireEvent.change(at, { target: { value: '2030-01-15T08:00' } });
      fireEvent.click(screen.getByTestId('publish-confirm'));
      const link = await screen.findAllByTestId('article-public-url');
      expect(link[0].getAttribute('href')).toBe('/tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx');
      expect(screen.getByTestId('article-scheduled').textContent).toBe('Hẹn đăng 15/01/2030 08:00');
      expect(screen.getByTestId('article-notice').textContent).toBe(
        'Bài sẽ tự đăng lúc 15/01/2030 08:00 (giờ Việt Nam) tại /tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx.',
      );
      expect(moves).toEqual([
        { url: '/api/v1/articles/12/submit', body: {} },
        { url: '/api/v1/articles/12/publish', body: { at: '2030-01-15T07:00:00+07:00' } },
        { url: '/api/v1/articles/12/publish', body: { at: '2030-01-15T08:00:00+07:00' } },
      ]);
    },
    SLOW,
  );

  it(
    'another province’s article is read only; an English version starts from the Vietnamese one',
    async () => {
      const sent: Record<string, unknown>[] = [];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_admin', '01'));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url === '/api/v1/articles/12') return json(200, article({ province: '01', province_name: 'Hà Nội', cover_image: null, entity_ids: [] }));
        if (url === '/api/v1/articles/13') return json(200, article({ province: '20' }));
        if (url === '/api/v1/articles' && init.method === 'POST') {
          sent.push(JSON.parse(String(init.body)));
          return json(201, article({ id: 50, lang: 'en', translation_of: 12, province: '01' }));
        }
        if (url === '/api/v1/articles/50') return json(200, article({ id: 50, lang: 'en', translation_of: 12, province: '01' }));
        return undefined;
      });
      const other = page('/news/13');
      await screen.findByText('Bạn không sửa được bài này (bài của tỉnh khác, hoặc tin toàn quốc).');
      expect(screen.queryByTestId('article-save')).toBeNull();
      expect(screen.queryByTestId('article-publish')).toBeNull();
      other.unmount();

      page('/news/new?translation_of=12');
      await screen.findByTestId('article-form');
      await waitFor(() => expect(screen.getByTestId('article-lang').textContent).toContain('Tiếng Anh'));
      await waitFor(() => expect(screen.getByTestId('article-translation-of').textContent).toContain('Liên minh HTX tỉnh gặp mặt, đối thoại với HTX'));
      fireEvent.change(screen.getByLabelText('Tiêu đề'), { target: { value: 'Province alliance meets its cooperatives' } });
      fireEvent.change(screen.getByLabelText('Tóm tắt'), { target: { value: 'Over 120 delegates attended.' } });
      fireEvent.change(screen.getByTestId('article-body'), { target: { value: 'The dialogue took place on 14 March.' } });
      fireEvent.click(screen.getByTestId('article-save'));
      await waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toEqual({
        title: 'Province alliance meets its cooperatives',
        summary: 'Over 120 delegates attended.',
        body: 'The dialogue took place on 14 March.',
        category: 'activities',
        keywords: ['đối thoại', 'hợp tác xã'],
        cover_image: null,
        entity_ids: [],
        province: '01',
        lang: 'en',
        translation_of: 12,
      });
    },
    SLOW,
  );
});

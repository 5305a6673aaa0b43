import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockApi, screenWidth, wrap } from '../../tests/support';
import { article, CATEGORIES, PROVINCES, session } from './fixtures';
import NewsPage from './NewsPage';
import { forgetCategories } from './parts';
import ReviewQueuePage from './ReviewQueuePage';

const SLOW = 90_000;

describe('news review queue and list', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetCategories();
  });

  it(
    'lists the articles in review, oldest first; publishes one now and sends another back with a note',
    async () => {
      const asked: string[] = [];
      const moves: { url: string; body: unknown }[] = [];
      let queue = [
        article({ id: 21, title: 'Bài gửi sau', status: 'in_review', updated_at: '2026-03-15T03:00:00Z' }),
        article({ id: 20, title: 'Bài gửi trước', status: 'in_review', updated_at: '2026-03-14T03:00:00Z' }),
      ];
      mockApi((url, init) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('province_admin'));
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url.startsWith('/api/v1/articles?')) {
          asked.push(url);
          return json(200, { items: queue, total: queue.length });
        }
        const m = /^\/api\/v1\/articles\/(\d+)\/(publish|return)$/.exec(url);
        if (m && init.method === 'POST') {
          moves.push({ url, body: JSON.parse(String(init.body)) });
          const id = Number(m[1]);
          queue = queue.filter((a) => a.id !== id);
          return json(200, article({ id, status: m[2] === 'publish' ? 'published' : 'draft', published_at: '2026-03-16T01:00:00Z' }));
        }
        return undefined;
      });
      wrap(<ReviewQueuePage />, '/news/review');
      const list = await screen.findByTestId('news-review-list');
      await waitFor(() => expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual(['Bài gửi trước', 'Bài gửi sau']));
      expect(asked[0]).toBe('/api/v1/articles?status=in_review&limit=100');
      expect(within(screen.getByTestId('review-20')).getByText(/Hoạt động · Lạng Sơn · bientap\.langson · Gửi lúc 14\/03\/2026 10:00/)).toBeTruthy();

      fireEvent.click(screen.getByTestId('review-publish-20'));
      await screen.findByTestId('publish-dialog');
      fireEvent.click(screen.getByTestId('publish-confirm'));
      const notice = await screen.findByTestId('review-notice');
      expect(notice.textContent).toContain('Đã đăng “Liên minh HTX tỉnh gặp mặt, đối thoại với HTX”:');
      expect(within(notice).getByTestId('review-public-url').getAttribute('href')).toBe('/tin-tuc/lien-minh-htx-tinh-gap-mat-doi-thoai-voi-htx');
      await waitFor(() => expect(screen.queryByTestId('review-20')).toBeNull());

      fireEvent.click(screen.getByTestId('review-return-21'));
      await screen.findByTestId('return-dialog');
      fireEvent.click(screen.getByTestId('return-confirm'));
      expect(await screen.findByText('Hãy ghi rõ cần sửa gì.')).toBeTruthy();
      fireEvent.change(screen.getByLabelText('Ghi chú cho người viết'), { target: { value: '  Bổ sung số liệu của năm 2025.  ' } });
      fireEvent.click(screen.getByTestId('return-confirm'));
      await waitFor(() => expect(screen.getByTestId('news-review-empty').textContent).toBe('Không có bài nào chờ duyệt.'));
      expect(moves).toEqual([
        { url: '/api/v1/articles/20/publish', body: {} },
        { url: '/api/v1/articles/21/return', body: { note: 'Bổ sung số liệu của năm 2025.' } },
      ]);
    },
    SLOW,
  );

  it(
    'is not for a province officer, who submits but does not publish',
    async () => {
      mockApi((url) => (url.startsWith('/api/v1/session') ? json(200, session('province_officer')) : undefined));
      wrap(<ReviewQueuePage />, '/news/review');
      expect(await screen.findByText(/Trang này dành cho người duyệt tin/)).toBeTruthy();
    },
    SLOW,
  );

  it(
    'filters the list by status, category and province, and shows scheduled articles with their time',
    async () => {
      const asked: string[] = [];
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
        if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
        if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
        if (url.startsWith('/api/v1/articles?')) {
          asked.push(url);
          return json(200, {
            items: [article({ id: 30, status: 'published', scheduled: true, published_at: '2026-12-24T01:00:00Z', views: 0 }), article({ id: 31, status: 'published', views: 827, published_at: '2026-03-15T01:00:00Z' })],
            total: 2,
          });
        }
        return undefined;
      });
      wrap(<NewsPage />, '/news?status=published');
      await screen.findByTestId('article-30', {}, { timeout: 15_000 }); // the table's first rendering, slow on a loaded machine
      expect(screen.getByTestId('article-30').textContent).toContain('Hẹn đăng 24/12/2026 08:00');
      expect(screen.getByTestId('article-31').textContent).toContain('827');
      fireEvent.mouseDown(screen.getByLabelText('Chuyên mục'));
      fireEvent.click((await screen.findAllByTitle('Chính sách')).at(-1)!);
      fireEvent.mouseDown(screen.getByLabelText('Tỉnh/thành'));
      fireEvent.click((await screen.findAllByTitle('Lạng Sơn')).at(-1)!);
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/articles?status=published&category=policy&province=20&limit=20&page=1'), { timeout: 15_000 });
      expect(asked[0]).toBe('/api/v1/articles?status=published&limit=20&page=1');
    },
    SLOW,
  );

  it(
    'on a phone shows cards and folds the filters away',
    async () => {
      const restore = screenWidth(360);
      try {
        mockApi((url) => {
          if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
          if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
          if (url === '/api/v1/news-categories') return json(200, { items: CATEGORIES });
          if (url.startsWith('/api/v1/articles?')) return json(200, { items: [article({ id: 30, status: 'in_review' })], total: 1 });
          return undefined;
        });
        wrap(<NewsPage />, '/news');
        const card = await screen.findByTestId('article-30');
        expect(card.tagName).toBe('LI');
        expect(card.textContent).toContain('Chờ duyệt');
        expect(card.textContent).toContain('Hoạt động · Lạng Sơn');
        expect(screen.getByTestId('news-filters').tagName).toBe('DETAILS');
        // A province officer writes but does not review.
        expect(screen.queryByTestId('news-review-link')).toBeNull();
      } finally {
        restore();
      }
    },
    SLOW,
  );
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { session, THEMES } from './fixtures';
import { forgetThemes } from './parts';
import PetitionAnswersPage from './PetitionAnswersPage';

const SLOW = 90_000;

const ANSWER = {
  id: 12,
  theme: 'land',
  province: '20',
  province_name: 'Lạng Sơn',
  raised_on: '2026-03-14',
  content: 'Đề nghị giao đất sản xuất lâu dài cho HTX.',
  answer: 'UBND tỉnh đã chỉ đạo Sở Nông nghiệp và Môi trường rà soát, giao đất trong quý II.',
  answered_on: '2026-04-02',
};

describe('public answers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetThemes();
  });

  it(
    'lists questions with their answers and dates, searched without diacritics and by theme',
    async () => {
      const asked: string[] = [];
      mockApi((url) => {
        if (url.startsWith('/api/v1/session')) return json(200, session('partner', null));
        if (url === '/api/v1/petition-themes') return json(200, { items: THEMES });
        if (url.startsWith('/api/v1/petitions/answers')) {
          asked.push(url);
          return json(200, url.includes('q=') && !url.includes('giao+dat') ? { items: [], total: 0 } : { items: [ANSWER], total: 1 });
        }
        return undefined;
      });
      wrap(
        <Routes>
          <Route path="/petitions/answers" element={<PetitionAnswersPage />} />
        </Routes>,
        '/petitions/answers',
      );
      const item = await screen.findByTestId('qa-12');
      expect(within(item).getByText(ANSWER.content)).toBeTruthy();
      expect(within(item).getByText(ANSWER.answer)).toBeTruthy();
      expect(within(item).getByText('Trả lời ngày 02/04/2026')).toBeTruthy();
      expect(await within(item).findByText('Đất đai')).toBeTruthy();
      expect(within(item).getByText('Lạng Sơn')).toBeTruthy();
      expect(asked[0]).toBe('/api/v1/petitions/answers?limit=20&offset=0');
      // A partner reads it, without the way back to a list it has not.
      expect(screen.queryByRole('link', { name: /Về danh sách kiến nghị/ })).toBeNull();
      fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: 'giao dat' } });
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/petitions/answers?q=giao+dat&limit=20&offset=0'));
      fireEvent.mouseDown(screen.getByLabelText('Lĩnh vực'));
      fireEvent.click((await screen.findAllByTitle('Đất đai')).at(-1)!);
      await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/petitions/answers?q=giao+dat&theme=land&limit=20&offset=0'));
      fireEvent.change(screen.getByLabelText('Tìm kiếm'), { target: { value: 'khong co' } });
      expect(await screen.findByText('Không có câu trả lời nào phù hợp.')).toBeTruthy();
    },
    SLOW,
  );
});

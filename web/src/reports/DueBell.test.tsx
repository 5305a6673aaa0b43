import { act, fireEvent, screen, within } from '@testing-library/react';
import { Link, Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import DueBell, { NAV_REFRESH, POLL_INTERVAL } from './DueBell';
import { dueItem, session } from './fixtures';

const ITEMS = [
  dueItem({ period: '2026S2', due_date: '2027-01-10', days_left: 36, report_id: null }),
  dueItem({ period: '2026M01-09', due_date: '2026-10-10', days_left: -56, overdue: true, report_id: 12 }),
  dueItem({
    form: 'women_coop_plan', form_name: 'Kế hoạch phát triển HTX do phụ nữ quản lý', period: '2026', due_date: '2026-12-15', days_left: 10,
    report_id: 15, action: 'review',
  }),
  dueItem({ form: 'coop_annual', form_name: undefined, period: '2026', entity_id: 44, entity_name: 'HTX Nông nghiệp Tân Thanh', due_date: '2026-12-19', days_left: 14 }),
];

function show() {
  return wrap(
    <>
      <DueBell />
      <Routes>
        <Route path="*" element={<Link to="/elsewhere">đi</Link>} />
      </Routes>
    </>,
    '/reports',
  );
}

describe('due bell', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('counts the reports overdue or due within 14 days and lists all by due date, overdue in red words', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/reports/due') return json(200, { total: ITEMS.length, items: ITEMS });
      return undefined;
    });
    show();
    const bell = await screen.findByRole('button', { name: 'Báo cáo cần làm: 3 việc sắp đến hạn hoặc quá hạn' });
    expect(screen.getByTestId('due-bell-count').textContent).toBe('3');
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(bell);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByTestId('due-bell-panel');
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.due-bell-unit')!.textContent)).toEqual([
      'Lạng Sơn · Tháng 1–9/2026',
      'Lạng Sơn · Năm 2026',
      'HTX Nông nghiệp Tân Thanh · Năm 2026',
      'Lạng Sơn · 6 tháng cuối năm 2026',
    ]);
    // Overdue: in red and in words; the others count the days left.
    const overdue = items[0].querySelector('.overdue')!;
    expect(overdue.textContent).toBe('⚠ Quá hạn 56 ngày');
    expect(items[1].textContent).toContain('Còn 10 ngày');
    expect(items[1].textContent).toContain('Cần duyệt');
    // Names from the answer, the code when the answer has none.
    expect(items[1].querySelector('.due-bell-form')!.textContent).toBe('Kế hoạch phát triển HTX do phụ nữ quản lý');
    expect(items[2].querySelector('.due-bell-form')!.textContent).toBe('coop_annual');
    // A report opens; one not created yet opens "Báo cáo của tôi", where it is created.
    expect(within(items[0]).getByRole('link').getAttribute('href')).toBe('/reports/12');
    expect(within(items[3]).getByRole('link').getAttribute('href')).toBe('/reports');
    expect(items[3].textContent).toContain('Chưa lập');
    // Escape closes it and gives the focus back to the bell.
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('due-bell-panel')).toBeNull();
    expect(document.activeElement).toBe(bell);
  });

  it('has no badge when nothing is urgent, and fetches again every 5 minutes and on navigation at most once a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/reports/due') {
        calls++;
        return json(200, { total: 1, items: [dueItem({ days_left: 30 })] });
      }
      return undefined;
    });
    show();
    await screen.findByRole('button', { name: 'Báo cáo cần làm: 0 việc sắp đến hạn hoặc quá hạn' });
    expect(screen.queryByTestId('due-bell-count')).toBeNull();
    expect(calls).toBe(1);
    // A navigation within the minute: no new call.
    fireEvent.click(screen.getByRole('link', { name: 'đi' }));
    expect(calls).toBe(1);
    await act(async () => {
      vi.advanceTimersByTime(POLL_INTERVAL);
    });
    expect(calls).toBe(2);
    expect(NAV_REFRESH).toBe(60_000);
  });
});

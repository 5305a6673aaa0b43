import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import { FORM, report, session } from './fixtures';
import MyReportsPage from './MyReportsPage';
import { resetFormsCache } from './parts';

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

describe('my reports', () => {
  beforeEach(() => resetFormsCache());
  afterEach(() => vi.restoreAllMocks());

  it('lists what is due (overdue in words), creates a due report and opens it', async () => {
    const created: unknown[] = [];
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url === '/api/v1/report-forms') return json(200, { total: 1, items: [FORM] });
      if (url === '/api/v1/reports/due')
        return json(200, {
          total: 2,
          items: [
            { form: 'province_development', period: '2026S2', province: '15', entity_id: null, due_date: '2027-01-10', days_left: 5, overdue: false, report_id: 12, action: 'fill' },
            { form: 'province_development', period: '2026M01-09', province: '15', entity_id: null, due_date: '2026-10-10', days_left: -56, overdue: true, report_id: null, action: 'fill' },
          ],
        });
      if (url === '/api/v1/reports' && init.method === 'POST') {
        created.push(JSON.parse(String(init.body)));
        return json(201, report({ id: 99 }));
      }
      if (url.startsWith('/api/v1/reports?')) return json(200, { total: 1, items: [report({ id: 12, period: '2026S2', province: '15', due_date: '2027-01-10' })] });
      return undefined;
    });
    wrap(
      <Routes>
        <Route path="/reports" element={<MyReportsPage />} />
        <Route path="/reports/:id" element={<Where />} />
      </Routes>,
      '/reports',
    );
    const due = await screen.findByTestId('due-list');
    const rows = await within(due).findAllByRole('row');
    // Ordered by due date: the overdue one first, in red with words.
    expect(rows[1].textContent).toContain('Tháng 1–9/2026');
    expect(within(rows[1]).getByTestId('overdue').textContent).toContain('Quá hạn 56 ngày');
    expect(rows[2].textContent).toContain('Còn 5 ngày');
    await waitFor(() => expect(rows[1].textContent).toContain('Lào Cai'));
    expect(within(rows[2]).getByRole('link', { name: 'Mở báo cáo' }).getAttribute('href')).toBe('/reports/12');
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Lập báo cáo' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/reports/99'));
    expect(created).toEqual([{ form: 'province_development', period: '2026M01-09', province: '15' }]);
  });
});

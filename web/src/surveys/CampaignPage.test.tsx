import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import CampaignPage from './CampaignPage';
import { campaign, PROVINCES, session, TARGETS } from './fixtures';

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys/campaigns/:id" element={<CampaignPage />} />
    </Routes>,
    '/surveys/campaigns/4',
  );

describe('campaign page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the figures, the targets with their personal links, the mailing list, and copies a link', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      asked.push(url);
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer'));
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
      if (url === '/api/v1/survey-campaigns/4') return json(200, campaign());
      if (url.startsWith('/api/v1/survey-campaigns/4/targets')) {
        const responded = new URL(url, 'http://x').searchParams.get('responded');
        return json(200, { items: TARGETS.filter((x) => responded === null || (responded === 'true') === !!x.responded_at), total: 2 });
      }
      return undefined;
    });
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    page();
    expect((await screen.findByTestId('campaign-title')).textContent).toBe('Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026');
    expect(screen.getByTestId('campaign-targets').textContent).toContain('37');
    expect(screen.getByTestId('campaign-responses').textContent).toContain('21');
    expect(screen.getByTestId('campaign-rate').textContent).toContain('56,8 %');
    expect(screen.getByTestId('campaign-period').textContent).toBe('01/11/2026 – 15/12/2026');
    expect(screen.getByTestId('campaign-status').textContent).toBe('Đang mở');
    const first = await screen.findByTestId('target-5');
    expect(within(first).getByRole('link', { name: 'Hợp tác xã Nông nghiệp Yên Phong' }).getAttribute('href')).toBe('/registry/5');
    expect(within(first).getByTestId('target-responded').textContent).toContain('(qua link)');
    expect(within(first).getByTestId('target-link').textContent).toBe(`${window.location.origin}/s/Q2xhc3NpYy10b2tlbi0x`);
    const second = screen.getByTestId('target-9');
    expect(within(second).getByText('Chưa trả lời')).toBeTruthy();
    fireEvent.click(within(second).getByRole('button', { name: 'Chép link của HTX Dịch vụ Tiên Du' }));
    await within(second).findByText('Đã chép đường link.');
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/s/Q2xhc3NpYy10b2tlbi0y`);
    expect(screen.getByRole('link', { name: 'Danh sách đường link (CSV)' }).getAttribute('href')).toBe('/api/v1/survey-campaigns/4/links?format=csv');
    expect(screen.getByRole('link', { name: 'Danh sách đường link (XLSX)' }).getAttribute('href')).toBe('/api/v1/survey-campaigns/4/links?format=xlsx');
    expect(screen.getByRole('link', { name: 'Xem kết quả' }).getAttribute('href')).toBe('/surveys/campaigns/4/results');
    // Only those who have not answered.
    fireEvent.click(screen.getByText('Chưa trả lời', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(asked).toContain('/api/v1/survey-campaigns/4/targets?responded=false&offset=0&limit=50'));
    await waitFor(() => expect(screen.queryByTestId('target-5')).toBeNull());
  });

  it('closes the campaign early after a confirmation', async () => {
    let closed = false;
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
      if (url === '/api/v1/survey-campaigns/4/close' && init.method === 'POST') {
        closed = true;
        return json(200, campaign({ status: 'closed', closed_early_on: '2026-12-05' }));
      }
      if (url === '/api/v1/survey-campaigns/4') return json(200, closed ? campaign({ status: 'closed', closed_early_on: '2026-12-05' }) : campaign());
      if (url.startsWith('/api/v1/survey-campaigns/4/targets')) return json(200, { items: [], total: 0 });
      return undefined;
    });
    page();
    fireEvent.click(await screen.findByTestId('campaign-close'));
    const confirm = await screen.findByText(/^Đóng đợt khảo sát “Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026” ngay hôm nay\?/);
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: 'Xác nhận' }));
    expect(await screen.findByText('Đã đóng đợt khảo sát.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('campaign-status').textContent).toBe('Đã đóng'));
    expect(screen.getByTestId('campaign-period').textContent).toBe('01/11/2026 – 15/12/2026 (Đóng sớm ngày 05/12/2026)');
    expect(screen.queryByTestId('campaign-close')).toBeNull();
  });
});

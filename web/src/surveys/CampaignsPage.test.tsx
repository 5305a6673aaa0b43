import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import CampaignsPage from './CampaignsPage';
import { campaign, PROVINCES, session } from './fixtures';

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys/campaigns" element={<CampaignsPage />} />
    </Routes>,
    '/surveys/campaigns',
  );

describe('campaigns page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the campaigns with status, year, scope and response rate, filtered by status', async () => {
    const asked: string[] = [];
    mockApi((url) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
      if (url.startsWith('/api/v1/survey-campaigns')) {
        asked.push(url);
        return json(200, { items: [campaign(), campaign({ id: 5, status: 'closed', scope: { province: null, kinds: [], sectors: [] }, targets: 0, responses: 0, response_rate: null })], total: 2 });
      }
      return undefined;
    });
    page();
    const row = await screen.findByTestId('campaign-4');
    expect(within(row).getByRole('link', { name: 'Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026' }).getAttribute('href')).toBe('/surveys/campaigns/4');
    expect(within(row).getByText('Đang mở')).toBeTruthy();
    expect(within(row).getByText('01/11/2026 – 15/12/2026')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('Bắc Ninh · Hợp tác xã · Nông nghiệp')).toBeTruthy());
    expect(row.textContent).toContain('56,8 %');
    expect(row.textContent).toContain('(21/37)');
    const closed = screen.getByTestId('campaign-5');
    expect(within(closed).getByText('Đã đóng')).toBeTruthy();
    expect(within(closed).getByText('Cả nước · Mọi loại hình · Mọi lĩnh vực')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText('Trạng thái'));
    fireEvent.click((await screen.findAllByTitle('Đã đóng')).at(-1)!);
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/survey-campaigns?limit=500&status=closed'));
  });
});

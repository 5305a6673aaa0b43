import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { json, mockApi, wrap } from '../../tests/support';
import CampaignFormPage from './CampaignFormPage';
import { campaign, PROVINCES, session, SUMMARY } from './fixtures';

const page = () =>
  wrap(
    <Routes>
      <Route path="/surveys/campaigns/new" element={<CampaignFormPage />} />
      <Route path="/surveys/campaigns/:id" element={<div>campaign page</div>} />
    </Routes>,
    '/surveys/campaigns/new?questionnaire=2',
  );

async function typeDate(label: string, text: string) {
  const field = screen.getByLabelText(label);
  fireEvent.mouseDown(field);
  fireEvent.change(field, { target: { value: text } });
  fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(field);
}

describe('campaign form', () => {
  afterEach(() => vi.restoreAllMocks());

  it('creates a province account’s campaign in its own province, with the kinds and sectors chosen', async () => {
    const bodies: unknown[] = [];
    let noTargets = true;
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('province_officer', '24'));
      if (url.startsWith('/api/v1/admin-units')) return json(200, { items: PROVINCES });
      if (url.startsWith('/api/v1/surveys')) return json(200, { items: [SUMMARY], total: 1 });
      if (url === '/api/v1/survey-campaigns' && init.method === 'POST') {
        bodies.push(JSON.parse(String(init.body)));
        if (noTargets)
          return json(422, {
            error: { code: 'validation', message: 'Dữ liệu không hợp lệ.', fields: [{ field: 'scope', code: 'field.campaign_no_targets', message: 'Không có tổ chức đang hoạt động nào trong phạm vi này.' }] },
          });
        return json(201, campaign());
      }
      return undefined;
    });
    page();
    const form = await screen.findByTestId('campaign-form');
    // The questionnaire from the address, the province fixed to the account's.
    await within(form).findByText('Khảo sát mức độ hài lòng của HTX năm 2026 (hailong_2026 v1)');
    await waitFor(() => expect(within(form).getByText('Bắc Ninh')).toBeTruthy());
    expect(screen.getByText('Đợt khảo sát của tài khoản cấp tỉnh chỉ trong tỉnh của mình.')).toBeTruthy();
    expect(within(form).getByText('Hợp tác xã')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tên đợt khảo sát'), { target: { value: 'Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026' } });
    await typeDate('Ngày mở', '01/11/2026');
    await typeDate('Ngày đóng', '15/12/2026');
    fireEvent.mouseDown(screen.getByLabelText('Lĩnh vực'));
    fireEvent.click((await screen.findAllByTitle('Nông nghiệp')).at(-1)!);
    fireEvent.click(screen.getByTestId('campaign-submit'));
    expect((await screen.findByTestId('campaign-form-error')).textContent).toContain('Không có tổ chức đang hoạt động nào trong phạm vi này.');
    expect(bodies[0]).toEqual({
      questionnaire_id: 2,
      title: { vi: 'Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026', en: '' },
      year: new Date().getFullYear(),
      opens_on: '2026-11-01',
      closes_on: '2026-12-15',
      scope: { province: '24', kinds: ['cooperative'], sectors: ['agriculture'] },
    });
    noTargets = false;
    fireEvent.click(screen.getByTestId('campaign-submit'));
    expect(await screen.findByText('campaign page')).toBeTruthy();
  }, 90_000);

  it('puts a field error next to its field', async () => {
    mockApi((url, init) => {
      if (url.startsWith('/api/v1/session')) return json(200, session('national_admin', null));
      if (url.startsWith('/api/v1/surveys')) return json(200, { items: [SUMMARY], total: 1 });
      if (url === '/api/v1/survey-campaigns' && init.method === 'POST')
        return json(422, { error: { code: 'validation', message: 'x', fields: [{ field: 'closes_on', code: 'field.date_order', message: 'Ngày đóng phải sau ngày mở.' }] } });
      return undefined;
    });
    page();
    await screen.findByText('Khảo sát mức độ hài lòng của HTX năm 2026 (hailong_2026 v1)');
    await typeDate('Ngày mở', '15/12/2026');
    await typeDate('Ngày đóng', '01/11/2026');
    fireEvent.click(screen.getByTestId('campaign-submit'));
    expect(await screen.findByText('Ngày đóng phải sau ngày mở.')).toBeTruthy();
    expect(screen.queryByTestId('campaign-form-error')).toBeNull();
  }, 90_000);
});

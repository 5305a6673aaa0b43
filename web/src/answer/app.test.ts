// The answer page in jsdom against a fake /s/{token}: each question type, skip logic, the answers
// kept on the device, the offline queue sent on `online`, and the server's refusals in words.
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { start, type AnswerApp } from './app';
import { answerPage } from './fixtures';
import type { AnswerPage } from './types';

const TOKEN = 'Zm9vYmFyLXRva2VuLTEyMzQ1Ng';
type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const posts: { url: string; body: unknown; headers: Record<string, string> }[] = [];
let apps: AnswerApp[] = [];

function serve(get: () => Response, post: (body: unknown) => Response | Promise<Response> = () => json(200, { received_at: '2026-12-05T09:30:00Z', updated_at: '2026-12-05T09:30:00Z', updated: false })) {
  const handler: Handler = (url, init) => {
    expect(url).toBe(`/s/${TOKEN}`);
    if ((init.method ?? 'GET') === 'POST') {
      const body = JSON.parse(String(init.body));
      posts.push({ url, body, headers: init.headers as Record<string, string> });
      return post(body);
    }
    expect((init.headers as Record<string, string>).Accept).toBe('application/json');
    return get();
  };
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => handler(String(input), init ?? {}));
}

async function mount(): Promise<HTMLElement> {
  document.body.innerHTML = '<div id="answer"></div>';
  const root = document.getElementById('answer')!;
  const app = start(root, TOKEN);
  apps.push(app);
  await app.ready;
  return root;
}

const question = (name: string) => document.getElementById(`q-${name}`)!;
const visible = (name: string) => !question(name).hidden && !question(name).closest('section')!.hidden;
const choice = (name: string, value: string) => question(name).querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
const kept = () => JSON.parse(localStorage.getItem(`hoptac.survey.${TOKEN}`) ?? '{}');

function answerAll() {
  fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '120' } });
  fireEvent.click(within(question('supported')).getByLabelText('Có'));
  fireEvent.click(within(question('kinds')).getByLabelText('Vốn vay'));
  fireEvent.click(choice('q_overall', '4'));
}

describe('the answer page', () => {
  beforeEach(() => {
    localStorage.clear();
    posts.length = 0;
    document.documentElement.lang = 'vi';
  });
  afterEach(() => {
    for (const a of apps) a.stop();
    apps = [];
    vi.restoreAllMocks();
  });

  it('shows the campaign, the entity, the closing date and every question type', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Khảo sát mức độ hài lòng của HTX tỉnh Bắc Ninh năm 2026');
    expect(screen.getByTestId('answer-entity').textContent).toBe('Hợp tác xã Nông nghiệp Yên Phong');
    expect(screen.getByTestId('answer-closes').textContent).toBe('Hạn trả lời: hết ngày 15/12/2026');
    expect([...document.querySelectorAll('h2')].map((e) => e.textContent)).toEqual(['Phần 1. Thông tin chung', 'Phần 2. Mức độ hài lòng', 'Phần 3. Góp ý']);
    // Part 2 is asked when support was received.
    expect(screen.getAllByRole('heading', { level: 2 }).map((e) => e.textContent)).toEqual(['Phần 1. Thông tin chung', 'Phần 3. Góp ý']);
    // note: text only
    expect(question('intro').textContent).toBe('Xin cảm ơn quý HTX đã dành thời gian trả lời.');
    expect(question('intro').querySelector('input, textarea')).toBeNull();
    // integer: numeric keyboard, required, its hint linked
    const members = screen.getByLabelText(/Số thành viên của HTX/) as HTMLInputElement;
    expect(members.getAttribute('inputmode')).toBe('numeric');
    expect(members.getAttribute('aria-required')).toBe('true');
    expect(document.getElementById(members.getAttribute('aria-describedby')!)!.textContent).toBe('Tính đến ngày 30/11.');
    expect(question('members').querySelector('.sv-req')!.textContent).toBe(' * (bắt buộc)');
    // decimal: the decimal comma explained
    const revenue = screen.getByLabelText('Doanh thu năm trước (tỷ đồng)') as HTMLInputElement;
    expect(revenue.getAttribute('inputmode')).toBe('decimal');
    expect(document.getElementById(revenue.getAttribute('aria-describedby')!)!.textContent).toContain('2,5');
    // yes_no: a group of two radios with its legend
    const supported = within(question('supported')).getByRole('group');
    expect(supported.querySelector('legend')!.textContent).toContain('HTX có nhận hỗ trợ của Liên minh trong năm không?');
    expect(within(supported).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['yes', 'no']);
    // multiple: checkboxes; likert: five worded radios; single: radios; long text: a text area
    fireEvent.click(within(supported).getByLabelText('Có'));
    expect(within(question('kinds')).getAllByRole('checkbox')).toHaveLength(3);
    const overall = within(question('q_overall')).getAllByRole('radio') as HTMLInputElement[];
    expect(overall.map((r) => r.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(overall.map((r) => r.closest('label')!.textContent)).toEqual(['1Rất không hài lòng', '2Không hài lòng', '3Bình thường', '4Hài lòng', '5Rất hài lòng']);
    expect(within(question('channel')).getAllByRole('radio')).toHaveLength(2);
    expect(screen.getByLabelText('Góp ý khác').tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText(/Vì sao HTX chưa nhận hỗ trợ/, { selector: 'input' }).getAttribute('type')).toBe('text');
  });

  it('applies the skip logic as questions are answered', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    expect(visible('kinds')).toBe(false);
    expect(visible('why_not')).toBe(false);
    expect(visible('q_overall')).toBe(false);
    expect(visible('big')).toBe(false);
    fireEvent.click(within(question('supported')).getByLabelText('Không'));
    expect(visible('why_not')).toBe(true);
    expect(visible('kinds')).toBe(false);
    fireEvent.click(within(question('supported')).getByLabelText('Có'));
    expect(visible('why_not')).toBe(false);
    expect(visible('kinds')).toBe(true);
    expect(visible('q_overall')).toBe(true);
    expect(visible('q_training')).toBe(false);
    fireEvent.click(within(question('kinds')).getByLabelText('Đào tạo, tập huấn'));
    expect(visible('q_training')).toBe(true);
    fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '150' } });
    expect(visible('big')).toBe(true);
    fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '99' } });
    expect(visible('big')).toBe(false);
  });

  it('switches to English, Vietnamese where a text has no English', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('answer-lang'));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bac Ninh cooperatives’ satisfaction survey 2026');
    expect(screen.getByTestId('answer-closes').textContent).toBe('Open until the end of 15/12/2026');
    const members = screen.getByLabelText(/Number of members/) as HTMLInputElement;
    expect(members.value).toBe('7');
    // The hint has no English: the Vietnamese.
    expect(document.getElementById(members.getAttribute('aria-describedby')!)!.textContent).toBe('Tính đến ngày 30/11.');
    fireEvent.click(within(question('supported')).getByLabelText('Yes'));
    expect(within(question('channel')).getByLabelText('Zalo')).toBeTruthy();
    expect(screen.getByTestId('answer-send').textContent).toBe('Send the answers');
    fireEvent.click(screen.getByTestId('answer-lang'));
    expect(screen.getByTestId('answer-send').textContent).toBe('Gửi câu trả lời');
  });

  it('keeps the answers on the device on every change and restores them on reload', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    answerAll();
    fireEvent.input(screen.getByLabelText('Doanh thu năm trước (tỷ đồng)'), { target: { value: '2,5' } });
    expect(kept().draft.state).toMatchObject({ members: '120', supported: 'yes', kinds: ['credit'], q_overall: '4', revenue: '2,5' });
    expect(kept().draft.queued).toBe(false);
    await mount();
    expect((screen.getByLabelText(/Số thành viên của HTX/) as HTMLInputElement).value).toBe('120');
    expect((within(question('supported')).getByLabelText('Có') as HTMLInputElement).checked).toBe(true);
    expect((within(question('kinds')).getByLabelText('Vốn vay') as HTMLInputElement).checked).toBe(true);
    expect(choice('q_overall', '4').checked).toBe(true);
    expect((screen.getByLabelText('Doanh thu năm trước (tỷ đồng)') as HTMLInputElement).value).toBe('2,5');
    expect(visible('kinds')).toBe(true);
    expect(screen.getByTestId('answer-notice').textContent).toContain('Các câu trả lời chưa gửi đã được khôi phục từ máy này.');
  });

  it('prefills an earlier response and says when it was received and until when it can be changed', async () => {
    const page: AnswerPage = answerPage({
      response: { answers: { members: 40, revenue: 1.5, supported: 'yes', kinds: ['training', 'market'], q_training: 5, q_overall: 3 }, received_at: '2026-11-20T01:15:00Z', updated_at: '2026-11-20T01:15:00Z' },
    });
    serve(() => json(200, page));
    await mount();
    expect(screen.getByTestId('answer-received').textContent).toBe('Đã nhận câu trả lời của quý HTX lúc 08:15 ngày 20/11/2026; có thể sửa đến hết ngày 15/12/2026.');
    expect((screen.getByLabelText(/Số thành viên của HTX/) as HTMLInputElement).value).toBe('40');
    expect((screen.getByLabelText('Doanh thu năm trước (tỷ đồng)') as HTMLInputElement).value).toBe('1,5');
    expect(choice('q_training', '5').checked).toBe(true);
    expect((within(question('kinds')).getByLabelText('Xúc tiến thương mại') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('answer-send').textContent).toBe('Gửi lại câu trả lời đã sửa');
  });

  it('checks required answers before sending: the errors on their questions, the first one focused, nothing sent', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '12,5' } });
    fireEvent.click(screen.getByTestId('answer-send'));
    await waitFor(() => expect(screen.getByTestId('answer-status').textContent).toContain('Còn 2 câu chưa trả lời hoặc chưa đúng'));
    const members = screen.getByLabelText(/Số thành viên của HTX/);
    expect(members.getAttribute('aria-invalid')).toBe('true');
    const described = members.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(['Tính đến ngày 30/11.', 'Vui lòng nhập một số nguyên, ví dụ 12.']);
    expect(document.activeElement).toBe(members);
    const group = within(question('supported')).getByRole('group');
    expect(document.getElementById(group.getAttribute('aria-describedby')!)!.textContent).toBe('Vui lòng trả lời câu hỏi này.');
    expect(posts).toHaveLength(0);
    // Answered: the mark goes.
    fireEvent.click(within(question('supported')).getByLabelText('Không'));
    expect(question('supported').classList.contains('sv-q-error')).toBe(false);
    expect(group.hasAttribute('aria-describedby')).toBe(false);
  });

  it('sends the asked answers and says when they were received', async () => {
    serve(
      () => json(200, answerPage()),
      () => json(200, { received_at: '2026-12-05T09:30:00Z', updated_at: '2026-12-05T09:30:00Z', updated: false }),
    );
    await mount();
    answerAll();
    fireEvent.input(screen.getByLabelText(/Số thành viên của HTX/), { target: { value: '1.200' } });
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByText('Đã nhận lúc 16:30 ngày 05/12/2026. Cảm ơn quý HTX đã trả lời khảo sát.');
    expect(posts[0].body).toEqual({ campaign_id: 4, answers: { members: 1200, supported: 'yes', kinds: ['credit'], q_overall: 4 } });
    expect(posts[0].headers['Content-Type']).toBe('application/json');
    expect(kept().draft).toBeUndefined();
    expect(screen.getByTestId('answer-received').textContent).toContain('lúc 16:30 ngày 05/12/2026');
  });

  it('sends a signed-in cooperative’s CSRF token with its answers and never keeps it on the device', async () => {
    serve(() => json(200, { ...answerPage(), csrf_token: 'csrf-of-the-session' }));
    await mount();
    expect(JSON.stringify(kept())).not.toContain('csrf-of-the-session');
    answerAll();
    expect(JSON.stringify(kept())).not.toContain('csrf-of-the-session');
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByTestId('answer-received');
    expect(posts[0].headers['X-CSRF-Token']).toBe('csrf-of-the-session');
  });

  it('sends no CSRF header from a link opened without an account', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    answerAll();
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByTestId('answer-received');
    expect(posts[0].headers['X-CSRF-Token']).toBeUndefined();
  });

  it('says the answers were updated when they replaced earlier ones', async () => {
    serve(
      () => json(200, answerPage({ response: { answers: { members: 3, supported: 'no' }, received_at: '2026-11-20T01:15:00Z', updated_at: '2026-11-20T01:15:00Z' } })),
      () => json(200, { received_at: '2026-11-20T01:15:00Z', updated_at: '2026-12-05T09:30:00Z', updated: true }),
    );
    await mount();
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByText('Đã nhận lúc 16:30 ngày 05/12/2026: câu trả lời đã được cập nhật. Cảm ơn quý HTX.');
    expect(posts[0].body).toEqual({ campaign_id: 4, answers: { members: 3, supported: 'no' } });
  });

  it('queues the answers offline and sends them on the `online` event', async () => {
    serve(() => json(200, answerPage()));
    await mount();
    answerAll();
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByText('Đang ngoại tuyến — câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.');
    expect(posts).toHaveLength(0);
    expect(kept().draft.queued).toBe(true);
    online.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await screen.findByText(/^Đã nhận lúc 16:30 ngày 05\/12\/2026/);
    expect(posts).toHaveLength(1);
    expect(kept().draft).toBeUndefined();
  });

  it('queues the answers when the network fails, and sends them on the next load', async () => {
    let down = true;
    serve(
      () => json(200, answerPage()),
      () => {
        if (down) throw new TypeError('Failed to fetch');
        return json(200, { received_at: '2026-12-05T09:30:00Z', updated_at: '2026-12-05T09:30:00Z', updated: false });
      },
    );
    await mount();
    answerAll();
    fireEvent.click(screen.getByTestId('answer-send'));
    await screen.findByText(/^Đang ngoại tuyến/);
    expect(kept().draft.queued).toBe(true);
    apps[0].stop();
    down = false;
    await mount();
    expect(posts).toHaveLength(2);
    await screen.findByText(/^Đã nhận lúc 16:30/);
    expect(kept().draft).toBeUndefined();
  });

  it('shows the questionnaire kept on the device when it cannot be loaded', async () => {
    let up = true;
    serve(() => {
      if (!up) throw new TypeError('Failed to fetch');
      return json(200, answerPage());
    });
    await mount();
    up = false;
    await mount();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Bắc Ninh');
  });

  it('places the server’s field errors on their questions', async () => {
    serve(
      () => json(200, answerPage()),
      () =>
        json(422, {
          error: {
            code: 'validation',
            message: 'Dữ liệu không hợp lệ.',
            fields: [
              { field: 'answers.q_overall', code: 'field.out_of_range', message: 'Giá trị phải từ 1 đến 5.' },
              { field: 'campaign_id', code: 'field.required', message: 'Thiếu mã đợt khảo sát.' },
            ],
          },
        }),
    );
    await mount();
    answerAll();
    fireEvent.click(screen.getByTestId('answer-send'));
    await waitFor(() => expect(question('q_overall').querySelector('.sv-error-text')!.textContent).toBe('Giá trị phải từ 1 đến 5.'));
    const group = within(question('q_overall')).getByRole('group');
    expect(document.getElementById(group.getAttribute('aria-describedby')!)!.textContent).toBe('Giá trị phải từ 1 đến 5.');
    const status = screen.getByTestId('answer-status');
    expect(status.textContent).toContain('Dữ liệu không hợp lệ.');
    expect(status.textContent).toContain('Thiếu mã đợt khảo sát.');
    expect(document.activeElement).toBe(within(question('q_overall')).getAllByRole('radio')[0]);
  });

  it.each([
    [410, { error: { code: 'survey.campaign_closed', message: 'x', fields: [], closes_on: '2026-12-01' } }, 'Đợt khảo sát đã kết thúc ngày 01/12/2026; không nhận thêm câu trả lời.'],
    [409, { error: { code: 'survey.campaign_not_open', message: 'x', fields: [], opens_on: '2026-12-10' } }, 'Đợt khảo sát chưa mở; quý HTX có thể gửi câu trả lời từ ngày 10/12/2026.'],
    [404, { error: { code: 'survey.token_unknown', message: 'x', fields: [] } }, 'Đường link khảo sát không đúng hoặc không còn dùng được.'],
  ])('says in words why the server refused (%i)', async (status, body, text) => {
    serve(
      () => json(200, answerPage()),
      () => json(status, body),
    );
    await mount();
    answerAll();
    fireEvent.click(screen.getByTestId('answer-send'));
    await waitFor(() => expect(screen.getByTestId('answer-status').textContent).toContain(text));
    expect(screen.getByTestId('answer-status').getAttribute('role')).toBe('alert');
  });

  it('says when a link is unknown or its campaign is closed or not open yet', async () => {
    serve(() => json(404, { error: { code: 'survey.token_unknown', message: 'x', fields: [] } }));
    await mount();
    expect(screen.getByTestId('answer-failed').textContent).toContain('Đường link khảo sát không đúng');
    vi.restoreAllMocks();
    const page = answerPage();
    serve(() => json(200, { ...page, campaign: { ...page.campaign, status: 'closed' } }));
    await mount();
    expect(screen.getByTestId('answer-notice').textContent).toContain('Đợt khảo sát đã kết thúc ngày 15/12/2026');
    expect((screen.getByTestId('answer-send') as HTMLButtonElement).disabled).toBe(true);
    vi.restoreAllMocks();
    serve(() => json(200, { ...page, campaign: { ...page.campaign, status: 'scheduled' } }));
    await mount();
    expect(screen.getByTestId('answer-notice').textContent).toContain('từ ngày 01/11/2026');
    expect((screen.getByTestId('answer-send') as HTMLButtonElement).disabled).toBe(true);
  });
});

// The petitions' scenarios (issue 17), against the contract /work/contracts/issue17-api.md:
//  1. petitions-workflow: Hà Nội's officer records, from a dialogue held today, a petition of a
//     seeded cooperative (the activity chosen already), assigns it to an agency (due in 30 days by
//     default), records a public answer, closes it — the step bar following each step — and the
//     Q&A finds the answer by words typed without diacritics;
//  2. petitions-cooperative: a cooperative account (made here) sends its own petition through the
//     header's "Kiến nghị", sees it with no assign/answer action, and finds it in its list;
//  3. petitions-phone: the list (an official's and a cooperative's) and a petition at 360 px,
//     nothing wider than the phone; axe on each.
// Each step waits for what the page shows after it (a notice, a tag, a test id), never for a time.
// When the server's theme names differ from the contract's example, the themes are read from
// GET /api/v1/petition-themes (themeName below), so only the UI's own texts are hard-coded here.
import assert from 'node:assert/strict';
import { ApiClient, openFromMenu } from './harness.mjs';
import { axe } from './daily.mjs';
import { PASSWORD } from './seed.mjs';
import { eventually, login, noHorizontalScroll } from './scenarios.mjs';

const PROVINCE = '01'; // Hà Nội: the seed's canbo.hanoi and E2E-HN-001
const OFFICER = 'canbo.hanoi';
const COOP_USER = 'htx.hanoi.kiennghi';
const COOP_CODE = 'E2E-HN-001';
const COOP_NAME = 'Hợp tác xã Dịch vụ Thương mại Hà Nội';
const pad = (n) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const IN_30 = (() => {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate() + 30));
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
})();

/**
 * Ticks a checkbox or radio of a dialog: clicked again while it is not ticked (under load a click
 * landed while the dialog was still opening and changed nothing: make test, stop 27).
 */
async function tick(box, what) {
  await eventually(async () => {
    if (!(await box.isChecked())) {
      await box.click();
      // The form's state settles before the box is looked at again (a second click would untick it).
      await new Promise((r) => setTimeout(r, 300));
    }
    return box.isChecked();
  }, what);
}

/** A theme's Vietnamese name as the server has it (the form's options show it). */
async function themeName(admin, code) {
  const theme = (await admin.must('GET', '/api/v1/petition-themes')).items.find((t) => t.code === code);
  assert.ok(theme, `the built-in theme ${code}`);
  return theme.name_vi;
}

/** The cooperative account of E2E-HN-001 (made once; a second run finds it). */
async function cooperativeAccount(admin, ids) {
  const r = await admin.call('POST', '/api/v1/users', {
    username: COOP_USER,
    display_name: 'Phạm Thị Thu',
    role: 'cooperative',
    entity_id: ids[COOP_CODE],
    password: PASSWORD,
  });
  // Taken already: made by an earlier scenario of this run (the server says 400 username_taken).
  const taken = r.status === 400 && r.json?.error?.fields?.some((f) => f.field === 'username' && f.code === 'username_taken');
  assert.ok(r.status === 201 || taken, `the cooperative account: ${r.status} ${JSON.stringify(r.json)}`);
}

/** Chooses `option` in the select of the form item labelled `label` inside `scope`. */
async function pick(page, scope, label, option) {
  await scope
    .locator('.ant-form-item', { has: page.getByText(label, { exact: true }) })
    .locator('.ant-select')
    .first()
    .click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

/** The step bar's items: [title, state] with state finish | process | wait. */
async function steps(page) {
  return page
    .getByTestId('petition-steps')
    .locator('.ant-steps-item')
    .evaluateAll((items) =>
      items.map((el) => [
        el.querySelector('.ant-steps-item-title')?.textContent?.trim() ?? '',
        ['finish', 'process', 'wait'].find((s) => el.className.includes(`ant-steps-item-${s}`)) ?? '?',
      ]),
    );
}

/** Waits until the step bar shows `expected` (the answer of an action redraws it). */
async function stepsAre(page, expected, what) {
  await eventually(async () => JSON.stringify(await steps(page)) === JSON.stringify(expected), `${what}: ${JSON.stringify(expected)}`);
}

const TITLES = ['Đã tiếp nhận', 'Đang xử lý', 'Đã trả lời', 'Đã đóng'];
const bar = (...states) => TITLES.map((t, i) => [t, states[i]]);

/** Opens the dialog of `button` (a test id), fills it through `fill`, saves with `ok`, waits for `notice`. */
async function act(page, button, fill, ok, notice) {
  await page.getByTestId(button).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: ok, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('petition-notice').getByText(notice).waitFor();
}

export const petitionScenarios = [
  {
    name: 'petitions-workflow',
    needs: 'petitions',
    async run(page, { base, admin, shot }) {
      const officer = await new ApiClient(base).login(OFFICER, PASSWORD);
      const land = await themeName(admin, 'land');
      const token = Date.now().toString(36);
      // A dialogue with the province's cooperatives, held today: the petition is raised there.
      const dialogue = await officer.must('POST', '/api/v1/activities', {
        type: 'dialogue',
        title: `Đối thoại giữa lãnh đạo thành phố với các hợp tác xã về mặt bằng sản xuất (${token})`,
        from: TODAY,
        to: TODAY,
        province: PROVINCE,
        organiser: 'province',
      });
      await login(page, base, OFFICER, PASSWORD);

      // "Ghi nhận kiến nghị" from the activity's section: the activity is chosen already.
      await page.goto(`${base}/app/activities/${dialogue.id}`);
      const section = page.getByTestId('activity-petitions');
      await section.waitFor();
      await section.getByTestId('activity-petition-add').click();
      const form = page.getByTestId('petition-form');
      await form.waitFor();
      await page.getByTestId('petition-from-activity').getByText(dialogue.title).waitFor();
      // The cooperative, found by its name typed without diacritics.
      await form.getByTestId('petition-entities').click();
      await page.keyboard.type('dich vu thuong mai ha noi');
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: COOP_NAME }).first().click();
      await page.keyboard.press('Escape');
      await pick(page, form, 'Lĩnh vực', land);
      const content = `Đề nghị thành phố cho hợp tác xã thuê đất dài hạn để xây nhà lưới trồng rau an toàn (${token}).`;
      await form.getByLabel('Nội dung kiến nghị', { exact: true }).fill(content);
      await pick(page, form, 'Cơ quan nhận', 'UBND');
      await form.getByLabel('Tên cơ quan', { exact: true }).fill('UBND thành phố Hà Nội');
      await shot(page, '80-kien-nghi-form-1280');
      await page.getByTestId('petition-save').click();

      // The petition: received, linked to its cooperative and its activity.
      await page.getByTestId('petition-page').waitFor();
      const code = (await page.getByTestId('petition-code').innerText()).trim();
      assert.match(code, /^KN-\d{4}-\d+$/, `the petition's code: ${code}`);
      await page.getByTestId('petition-entities').getByRole('link', { name: COOP_NAME }).waitFor();
      await page.getByTestId('petition-activity-link').getByRole('link', { name: dialogue.title }).waitFor();
      await stepsAre(page, bar('process', 'wait', 'wait', 'wait'), 'received');

      // Forwarded to an agency (an officer of the alliance is the default; the province's officials
      // are offered): due in 30 days.
      await act(
        page,
        'petition-assign',
        async (dialog) => {
          assert.equal(await dialog.getByLabel('Hạn trả lời').inputValue(), IN_30, 'due in 30 days by default');
          await dialog.getByLabel('Cán bộ', { exact: true }).waitFor();
          await tick(dialog.getByLabel('Cơ quan khác'), 'forwarded to another agency');
          await dialog.getByLabel('Cơ quan xử lý').fill('Sở Nông nghiệp và Môi trường Hà Nội');
        },
        'Lưu',
        'Đã giao xử lý kiến nghị.',
      );
      await eventually(
        async () => (await page.getByTestId('petition-handler').innerText()).includes('Sở Nông nghiệp và Môi trường Hà Nội'),
        'the agency shown',
      );
      await page.getByTestId('petition-due').getByText(IN_30).waitFor();
      await stepsAre(page, bar('finish', 'process', 'wait', 'wait'), 'assigned');
      await shot(page, '81-kien-nghi-da-giao-1280');

      // The answer, public.
      const answer = `Sở Nông nghiệp và Môi trường đã trình UBND thành phố phương án cho thuê đất trong quý tới (${token}).`;
      await act(
        page,
        'petition-answer',
        async (dialog) => {
          await dialog.getByLabel('Nội dung trả lời').fill(answer);
          await tick(dialog.getByRole('checkbox', { name: 'Công khai trên trang hỏi đáp' }), 'the answer made public');
        },
        'Lưu',
        'Đã ghi nhận câu trả lời.',
      );
      await page.getByTestId('petition-answer-text').getByText(answer).waitFor();
      await stepsAre(page, bar('finish', 'finish', 'process', 'wait'), 'answered');

      // Closed: every step done; only "Mở lại" remains.
      await act(page, 'petition-close', async () => undefined, 'Đóng kiến nghị', 'Đã đóng kiến nghị.');
      await stepsAre(page, bar('finish', 'finish', 'finish', 'finish'), 'closed');
      await page.getByTestId('petition-reopen').waitFor();
      assert.equal(await page.getByTestId('petition-answer').count(), 0, 'no answer action once closed');
      assert.ok((await page.getByTestId('petition-history').locator('li').count()) >= 4, 'the history: received, assigned, answered, closed');
      await shot(page, '82-kien-nghi-da-dong-1280');

      // The public Q&A: found by words without diacritics, the answer under its question.
      await page.goto(`${base}/app/petitions/answers`);
      await page.getByTestId('petition-answers-page').waitFor();
      // Consecutive words of the question (a substring or a words search both find it); the item is ours by its token.
      await page.getByLabel('Tìm kiếm', { exact: true }).fill('nha luoi trong rau an toan');
      const item = page.getByTestId('qa-list').locator('li', { hasText: token }).first();
      await item.getByText(answer).waitFor({ timeout: 15_000 });
      assert.ok((await item.innerText()).includes(content), 'the question with its answer');
      assert.ok(!(await item.innerText()).includes(COOP_NAME), 'no petitioner named');
      await shot(page, '83-hoi-dap-1280');
    },
  },
  {
    name: 'petitions-cooperative',
    needs: 'petitions',
    async run(page, { base, admin, ids, shot }) {
      await cooperativeAccount(admin, ids);
      const credit = await themeName(admin, 'credit');
      const token = Date.now().toString(36);
      await login(page, base, COOP_USER, PASSWORD);
      // The header's "Công tác" menu (at 1280 px the navigation is shown, not the drawer).
      await openFromMenu(page, 'nav-work', 'Kiến nghị', page.getByTestId('petitions-page'));
      await page.getByTestId('petition-add').click();
      const form = page.getByTestId('petition-form');
      await form.waitFor();
      // Its own form: no entities, no province, no activity.
      assert.equal(await form.getByTestId('petition-entities').count(), 0, 'no entity picker for a cooperative');
      assert.equal(await form.getByTestId('petition-province').count(), 0, 'no province for a cooperative');
      await pick(page, form, 'Lĩnh vực', credit);
      const content = `Đề nghị hỗ trợ hợp tác xã tiếp cận vốn vay ưu đãi để mua xe chở hàng (${token}).`;
      await form.getByLabel('Nội dung kiến nghị', { exact: true }).fill(content);
      await page.getByTestId('petition-save').click();
      await page.getByTestId('petition-page').waitFor();
      await page.getByTestId('petition-content').getByText(content).waitFor();
      await page.getByText('Đơn vị tự gửi', { exact: true }).waitFor();
      await page.getByTestId('petition-entities').getByText(COOP_NAME).waitFor();
      for (const id of ['petition-assign', 'petition-answer', 'petition-close', 'petition-reopen'])
        assert.equal(await page.getByTestId(id).count(), 0, `a cooperative has no ${id}`);
      const code = (await page.getByTestId('petition-code').innerText()).trim();
      await shot(page, '84-kien-nghi-htx-1280');
      // Its list has it.
      await page.goto(`${base}/app/petitions`);
      await page.getByTestId('petition-list').getByRole('link', { name: code }).waitFor();
    },
  },
  {
    name: 'petitions-phone',
    needs: 'petitions',
    async run(page, { base, admin, ids, browser, shot }) {
      await cooperativeAccount(admin, ids);
      const officer = await new ApiClient(base).login(OFFICER, PASSWORD);
      // A petition with a long text, so the cards have something to wrap.
      const made = await officer.must('POST', '/api/v1/petitions', {
        entity_ids: [ids[COOP_CODE]],
        province: PROVINCE,
        theme: 'market',
        content:
          'Đề nghị Sở Công Thương tổ chức hội chợ kết nối tiêu thụ nông sản an toàn cho các hợp tác xã ngoại thành, ưu tiên gian hàng miễn phí cho hợp tác xã mới thành lập.',
        addressed_to: { kind: 'department', name: 'Sở Công Thương Hà Nội' },
      });
      await officer.must('POST', `/api/v1/petitions/${made.id}/assign`, { agency: 'Sở Công Thương Hà Nội' });
      for (const [who, name] of [
        [OFFICER, 'can-bo'],
        [COOP_USER, 'htx'],
      ]) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', bypassCSP: true });
        const p = await context.newPage();
        p.setDefaultTimeout(10_000);
        try {
          await login(p, base, who, PASSWORD);
          await p.goto(`${base}/app/petitions`);
          // On a phone the list is cards.
          await p.getByTestId(`petition-card-${made.id}`).waitFor();
          await p.waitForLoadState('networkidle');
          await noHorizontalScroll(p);
          await axe(p, `the petitions' list (${who}) at 360px`);
          await shot(p, `85-kien-nghi-danh-sach-${name}-360`);
          await p.goto(`${base}/app/petitions/${made.id}`);
          await p.getByTestId('petition-steps').waitFor();
          await p.waitForLoadState('networkidle');
          await noHorizontalScroll(p);
          await axe(p, `a petition (${who}) at 360px`);
          await shot(p, `86-kien-nghi-${name}-360`);
        } finally {
          await context.close();
        }
      }
    },
  },
];

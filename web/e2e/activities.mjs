// The activities' scenarios: a province officer records a training held this year that carries a
// content of the province's youth programme, with its participants entered one by one, and the
// programme's yearly training target rises by one; a participant list imported from a file after
// the server's check (a wrong row first), and the files out; then the activities' pages at 1280 and 360 px (list, month, phone agenda, form, activity, placements,
// the entity's activities), axe on each, nothing wider than a phone.
import assert from 'node:assert/strict';
import { ApiClient } from './harness.mjs';
import { axe } from './daily.mjs';
import { PASSWORD } from './seed.mjs';
import { eventually, login, noHorizontalScroll } from './scenarios.mjs';

const PROVINCE = '24';
const YEAR = new Date().getFullYear();
const pad = (n) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${YEAR}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const TODAY_VI = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${YEAR}`;

/** The province's officer (made once). */
async function officer(base, admin) {
  await admin.call('POST', '/api/v1/users', { username: 'canbo.bacninh', display_name: 'Ngô Thị Lan', role: 'province_officer', province_code: PROVINCE, password: PASSWORD });
  return new ApiClient(base).login('canbo.bacninh', PASSWORD);
}

/** A youth cooperative of the province (made once): it takes part in the activities. */
const COOP = { registration_code: 'E2E-BN-001', kind: 'cooperative', name: 'Hợp tác xã Thanh niên Nông nghiệp Yên Dũng', province_code: PROVINCE, founded_on: '2024-04-01', sector: 'agriculture', youth: true };
async function coop(admin) {
  const found = (await admin.must('GET', `/api/v1/entities?q=${encodeURIComponent(COOP.name)}&province=${PROVINCE}`)).items.find((e) => e.name === COOP.name);
  return found ? found.id : (await admin.must('POST', '/api/v1/entities', COOP)).id;
}

/**
 * The youth programme and its yearly training target measured from activities: the demo's when
 * the database has it (HOPTAC_E2E_DB), else one like it made by the administrator.
 */
async function youthProgramme(admin) {
  for (const p of (await admin.must('GET', '/api/v1/programmes')).items.filter((x) => x.province === PROVINCE)) {
    const full = await admin.must('GET', `/api/v1/programmes/${p.id}`);
    const target = full.targets.find((t) => t.measure?.source === 'activities' && t.cadence === 'yearly' && (t.progress?.years ?? []).some((y) => y.year === YEAR));
    if (target) return { programme: full, target };
  }
  const made = await admin.must('POST', '/api/v1/programmes', {
    code: `E2E-BN-TN-${YEAR}`,
    title: 'Chương trình phối hợp giữa Tỉnh đoàn và Liên minh HTX tỉnh Bắc Ninh về phát triển HTX thanh niên',
    kind: 'coordination_programme',
    province: PROVINCE,
    from: `${YEAR - 1}-01-01`,
    to: `${YEAR + 1}-12-31`,
    status: 'in_force',
    review: ['year'],
    contents: [
      { number: 1, text: 'Tuyên truyền về kinh tế tập thể trong đoàn viên, thanh niên' },
      { number: 2, text: 'Tổ chức ít nhất một lớp bồi dưỡng sáng lập viên HTX mỗi năm' },
    ],
    partners: [],
  });
  const target = await admin.must('POST', `/api/v1/programmes/${made.id}/targets`, {
    content: 2,
    title: 'Mỗi năm ít nhất một lớp bồi dưỡng sáng lập viên HTX',
    deadline: `${YEAR + 1}-12-31`,
    cadence: 'yearly',
    target: 1,
    baseline: 0,
    measure: { source: 'activities', measure: 'count', filters: { type: 'training', programme: String(made.id) } },
  });
  return { programme: await admin.must('GET', `/api/v1/programmes/${made.id}`), target };
}

/** Types a date as people write it (dd/mm/yyyy) into a date field, and leaves it. */
async function typeDate(field, text) {
  await field.click();
  await field.fill(text);
  await field.press('Tab');
}

/** Chooses `option` in the select of the form item labelled `label` inside `scope`. */
async function pick(page, scope, label, option) {
  const select = scope.locator('.ant-form-item', { has: page.getByText(label, { exact: true }) }).locator('.ant-select').first();
  // Picked again until the field shows the option: under load (make test, 2026-12-06) a click landed
  // while the list was still opening, and the participant was saved without a sex.
  await eventually(async () => {
    if ((await select.innerText()).trim() === option) return true;
    await select.click();
    await page
      .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`)
      .click({ timeout: 3000 })
      .catch(() => undefined);
    return (await select.innerText()).trim() === option;
  }, `${label}: ${option}`, 20_000);
}

/** This year's tick of a yearly target on the programme page: its actual. */
async function thisYear(page, targetId) {
  const card = page.getByTestId(`target-${targetId}`);
  await card.locator('.prog-years').waitFor();
  const ticks = await card.locator('.prog-years li').allInnerTexts();
  const tick = ticks.find((t) => t.startsWith(`${YEAR}:`));
  assert.ok(tick, `a tick for ${YEAR} among ${ticks.join(' | ')}`);
  return Number(/^\d+:\s*(\d+)\s*\//.exec(tick)[1]);
}

const csv = (rows) => ({
  name: 'dai-bieu.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('\ufeff' + ['Họ và tên,Giới tính,Năm sinh,Đơn vị,Chức vụ,Điện thoại', ...rows].join('\r\n') + '\r\n', 'utf8'),
});

export const activityScenarios = [
  {
    name: 'activities-programme',
    async run(page, { base, admin, shot }) {
      await officer(base, admin);
      await coop(admin);
      const { programme, target } = await youthProgramme(admin);
      const content = (programme.contents ?? []).find((c) => c.number === (target.content ?? 0)) ?? programme.contents[0];
      await page.setViewportSize({ width: 1280, height: 860 });
      await login(page, base, 'canbo.bacninh', PASSWORD);
      await page.goto(`${base}/app/programmes/${programme.id}`);
      await page.getByTestId('programme-page').waitFor();
      const before = await thisYear(page, target.id);
      const apiBefore = (await admin.must('GET', `/api/v1/programmes/${programme.id}`)).targets.find((t) => t.id === target.id).progress.years.find((y) => y.year === YEAR).actual;
      assert.equal(before, apiBefore, 'the page shows the API’s actual for this year');

      // "Thêm hoạt động" from the programme: the programme is chosen, the province is the officer's.
      const section = page.getByTestId('programme-activities');
      await section.waitFor();
      await section.getByTestId('programme-activity-add').click();
      const form = page.getByTestId('activity-form');
      await form.waitFor();
      const title = `Lớp bồi dưỡng sáng lập viên HTX cho đoàn viên thanh niên năm ${YEAR} (${Date.now().toString(36)})`;
      await pick(page, form, 'Loại hoạt động', 'Lớp tập huấn/bồi dưỡng');
      await form.getByLabel('Tên hoạt động', { exact: true }).fill(title);
      await typeDate(form.getByLabel('Từ ngày', { exact: true }), TODAY_VI);
      await typeDate(form.getByLabel('Đến ngày', { exact: true }), TODAY_VI);
      await form.getByLabel('Địa điểm', { exact: true }).fill('Hội trường Liên minh HTX tỉnh');
      await pick(page, form.getByTestId('programme-row-0'), 'Nội dung', `${content.number}. ${content.text}`);
      await page.keyboard.press('Escape');
      // The province's youth cooperative takes part (found by its name without diacritics).
      const entities = form.getByTestId('activity-entities');
      await entities.click();
      await page.keyboard.type('thanh nien nong nghiep yen dung');
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: COOP.name }).first().click();
      await page.keyboard.press('Escape');
      await form.getByLabel('Tổng số', { exact: true }).fill('45');
      await form.getByLabel('Nữ', { exact: true }).fill('20');
      await form.getByLabel('Thanh niên (16–30 tuổi)', { exact: true }).fill('38');
      await form.getByLabel('Kết quả', { exact: true }).fill('45 học viên hoàn thành khóa học; 2 nhóm thanh niên đăng ký thành lập HTX.');
      await shot(page, '70-hoat-dong-form-1280');
      await page.getByTestId('activity-save').click();
      await page.getByTestId('activity-page').waitFor();
      assert.equal(await page.getByTestId('activity-title').innerText(), title);
      await page.getByTestId('activity-dates').getByText(TODAY_VI).waitFor();
      await page.getByTestId('activity-programmes').getByRole('link', { name: new RegExp(programme.code) }).waitFor();
      await page.getByTestId('activity-entities').getByRole('link', { name: COOP.name }).waitFor();
      const activityUrl = page.url();

      // Participants entered one by one: the activity's counts become the list's.
      const dialog = page.getByRole('dialog');
      for (const [name, sex, year, position] of [['Nguyễn Thị Hồng', 'Nữ', '1999', 'Bí thư Đoàn xã'], ['Trần Văn Minh', 'Nam', String(YEAR - 40), 'Giám đốc HTX']]) {
        await page.getByTestId('participant-add').click();
        await dialog.getByLabel('Họ và tên').fill(name);
        await pick(page, dialog, 'Giới tính', sex);
        await dialog.getByLabel('Năm sinh').fill(year);
        await dialog.getByLabel('Chức vụ').fill(position);
        await dialog.getByRole('button', { name: 'Lưu' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByTestId('participant-list').getByText(name).waitFor();
      }
      await eventually(async () => (await page.getByTestId('activity-counts').innerText()).includes('Tổng số: 2'), 'the counts from the list');
      assert.ok((await page.getByTestId('activity-counts').innerText()).includes('Nữ: 1'), 'one woman');
      assert.ok((await page.getByTestId('activity-counts').innerText()).includes('Thanh niên (16–30 tuổi): 1'), 'one young participant');
      await shot(page, '72-hoat-dong-1280');

      // The programme: the activity under its content, and this year's actual one more.
      await page.goto(`${base}/app/programmes/${programme.id}`);
      await page.getByTestId('programme-page').waitFor();
      await page.getByTestId(`activities-content-${content.number}`).getByRole('link', { name: title }).waitFor();
      await eventually(async () => (await thisYear(page, target.id)) === before + 1, `this year's actual rising from ${before} to ${before + 1}`, 15_000);
      await page.getByTestId('programme-activities').scrollIntoViewIfNeeded();
      await shot(page, '73-chuong-trinh-hoat-dong-1280');

      // The activities' list finds it; its page is still there.
      await page.goto(`${base}/app/activities`);
      await page.getByTestId('activity-list').getByRole('link', { name: title }).waitFor();
      await page.goto(activityUrl);
      await page.getByTestId('activity-page').waitFor();
    },
  },
  {
    name: 'activities-import',
    needs: 'activityFiles',
    async run(page, { base, admin, shot }) {
      const bacninh = await officer(base, admin);
      const made = await bacninh.must('POST', '/api/v1/activities', {
        type: 'training', title: 'Lớp tập huấn kỹ năng bán hàng trên sàn thương mại điện tử', from: TODAY, to: TODAY, province: PROVINCE, organiser: 'province',
      });
      await login(page, base, 'canbo.bacninh', PASSWORD);
      await page.goto(`${base}/app/activities/${made.id}`);
      await page.getByTestId('participants').waitFor();
      await page.getByTestId('participant-import').click();
      const rows = [
        'Nguyễn Thị Hồng,Nữ,1999,Đoàn xã Tân Yên,Bí thư,0912 000 001',
        'Trần Văn Minh,Nam,2001,HTX Rau sạch Yên Dũng,Thành viên,',
        `Lê Thị Thu,Nữ,${YEAR - 20},HTX Dịch vụ Lục Nam,Kế toán,`,
      ];
      // A wrong row first: the report names it and nothing can be applied.
      await page.getByTestId('import-file').setInputFiles(csv([...rows.slice(0, 2), 'Phạm Văn Khoa,Không rõ,abc,,,']));
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-errors').waitFor();
      assert.ok((await page.getByTestId('import-errors').innerText()).includes('4'), 'the wrong row named by its number');
      assert.equal(await page.getByTestId('import-apply').isDisabled(), true, 'nothing to apply with errors');
      await shot(page, '71-dai-bieu-loi-1280');
      await page.getByTestId('import-file').setInputFiles(csv(rows));
      await page.getByTestId('import-check').click();
      await eventually(async () => !(await page.getByTestId('import-apply').isDisabled()), 'the file checked without errors');
      await page.getByTestId('import-apply').click();
      await page.getByText('Đã nhập danh sách 3 đại biểu.').waitFor();
      await eventually(async () => (await page.getByTestId('participant-list').locator('tbody tr').count()) === 3, 'the list of 3');
      await eventually(async () => (await page.getByTestId('activity-counts').innerText()).includes('Tổng số: 3'), 'the counts from the list');
      // The list and the activities as files.
      for (const href of [
        await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href'),
        `/api/v1/activities/export?format=csv&province=${PROVINCE}`,
      ]) {
        const r = await bacninh.call('GET', href);
        assert.equal(r.status, 200, `${href}: ${r.status}`);
      }
    },
  },
  {
    name: 'activities-pages',
    async run(page, { base, browser, admin, shot }) {
      const bacninh = await officer(base, admin);
      const entity = await coop(admin);
      const { programme } = await youthProgramme(admin);
      // An activity of this month, two days long, with the seed's entity: for the month, the agenda and the entity's page.
      const day = (d) => `${TODAY.slice(0, 8)}${pad(d)}`;
      const first = Math.max(1, Math.min(now.getDate(), 26));
      const made = await bacninh.must('POST', '/api/v1/activities', {
        type: 'dialogue',
        title: 'Đối thoại giữa lãnh đạo tỉnh với các hợp tác xã thanh niên về tiếp cận vốn và đất đai sản xuất',
        from: day(first),
        to: day(first + 1),
        province: PROVINCE,
        place: 'Trung tâm Hội nghị tỉnh',
        organiser: 'province',
        programmes: [{ programme: programme.id, contents: [1] }],
        entities: [entity],
        participants: { total: 120, female: 45, youth: 60 },
      });
      await bacninh.must('POST', '/api/v1/activities', {
        type: 'ecommerce_campaign', title: 'Đưa sản phẩm OCOP của HTX lên sàn thương mại điện tử', from: day(first), to: day(first), province: PROVINCE, organiser: 'province',
        participants: { total: 1234567, female: 0, youth: 0 },
      });
      await bacninh.must('POST', '/api/v1/placements', {
        worker_name: 'Trần Văn Bảo', birth_year: YEAR - 24, sex: 'male', entity, start: `${YEAR}-03-01`, end: null, programme: programme.id, position: 'Kế toán',
      });

      for (const [device, viewport] of [['1280', { width: 1280, height: 860 }], ['360', { width: 360, height: 740 }]]) {
        const context = await browser.newContext({ viewport, locale: 'vi-VN', bypassCSP: true });
        const p = await context.newPage();
        p.setDefaultTimeout(10_000);
        const errors = [];
        p.on('pageerror', (e) => errors.push(String(e)));
        const check = async (what, name) => {
          await p.waitForLoadState('networkidle');
          if (device === '360') await noHorizontalScroll(p);
          await axe(p, `${what} at ${device}px`);
          await shot(p, `${name}-${device}`);
        };
        try {
          await login(p, base, 'canbo.bacninh', PASSWORD);
          await p.goto(`${base}/app/activities`);
          await p.getByRole('link', { name: made.title }).first().waitFor();
          await check('the activities’ list', '74-hoat-dong-danh-sach');
          await p.goto(`${base}/app/activities?view=calendar`);
          if (device === '360') await p.getByTestId('activity-agenda').getByRole('link', { name: made.title }).first().waitFor();
          else await p.getByTestId(`day-${day(first + 1)}`).getByRole('link', { name: made.title }).waitFor();
          await check('the month', '75-hoat-dong-lich');
          await p.goto(`${base}/app/activities/${made.id}`);
          await p.getByTestId('activity-title').waitFor();
          await p.getByTestId('participants').waitFor();
          await check('the activity', '76-hoat-dong-trang');
          await p.goto(`${base}/app/activities/${made.id}/edit`);
          await eventually(async () => (await p.getByTestId('activity-form').getByLabel('Tên hoạt động', { exact: true }).inputValue()) !== '', 'the form filled');
          await check('the activity form', '77-hoat-dong-sua');
          await p.goto(`${base}/app/placements`);
          await p.getByTestId('placement-list').waitFor();
          await check('the placements', '78-bo-tri-lao-dong');
          await p.goto(`${base}/app/registry/${entity}`);
          await p.getByRole('tab', { name: 'Hoạt động đã tham gia' }).click();
          await p.getByTestId('entity-activities').getByRole('link', { name: made.title }).waitFor();
          await check('the entity’s activities', '79-to-chuc-hoat-dong');
          assert.deepEqual(errors, [], `errors in the browser console (${device})`);
        } finally {
          await context.close();
        }
      }
    },
  },
];

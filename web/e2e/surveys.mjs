// The surveys' scenario: Hà Nội's province officer uploads an XLSForm questionnaire (a small .xlsx
// made here: sheets survey, choices, settings), starts a campaign for the province's active
// cooperatives, and reads one personal link; then a cooperative, on a 360 × 740 phone, opens the
// link, answers, goes offline and presses send (the answers wait on the phone), comes back online
// (sent by itself: "Đã nhận"), and reloading shows the received answers; the officer sees the
// response on the campaign and its results. axe on the answer page; nothing wider than the phone.
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { ApiClient } from './harness.mjs';
import { axe } from './daily.mjs';
import { PASSWORD } from './seed.mjs';
import { eventually, login, noHorizontalScroll } from './scenarios.mjs';

const PROVINCE = '01';
const pad = (n) => String(n).padStart(2, '0');
const day = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const TODAY = new Date();
const CLOSES = new Date(TODAY.getTime() + 30 * 86400_000);

// ---- A small XLSX writer (inline strings, as web/src/lib/xlsx.ts writes them) ----

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
function sheetXml(rows) {
  const body = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">` +
        row
          .map((cell, c) =>
            cell === '' || cell === null || cell === undefined
              ? ''
              : typeof cell === 'number'
                ? `<c r="${col(c)}${r + 1}"><v>${cell}</v></c>`
                : `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${esc(cell)}</t></is></c>`,
          )
          .join('') +
        '</row>',
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}
function xlsx(sheets) {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files = {
    '[Content_Types].xml': strToU8(
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        '</Relationships>',
    ),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows))));
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** The questionnaire: a likert (1..5 worded), yes/no, a multiple choice asked only after "yes", a number, a text. */
function questionnaireFile(formId) {
  return xlsx([
    {
      name: 'survey',
      rows: [
        ['type', 'name', 'label::Vietnamese (vi)', 'label::English (en)', 'hint::Vietnamese (vi)', 'required', 'relevant', 'appearance'],
        ['begin_group', 's1', 'Phần 1. Đánh giá chung', 'Part 1. Overall', '', '', '', ''],
        ['select_one hl', 'q_overall', 'Mức độ hài lòng chung với Liên minh HTX', 'Overall satisfaction', '', 'yes', '', 'likert'],
        ['select_one yn', 'supported', 'HTX có nhận hỗ trợ trong năm không?', 'Support received this year?', '', 'yes', '', ''],
        ['select_multiple kinds', 'kinds', 'Hình thức hỗ trợ đã nhận', 'Kinds of support', 'Chọn tất cả các hình thức phù hợp.', 'yes', "${supported} = 'yes'", ''],
        ['integer', 'members', 'Số thành viên của HTX', 'Members', '', 'no', '', ''],
        ['end_group', '', '', '', '', '', '', ''],
        ['begin_group', 's2', 'Phần 2. Góp ý', 'Part 2. Suggestions', '', '', '', ''],
        ['text', 'comments', 'Góp ý khác', 'Other comments', '', 'no', '', 'multiline'],
        ['end_group', '', '', '', '', '', '', ''],
      ],
    },
    {
      name: 'choices',
      rows: [
        ['list_name', 'name', 'label::Vietnamese (vi)', 'label::English (en)'],
        ['hl', '1', 'Rất không hài lòng', 'Very dissatisfied'],
        ['hl', '2', 'Không hài lòng', 'Dissatisfied'],
        ['hl', '3', 'Bình thường', 'Neutral'],
        ['hl', '4', 'Hài lòng', 'Satisfied'],
        ['hl', '5', 'Rất hài lòng', 'Very satisfied'],
        ['yn', 'yes', 'Có', 'Yes'],
        ['yn', 'no', 'Không', 'No'],
        ['kinds', 'training', 'Đào tạo, tập huấn', 'Training'],
        ['kinds', 'credit', 'Vốn vay', 'Credit'],
        ['kinds', 'market', 'Xúc tiến thương mại', 'Market access'],
      ],
    },
    { name: 'settings', rows: [['form_title', 'form_id', 'version'], ['Khảo sát mức độ hài lòng của HTX (e2e)', formId, '1']] },
  ]);
}

/** Types a date as people write it (dd/mm/yyyy) into a date field, and leaves it. */
async function typeDate(field, text) {
  await field.click();
  await field.fill(text);
  await field.press('Tab');
}

export const surveyScenarios = [
  {
    name: 'surveys-answer-offline',
    needs: 'surveys',
    async run(page, { base, browser, shot }) {
      const officer = await new ApiClient(base).login('canbo.hanoi', PASSWORD);
      const formId = `hailong_e2e_${Date.now().toString(36)}`;
      await page.setViewportSize({ width: 1280, height: 860 });
      await login(page, base, 'canbo.hanoi', PASSWORD);

      // The questionnaire, uploaded from the "Khảo sát" page.
      await page.goto(`${base}/app/surveys`);
      await page.getByTestId('survey-list').waitFor();
      await page.getByTestId('survey-file').setInputFiles({ name: 'hailong.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: questionnaireFile(formId) });
      await page.getByText('Đã thêm bảng hỏi “Khảo sát mức độ hài lòng của HTX (e2e)”.').waitFor();
      const made = (await officer.must('GET', '/api/v1/surveys')).items.find((q) => q.form_id === formId);
      assert.ok(made, `the questionnaire ${formId} in the list`);
      await page.getByRole('link', { name: 'Khảo sát mức độ hài lòng của HTX (e2e)' }).first().click();
      await page.getByTestId('question-kinds').waitFor();
      assert.match(await page.getByTestId('question-kinds').innerText(), /Chỉ hỏi khi: “HTX có nhận hỗ trợ trong năm không\?” = “yes”/);
      assert.match(await page.getByTestId('question-q_overall').innerText(), /Thang đo hài lòng \(1–5\)/);
      await shot(page, '90-khao-sat-bang-hoi');

      // The campaign: from today for 30 days, the province's cooperatives (the officer's province, fixed).
      await page.getByTestId('questionnaire-campaign').click();
      const form = page.getByTestId('campaign-form');
      await form.waitFor();
      await form.getByText(`Khảo sát mức độ hài lòng của HTX (e2e) (${formId} v1)`).waitFor();
      await page.getByLabel('Tên đợt khảo sát').fill(`Khảo sát mức độ hài lòng của HTX Hà Nội năm ${TODAY.getFullYear()} (e2e)`);
      await typeDate(page.getByLabel('Ngày mở'), day(TODAY));
      await typeDate(page.getByLabel('Ngày đóng'), day(CLOSES));
      await page.getByTestId('campaign-submit').click();
      await page.getByTestId('campaign-page').waitFor();
      const id = Number(/\/surveys\/campaigns\/(\d+)/.exec(page.url())?.[1]);
      assert.ok(id > 0, `the campaign's page: ${page.url()}`);
      const campaign = await officer.must('GET', `/api/v1/survey-campaigns/${id}`);
      assert.equal(campaign.status, 'open');
      assert.equal(campaign.scope.province, PROVINCE);
      assert.ok(campaign.targets > 0, 'the province has active cooperatives');
      await page.getByTestId('target-link').first().waitFor();
      await shot(page, '91-khao-sat-dot');

      // One personal link.
      const targets = await officer.must('GET', `/api/v1/survey-campaigns/${id}/targets?limit=5`);
      const target = targets.items[0];
      assert.match(target.link, /^\/s\/[A-Za-z0-9_-]{22,}$/, `an unguessable link: ${target.link}`);
      assert.equal(target.responded_at, null);

      // The cooperative's phone: no session, 360 × 740.
      // bypassCSP: axe is injected as an inline script, which the server's CSP forbids (as it should).
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true, hasTouch: true, bypassCSP: true });
      const errors = [];
      try {
        const p = await phone.newPage();
        p.setDefaultTimeout(10_000);
        p.on('pageerror', (e) => errors.push(String(e)));
        await p.goto(base + target.link);
        await p.getByTestId('answer-form').waitFor();
        assert.equal(await p.getByTestId('answer-entity').innerText(), target.entity.name);
        assert.match(await p.getByTestId('answer-closes').innerText(), new RegExp(`hết ngày ${day(CLOSES).replace(/\//g, '\\/')}`));
        await noHorizontalScroll(p);
        await axe(p, 'the answer page');
        await shot(p, '92-khao-sat-tra-loi-360');

        // Required questions first: the page says what is missing and sends nothing.
        await p.getByTestId('answer-send').click();
        await p.getByText(/^Còn 2 câu chưa trả lời/).waitFor();
        // Answers: the multiple choice appears after "Có".
        assert.equal(await p.locator('#q-kinds').isVisible(), false);
        await p.locator('#q-q_overall label', { hasText: 'Rất hài lòng' }).click();
        await p.locator('#q-supported label', { hasText: 'Có' }).click();
        await p.locator('#q-kinds').waitFor();
        await p.locator('#q-kinds label', { hasText: 'Đào tạo, tập huấn' }).click();
        await p.getByLabel('Số thành viên của HTX').fill('1.200');
        await p.getByLabel('Góp ý khác').fill('Mong Liên minh tổ chức thêm lớp tập huấn về chuyển đổi số.');

        // Offline: the answers wait on the phone.
        await phone.setOffline(true);
        await p.getByTestId('answer-send').click();
        await p.getByText('Đang ngoại tuyến — câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.').waitFor();
        assert.equal((await officer.must('GET', `/api/v1/survey-campaigns/${id}/targets?responded=true`)).total, 0, 'nothing sent while offline');
        await shot(p, '93-khao-sat-ngoai-tuyen-360');

        // Back online: sent by itself.
        await phone.setOffline(false);
        await p.getByText(/^Đã nhận lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/).waitFor({ timeout: 15_000 });
        await shot(p, '94-khao-sat-da-nhan-360');

        // Reloading shows what the server received.
        await p.reload();
        await p.getByTestId('answer-received').waitFor();
        assert.match(await p.getByTestId('answer-received').innerText(), /^Đã nhận câu trả lời của quý HTX lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}; có thể sửa đến hết ngày /);
        assert.equal(await p.locator('#q-q_overall input[value="5"]').isChecked(), true);
        assert.equal(await p.locator('#q-kinds input[value="training"]').isChecked(), true);
        assert.equal(await p.getByLabel('Số thành viên của HTX').inputValue(), '1200');
        await noHorizontalScroll(p);
        assert.deepEqual(errors, [], 'errors on the answer page');
      } finally {
        await phone.close();
      }

      // The officer sees the response.
      const responded = await officer.must('GET', `/api/v1/survey-campaigns/${id}/targets?responded=true`);
      assert.equal(responded.total, 1);
      assert.equal(responded.items[0].entity.id, target.entity.id);
      await page.goto(`${base}/app/surveys/campaigns/${id}`);
      await eventually(async () => (await page.getByTestId('campaign-responses').innerText()).includes('1'), 'one response on the campaign');
      await page.getByTestId('targets-filter').getByText('Đã trả lời').click();
      await page.getByTestId(`target-${target.entity.id}`).getByTestId('target-responded').waitFor();
      await page.goto(`${base}/app/surveys/campaigns/${id}/results`);
      await page.getByTestId('results-page').waitFor();
      await eventually(async () => (await page.getByTestId('results-responses').innerText()).includes('1'), 'one response in the results');
      // One response in a province: its index is withheld.
      assert.match(await page.getByTestId('results-satisfaction').innerText(), /Ít hơn 3 câu trả lời — không hiển thị/);
      await page.getByTestId('results-by-province').waitFor();
      await shot(page, '95-khao-sat-ket-qua');
    },
  },
];

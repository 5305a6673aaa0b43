// The scenarios of daily work (issue 15): a dashboard figure opens its records, a province found
// without diacritics, the headline values fit their cards, the entity page's annual update, and an
// automated accessibility check (axe-core) of the main pages at 1440 and 360 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ADMIN_PASSWORD, ApiClient } from './harness.mjs';
import { eventually, login, noHorizontalScroll, registryRows } from './scenarios.mjs';
import { FIGURES, PASSWORD } from './seed.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Runs axe on the page as it is; fails on any violation of impact serious or critical. */
export async function axe(page, what) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`  axe ${what}: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  assert.deepEqual(bad, [], `axe on ${what}: ${JSON.stringify(bad, null, 1)}`);
}

/** A report to look at: this year's annual update of an entity, made by the province's officer. */
async function someReport(base, ids) {
  const officer = await new ApiClient(base).login('canbo.hanoi', PASSWORD);
  const year = String(new Date().getFullYear());
  const found = await officer.must('GET', `/api/v1/reports?form=coop_annual_update&entity_id=${ids['E2E-HN-001']}&period=${year}`);
  if (found.items[0]) return found.items[0].id;
  const r = await officer.call('POST', '/api/v1/reports', { form: 'coop_annual_update', period: year, entity_id: ids['E2E-HN-001'] });
  if (r.status === 409) return r.json.id;
  assert.equal(r.status, 201, `creating a report: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.id;
}

/** A national programme with a partner, two contents and three targets (registry, figures, manual), made by the national admin. */
async function someProgramme(base) {
  const admin = await new ApiClient(base).login('admin', ADMIN_PASSWORD);
  const found = (await admin.must('GET', '/api/v1/programmes?province=national')).items.find((p) => p.code === 'QG-PN-2030');
  if (found) return found.id;
  const partner = await admin.must('POST', '/api/v1/partners', {
    name: 'Hội Liên hiệp Phụ nữ Việt Nam', short_name: 'HLHPNVN', kind: 'womens_union',
    contacts: [{ name: 'Nguyễn Thị Thu', position: 'Trưởng ban Kinh tế', phone: '024 3971 9000' }],
  });
  const p = await admin.must('POST', '/api/v1/programmes', {
    code: 'QG-PN-2030', title: 'Đề án hỗ trợ hợp tác xã do phụ nữ tham gia quản lý, tạo việc làm cho lao động nữ đến năm 2030',
    kind: 'project', from: '2024-01-01', to: '2030-12-31', status: 'in_force', signed_on: '2024-01-02', signatories: 'Thủ tướng Chính phủ',
    review: ['year', 'end_of_phase'],
    legal_basis: [{ number: '01/QĐ-TTg', date: '2024-01-02', issuer: 'Thủ tướng Chính phủ', title: 'Phê duyệt Đề án hỗ trợ hợp tác xã do phụ nữ tham gia quản lý' }],
    contents: [{ number: 1, text: 'Thành lập mới hợp tác xã do phụ nữ quản lý' }, { number: 2, text: 'Tạo việc làm cho lao động nữ' }],
    partners: [partner.id],
  });
  await admin.must('POST', `/api/v1/programmes/${p.id}/targets`, { content: 1, title: 'Hợp tác xã do phụ nữ quản lý', deadline: '2030-12-31', target: 30, measure: { source: 'entities', filters: { kind: 'cooperative', women_managed: true } } });
  await admin.must('POST', `/api/v1/programmes/${p.id}/targets`, { content: 2, title: 'Lao động nữ trong các HTX', deadline: '2030-12-31', target: 500, measure: { source: 'figures', measure: 'workers_female', filters: { kind: 'cooperative' } } });
  await admin.must('POST', `/api/v1/programmes/${p.id}/targets`, { content: 2, title: 'Lớp tập huấn cho cán bộ quản lý nữ mỗi năm', deadline: '2030-12-31', cadence: 'yearly', target: 2, measure: { source: 'manual' } });
  return p.id;
}

function axeScenario(width, height, prefix) {
  return {
    name: `axe-${width}`,
    needs: 'reports',
    viewport: { width, height },
    // axe is injected as an inline script, which the app's Content-Security-Policy forbids.
    context: { bypassCSP: true },
    async run(page, { base, ids, shot }) {
      await page.goto(base + '/app/');
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await axe(page, `login at ${width}px`);
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.getByRole('heading', { name: 'Tổng quan kinh tế tập thể' }).waitFor();
      await page.locator('[data-testid="chart-map"] canvas').waitFor();
      await axe(page, `dashboard at ${width}px`);
      // The data table of a chart, opened.
      await page.getByTestId('chart-kind-status-table-toggle').click();
      await page.getByTestId('chart-kind-status').getByRole('table').waitFor();
      await axe(page, `dashboard with a data table at ${width}px`);
      await shot(page, `${prefix}-tong-quan-bang-so-lieu`);
      await page.goto(base + '/app/registry');
      await registryRows(page);
      await axe(page, `registry at ${width}px`);
      await page.goto(`${base}/app/registry/${ids['E2E-DT-001']}`);
      await page.getByTestId('entity-name').waitFor();
      await axe(page, `entity page at ${width}px`);
      await page.goto(base + '/app/reports');
      await page.getByRole('heading', { name: 'Báo cáo của tôi' }).waitFor();
      await page.waitForLoadState('networkidle');
      await axe(page, `reports at ${width}px`);
      const id = await someReport(base, ids);
      await page.goto(`${base}/app/reports/${id}`);
      await page.locator('[data-field]').first().waitFor();
      await axe(page, `report entry at ${width}px`);
      await shot(page, `${prefix}-bao-cao-nam`);
      await page.goto(`${base}/app/reports/table?form=province_development&period=2023M01-09`);
      await page.locator('main table').first().waitFor();
      await page.waitForLoadState('networkidle');
      await axe(page, `national table at ${width}px`);
      await page.goto(`${base}/app/programmes/${await someProgramme(base)}`);
      await page.getByTestId('programme-page').locator('.prog-target').first().waitFor();
      await page.waitForLoadState('networkidle');
      await axe(page, `programme page at ${width}px`);
    },
  };
}

export const dailyScenarios = [
  {
    name: 'dashboard-card-opens-records',
    needs: 'stats',
    async run(page, { base, admin, shot }) {
      const code = '79';
      const asOf = today();
      const count = (await admin.must('GET', `/api/v1/stats/entities?measure=count&province=${code}&as_of=${asOf}`)).total;
      const active = (await admin.must('GET', `/api/v1/stats/entities?measure=count&status=active&province=${code}&as_of=${asOf}`)).total;
      assert.ok(count >= 2 && active >= 1, `seeded entities in ${code}: ${count}, active ${active}`);
      await login(page, base, 'admin', ADMIN_PASSWORD);
      for (const [card, expected, params] of [
        ['kpi-entities', count, { province: code }],
        ['kpi-active', active, { province: code, status: 'active' }],
      ]) {
        await page.goto(`${base}/app/?province=${code}`);
        const value = page.getByTestId(`${card}-value`);
        await eventually(async () => (await value.innerText()).trim() === expected.toLocaleString('vi-VN'), `${card} showing ${expected}`);
        await page.getByTestId(card).getByRole('link').click();
        await page.getByRole('heading', { name: 'Sổ đăng ký tổ chức kinh tế tập thể' }).waitFor();
        const url = new URL(page.url());
        assert.deepEqual(Object.fromEntries(url.searchParams), params, `the registry's filters: ${page.url()}`);
        const listed = (await admin.must('GET', `/api/v1/entities?${url.searchParams}&limit=1`)).total;
        assert.equal(listed, expected, `the registry API lists as many as the card counts (${card})`);
        await eventually(async () => (await page.getByTestId('registry-count').innerText()) === `${expected.toLocaleString('vi-VN')} tổ chức`, `the list counting ${expected}`);
        const rows = await registryRows(page);
        assert.ok(rows.every((r) => r.includes('Hồ Chí Minh')), `only the province's records: ${rows.join(' | ')}`);
      }
      await shot(page, '40-the-so-lieu-mo-so-dang-ky');
    },
  },
  {
    name: 'headline-values-fit',
    needs: 'stats',
    async run(page, { base, shot }) {
      // A member count of 10 012 978 (the answer altered in the browser): it was cut to "10.012.97".
      await page.route(/\/api\/v1\/stats\/entities\?.*measure=members_total/, async (route) => {
        const r = await route.fetch();
        const body = await r.json();
        await route.fulfill({ response: r, json: { ...body, total: 10012978 } });
      });
      await login(page, base, 'admin', ADMIN_PASSWORD);
      for (const width of [1280, 1440, 1920, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await page.goto(base + '/app/');
        const value = page.getByTestId('kpi-members-value');
        await eventually(async () => (await value.getAttribute('data-exact')) === '10.012.978', 'the altered member count');
        await page.waitForTimeout(200);
        const cards = await page.locator('.kpi-value:not(.kpi-probe)').evaluateAll((els) => els.map((e) => ({ text: e.innerText, clipped: e.scrollWidth > e.clientWidth + 1 })));
        assert.deepEqual(cards.filter((c) => c.clipped), [], `no headline value cut off at ${width}px`);
        const shown = (await value.innerText()).trim();
        assert.ok(shown === '10.012.978' || shown === '10,01 triệu', `members at ${width}px: ${shown}`);
        if (shown !== '10.012.978') assert.equal(await value.getAttribute('title'), '10.012.978', 'the exact value in the tooltip');
        assert.equal(await page.getByTestId('kpi-members').getByRole('link').getAttribute('aria-label'), 'Thành viên: 10.012.978 — xem danh sách tổ chức');
        console.log(`  members at ${width}px: ${shown}`);
        await shot(page, `41-the-so-lieu-${width}`);
      }
    },
  },
  {
    name: 'province-picker-folding',
    async run(page, { base, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/registry');
      await registryRows(page);
      for (const [typed, code, name] of [
        ['lang son', '20', 'Lạng Sơn'],
        ['dak lak', '66', 'Đắk Lắk'],
        ['bac ninh', '24', 'Bắc Ninh'],
      ]) {
        const picker = page.locator('#f-province');
        await picker.click();
        await page.keyboard.type(typed);
        await page.locator('.ant-select-dropdown:visible').getByTitle(name, { exact: true }).waitFor();
        if (typed === 'lang son') await shot(page, '42-tim-tinh-khong-dau');
        await page.keyboard.press('Enter');
        await eventually(async () => new URL(page.url()).searchParams.get('province') === code, `"${typed}" choosing ${name} (${code}): ${page.url()}`);
        await eventually(async () => (await page.locator('.filter-field', { has: page.locator('#f-province') }).innerText()).includes(name), `${name} shown`);
      }
      // The dashboard's picker too.
      await page.goto(base + '/app/');
      const selector = page.getByLabel('Tỉnh/thành', { exact: true });
      await selector.focus();
      await page.keyboard.type('lang son');
      await page.keyboard.press('Enter');
      await eventually(async () => (await page.getByTestId('dashboard-scope').innerText()).trim() === 'Lạng Sơn', 'the dashboard on Lạng Sơn');
    },
  },
  {
    name: 'entity-annual-update',
    needs: 'reports',
    async run(page, { base, admin, ids, shot }) {
      const entity = ids['E2E-DT-001'];
      await admin.must('POST', '/api/v1/users', { username: 'htx.dongthap', display_name: 'Lê Thị Mai', role: 'cooperative', entity_id: entity, password: PASSWORD });
      await login(page, base, 'htx.dongthap', PASSWORD);
      await page.goto(`${base}/app/registry/${entity}`);
      const year = String(new Date().getFullYear());
      const button = page.getByRole('button', { name: `Cập nhật thông tin năm ${year}` });
      await button.waitFor();
      await shot(page, '43-to-chuc-cap-nhat-nam');
      await button.click();
      await page.waitForURL(/\/reports\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const report = await admin.must('GET', `/api/v1/reports/${id}`);
      assert.equal(report.form, 'coop_annual_update');
      assert.equal(String(report.period), year);
      assert.equal(report.entity_id, entity);
      await page.locator('[data-field]').first().waitFor();
      await shot(page, '44-bao-cao-nam-cua-htx');
      // Again: the same report, not a second one.
      await page.goto(`${base}/app/registry/${entity}`);
      await page.getByRole('button', { name: `Cập nhật thông tin năm ${year}` }).click();
      await page.waitForURL(new RegExp(`/reports/${id}$`));
      // The province's officer sees it too; a national account (not filling the entity's reports) does not.
      const other = await page.context().browser().newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      const p = await other.newPage();
      p.setDefaultTimeout(10_000);
      try {
        await login(p, base, 'canbo.hanoi', PASSWORD);
        await p.goto(`${base}/app/registry/${ids['E2E-HN-002']}`);
        await p.getByRole('button', { name: `Cập nhật thông tin năm ${year}` }).waitFor();
        await p.context().clearCookies();
        await login(p, base, 'admin', ADMIN_PASSWORD);
        await p.goto(`${base}/app/registry/${entity}`);
        await p.getByTestId('entity-name').waitFor();
        await p.getByRole('button', { name: 'Sửa' }).waitFor();
        assert.equal(await p.getByRole('button', { name: `Cập nhật thông tin năm ${year}` }).count(), 0, 'no button for a national account');
      } finally {
        await other.close();
      }
    },
  },
  axeScenario(1440, 900, '45'),
  axeScenario(360, 740, '46'),
];

/** The date as the page writes it (vi): 05/12/2026. */
const viDate = (iso) => iso.split('-').reverse().join('/');

/** Takes the page at 360 px wide, then back to the width it had. */
async function phoneShot(page, shot, name) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(300);
  await noHorizontalScroll(page);
  await shot(page, name);
  await page.setViewportSize(size);
}

dailyScenarios.push(
  {
    // The server matches the words naming a province after the name matches: "htx dong thap" lists
    // the cooperatives named "… Đồng Tháp" first, then the other cooperatives in Đồng Tháp (82).
    name: 'search-province-name',
    viewport: { width: 1440, height: 900 },
    async run(page, { base, admin, shot }) {
      const q = 'htx dong thap';
      const api = await admin.must('GET', `/api/v1/entities?q=${encodeURIComponent(q)}&limit=200`);
      const named = (e) => /đồng tháp/i.test(e.name);
      const firstPlace = api.items.findIndex((e) => !named(e));
      assert.ok(firstPlace > 0, `name matches first, then place matches: ${api.items.map((e) => e.name).join(' | ')}`);
      assert.ok(api.items.slice(firstPlace).every((e) => !named(e) && e.current_province_code === '82'), 'after the name matches, only entities in Đồng Tháp');
      for (const code of ['E2E-DT-002', 'E2E-DT-003']) assert.ok(api.items.some((e) => e.registration_code === code), `${code} (in Đồng Tháp, not named so) is found`);
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(`${base}/app/registry?q=${encodeURIComponent(q)}`);
      await eventually(async () => (await page.getByTestId('registry-count').innerText()) === `${api.total.toLocaleString('vi-VN')} tổ chức`, `${api.total} matches for "${q}"`);
      const rows = await registryRows(page);
      assert.equal(rows.length, Math.min(api.total, rows.length));
      assert.ok(rows.length >= firstPlace + 2, `the place matches on the first page: ${rows.length} rows`);
      rows.forEach((row, i) => {
        assert.ok(row.includes(api.items[i].name), `row ${i + 1} is ${api.items[i].name}: ${row}`);
        assert.ok(row.includes('Đồng Tháp'), `row ${i + 1} in Đồng Tháp: ${row}`);
      });
      await shot(page, '47-tim-theo-ten-tinh-1440');
      await phoneShot(page, shot, '47-tim-theo-ten-tinh-360');
    },
  },
  {
    // A province officer reads the change history of an entity of the province (admins only before).
    name: 'officer-entity-history',
    viewport: { width: 1440, height: 900 },
    async run(page, { base, admin, ids, shot }) {
      const entity = ids['E2E-HN-001'];
      const address = `Số ${Date.now() % 1000} phố Hàng Bạc, phường Hoàn Kiếm`;
      await admin.must('PATCH', `/api/v1/entities/${entity}`, { address });
      await login(page, base, 'canbo.hanoi', PASSWORD);
      await page.goto(`${base}/app/registry/${entity}`);
      await page.getByTestId('entity-name').getByText('Hợp tác xã Dịch vụ Thương mại Hà Nội').waitFor();
      await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
      await page.locator('ins', { hasText: address }).waitFor();
      await shot(page, '48-can-bo-tinh-lich-su-thay-doi-1440');
      await phoneShot(page, shot, '48-can-bo-tinh-lich-su-thay-doi-360');
      // Another province's entity's history is not read.
      const officer = await new ApiClient(base).login('canbo.hanoi', PASSWORD);
      const other = await officer.call('GET', `/api/v1/audit?object=entity:${ids['E2E-HCM-001']}&limit=200`);
      assert.ok(other.status === 403 || other.status === 404 || (other.status === 200 && other.json.items.length === 0), `another province's history: ${other.status} ${JSON.stringify(other.json).slice(0, 200)}`);
      const own = await officer.must('GET', `/api/v1/audit?object=entity:${entity}&limit=200`);
      assert.ok(own.items.length >= 2, 'the creation and the change');
    },
  },
  {
    // Figures entered through the annual update reach the dashboard: a cooperative changes its
    // members in this year's report, the province admin approves it, and the province's members
    // at the end of the year (the report's period) change by the difference.
    name: 'annual-update-to-dashboard',
    needs: 'reports',
    viewport: { width: 1440, height: 900 },
    async run(page, { base, admin, ids, browser, shot }) {
      const entity = ids['E2E-DT-002'];
      const province = '82';
      const year = String(new Date().getFullYear());
      const yearEnd = `${year}-12-31`;
      await admin.call('POST', '/api/v1/users', { username: 'htx.nguhiep', display_name: 'Võ Văn Hiệp', role: 'cooperative', entity_id: entity, password: PASSWORD });
      await admin.call('POST', '/api/v1/users', { username: 'quantri.dongthap', display_name: 'Đặng Thị Tháp', role: 'province_admin', province_code: province, password: PASSWORD });
      const members = async (asOf) => (await admin.must('GET', `/api/v1/stats/entities?measure=members_total&province=${province}&as_of=${asOf}`)).total;
      const before = await members(yearEnd);
      const beforeToday = await members(today());
      const old = FIGURES.find(([code, period]) => code === 'E2E-DT-002' && period === String(Number(year) - 1))[2].members_total;
      const next = old + 17;

      await login(page, base, 'htx.nguhiep', PASSWORD);
      await page.goto(`${base}/app/registry/${entity}`);
      await page.getByRole('button', { name: `Cập nhật thông tin năm ${year}` }).click();
      await page.waitForURL(/\/reports\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const input = page.locator('#f-members_total');
      await input.waitFor();
      await input.fill(String(next));
      await input.press('Tab');
      await page.getByTestId('save-state').getByText(/Đã lưu lúc \d\d:\d\d/).waitFor();
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      const confirmSend = page.locator('.ant-modal-confirm').getByRole('button', { name: 'Gửi báo cáo' });
      await confirmSend.click();
      // Under load (make test, 2026-12-06) the confirmation was still opening when clicked and the
      // report stayed a draft: a user clicks again.
      await eventually(async () => {
        if (await page.getByText('Báo cáo đã gửi, đang chờ duyệt: không sửa được nữa.').isVisible()) return true;
        if (await confirmSend.isVisible()) await confirmSend.click({ timeout: 2000 }).catch(() => undefined);
        return false;
      }, 'the report sent', 20_000);
      const sent = await admin.must('GET', `/api/v1/reports/${id}`);
      assert.equal(sent.status, 'submitted');
      assert.equal(Number(sent.values.members_total), next);
      await shot(page, '49-htx-gui-cap-nhat-nam');

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      const p = await context.newPage();
      p.setDefaultTimeout(10_000);
      try {
        await login(p, base, 'quantri.dongthap', PASSWORD);
        await p.goto(base + '/app/reports/inbox');
        const row = p.getByTestId('inbox').locator('tr', { hasText: 'Hợp tác xã Sầu riêng Ngũ Hiệp' });
        await row.waitFor();
        await shot(p, '50-tinh-duyet-cap-nhat-nam');
        await row.getByRole('button', { name: 'Duyệt' }).click();
        await p.locator('.ant-modal-confirm').getByRole('button', { name: 'Duyệt' }).click();
        await eventually(async () => (await admin.must('GET', `/api/v1/reports/${id}`)).status === 'approved', 'the report approved');
        const after = await members(yearEnd);
        assert.equal(after, before + (next - old), `members in Đồng Tháp at ${yearEnd}: ${before} → ${after}`);
        const afterToday = await members(today());
        console.log(`  members in Đồng Tháp: at ${yearEnd} ${before} → ${after}; today ${beforeToday} → ${afterToday} (the ${year} figures count from the end of ${year})`);
        // The dashboard at the end of the year shows it.
        await p.goto(`${base}/app/?province=${province}&as_of=${yearEnd}`);
        await eventually(async () => (await p.getByTestId('dashboard-scope').innerText()).trim() === 'Đồng Tháp', 'the dashboard on Đồng Tháp');
        const value = p.getByTestId('kpi-members-value');
        await eventually(async () => (await value.getAttribute('data-exact')) === after.toLocaleString('vi-VN'), `the members card showing ${after}`);
        await p.waitForTimeout(300);
        await shot(p, '51-tong-quan-sau-cap-nhat-1440');
        await phoneShot(p, shot, '51-tong-quan-sau-cap-nhat-360');
      } finally {
        await context.close();
      }
    },
  },
  {
    // The chart downloads are report-ready: the title, the scope, the date and the source are in the file.
    name: 'chart-download-report-ready',
    needs: 'stats',
    viewport: { width: 1440, height: 900 },
    async run(page, { base, out, shot }) {
      const { readFile } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const asOf = viDate(today());
      const source = 'Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam';
      await login(page, base, 'admin', ADMIN_PASSWORD);
      const download = async (title, item, file) => {
        const button = page.getByRole('button', { name: `Tải biểu đồ: ${title}` });
        await button.click();
        // The menu this button opened (aria-controls), not any visible one: the previous chart's
        // menu may still be fading out, and an item of it never becomes clickable.
        await eventually(async () => (await button.getAttribute('aria-controls')) !== null, `the menu of "${title}" open`);
        const menu = page.locator(`#${await button.getAttribute('aria-controls')}`);
        const [d] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: item }).click()]);
        await d.saveAs(join(out, file));
        return readFile(join(out, file));
      };
      // The country: the bars by province and the map; a province (its own view): its kinds and
      // statuses and its outline (the seed gives Đồng Tháp's organisations no commune).
      for (const [query, scope] of [['', 'Cả nước'], ['?province=82', 'Đồng Tháp']]) {
        const country = scope === 'Cả nước';
        await page.goto(`${base}/app/${query}`);
        const bars = country ? 'chart-by-province' : 'chart-kind-status';
        const outline = country ? 'chart-map' : 'province-outline';
        await page.locator(`[data-testid="${bars}"] canvas`).waitFor();
        await page.locator(`[data-testid="${outline}"] canvas`).waitFor();
        await page.waitForTimeout(300);
        const slug = country ? 'ca-nuoc' : 'dong-thap';
        const title = (await page.getByTestId(bars).locator('h2').first().innerText()).trim();
        const svg = String(await download(title, 'Lưu ảnh SVG', `52-bieu-do-${slug}.svg`));
        assert.match(svg, /^<\?xml[^>]*>\s*<svg /, 'an SVG file');
        assert.ok(svg.includes(`<title>${title}</title>`), `the title in the SVG: ${title}`);
        assert.ok(svg.includes(`>${title}</text>`), 'the title drawn in the SVG');
        assert.ok(svg.includes(`>${scope} · Số liệu tính đến ngày ${asOf}</text>`), `the scope and date in the SVG (${scope})`);
        assert.ok(svg.includes(`>${source}</text>`), 'the source in the SVG');
        const png = await download(title, 'Lưu ảnh PNG', `52-bieu-do-${slug}.png`);
        assert.equal(png.subarray(1, 4).toString(), 'PNG', 'a PNG file');
        const width = png.readUInt32BE(16);
        assert.ok(width >= 1440, `the PNG drawn at report width: ${width}`);
        // The map too: its SVG is far larger than the bar charts' (the provinces' outlines).
        const map = (await page.getByTestId(outline).locator('h2').first().innerText()).trim();
        const mapSvg = String(await download(map, 'Lưu ảnh SVG', `52-ban-do-${slug}.svg`));
        assert.ok(mapSvg.includes(`<title>${map}</title>`), 'the map SVG titled');
        assert.ok(mapSvg.includes(`>${scope} · Số liệu tính đến ngày ${asOf}</text>`), `the scope and date in the map SVG (${scope})`);
        const mapPng = await download(map, 'Lưu ảnh PNG', `52-ban-do-${slug}.png`);
        assert.equal(mapPng.subarray(1, 4).toString(), 'PNG', 'the map as a PNG file');
        assert.ok(mapPng.readUInt32BE(16) >= 1440, `the map PNG drawn at report width: ${mapPng.readUInt32BE(16)}`);
        console.log(`  ${scope}: map SVG ${(mapSvg.length / 1024).toFixed(0)} KB, PNG ${(mapPng.length / 1024).toFixed(0)} KB`);
      }
      // The chart on the screen has no such title drawn in it (only the card's heading).
      await shot(page, '52-tong-quan-dong-thap');
      // A window shrunk to nothing and back (Chromium does so for a moment for a full-page capture):
      // the charts' boxes have no area meanwhile, which the map must survive (its roam view cannot
      // invert a transform at scale 0). The console is checked after the scenario.
      const size = page.viewportSize();
      await page.setViewportSize({ width: 1, height: 1 });
      await page.waitForTimeout(500);
      await page.setViewportSize(size);
      await page.locator('[data-testid="province-outline"] canvas').waitFor();
      await page.waitForTimeout(500);
    },
  },
);

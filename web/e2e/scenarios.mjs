// The end-to-end scenarios, in the order the issue lists them, plus a walk through every main
// page for the screenshots. Each runs in a fresh browser context (no shared cookies).
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { ADMIN_PASSWORD, openFromMenu } from './harness.mjs';
import { FIGURES, PASSWORD } from './seed.mjs';
import { activityScenarios } from './activities.mjs';
import { petitionScenarios } from './petitions.mjs';
import { surveyScenarios } from './surveys.mjs';
import { fundScenarios } from './fund.mjs';
import { portalScenarios } from './portal.mjs';
import { axe, dailyScenarios } from './daily.mjs';

export async function login(page, base, username, password) {
  await page.goto(base + '/app/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-menu').waitFor();
}

export async function registryRows(page) {
  // A table's rows, or on a phone (≤ 480 px) the cards.
  await page.locator('.ant-table-tbody, [data-testid="registry-cards"]').first().waitFor();
  return page.locator('.ant-table-tbody tr.ant-table-row, [data-testid="registry-card"]').allInnerTexts();
}

/** Nothing of the element sticks out of the page's width (cut at a phone's edge). */
async function insideWidth(page, selector) {
  const out = await page.evaluate((sel) => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll(sel)].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.left < -1 || r.right > w + 1);
    }).map((e) => `${e.className}: ${Math.round(e.getBoundingClientRect().left)}–${Math.round(e.getBoundingClientRect().right)}`);
  }, selector);
  assert.deepEqual(out, [], `${selector} cut at the page's edge`);
}

/** Waits until fn() returns a truthy value (the page updates asynchronously). */
export async function eventually(fn, what, timeout = 8000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function noHorizontalScroll(page) {
  // A page just resized lays itself out again (the header's breakpoint switches a moment later):
  // what counts is where it settles, within 2 s.
  for (let tries = 0; tries < 20; tries++) {
    const settled = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    if (settled) return;
    await page.waitForTimeout(100);
  }
  const { scroll, width, wide } = await page.evaluate(() => {
    const width = window.innerWidth;
    // What sticks out, for the message: the outermost elements whose right edge passes the window
    // (inside a box that scrolls sideways on purpose, nothing counts).
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) continue;
      let p = el.parentElement, inside = false, outer = true;
      for (; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') inside = true;
        if (p.getBoundingClientRect().right > width + 1) outer = false;
      }
      if (!inside && outer) wide.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')} (${Math.round(r.right)} px)`);
    }
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  assert.ok(scroll <= width + 1, `the page scrolls sideways: ${scroll} > ${width}; sticking out: ${wide.join(', ') || '?'}`);
}


/** A number as the page writes it (vi: 1.234.567), or null for a dash. */
function viNumber(text) {
  const t = text.trim();
  if (!t || t === '—') return null;
  return Number(t.replace(/\./g, '').replace(',', '.'));
}

/** The drawn pivot table: its header texts and its lines' texts, cell by cell. */
async function pivotTable(page) {
  await page.locator('[data-testid="pivot-table"][data-ready="true"]').waitFor();
  return page.getByTestId('pivot-table').evaluate((table) => ({
    head: [...table.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[▲▼]/g, '').trim()),
    lines: [...table.querySelectorAll('tbody tr')].map((tr) => ({ id: tr.dataset.testid, cells: [...tr.children].map((c) => c.textContent.trim()) })),
  }));
}

/** The cells of the first worksheet of an XLSX file, row by row (inline strings, shared strings, numbers). */
function xlsxRows(bytes) {
  const files = unzipSync(new Uint8Array(bytes));
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''))
    : [];
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
      const body = c[2] ?? '';
      const inline = /<is>[\s\S]*?<t[^>]*>([^<]*)<\/t>/.exec(body);
      if (inline) return unescape(inline[1]);
      const v = /<v>([^<]*)<\/v>/.exec(body);
      if (!v) return '';
      return /t="s"/.test(c[1]) ? shared[Number(v[1])] : v[1];
    }),
  );
}

/** Median of numbers. */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const scenarios = [
  {
    name: 'login',
    async run(page, { base, shot }) {
      await page.goto(base + '/app/');
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await shot(page, '01-dang-nhap');
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
      await shot(page, '02-dang-nhap-sai');
      await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('user-menu').waitFor();
      await page.getByRole('heading', { name: 'Tổng quan kinh tế tập thể' }).waitFor();
      await page.waitForTimeout(500);
      await shot(page, '02b-tong-quan');
      // An address of the app from before it moved under /app/ (a bookmark) lands on the same page there.
      await page.goto(base + '/registry?q=dong');
      await page.waitForURL(/\/app\/registry\?q=dong$/);
      await page.getByTestId('registry-count').waitFor();
      // Signed in across a reload (the cookie session), then signed out.
      await page.reload();
      await page.getByTestId('user-menu').click();
      await page.getByText('Đăng xuất').click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    },
  },
  {
    name: 'throttling',
    async run(page, { base, shot }) {
      await page.goto(base + '/app/');
      for (let i = 0; i < 8; i++) {
        await page.getByLabel('Tên đăng nhập').fill('khoa.thu');
        await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
        const button = page.getByRole('button', { name: 'Đăng nhập' });
        if (await button.isDisabled()) break;
        await button.click();
        await page.getByTestId('login-error').getByText(/không đúng|thử lại sau/).waitFor();
        if (await page.getByText(/thử lại sau \d+ giây/).count()) break;
      }
      await page.getByText(/Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ giây\./).waitFor();
      assert.ok(await page.getByRole('button', { name: 'Đăng nhập' }).isDisabled(), 'the button waits out the back-off');
      await shot(page, '03-dang-nhap-bi-chan');
    },
  },
  {
    name: 'search-diacritics',
    async run(page, { base, admin, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: 'Sổ đăng ký' }).click();
      const all = (await admin.must('GET', '/api/v1/entities?limit=1')).total;
      await eventually(async () => (await page.getByTestId('registry-count').innerText()).includes(`${all.toLocaleString('vi-VN')} tổ chức`), 'the full count');
      const expected = (await admin.must('GET', `/api/v1/entities?q=${encodeURIComponent('hop tac xa dong thap')}&limit=200`)).total;
      assert.ok(expected >= 1);
      for (const q of ['hop tac xa dong thap', 'HTX Đồng Tháp', 'htx dong thap']) {
        await page.getByTestId('registry-search').fill(q);
        await eventually(async () => (await page.getByTestId('registry-count').innerText()) === `${expected} tổ chức`, `${expected} matches for "${q}"`);
        const rows = await registryRows(page);
        assert.ok(rows.some((r) => r.includes('Hợp tác xã Nông nghiệp Đồng Tháp')), `"${q}" finds the Đồng Tháp cooperative`);
        assert.ok(rows.every((r) => r.includes('Đồng Tháp')), `"${q}" finds only Đồng Tháp names: ${rows}`);
        assert.ok(page.url().includes('q='), 'the search is in the address');
      }
      await shot(page, '04-so-dang-ky-tim-kiem');
      // A filter, then clear.
      await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
      await eventually(async () => (await page.getByTestId('registry-count').innerText()).includes(`${all} tổ chức`), 'the full list again');
      await shot(page, '05-so-dang-ky');
    },
  },
  {
    name: 'registry-sort',
    async run(page, { base, admin, shot }) {
      // The server sorts the whole list: newest founding date first puts the latest date of every
      // match (not only of the page shown) on the first row.
      const query = 'kind=cooperative';
      const probe = await admin.call('GET', `/api/v1/entities?${query}&sort=-founded_on&limit=1`);
      assert.equal(probe.status, 200, `the list API does not sort by founding date: ${JSON.stringify(probe.json)}`);
      let latest = '';
      for (let cursor = null, first = true; first || cursor; first = false) {
        const r = await admin.must('GET', `/api/v1/entities?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        for (const e of r.items) if (e.founded_on && e.founded_on > latest) latest = e.founded_on;
        cursor = r.next_cursor;
      }
      assert.ok(latest, 'some cooperative has a founding date');
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(`${base}/app/registry?${query}&size=20`);
      await registryRows(page);
      const founded = page.getByRole('columnheader', { name: 'Ngày thành lập' });
      await founded.click();
      await eventually(async () => (await founded.getAttribute('aria-sort')) === 'ascending', 'oldest first');
      await founded.press('Enter');
      await eventually(async () => (await founded.getAttribute('aria-sort')) === 'descending', 'newest first');
      assert.ok(new URL(page.url()).searchParams.get('sort') === '-founded_on', `the order is in the address: ${page.url()}`);
      const column = (await page.locator('.ant-table-thead th').allInnerTexts()).findIndex((t) => t.trim() === 'Ngày thành lập');
      assert.ok(column >= 0, 'the founding date column is shown');
      const firstDate = async () => {
        const text = (await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').nth(column).innerText()).trim();
        const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
        return m ? `${m[3]}-${m[2]}-${m[1]}` : text;
      };
      await eventually(async () => (await firstDate()) === latest, `the first row founded on ${latest}`);
      const csv = await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href');
      assert.ok(new URL(csv, base).searchParams.get('sort') === '-founded_on', `the export keeps the order: ${csv}`);
      await page.mouse.move(0, 0);
      await shot(page, '05b-so-dang-ky-moi-thanh-lap-truoc');
    },
  },
  {
    name: 'create-entity-validation',
    async run(page, { base, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/registry/new');
      await page.getByRole('heading', { name: 'Thêm tổ chức vào sổ đăng ký' }).waitFor();
      await page.getByLabel('Tên tổ chức').fill('Hợp tác xã Chè Shan Tuyết Suối Giàng');
      await page.getByLabel('Mã số đăng ký', { exact: true }).fill('E2E-HN-001'); // taken
      await page.getByLabel('Tỉnh/thành', { exact: true }).click();
      await page.keyboard.type('Lào Cai / Yên Bái');
      await page.keyboard.press('Enter');
      await page.getByLabel('Ngày thành lập').fill('12/05/2023');
      await page.getByLabel('Ngày thành lập').press('Enter');
      await page.getByLabel('Thư điện tử').fill('khong-phai-email');
      await page.getByTestId('entity-save').click();
      // The API's messages, next to their fields: first the malformed e-mail address…
      const field = (label) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
      await field('Thư điện tử').getByText('Địa chỉ email "khong-phai-email" không hợp lệ.').waitFor();
      await page.getByTestId('form-error').getByText('Hãy sửa các ô được đánh dấu đỏ.').waitFor();
      await shot(page, '06-them-to-chuc-loi');
      await page.getByLabel('Thư điện tử').fill('htx.suoigiang@example.vn');
      await page.getByTestId('entity-save').click();
      // …then the registration code another organisation holds.
      await field('Mã số đăng ký').getByText('Mã số đăng ký E2E-HN-001 đã được một tổ chức khác sử dụng.').waitFor();
      await page.getByLabel('Mã số đăng ký', { exact: true }).fill('E2E-LC-777');
      await page.getByTestId('entity-save').click();
      await page.getByTestId('entity-name').getByText('Hợp tác xã Chè Shan Tuyết Suối Giàng').waitFor();
      assert.match(page.url(), /\/registry\/\d+$/);
      // Founded in 2023 with code 15: Yên Bái then, Lào Cai today.
      await page.getByText('Yên Bái').waitFor();
      await page.getByText('Lào Cai').waitFor();
      await shot(page, '07-to-chuc-moi');
    },
  },
  {
    name: 'entity-page-and-event',
    async run(page, { base, ids, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(`${base}/app/registry/${ids['E2E-DT-001']}`);
      await page.getByTestId('entity-name').getByText('Hợp tác xã Nông nghiệp Đồng Tháp').waitFor();
      await page.getByText('Lê Thị Mai').waitFor();
      await shot(page, '08-to-chuc-thong-tin');
      await page.getByRole('tab', { name: 'Lịch sử tình trạng' }).click();
      await page.getByRole('button', { name: 'Ghi nhận sự kiện' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Ngày').fill('15/01/2025');
      await dialog.getByLabel('Ngày').press('Enter');
      await dialog.getByLabel('Sự kiện').click();
      await page.locator('.ant-select-dropdown:visible').getByText('Tạm ngừng hoạt động', { exact: true }).click();
      await dialog.getByLabel('Ghi chú').fill('Tạm ngừng để sửa chữa kho');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Tạm ngừng để sửa chữa kho').waitFor();
      await page.getByText('15/01/2025').waitFor();
      await shot(page, '09-to-chuc-lich-su-tinh-trang');
      await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
      await page.locator('ins', { hasText: 'Ấp 3, xã Mỹ An' }).waitFor();
      await shot(page, '10-to-chuc-lich-su-thay-doi');
      await page.getByRole('tab', { name: 'Số liệu theo kỳ' }).click();
      await shot(page, '11-to-chuc-so-lieu');
    },
  },
  {
    name: 'language-switch',
    async run(page, { base, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.getByTestId('lang-switch').click();
      await page.getByRole('link', { name: 'Registry' }).waitFor();
      await page.getByRole('link', { name: 'Registry' }).click();
      await page.getByRole('heading', { name: 'Registry of collective-economy organisations' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.title(), 'hoptac — Vietnam Cooperative Alliance');
      await page.reload();
      await page.getByRole('heading', { name: 'Registry of collective-economy organisations' }).waitFor();
      await shot(page, '12-registry-english');
      // The API's own messages follow the language too.
      await page.goto(base + '/app/registry/999999');
      await page.getByText('This organisation does not exist, or you may not see it.').waitFor();
      await page.getByTestId('lang-switch').click();
      await page.getByText('Không tìm thấy tổ chức này, hoặc bạn không có quyền xem.').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
      assert.equal(await page.title(), 'hoptac — Liên minh Hợp tác xã Việt Nam');
    },
  },
  {
    name: 'province-scope',
    async run(page, { base, ids, shot }) {
      await login(page, base, 'canbo.hanoi', PASSWORD);
      await page.goto(`${base}/app/registry/${ids['E2E-HCM-001']}`);
      await page.getByText('Không tìm thấy tổ chức này, hoặc bạn không có quyền xem.').waitFor();
      await shot(page, '13-can-bo-tinh-khong-xem-duoc');
      await page.goto(`${base}/app/registry/${ids['E2E-HN-001']}`);
      await page.getByTestId('entity-name').getByText('Hợp tác xã Dịch vụ Thương mại Hà Nội').waitFor();
      await page.goto(`${base}/app/registry`);
      const rows = await eventually(async () => {
        const r = await registryRows(page);
        return r.length ? r : null;
      }, 'rows');
      assert.ok(rows.every((r) => r.includes('Hà Nội')), `only Hà Nội: ${rows.join(' | ')}`);
    },
  },
  {
    name: 'phone-360',
    viewport: { width: 360, height: 740 },
    async run(page, { base, ids, shot }) {
      await page.goto(base + '/app/');
      await noHorizontalScroll(page);
      await shot(page, '14-dien-thoai-dang-nhap');
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="chart-kind"] canvas, [data-testid="chart-kind-empty"]').first().waitFor();
      await noHorizontalScroll(page);
      await insideWidth(page, '.chart-box, .panel');
      await shot(page, '15-dien-thoai-tong-quan');
      await page.getByRole('button', { name: 'Mở menu' }).click();
      await page.getByRole('link', { name: 'Sổ đăng ký' }).click();
      await page.getByRole('heading', { name: 'Sổ đăng ký tổ chức kinh tế tập thể' }).waitFor();
      await registryRows(page);
      await noHorizontalScroll(page);
      await shot(page, '16-dien-thoai-so-dang-ky');
      await page.goto(`${base}/app/registry/${ids['E2E-DT-001']}`);
      await page.getByTestId('entity-name').waitFor();
      await noHorizontalScroll(page);
      await shot(page, '17-dien-thoai-to-chuc');
      await page.goto(`${base}/app/registry/new`);
      await page.getByLabel('Tên tổ chức').waitFor();
      await noHorizontalScroll(page);
    },
  },
  {
    // Issue 15 item 9: the registry at 360 px, its filters in a drawer and its results as cards.
    name: 'phone-360-registry',
    viewport: { width: 360, height: 740 },
    async run(page, { base, ids, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(`${base}/app/registry`);
      const cards = await eventually(async () => {
        const r = await registryRows(page);
        return r.length ? r : null;
      }, 'cards');
      assert.equal(await page.locator('.ant-table').count(), 0, 'no wide table on a phone');
      // The first screen: the search and the filter button, not eight filters.
      await page.getByTestId('registry-search').waitFor();
      assert.equal(await page.locator('#f-kind').count(), 0, 'the filters wait in the drawer');
      const firstCard = await page.getByTestId('registry-card').first().boundingBox();
      assert.ok(firstCard && firstCard.y < 740, `a card on the first screen (at ${firstCard?.y})`);
      await noHorizontalScroll(page);
      await insideWidth(page, '[data-testid="registry-card"], .registry-phone-filters');
      await shot(page, '16b-dien-thoai-so-dang-ky-the');
      // A filter chosen in the drawer: counted on the button, applied to the cards.
      await page.getByTestId('registry-filters-open').click();
      await page.getByTestId('registry-filters').waitFor();
      await page.locator('#f-province').click();
      await page.locator('#f-province').fill('dong thap');
      // The option is clicked again while the address has no province: on a loaded machine a click
      // can land while the list is still being filtered and choose nothing.
      const dongThap = page.locator('.ant-select-item-option[title="Đồng Tháp"]');
      await dongThap.click();
      await eventually(async () => {
        if (page.url().includes('province=')) return true;
        if (await dongThap.isVisible()) await dongThap.click({ timeout: 2000 }).catch(() => undefined);
        return page.url().includes('province=');
      }, 'the province in the address', 15_000);
      await shot(page, '16c-dien-thoai-bo-loc');
      await page.getByTestId('registry-filters-done').click();
      await eventually(async () => (await page.getByTestId('registry-filters-open').getAttribute('aria-expanded')) === 'false', 'the drawer closed');
      await eventually(async () => (await page.locator('.registry-phone-filters .ant-badge-count').getAttribute('title')) === '1', 'one filter counted');
      const filtered = await eventually(async () => {
        const r = await registryRows(page);
        return r.length && r.every((t) => t.includes('Đồng Tháp')) ? r : null;
      }, 'only Đồng Tháp cards');
      assert.ok(filtered.length >= 1);
      await noHorizontalScroll(page);
      // A card opens its entity.
      await page.getByTestId('registry-card').filter({ hasText: 'Hợp tác xã Nông nghiệp Đồng Tháp' }).click();
      await page.getByTestId('entity-name').getByText('Hợp tác xã Nông nghiệp Đồng Tháp').waitFor();
      assert.ok(page.url().endsWith(`/registry/${ids['E2E-DT-001']}`), page.url());
    },
  },
  {
    name: 'change-password',
    async run(page, { base, shot }) {
      await login(page, base, 'canbo.hcm', PASSWORD);
      await page.goto(base + '/app/account');
      await page.getByLabel('Mật khẩu hiện tại').fill('sai-roi-nhe');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Mật-khẩu-mới-2027');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('Mật-khẩu-mới-2027');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      await page.getByLabel('Mật khẩu hiện tại').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await page.getByText('Đã đổi mật khẩu.').waitFor();
      await shot(page, '18-doi-mat-khau');
    },
  },
  {
    name: 'administration',
    async run(page, { base, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      // Administration is one menu in the header; API tokens are in the account menu.
      await openFromMenu(page, 'nav-admin', 'Tài khoản', page.getByText('canbo.hanoi'));
      await shot(page, '19-tai-khoan');
      await page.getByTestId('user-menu').click();
      await page.getByRole('link', { name: 'Mã truy cập API' }).click();
      await page.getByRole('button', { name: 'Tạo mã mới' }).click();
      await page.getByRole('dialog').getByLabel('Tên gợi nhớ').fill('Báo cáo tự động');
      const save = page.getByRole('dialog').getByRole('button', { name: 'Lưu' });
      await save.click();
      const created = page.getByText('Mã mới (chỉ hiện một lần, hãy chép lại ngay):');
      // make test under load once showed no new token after 10 s (the click landed while the
      // dialog was still opening, or the server was slow): a user waits, and saves again if
      // the form is still there and not saving.
      await created.waitFor({ timeout: 10_000 }).catch(async () => {
        console.log('  the new API token did not show within 10 s; saving again if the form still waits');
        if ((await save.isVisible()) && !(await save.getAttribute('class'))?.includes('ant-btn-loading')) await save.click();
        await created.waitFor({ timeout: 30_000 });
      });
      await shot(page, '20-ma-truy-cap');
      await page.goto(base + '/app/admin/audit');
      // Actions in words (audit.do.*), not their codes.
      await page.getByText('Thêm tổ chức').first().waitFor();
      await shot(page, '21-nhat-ky');
      await page.goto(base + '/app/imports');
      await page.getByRole('heading', { name: 'Nhập dữ liệu từ tệp' }).waitFor();
      await shot(page, '22-nhap-du-lieu');
    },
  },
  {
    name: 'dashboard-matches-api',
    needs: 'stats',
    async run(page, { base, admin, shot }) {
      // The dashboard's date: today where the browser runs (the same machine as this test).
      const now = new Date();
      const asOf = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      const year = now.getFullYear();
      const stock = async (query) => (await admin.must('GET', `/api/v1/stats/entities?${query}&as_of=${asOf}`)).total;
      const expected = {
        'kpi-entities': await stock('measure=count'),
        'kpi-members': await stock('measure=members_total'),
        'kpi-workers': await stock('measure=workers_total'),
        'kpi-women-managed': await stock('measure=count&kind=cooperative&status=active&women_managed=true'),
        'kpi-founded': (await admin.must('GET', `/api/v1/stats/flows?event=established&from=${year}-01-01&to=${asOf}`)).total,
      };
      // The seed's own figures (e2e/seed.mjs), so that the comparison is not of zeros: per entity
      // its latest period, all of which ended before this year.
      const latest = new Map();
      for (const [code, period, figures] of FIGURES) if (!latest.has(code) || latest.get(code).period < period) latest.set(code, { period, figures });
      const seeded = (m) => [...latest.values()].reduce((n, { figures }) => n + (figures[m] ?? 0), 0);
      assert.equal(expected['kpi-members'], seeded('members_total'), 'the API counts the seeded members');
      assert.equal(expected['kpi-workers'], seeded('workers_total'), 'the API counts the seeded workers');
      assert.ok(expected['kpi-women-managed'] >= 2 && expected['kpi-founded'] >= 2, `seeded women-managed and new entities: ${JSON.stringify(expected)}`);
      await login(page, base, 'admin', ADMIN_PASSWORD);
      for (const [testId, value] of Object.entries(expected)) {
        const shown = page.getByTestId(testId).locator('.kpi-value:not(.kpi-probe)');
        await eventually(async () => (await shown.innerText()).trim() === value.toLocaleString('vi-VN'), `${testId} showing ${value}`);
      }
      await page.getByTestId('kpi-founded').getByText(`Thành lập năm ${year}`).waitFor();
      await page.locator('[data-testid="chart-map"] canvas').waitFor();
      await shot(page, '25-tong-quan-so-lieu');
      // The same drill-in as a click on the map, with the keyboard only: the province selector.
      const code = '79';
      const inProvince = async (query) => (await admin.must('GET', `/api/v1/stats/entities?${query}&province=${code}&as_of=${asOf}`)).total;
      const provinceExpected = { 'kpi-entities': await inProvince('measure=count'), 'kpi-members': await inProvince('measure=members_total') };
      assert.ok(provinceExpected['kpi-entities'] >= 2 && provinceExpected['kpi-entities'] < expected['kpi-entities'], `a province's share: ${JSON.stringify(provinceExpected)}`);
      const name = (await admin.must('GET', '/api/v1/admin-units?level=province')).items.find((u) => u.code === code).name;
      const selector = page.getByLabel('Tỉnh/thành', { exact: true });
      await selector.focus();
      await page.keyboard.type('Hồ Chí Minh');
      await page.keyboard.press('Enter');
      await eventually(async () => (await page.getByTestId('dashboard-scope').innerText()).trim() === name, `the scope showing ${name}`);
      assert.equal(new URL(page.url()).searchParams.get('province'), code, `the province is in the address: ${page.url()}`);
      for (const [testId, value] of Object.entries(provinceExpected)) {
        const shown = page.getByTestId(testId).locator('.kpi-value:not(.kpi-probe)');
        await eventually(async () => (await shown.innerText()).trim() === value.toLocaleString('vi-VN'), `${testId} showing ${value} for ${code}`);
      }
      await shot(page, '25b-tong-quan-mot-tinh');
      // Back to the whole country, from the keyboard too.
      await selector.focus();
      await page.keyboard.type('Cả nước');
      await page.keyboard.press('Enter');
      await eventually(async () => (await page.getByTestId('dashboard-scope').innerText()).trim() === 'Cả nước', 'the scope back to the whole country');
      const all = page.getByTestId('kpi-entities').locator('.kpi-value:not(.kpi-probe)');
      await eventually(async () => (await all.innerText()).trim() === expected['kpi-entities'].toLocaleString('vi-VN'), 'the country total again');
    },
  },
  {
    name: 'import-csv',
    needs: 'imports',
    async run(page, { base, admin, shot }) {
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/imports');
      // Vietnamese headings as people write them, and one column the importer does not know.
      const header = 'Mã số HTX;Loại hình;Tên HTX;Mã tỉnh;Ngày thành lập;sector;Ghi chú nội bộ';
      const good = ['E2E-IMP-001;HTX;Hợp tác xã Nhập Tệp Một;01;15/03/2018;agriculture;x', 'E2E-IMP-002;THT;Tổ hợp tác Nhập Tệp Hai;79;2020-06-01;fisheries;'];
      const bad = 'E2E-IMP-003;HTX;Hợp tác xã Nhập Tệp Ba;01;31/02/2019;agriculture;'; // 31 February
      const file = (rows) => ({ name: 'nhap-thu.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + [header, ...rows].join('\r\n') + '\r\n', 'utf8') });
      await page.getByTestId('import-file').setInputFiles(file([...good, bad]));
      // The preview, a step of its own: each heading and what it was read as, then the first rows.
      const preview = page.getByTestId('import-preview');
      await preview.getByText('Hợp tác xã Nhập Tệp Một').waitFor({ timeout: 20_000 });
      const jobs = await admin.must('GET', '/api/v1/imports');
      const job = await admin.must('GET', `/api/v1/imports/${jobs.items[0].id}`);
      assert.deepEqual(job.unknown_headers, ['Ghi chú nội bộ'], 'the API did not recognise the unknown column only');
      const mapping = page.getByTestId('import-columns').locator('tbody tr.ant-table-row');
      assert.equal(await mapping.count(), job.columns.length, 'one line per column of the file');
      for (const [i, c] of job.columns.entries()) {
        const text = await mapping.nth(i).innerText();
        assert.ok(text.includes(c.header), `line ${i} names "${c.header}": ${text}`);
        assert.ok(c.column ? text.includes(c.column) : text.includes('Không nhận ra'), `"${c.header}" read as ${c.column}: ${text}`);
      }
      await page.getByTestId('import-unknown').getByText('“Ghi chú nội bộ”').waitFor();
      assert.equal(await page.getByTestId('import-problems').count(), 0, 'the check results come after the preview');
      await shot(page, '23a-nhap-du-lieu-xem-truoc');
      await page.getByTestId('import-check').click();
      const problems = page.getByTestId('import-problems');
      // The value shows in its cell and in the reason ("31/02/2019 is not a date"): one row either way.
      await problems.getByText('31/02/2019').first().waitFor({ timeout: 20_000 });
      assert.ok(await page.getByTestId('import-commit').isDisabled(), 'a file with a bad row cannot be committed whole');
      await shot(page, '23-nhap-du-lieu-loi');
      // Fix the row, check again, commit.
      await page.getByTestId('import-file').setInputFiles(file([...good, bad.replace('31/02/2019', '28/02/2019')]));
      await preview.getByText('Hợp tác xã Nhập Tệp Ba').waitFor({ timeout: 20_000 });
      await page.getByTestId('import-check').click();
      await page.getByText('Không có lỗi. Có thể ghi vào sổ.').waitFor({ timeout: 20_000 });
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-summary').getByText('Đã ghi xong.').waitFor({ timeout: 30_000 });
      await shot(page, '24-nhap-du-lieu-xong');
      const found = await admin.must('GET', '/api/v1/entities?q=' + encodeURIComponent('nhap tep'));
      assert.equal(found.total, 3);
    },
  },
  {
    // Unverified until the reporting backend is merged: written from its API (src/reporting).
    name: 'report-province-development',
    needs: 'reports',
    async run(page, { base, admin, browser, shot }) {
      const period = '2023M01-09';
      await admin.must('POST', '/api/v1/users', { username: 'canbo.langson', display_name: 'Hoàng Văn Sơn', role: 'province_officer', province_code: '20', password: PASSWORD });
      await admin.must('POST', '/api/v1/users', { username: 'duyet.tw', display_name: 'Phạm Thu Duyệt', role: 'national_officer', password: PASSWORD });
      // The province officer creates the report from "Báo cáo của tôi" (an earlier period than the due list's).
      await login(page, base, 'canbo.langson', PASSWORD);
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      await page.getByRole('heading', { name: 'Báo cáo của tôi' }).waitFor();
      const panel = page.getByTestId('new-report');
      await panel.getByLabel('Biểu mẫu').click();
      await page.locator('.ant-select-dropdown').getByText('Báo cáo tình hình phát triển kinh tế tập thể').click();
      await panel.getByLabel('Kỳ báo cáo').click();
      await page.keyboard.type('Tháng 1–9/2023');
      await page.keyboard.press('Enter');
      await panel.getByRole('button', { name: 'Lập báo cáo' }).click();
      await page.waitForURL(/\/reports\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const created = await admin.must('GET', `/api/v1/reports/${id}`);
      assert.equal(created.form, 'province_development');
      assert.equal(created.period, period);
      assert.equal(created.province, '20');
      // coops_total prefilled from the registry, marked so, and shown as the API answered it.
      assert.ok(created.prefill.coops_total, 'the API prefilled coops_total');
      const field = page.locator('[data-field="coops_total"]');
      await field.getByText('Từ sổ đăng ký', { exact: true }).waitFor();
      const expected = Number(created.prefill.coops_total.value).toLocaleString('vi-VN');
      await eventually(async () => (await page.locator('#f-coops_total').inputValue()) === expected, `coops_total showing ${expected}`);
      await page.getByText('Tháng 1–9/2023').first().waitFor();
      await shot(page, '30-bao-cao-nhap');
      // Autosave of a text, then submit.
      await page.getByLabel('Kết quả đạt được').fill('Kinh tế tập thể của tỉnh phát triển ổn định.');
      await page.getByTestId('save-state').getByText(/Đã lưu lúc \d\d:\d\d/).waitFor();
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Gửi báo cáo' }).click();
      await page.getByText('Báo cáo đã gửi, đang chờ duyệt: không sửa được nữa.').waitFor();
      assert.equal((await admin.must('GET', `/api/v1/reports/${id}`)).status, 'submitted');
      await shot(page, '31-bao-cao-da-gui');
      // The national officer approves it from the review inbox.
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      const reviewer = await context.newPage();
      reviewer.setDefaultTimeout(10_000);
      try {
        await login(reviewer, base, 'duyet.tw', PASSWORD);
        await reviewer.goto(base + '/app/reports/inbox');
        const row = reviewer.getByTestId('inbox').locator('tr', { hasText: 'Tháng 1–9/2023' });
        await row.getByText('Lạng Sơn').waitFor();
        await shot(reviewer, '32-hop-duyet');
        await row.getByRole('button', { name: 'Duyệt' }).click();
        const confirm = reviewer.locator('.ant-modal-confirm').getByRole('button', { name: 'Duyệt' });
        await confirm.click();
        // On a loaded machine (CI runs two suites at once) the confirmation was once still opening
        // when clicked and the report stayed in the inbox: a user clicks again.
        await eventually(async () => {
          if (await reviewer.getByTestId('inbox').getByText('Không có báo cáo nào chờ duyệt.').isVisible()) return true;
          if (await confirm.isVisible()) await confirm.click({ timeout: 2000 }).catch(() => undefined);
          return false;
        }, 'the inbox empty after the approval', 20_000);
      } finally {
        await context.close();
      }
      const approved = await admin.must('GET', `/api/v1/reports/${id}`);
      assert.equal(approved.status, 'approved');
      assert.deepEqual(approved.history.map((e) => e.action).filter((a) => a !== 'saved'), ['created', 'submitted', 'approved']);

      // The national officer's national table and the printout, on a desktop and on a phone.
      const coops = Number(approved.values.coops_total).toLocaleString('vi-VN');
      for (const [device, viewport] of [['1440', { width: 1440, height: 900 }], ['360', { width: 360, height: 740 }]]) {
        const officer = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
        const p = await officer.newPage();
        p.setDefaultTimeout(10_000);
        const errors = [];
        p.on('pageerror', (e) => errors.push(String(e)));
        try {
          await login(p, base, 'duyet.tw', PASSWORD);
          // From completeness to the table, as the officer finds it.
          await p.goto(`${base}/app/reports/completeness?form=province_development&period=${period}`);
          await p.getByTestId('to-table').click();
          await p.waitForURL(/\/reports\/table\?form=province_development&period=2023M01-09$/);
          const row = p.getByTestId('row-20');
          await row.getByRole('link', { name: 'Lạng Sơn' }).waitFor();
          await row.getByText('Đã duyệt').waitFor();
          await row.getByText(coops, { exact: true }).first().waitFor();
          await p.getByTestId('sum-row').getByText('Cộng').waitFor();
          assert.equal(
            await p.getByTestId('table-xlsx').getAttribute('href'),
            `/api/v1/reports/table?form=province_development&period=${period}&format=xlsx`,
          );
          if (device === '360') {
            await noHorizontalScroll(p);
            // The table scrolls inside its box, the province column staying in view.
            const box = p.locator('.nt-scroll');
            assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the national table scrolls sideways in its box on a phone');
          }
          await shot(p, `33-bang-tong-hop-${device}`);
          // The XLSX of the table (an existing endpoint).
          const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('table-xlsx').click()]);
          assert.match(download.suggestedFilename(), /\.xlsx$/);
          // The row opens the report, which links its printout.
          await row.getByRole('link', { name: 'Lạng Sơn' }).click();
          await p.waitForURL(new RegExp(`/reports/${id}$`));
          await p.getByTestId('report-tools').waitFor();
          if (device === '360') {
            await noHorizontalScroll(p);
            await shot(p, '33b-bao-cao-da-duyet-360');
          }
          await p.getByRole('link', { name: /Bản in \/ PDF/ }).click();
          await p.waitForURL(new RegExp(`/reports/${id}/print$`));
          const sheet = p.getByTestId('print-sheet');
          await sheet.getByRole('heading', { name: 'BÁO CÁO TÌNH HÌNH PHÁT TRIỂN KINH TẾ TẬP THỂ' }).waitFor();
          await sheet.getByText('LIÊN MINH HỢP TÁC XÃ TỈNH LẠNG SƠN').waitFor();
          await p.getByTestId('print-period').getByText('9 tháng đầu năm 2023').waitFor();
          const signatures = p.getByTestId('print-signatures');
          await signatures.getByText('NGƯỜI LẬP BIỂU').waitFor();
          await signatures.getByText('THỦ TRƯỞNG ĐƠN VỊ').waitFor();
          assert.equal(await p.locator('.app-header').count(), 0, 'the printout is shown without the app header');
          if (device === '360') await noHorizontalScroll(p);
          await shot(p, `34-ban-in-${device}`);
          if (device === '1440') {
            await p.emulateMedia({ media: 'print' });
            assert.equal(await p.getByRole('toolbar').isVisible(), false, 'the toolbar is not printed');
            await shot(p, '35-ban-in-khi-in');
            await p.emulateMedia({ media: 'screen' });
          }
          // NEEDS THE SERVER FROM main (GET /reports/{id}/export): the report's XLSX in the paper
          // layout. On a server without it the step says so and does not fail the scenario.
          const exported = await admin.call('GET', `/api/v1/reports/${id}/export?format=xlsx`);
          if (exported.status === 404) console.log('  NOTE report-province-development: GET /api/v1/reports/{id}/export is not on this server yet; the XLSX download of the printout was not tried');
          else {
            const [file] = await Promise.all([p.waitForEvent('download'), p.getByTestId('print-xlsx').click()]);
            assert.match(file.suggestedFilename(), /\.xlsx$/);
          }
          assert.deepEqual(errors, [], `errors in the browser console (${device})`);
        } finally {
          await officer.close();
        }
      }
    },
  },
  {
    name: 'report-bell',
    needs: 'reports',
    viewport: { width: 360, height: 740 },
    async run(page, { base, admin, shot }) {
      // A province officer sees the reports due in the header's bell, on a phone, and opens the list from it.
      await admin.must('POST', '/api/v1/users', { username: 'chuong.langson', display_name: 'Lý Thị Chuông', role: 'province_officer', province_code: '20', password: PASSWORD });
      const due = await admin.call('GET', '/api/v1/reports/due');
      await login(page, base, 'chuong.langson', PASSWORD);
      const bell = page.getByTestId('due-bell');
      await bell.waitFor();
      const label = await bell.getAttribute('aria-label');
      assert.match(label, /^Báo cáo cần làm: \d+ việc sắp đến hạn hoặc quá hạn$/);
      await bell.click();
      const panel = page.getByTestId('due-bell-panel');
      await panel.waitFor();
      const items = await panel.locator('li').count();
      assert.ok(items > 0 || (await panel.getByText('Không có báo cáo nào cần làm.').count()) === 1, 'the bell lists the due reports or says there are none');
      assert.ok(due.status === 200);
      await noHorizontalScroll(page);
      await shot(page, '36-chuong-bao-cao-360');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1440, height: 900 });
      await bell.click();
      await panel.waitFor();
      await shot(page, '37-chuong-bao-cao-1440');
      await panel.getByRole('link', { name: 'Xem tất cả việc cần làm' }).click();
      await page.getByRole('heading', { name: 'Báo cáo của tôi' }).waitFor();
    },
  },
  ...dailyScenarios,
  ...activityScenarios,
  ...petitionScenarios,
  ...surveyScenarios,
  ...fundScenarios,
  ...portalScenarios,
  {
    name: 'pivot',
    needs: 'stats',
    async run(page, { base, browser, admin, shot }) {
      // Province × kind: every cell is the stats API's number, the totals its sums.
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/pivot?rows=province&cols=kind');
      const api = await admin.must('GET', '/api/v1/stats/entities?group_by=province,kind');
      const { head, lines } = await pivotTable(page);
      assert.equal(head[0], 'Tỉnh/thành');
      assert.equal(head.at(-1), 'Tổng cộng');
      let checked = 0;
      for (const row of api.rows) {
        const line = lines.find((l) => l.id === `pivot-row-${row.keys.province}`);
        assert.ok(line, `a line for province ${row.keys.province}`);
        assert.equal(line.cells[0], row.labels.province);
        const col = head.indexOf(row.labels.kind);
        assert.ok(col > 0, `a column for ${row.labels.kind}`);
        assert.equal(viNumber(line.cells[col]), row.value, `${row.labels.province} × ${row.labels.kind}`);
        checked++;
      }
      assert.ok(checked >= 5, `${checked} cells checked`);
      const total = lines.find((l) => l.id === 'pivot-total');
      assert.equal(viNumber(total.cells.at(-1)), api.total, 'the grand total');
      await page.getByTestId('pivot-question').getByText('Số tổ chức theo Tỉnh/thành và Loại hình').waitFor();
      await shot(page, '40-bang-tong-hop-dong-1280');
      // Sorting by the total, largest first: the address says so.
      await page.getByTestId('pivot-sort-total').click();
      await page.waitForURL(/sort=total&dir=desc/);
      const sorted = (await pivotTable(page)).lines.filter((l) => l.id?.startsWith('pivot-row-')).map((l) => viNumber(l.cells.at(-1)));
      assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), 'lines sorted by their total, descending');
      // The XLSX of the same table: the question above it, the same numbers.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pivot-xlsx').click()]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const { readFile } = await import('node:fs/promises');
      const rows = xlsxRows(await readFile(await download.path()));
      assert.equal(rows[0][0], 'Số tổ chức theo Tỉnh/thành và Loại hình');
      assert.equal(rows[1][0], 'Phạm vi: Cả nước');
      assert.match(rows[2][0], /^Số liệu tính đến ngày \d\d\/\d\d\/\d{4}$/);
      assert.equal(rows[3][0], 'Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam');
      const xlsxTotal = rows.find((r) => r[0] === 'Tổng cộng');
      assert.equal(Number(xlsxTotal.at(-1)), api.total, 'the XLSX grand total');
      const hanoi = api.rows.find((r) => r.keys.province === '01' && r.keys.kind === 'cooperative');
      const hanoiLine = rows.find((r) => r[0] === hanoi.labels.province);
      const xlsxHead = rows.find((r) => r[0] === 'Tỉnh/thành');
      assert.equal(Number(hanoiLine[xlsxHead.indexOf(hanoi.labels.kind)]), hanoi.value, 'a cell of the XLSX');
      // Screenshots at 1440 and 360 px: on a phone the table scrolls inside its box, not the page.
      for (const [device, viewport] of [['1440', { width: 1440, height: 900 }], ['360', { width: 360, height: 740 }]]) {
        const context = await browser.newContext({ viewport, locale: 'vi-VN' });
        const p = await context.newPage();
        p.setDefaultTimeout(10_000);
        try {
          await login(p, base, 'admin', ADMIN_PASSWORD);
          await p.goto(base + '/app/pivot?rows=province,kind&cols=status&measure=members_total');
          await pivotTable(p);
          await p.waitForTimeout(300);
          if (device === '360') {
            await noHorizontalScroll(p);
            const box = p.locator('.pivot-scroll');
            assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the pivot scrolls sideways in its box on a phone');
            // Numbers are never cut: every number cell is as wide as its text.
            const cut = await p.locator('.pivot-table td.num').evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).length);
            assert.equal(cut, 0, 'number cells cut off');
          }
          await shot(p, `40-bang-tong-hop-dong-${device}`);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'pivot-timing',
    needs: 'stats',
    async run(page, { base, admin }) {
      // "Click to drawn table" for a province × kind × status pivot: from the click on a saved view
      // (the list of saved views) to its table drawn with the answer to its question (two animation
      // frames after it is in the page), measured in the page; back to the list between runs, so
      // each click mounts the page and asks the API again. The page's code is loaded by a first open.
      const view = await admin.must('POST', '/api/v1/views', { name: 'Đo thời gian', page: 'pivot', query: 'rows=province,kind&cols=status' });
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/pivot?rows=province,kind&cols=status');
      await pivotTable(page);
      const entities = (await admin.must('GET', '/api/v1/stats/entities')).total;
      const times = [];
      for (let i = 0; i < 9; i++) {
        await page.goto(base + '/app/views');
        await page.getByTestId(`view-${view.id}`).waitFor();
        const ms = await page.evaluate(
          (id) =>
            new Promise((resolve) => {
              const link = document.querySelector(`[data-testid="view-${id}"]`);
              let t0 = 0;
              const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
              const observer = new MutationObserver(() => {
                if (document.querySelector('[data-testid="pivot-table"]')?.dataset.ready === 'true') {
                  observer.disconnect();
                  done();
                }
              });
              observer.observe(document.body, { subtree: true, childList: true, attributes: true });
              t0 = performance.now();
              link.click();
            }),
          view.id,
        );
        times.push(ms);
      }
      const { lines } = await pivotTable(page);
      console.log(`  TIMING pivot province×kind×status, click to drawn table: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; ${entities} entities, ${lines.length} lines)`);
      await admin.must('DELETE', `/api/v1/views/${view.id}`);
      // Performance is a measurement (docs/perf.md), not an assertion: a loaded CI machine must not fail it.
    },
  },
  {
    name: 'pivot-saved-view',
    needs: 'stats',
    async run(page, { base, browser, admin, shot }) {
      // A second officer of Hà Nội, for the shared view.
      // (Made once: a second run of the scenario on the same server finds it.)
      await admin.call('POST', '/api/v1/users', { username: 'canbo.hanoi2', display_name: 'Phạm Văn Đức', role: 'province_officer', province_code: '01', password: PASSWORD });
      // canbo.hanoi saves kind × status for the province.
      await login(page, base, 'canbo.hanoi', PASSWORD);
      await page.goto(base + '/app/pivot?rows=kind&cols=status');
      const mine = await pivotTable(page);
      await page.getByTestId('views-save').click();
      await page.getByTestId('views-name').fill('Hà Nội theo loại hình và tình trạng');
      await page.getByTestId('views-visibility-province').click();
      await page.locator('.ant-modal').getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu “Hà Nội theo loại hình và tình trạng”.').waitFor();
      // Another officer of Hà Nội finds it, opens it, makes it the start page.
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      const other = await context.newPage();
      other.setDefaultTimeout(10_000);
      try {
        await login(other, base, 'canbo.hanoi2', PASSWORD);
        await other.goto(base + '/app/views');
        const link = other.getByRole('link', { name: 'Hà Nội theo loại hình và tình trạng' });
        await link.waitFor();
        await shot(other, '41-dang-xem-da-luu');
        await other.getByRole('button', { name: 'Đặt làm trang đầu' }).click();
        await other.getByText('Trang đầu', { exact: true }).waitFor();
        await link.click();
        await other.waitForURL(/\/pivot\?rows=kind&cols=status/);
        const theirs = await pivotTable(other);
        assert.deepEqual(theirs.lines, mine.lines, 'the same province, the same table');
        // Signed in again: the start page is the view.
        await other.getByTestId('user-menu').click();
        await other.getByText('Đăng xuất').click();
        await login(other, base, 'canbo.hanoi2', PASSWORD);
        await other.waitForURL(/\/pivot\?rows=kind&cols=status/);
        await pivotTable(other);
      } finally {
        await context.close();
      }
      // Another province's officer does not see it.
      // (canbo.hcm's password is changed by the change-password scenario: another province's own account.)
      await admin.call('POST', '/api/v1/users', { username: 'canbo.hcm2', display_name: 'Lê Văn Nam', role: 'province_officer', province_code: '79', password: PASSWORD });
      const hcm = await new (admin.constructor)(base).login('canbo.hcm2', PASSWORD);
      const list = await hcm.must('GET', '/api/v1/views');
      assert.ok(!list.items.some((v) => v.name === 'Hà Nội theo loại hình và tình trạng'), 'not shown to another province');
    },
  },
  {
    name: 'province-view',
    needs: 'stats',
    async run(page, { base, browser, admin, shot }) {
      // Quảng Ninh (22), which the seed leaves empty: organisations in two of its communes and one
      // without a commune, and the province's officer.
      const code = '22';
      const communes = (await admin.must('GET', `/api/v1/admin-units?level=commune&parent=${code}`)).items;
      assert.ok(communes.length > 20, `Quảng Ninh's communes: ${communes.length}`);
      const [top, second] = [communes[3], communes[10]];
      const made = [
        ['E2E-QN-001', 'cooperative', 'Hợp tác xã Nuôi trồng Thủy sản Vân Đồn', top.code, 'fisheries'],
        ['E2E-QN-002', 'cooperative', 'Hợp tác xã Chè Đường Hoa', top.code, 'agriculture'],
        ['E2E-QN-003', 'group', 'Tổ hợp tác Ngao Hà Nam', top.code, 'fisheries'],
        ['E2E-QN-004', 'cooperative', 'Hợp tác xã Vận tải Bãi Cháy', second.code, 'transport'],
        ['E2E-QN-005', 'cooperative', 'Hợp tác xã Môi trường Hạ Long', null, 'environment'],
      ];
      const ids = {};
      for (const [registration_code, kind, name, commune_code, sector] of made) {
        const existing = (await admin.must('GET', `/api/v1/entities?q=${encodeURIComponent(name)}&province=${code}`)).items.find((e) => e.registration_code === registration_code);
        ids[registration_code] = existing
          ? existing.id
          : (await admin.must('POST', '/api/v1/entities', { registration_code, kind, name, province_code: code, commune_code, founded_on: '2021-04-01', sector })).id;
      }
      await admin.call('POST', `/api/v1/entities/${ids['E2E-QN-002']}/events`, { date: '2024-03-31', type: 'stopped', note: 'Hết vùng nguyên liệu' });
      await admin.call('POST', '/api/v1/users', { username: 'canbo.quangninh', display_name: 'Vũ Thị Hạnh', role: 'province_officer', province_code: code, password: PASSWORD });
      const name = (await admin.must('GET', '/api/v1/admin-units?level=province')).items.find((u) => u.code === code).name;
      const topName = top.full_name;

      // The province officer, on a desktop and on a phone: the dashboard is the province's view.
      for (const [device, viewport] of [['1440', { width: 1440, height: 900 }], ['360', { width: 360, height: 740 }]]) {
        // axe is injected as an inline script, which the app's Content-Security-Policy forbids.
        const context = await browser.newContext({ viewport, locale: 'vi-VN', bypassCSP: true });
        const p = await context.newPage();
        p.setDefaultTimeout(10_000);
        const errors = [];
        p.on('pageerror', (e) => errors.push(String(e)));
        try {
          await login(p, base, 'canbo.quangninh', PASSWORD);
          await eventually(async () => (await p.getByTestId('dashboard-scope').innerText()).trim() === name, `the scope showing ${name}`);
          assert.equal(await p.getByLabel('Tỉnh/thành', { exact: true }).count(), 0, 'no province selector for a province account');
          assert.equal(await p.getByRole('button', { name: 'Về cả nước' }).count(), 0, 'no way to the country for a province account');
          const table = p.getByTestId('commune-table');
          await table.getByRole('heading', { name: `Xếp hạng xã/phường của ${name}` }).waitFor();
          const row = p.getByTestId(`commune-${top.code}`);
          await row.waitFor();
          // Every commune of the province is a line; the top commune first, those without organisations last.
          const lines = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
          assert.equal(lines.length, communes.length, 'a line per commune');
          assert.deepEqual(lines[0].slice(0, 3), ['1', topName, '3'], `the top commune: ${lines[0]}`);
          assert.deepEqual(lines[1].slice(0, 3), ['2', second.full_name, '1']);
          assert.ok(lines.slice(2).every((l) => l[2] === '0'), 'the other communes with 0');
          await table.getByTestId('commune-unknown').getByText('Chưa ghi xã/phường').waitFor();
          await p.getByTestId('province-outline').locator('canvas').waitFor();
          await p.getByTestId('chart-by-commune').locator('canvas').waitFor();
          await p.getByTestId('chart-founded').locator('canvas').waitFor();
          if (device === '360') {
            await noHorizontalScroll(p);
            const box = table.locator('.commune-scroll');
            assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the commune table scrolls sideways in its card on a phone');
          }
          await p.waitForTimeout(300);
          await axe(p, `the province view at ${device}px`);
          await shot(p, `50-tong-quan-tinh-${device}`);
          // A commune found without diacritics.
          await p.getByTestId('commune-search').fill(top.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd'));
          await eventually(async () => (await table.locator('tbody tr').count()) >= 1 && (await table.locator('tbody tr').first().innerText()).includes(topName), `the search finding ${topName}`);
          await p.getByTestId('commune-search').fill('');
          if (device === '1440') {
            // The top commune's count opens its list: as many organisations as the table counts.
            await row.getByRole('link', { name: `${topName}, Tổng số: 3 — xem danh sách tổ chức` }).click();
            await p.getByRole('heading', { name: 'Sổ đăng ký tổ chức kinh tế tập thể' }).waitFor();
            const url = new URL(p.url());
            assert.deepEqual(Object.fromEntries(url.searchParams), { province: code, commune: top.code }, `the registry's filters: ${p.url()}`);
            const officer = await new (admin.constructor)(base).login('canbo.quangninh', PASSWORD);
            const listed = (await officer.must('GET', `/api/v1/entities?${url.searchParams}&limit=1`)).total;
            assert.equal(listed, 3, 'the registry API lists the commune’s three organisations');
            await eventually(async () => (await p.getByTestId('registry-count').innerText()) === '3 tổ chức', 'the list counting 3');
            await eventually(async () => (await p.locator('.filter-field', { has: p.locator('#f-commune') }).innerText()).includes(topName), 'the commune filter shown');
            const rows = await registryRows(p);
            assert.equal(rows.length, 3);
            await shot(p, '51-so-dang-ky-theo-xa');
            // The stopped one, from its status column.
            await p.goBack();
            await p.getByTestId(`commune-${top.code}`).getByRole('link', { name: `${topName}, Ngừng hoạt động: 1 — xem danh sách tổ chức` }).click();
            await eventually(async () => (await p.getByTestId('registry-count').innerText()) === '1 tổ chức', 'the list counting 1 stopped');
          }
          assert.deepEqual(errors, [], `errors in the browser console (${device})`);
        } finally {
          await context.close();
        }
      }

      // The national admin chooses the province, then goes back to the whole country.
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.locator('[data-testid="chart-map"] canvas').waitFor();
      const selector = page.getByLabel('Tỉnh/thành', { exact: true });
      await selector.focus();
      await page.keyboard.type('quang ninh');
      await page.keyboard.press('Enter');
      await eventually(async () => (await page.getByTestId('dashboard-scope').innerText()).trim() === name, `the scope showing ${name}`);
      await page.getByTestId(`commune-${top.code}`).waitFor();
      assert.equal(await page.getByTestId('chart-map').count(), 0, 'the country map gives way to the province');
      assert.equal(await page.getByTestId('chart-by-province').count(), 0, 'no one-bar chart');
      await page.getByRole('button', { name: 'Về cả nước' }).click();
      await eventually(async () => (await page.getByTestId('dashboard-scope').innerText()).trim() === 'Cả nước', 'back to the whole country');
      await page.locator('[data-testid="chart-map"] canvas').waitFor();
      assert.equal(await page.getByTestId('commune-table').count(), 0, 'no commune table for the country');
      assert.equal(new URL(page.url()).searchParams.get('province'), null);

      // The provinces as they were (63 on a date before 2025-07-01): a bar each, every name on its own line, scrolling in the card.
      for (const [device, viewport] of [['1440', { width: 1440, height: 900 }], ['360', { width: 360, height: 740 }]]) {
        await page.setViewportSize(viewport);
        await page.goto(`${base}/app/?as_of=2024-12-31&scheme=legacy`);
        const chart = page.getByTestId('chart-by-province');
        await chart.locator('canvas').waitFor();
        const scroll = page.getByTestId('chart-by-province-scroll');
        await scroll.waitFor();
        const { inner, outer } = await scroll.evaluate((el) => ({ inner: el.scrollHeight, outer: el.clientHeight }));
        assert.ok(inner >= 63 * 20 && outer <= 460, `63 bars of 20 px scrolling in 460 px: ${inner} in ${outer}`);
        // The data table lists all 63 by name.
        await page.getByTestId('chart-by-province-table-toggle').click();
        assert.equal(await chart.locator('tbody tr').count(), 63, 'the 63 provinces of 2024');
        await page.getByTestId('chart-by-province-table-toggle').click();
        if (device === '360') await noHorizontalScroll(page);
        await chart.scrollIntoViewIfNeeded();
        await shot(page, `52-tinh-thanh-63-${device}`);
      }
    },
  },
  {
    // The province grid of the annual update: keyboard entry in two rows, a 2×2 block pasted, a
    // value the server refuses shown in its cell, fixed, and after a reload what the server has —
    // the same values as the entities' reports.
    name: 'report-grid',
    needs: 'reports',
    async run(page, { base, admin, shot }) {
      await admin.must('POST', '/api/v1/users', { username: 'canbo.cantho', display_name: 'Trịnh Văn Cần', role: 'province_officer', province_code: '92', password: PASSWORD });
      const ids = [];
      for (const [code, name] of [['E2E-GRID-1', 'Hợp tác xã Bảng Nhập An Phú'], ['E2E-GRID-2', 'Hợp tác xã Bảng Nhập Bình Thủy'], ['E2E-GRID-3', 'Hợp tác xã Bảng Nhập Cái Răng']])
        ids.push((await admin.must('POST', '/api/v1/entities', { registration_code: code, kind: 'cooperative', name, province_code: '92', founded_on: '2016-04-01', sector: 'agriculture' })).id);
      const year = new Date().toISOString().slice(0, 4);
      await login(page, base, 'canbo.cantho', PASSWORD);
      await page.getByRole('link', { name: 'Nhập theo bảng' }).click();
      await page.getByRole('heading', { name: 'Nhập số liệu hằng năm theo bảng' }).waitFor();
      const grid = page.getByTestId('grid');
      const rows = grid.getByTestId('grid-row');
      const openGrid = async () => {
        await page.getByTestId('grid-filter').fill('bang nhap'); // without diacritics
        await eventually(async () => (await rows.count()) === 3, 'the three rows of the filter');
      };
      await openGrid();
      const cell = (row, field) => rows.nth(row).locator(`[data-field="${field}"]`);
      // Keyboard: members of the first two rows (Enter moves down).
      await cell(0, 'members_total').click();
      await page.keyboard.type('25');
      await page.keyboard.press('Enter');
      await page.keyboard.type('30');
      await page.keyboard.press('Enter');
      // A 2×2 block from a spreadsheet: workers and women workers of rows 2 and 3.
      await cell(1, 'workers_total').click();
      await grid.evaluate((el) => {
        const data = new DataTransfer();
        data.setData('text/plain', '12\t5\r\n8\t3\r\n');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      });
      // A negative revenue in the third row, which the server refuses.
      await cell(2, 'revenue_vnd').click();
      await page.keyboard.type('-5000');
      await page.keyboard.press('Tab');
      await page.getByTestId('grid-bar').getByText('3 dòng đã thay đổi').waitFor();
      assert.equal(await rows.nth(0).evaluate((r) => r.classList.contains('grid-changed')), true, 'a changed row is marked');
      await shot(page, '60-bang-nhap-truoc-khi-luu');
      await page.getByTestId('grid-save').click();
      await cell(2, 'revenue_vnd').getByText('Giá trị không được nhỏ hơn 0.').waitFor();
      await page.getByTestId('grid-bar').getByText('1 dòng đã thay đổi').waitFor();
      await shot(page, '61-bang-nhap-loi');
      // Fixed, saved.
      await cell(2, 'revenue_vnd').click();
      await page.keyboard.type('150.000.000');
      await page.keyboard.press('Enter');
      await page.getByTestId('grid-save').click();
      await eventually(async () => (await page.getByTestId('grid-bar').innerText()).includes('Gửi 3 dòng đã lưu'), 'the three rows saved');
      // A reload shows what the server has.
      await page.reload();
      await page.getByRole('heading', { name: 'Nhập số liệu hằng năm theo bảng' }).waitFor();
      await openGrid();
      const shown = async (row, field) => (await cell(row, field).locator('.grid-value').innerText()).trim();
      await eventually(async () => (await shown(0, 'members_total')) === '25', 'members of the first row after the reload');
      assert.equal(await shown(1, 'members_total'), '30');
      assert.equal(await shown(1, 'workers_total'), '12');
      assert.equal(await shown(1, 'workers_female'), '5');
      assert.equal(await shown(2, 'workers_total'), '8');
      assert.equal(await shown(2, 'workers_female'), '3');
      assert.equal(await shown(2, 'revenue_vnd'), '150.000.000');
      for (let i = 0; i < 3; i++) assert.equal((await rows.nth(i).getByText('Đang soạn').count()) > 0, true, `row ${i + 1} has a draft report`);
      await shot(page, '62-bang-nhap-sau-khi-tai-lai');
      // The entities' reports hold the same values.
      const expected = [{ members_total: 25 }, { members_total: 30, workers_total: 12, workers_female: 5 }, { workers_total: 8, workers_female: 3, revenue_vnd: 150000000 }];
      for (let i = 0; i < 3; i++) {
        const list = await admin.must('GET', `/api/v1/reports?form=coop_annual_update&period=${year}&entity_id=${ids[i]}`);
        assert.equal(list.total, 1, `one report for entity ${ids[i]}`);
        const report = await admin.must('GET', `/api/v1/reports/${list.items[0].id}`);
        for (const [k, v] of Object.entries(expected[i])) assert.equal(report.values[k], v, `${k} of report ${report.id}`);
      }
      // On a phone the grid scrolls inside its card.
      await page.setViewportSize({ width: 360, height: 740 });
      await noHorizontalScroll(page);
      assert.ok(await grid.evaluate((el) => el.scrollWidth > el.clientWidth), 'the grid scrolls sideways in its card');
      await shot(page, '63-bang-nhap-360');
    },
  },
  {
    // Printing: the dashboard, the pivot table and an entity page on A4 without the navigation,
    // each with its print header; money in tỷ/triệu đồng with the figures' period.
    name: 'print-pages',
    needs: 'stats',
    async run(page, { base, admin, out, shot }) {
      // Three cooperatives of Đà Nẵng with revenue (the seed has none): 5,47 tỷ đồng in 2025.
      const made = [];
      for (const [i, revenue] of [[1, 1_250_000_000], [2, 3_400_000_000], [3, 820_000_000]]) {
        const e = await admin.must('POST', '/api/v1/entities', { registration_code: `E2E-IN-${i}`, kind: 'cooperative', name: `Hợp tác xã Dịch vụ Hải Châu ${i}`, province_code: '48', founded_on: '2014-05-01', sector: 'trade_services' });
        await admin.must('PUT', `/api/v1/entities/${e.id}/figures/2024`, { members_total: 10 + i, revenue_vnd: revenue - 100_000_000 });
        await admin.must('PUT', `/api/v1/entities/${e.id}/figures/2025`, { members_total: 12 + i, revenue_vnd: revenue });
        made.push(e.id);
      }
      await login(page, base, 'admin', ADMIN_PASSWORD);
      await page.goto(base + '/app/?measure=revenue_vnd&as_of=2025-12-31');
      await page.getByRole('heading', { name: 'Tổng quan kinh tế tập thể' }).waitFor();
      await page.getByTestId('print-button').waitFor();
      await page.getByText('Doanh thu năm 2025, tỷ đồng').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-header').isVisible(), false, 'no header on paper');
      assert.equal(await page.getByTestId('print-button').isVisible(), false, 'no buttons on paper');
      await page.getByTestId('print-header').getByText('Nguồn: hoptac, Liên minh Hợp tác xã Việt Nam').waitFor();
      await shot(page, '70-tong-quan-khi-in');
      if (out) await page.pdf({ path: `${out}/70-tong-quan.pdf`, format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      await page.goto(base + '/app/pivot?rows=province&measure=revenue_vnd&as_of=2025-12-31');
      await page.locator('[data-testid="pivot-table"][data-ready="true"]').waitFor();
      await page.getByTestId('pivot-question').getByText(/Doanh thu năm 2025 theo .*, tỷ đồng/).waitFor();
      assert.ok((await pivotTable(page)).lines.some((l) => l.cells[0] === 'Đà Nẵng' && l.cells.at(-1) === '5,47'), 'Đà Nẵng: 5,47 tỷ đồng');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-header').isVisible(), false, 'no header on paper');
      await shot(page, '71-bang-dong-khi-in');
      if (out) await page.pdf({ path: `${out}/71-bang-dong.pdf`, format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${base}/app/registry/${made[1]}`);
      await page.getByTestId('entity-name').waitFor();
      await page.evaluate(() => (window.print = () => undefined));
      await page.getByTestId('entity-print').click();
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.app-header').isVisible(), false, 'no header on paper');
      await page.getByText('Doanh thu, tỷ đồng', { exact: true }).first().waitFor();
      await page.getByText('3,40', { exact: true }).first().waitFor();
      await shot(page, '72-trang-to-chuc-khi-in');
      if (out) await page.pdf({ path: `${out}/72-trang-to-chuc.pdf`, format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
    },
  },

  {
    name: 'programme-progress',
    needs: 'stats',
    async run(page, { base, browser, admin, shot }) {
      // Cao Bằng (04), which the seed leaves empty: one youth cooperative founded in 2024 and the
      // province's officer.
      const code = '04';
      await admin.call('POST', '/api/v1/users', { username: 'canbo.caobang', display_name: 'Nông Thị Hoa', role: 'province_officer', province_code: code, password: PASSWORD });
      const youthCoop = (registration_code, name, founded_on) => ({ registration_code, kind: 'cooperative', name, province_code: code, founded_on, sector: 'agriculture', youth: true });
      const first = youthCoop('E2E-CB-001', 'Hợp tác xã Thanh niên Nông nghiệp Trùng Khánh', '2024-05-01');
      if (!(await admin.must('GET', `/api/v1/entities?q=${encodeURIComponent(first.name)}&province=${code}`)).items.length) await admin.must('POST', '/api/v1/entities', first);
      // Not counted: founded before the window, and not a youth cooperative.
      await admin.call('POST', '/api/v1/entities', youthCoop('E2E-CB-002', 'Hợp tác xã Thanh niên Hạt dẻ Trùng Khánh', '2022-03-01'));
      await admin.call('POST', '/api/v1/entities', { ...youthCoop('E2E-CB-003', 'Hợp tác xã Chè Phja Oắc', '2024-08-01'), youth: false });

      /** Types a date as people write it (dd/mm/yyyy) into a date field, and leaves it. */
      const typeDate = async (field, text) => {
        await field.click();
        await field.fill(text);
        await field.press('Tab');
      };
      /** Chooses `option` in the select of the form item labelled `label` inside `scope`. */
      const pick = async (scope, label, option) => {
        await scope.locator('.ant-form-item', { has: page.getByText(label, { exact: true }) }).locator('.ant-select').first().click();
        await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
      };

      await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, base, 'canbo.caobang', PASSWORD);
      // The programmes are in the header's "Công tác" menu.
      await openFromMenu(page, 'nav-work', 'Chương trình', page.getByRole('heading', { name: 'Chương trình, đề án phối hợp' }));
      // The province's Youth Union joins the partners' directory.
      await page.getByRole('link', { name: 'Đối tác', exact: true }).click();
      await page.getByRole('heading', { name: 'Danh bạ đối tác' }).waitFor();
      await page.getByTestId('partner-add').click();
      const partnerDialog = page.getByRole('dialog');
      await partnerDialog.getByLabel('Tên đối tác').fill('Tỉnh đoàn Cao Bằng');
      await pick(partnerDialog, 'Loại đối tác', 'Đoàn Thanh niên');
      await partnerDialog.getByLabel('Họ tên').fill('Hoàng Văn Đạt');
      await partnerDialog.getByLabel('Chức vụ').fill('Phó Bí thư Tỉnh đoàn');
      await partnerDialog.getByRole('button', { name: 'Lưu' }).click();
      await partnerDialog.waitFor({ state: 'hidden' });
      const partnerRow = page.getByTestId('partner-list').locator('tr', { hasText: 'Tỉnh đoàn Cao Bằng' });
      await partnerRow.getByText('Đoàn Thanh niên').waitFor();
      await partnerRow.getByText('Cao Bằng', { exact: true }).waitFor();
      await page.goBack();
      await page.getByRole('link', { name: 'Thêm chương trình' }).click();
      const form = page.getByTestId('programme-form');
      await form.waitFor();
      const stamp = Date.now().toString(36).toUpperCase();
      const title = 'Chương trình phối hợp hỗ trợ thanh niên khởi nghiệp hợp tác xã tỉnh Cao Bằng giai đoạn 2024–2026';
      await form.getByLabel('Mã', { exact: true }).fill(`CB-TN-${stamp}`);
      await form.getByLabel('Tên chương trình', { exact: true }).fill(title);
      await typeDate(form.getByLabel('Từ ngày', { exact: true }), '01/01/2024');
      await typeDate(form.getByLabel('Đến ngày', { exact: true }), '31/12/2026');
      await typeDate(form.getByLabel('Ngày ký', { exact: true }), '15/01/2024');
      await form.getByLabel('Người ký', { exact: true }).fill('Chủ tịch Liên minh HTX tỉnh; Bí thư Tỉnh đoàn Cao Bằng');
      await form.locator('.prog-legal-row').first().getByLabel('Số, ký hiệu').fill('01/CTPH-LMHTX-TĐ');
      await typeDate(form.locator('.prog-legal-row').first().getByLabel('Ngày ban hành'), '15/01/2024');
      await form.locator('.prog-legal-row').first().getByLabel('Cơ quan ban hành').fill('Liên minh HTX tỉnh, Tỉnh đoàn');
      await form.getByTestId('content-text-0').fill('Tuyên truyền, tập huấn khởi nghiệp cho đoàn viên thanh niên');
      await page.getByTestId('content-add').click();
      await form.getByTestId('content-text-1').fill('Hỗ trợ thành lập hợp tác xã do thanh niên làm chủ');
      await pick(form, 'Đối tác', 'Tỉnh đoàn Cao Bằng');
      await page.keyboard.press('Escape');
      await page.getByTestId('programme-save').click();
      await page.getByTestId('programme-page').waitFor();
      assert.equal(await page.getByTestId('programme-title').innerText(), title);
      assert.equal(await page.getByTestId('programme-owner').innerText(), 'Cao Bằng');
      await page.getByText('01/01/2024 – 31/12/2026').waitFor();
      await page.getByText('Ký ngày 15/01/2024 bởi Chủ tịch Liên minh HTX tỉnh; Bí thư Tỉnh đoàn Cao Bằng').waitFor();
      const url = page.url();
      // The partner links to its page, which lists the programme.
      await page.getByTestId('programme-partners').getByRole('link', { name: 'Tỉnh đoàn Cao Bằng' }).click();
      await page.getByTestId('partner-programmes').getByRole('link', { name: new RegExp(`CB-TN-${stamp}`) }).waitFor();
      await shot(page, '63-doi-tac');
      await page.goBack();
      await page.getByTestId('programme-page').waitFor();

      // The targets: youth cooperatives founded 2024–2026 counted from the registry, and a yearly manual one.
      const dialog = page.getByRole('dialog');
      await page.getByTestId('target-add').click();
      await pick(dialog, 'Thuộc nội dung', '2. Hỗ trợ thành lập hợp tác xã do thanh niên làm chủ');
      await dialog.getByLabel('Tên chỉ tiêu').fill('≥ 2 HTX thanh niên thành lập 2024–2026');
      await dialog.getByLabel('Chỉ tiêu phải đạt').fill('2');
      await pick(dialog, 'Loại hình', 'Hợp tác xã');
      await pick(dialog, 'Thanh niên', 'Có');
      await typeDate(dialog.getByLabel('Thành lập từ ngày'), '01/01/2024');
      await typeDate(dialog.getByLabel('Thành lập đến ngày'), '31/12/2026');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu chỉ tiêu.').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('target-add').click();
      await pick(dialog, 'Thuộc nội dung', '1. Tuyên truyền, tập huấn khởi nghiệp cho đoàn viên thanh niên');
      await dialog.getByLabel('Tên chỉ tiêu').fill('Mỗi năm ít nhất 1 lớp tập huấn khởi nghiệp');
      await pick(dialog, 'Cách tính', 'Từng năm');
      await dialog.getByLabel('Chỉ tiêu mỗi năm').fill('1');
      await pick(dialog, 'Nguồn số liệu', 'Nhập tay');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const entity = page.getByTestId('content-2').locator('.prog-target').first();
      const manual = page.getByTestId('content-1').locator('.prog-target').first();
      await manual.waitFor();
      const actual = async () => entity.locator('.prog-actual').innerText();
      await eventually(async () => (await actual()) === '1 / 2', 'the entity target counting the 2024 youth cooperative');
      assert.notEqual(await entity.locator('.prog-state').first().innerText(), 'Đạt');

      // Another youth cooperative of the province, made by the officer through the API: one more on reload.
      const officer = await new (admin.constructor)(base).login('canbo.caobang', PASSWORD);
      await officer.call('POST', '/api/v1/entities', youthCoop(`E2E-CB-${stamp}`, `Hợp tác xã Thanh niên Dịch vụ Quảng Hòa ${stamp}`, '2025-03-10'));
      await eventually(async () => {
        await page.reload();
        await entity.waitFor();
        return (await actual()) === '2 / 2';
      }, 'the actual rising by one', 15_000);
      assert.equal(await entity.locator('.prog-state').first().innerText(), 'Đạt');
      await entity.locator('summary', { hasText: 'Đã đếm những gì' }).click();
      assert.ok((await entity.locator('details .prog-desc').innerText()).trim().length > 0, 'what was counted');

      // A value entered by hand: its year ticks.
      await manual.getByRole('button', { name: 'Nhập giá trị' }).click();
      await typeDate(dialog.getByLabel('Ngày', { exact: true }), '30/06/2024');
      await dialog.getByLabel('Giá trị', { exact: true }).fill('1');
      await dialog.getByLabel('Minh chứng').fill('Báo cáo số 12/BC-TĐ ngày 30/6/2024');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã ghi giá trị.').waitFor();
      await eventually(async () => (await manual.locator('.prog-years').innerText()).includes('2024: 1/1 ✓'), 'the 2024 tick');
      await manual.getByText('Báo cáo số 12/BC-TĐ ngày 30/6/2024').waitFor();
      assert.equal(await manual.locator('.prog-actual').innerText(), '1 / 3', 'a yearly target sums its years');

      // A document: a PDF chosen in the file input is listed and downloads as itself; an HTML page
      // named .pdf is refused in the server's words (the kind is read from the content).
      const documents = page.getByTestId('documents');
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
      await page.getByTestId('documents-input').setInputFiles({ name: 'Quyết định 01.pdf', mimeType: 'application/pdf', buffer: pdf });
      const link = documents.getByRole('link', { name: 'Quyết định 01.pdf' });
      await link.waitFor();
      const download = await page.request.get(base + (await link.getAttribute('href')));
      assert.equal(download.status(), 200);
      assert.equal(download.headers()['content-type'], 'application/pdf');
      assert.match(download.headers()['content-disposition'], /^attachment; .*filename\*=UTF-8''Quy%E1%BA%BFt%20/);
      assert.ok((await download.body()).equals(pdf), 'the same bytes');
      await page.getByTestId('documents-input').setInputFiles({ name: 'trang.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>Xin chào</body></html>') });
      await documents.getByText(/Loại tệp không được nhận/).waitFor();
      assert.equal(await documents.getByRole('link').count(), 1, 'the refused file is not listed');

      // The list shows the programme with its states.
      await page.goto(base + '/app/programmes');
      await page.getByRole('link', { name: title }).waitFor();
      await eventually(async () => (await page.locator('.prog-state-counts').first().innerText()).includes('Đạt: 1'), 'the list’s state counts');

      // Screenshots at 1440 and 360 px, axe on both, nothing wider than a phone.
      for (const [device, viewport] of [['1440', { width: 1440, height: 900 }], ['360', { width: 360, height: 740 }]]) {
        const context = await browser.newContext({ viewport, locale: 'vi-VN', bypassCSP: true });
        const p = await context.newPage();
        p.setDefaultTimeout(10_000);
        const errors = [];
        p.on('pageerror', (e) => errors.push(String(e)));
        try {
          await login(p, base, 'canbo.caobang', PASSWORD);
          await p.goto(url);
          await p.getByTestId('programme-page').locator('.prog-years').waitFor();
          await p.waitForLoadState('networkidle');
          if (device === '360') await noHorizontalScroll(p);
          await axe(p, `the programme page at ${device}px`);
          await shot(p, `60-chuong-trinh-${device}`);
          if (device === '1440') {
            // The printout: the programme alone, without the header and the buttons.
            await p.emulateMedia({ media: 'print' });
            assert.equal(await p.locator('.app-header').isVisible(), false, 'no header on paper');
            assert.equal(await p.getByRole('button', { name: 'In', exact: true }).isVisible(), false, 'no buttons on paper');
            await shot(p, '62-chuong-trinh-ban-in');
            await p.emulateMedia({ media: 'screen' });
          }
          await p.goto(base + '/app/programmes');
          await p.locator('.prog-state-counts').first().waitFor();
          if (device === '360') await noHorizontalScroll(p);
          await axe(p, `the programme list at ${device}px`);
          await shot(p, `61-danh-sach-chuong-trinh-${device}`);
          // The forms: the programme's and a target's.
          await p.goto(`${url}/edit`);
          await p.getByTestId('programme-form').getByLabel('Mã', { exact: true }).waitFor();
          await eventually(async () => (await p.getByTestId('programme-form').getByLabel('Mã', { exact: true }).inputValue()) !== '', 'the form filled');
          if (device === '360') await noHorizontalScroll(p);
          await axe(p, `the programme form at ${device}px`);
          await shot(p, `64-sua-chuong-trinh-${device}`);
          await p.goto(url);
          await p.getByTestId('target-add').click();
          await p.getByRole('dialog').getByLabel('Tên chỉ tiêu').waitFor();
          await p.waitForTimeout(400);
          await axe(p, `the target editor at ${device}px`);
          await shot(p, `65-chi-tieu-${device}`);
          await p.goto(base + '/app/partners');
          await p.getByTestId('partner-list').getByText('Tỉnh đoàn Cao Bằng').waitFor();
          if (device === '360') await noHorizontalScroll(p);
          await axe(p, `the partners at ${device}px`);
          await shot(p, `66-doi-tac-${device}`);
          assert.deepEqual(errors, [], `errors in the browser console (${device})`);
        } finally {
          await context.close();
        }
      }

      // Another province's officer: not found.
      const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      const q = await other.newPage();
      try {
        await login(q, base, 'canbo.hanoi', PASSWORD);
        await q.goto(url);
        await q.getByText('Không có chương trình này, hoặc bạn không được xem.').waitFor();
        assert.equal(await q.getByTestId('programme-title').count(), 0);
      } finally {
        await other.close();
      }
    },
  },
];

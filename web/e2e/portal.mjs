// The public portal's scenarios (issue 19), as the public and the editors meet it:
//  1. portal-news: Hà Nội's province editor (a province admin) writes an article whose body
//     carries a <script>, an event attribute and a javascript: link, and publishes it; the public
//     finds it on the home page, in its category, in /rss.xml and /sitemap.xml, reads it (its
//     view counted as "N lượt xem"), and nothing hostile reached the page; Hồ Chí Minh City's
//     editor reads it but gets 404 changing or unpublishing it; axe and the order of the headings on each page, at 1280 and 360 px;
//  2. portal-products: a cooperative adds a product with an OCOP rating; the public does not see
//     it until Hà Nội's officer approves it; then "mat ong" finds it in the catalogue, its page
//     shows the stars, and the cooperative's public profile lists it; the statistics and open-data
//     pages; axe on each;
//  3. portal-nojs: with JavaScript off, every public page renders, the catalogue's search form
//     works, and the language switch leads to the English page.
import assert from 'node:assert/strict';
import { ApiClient } from './harness.mjs';
import { axe } from './daily.mjs';
import { PASSWORD } from './seed.mjs';
import { login, noHorizontalScroll } from './scenarios.mjs';

const EDITOR_HN = 'bientap.hanoi';
const EDITOR_HCM = 'bientap.hcm';
const COOP_USER = 'htx.gialam';
const COOP_CODE = 'E2E-HN-001';
const COOP_NAME = 'Hợp tác xã Dịch vụ Thương mại Hà Nội';
const TITLE = 'Liên minh HTX thành phố gặp mặt, đối thoại với hợp tác xã Gia Lâm';
const PRODUCT = 'Mật ong hoa nhãn Gia Lâm';
const SUMMARY = 'Lãnh đạo thành phố lắng nghe kiến nghị của các hợp tác xã về vốn và mặt bằng sản xuất.';
const BODY = [
  'Sáng nay, **Liên minh Hợp tác xã thành phố** gặp mặt, đối thoại với các hợp tác xã huyện Gia Lâm.',
  '',
  '<script>window.hacked = 1</script>',
  '<img src="x" onerror="window.hacked = 2">',
  '',
  '[Xem thêm](javascript:alert(1)) và <a href="javascript:alert(2)">tài liệu</a>.',
  '',
  '<iframe src="https://example.com"></iframe>',
  '',
  '- Thiếu mặt bằng sản xuất;',
  '- Khó tiếp cận vốn vay.',
].join('\n');

/** The accounts the portal's scenarios need (made once by the administrator). */
async function accounts(admin, ids) {
  const have = new Set((await admin.must('GET', '/api/v1/users')).items.map((u) => u.username));
  const wanted = [
    { username: EDITOR_HN, display_name: 'Phạm Thu Trang', role: 'province_admin', province_code: '01' },
    { username: EDITOR_HCM, display_name: 'Võ Minh Khoa', role: 'province_admin', province_code: '79' },
    { username: COOP_USER, display_name: 'HTX Dịch vụ Thương mại Hà Nội', role: 'cooperative', entity_id: ids[COOP_CODE] },
  ];
  for (const u of wanted) if (!have.has(u.username)) await admin.must('POST', '/api/v1/users', { ...u, password: PASSWORD });
}

/** The headings of the page in order: exactly one h1, first, and no level skipped going down. */
async function headingsInOrder(page, what) {
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 1, `${what}: the first heading is an h1 (${levels.join(',')})`);
  assert.equal(levels.filter((l) => l === 1).length, 1, `${what}: one h1 (${levels.join(',')})`);
  for (let i = 1; i < levels.length; i++)
    assert.ok(levels[i] <= levels[i - 1] + 1, `${what}: h${levels[i - 1]} followed by h${levels[i]}`);
}

/** The public checks of a page: lang set, headings in order, every image with an alt, axe, a phone's width. */
async function publicChecks(page, what) {
  assert.match(await page.getAttribute('html', 'lang'), /^(vi|en)$/, `${what}: <html lang>`);
  await headingsInOrder(page, what);
  const noAlt = await page.$$eval('img:not([alt])', (imgs) => imgs.map((i) => i.src));
  assert.deepEqual(noAlt, [], `${what}: images without alt`);
  await axe(page, `${what} at ${page.viewportSize().width}px`);
  if (page.viewportSize().width <= 400) await noHorizontalScroll(page);
}

/** The article of the scenario, published through the API by Hà Nội's editor (a run alone makes it). */
async function article(base, admin, ids) {
  await accounts(admin, ids);
  const editor = await new ApiClient(base).login(EDITOR_HN, PASSWORD);
  const mine = await editor.must('GET', `/api/v1/articles?q=${encodeURIComponent('Gia Lâm đối thoại')}&status=published`);
  const found = mine.items.find((a) => a.title === TITLE);
  if (found) return { editor, article: found };
  const made = await editor.must('POST', '/api/v1/articles', {
    title: TITLE,
    summary: SUMMARY,
    body: BODY,
    category: 'activities',
    keywords: ['đối thoại', 'Gia Lâm'],
    province: '01',
    entity_ids: [ids[COOP_CODE]],
    lang: 'vi',
  });
  assert.equal(made.status, 'draft');
  assert.equal(made.province, '01');
  const published = await editor.must('POST', `/api/v1/articles/${made.id}/publish`, {});
  assert.equal(published.status, 'published');
  assert.equal(published.url, `/tin-tuc/${published.slug}`);
  return { editor, article: published };
}

export const portalScenarios = [
  {
    name: 'portal-news',
    needs: 'portal',
    context: { bypassCSP: true },
    async run(page, { base, admin, ids, shot }) {
      await accounts(admin, ids);
      const editor = await new ApiClient(base).login(EDITOR_HN, PASSWORD);
      const before = (await editor.must('GET', `/api/v1/articles?q=${encodeURIComponent('Gia Lâm đối thoại')}`)).items;
      let a = before.find((x) => x.title === TITLE && x.status === 'published');
      if (!a) {
        // Hà Nội's editor writes it in the staff application: the editor, its preview, save, publish now.
        await login(page, base, EDITOR_HN, PASSWORD);
        await page.goto(`${base}/app/news/new`);
        const form = page.getByTestId('article-form');
        await form.waitFor();
        await page.getByTestId('article-title').fill(TITLE);
        await page.getByTestId('article-summary').fill(SUMMARY);
        await page.getByTestId('article-body').fill(BODY);
        await page.getByTestId('article-category').click();
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="Hoạt động"]').click();
        // The preview is the server's sanitised HTML: the bold text, and nothing that runs.
        await page.getByTestId('article-preview-tab').click();
        const preview = page.getByTestId('article-preview');
        await preview.locator('strong', { hasText: 'Liên minh Hợp tác xã thành phố' }).waitFor();
        assert.equal(await preview.locator('script, iframe, [onerror]').count(), 0, 'nothing that runs in the preview');
        assert.equal(await preview.locator('a[href^="javascript"]').count(), 0, 'no javascript: link in the preview');
        await page.getByTestId('article-save').click();
        await page.waitForURL(/\/app\/news\/\d+$/);
        await page.getByTestId('article-publish').click();
        await page.getByTestId('publish-dialog').waitFor();
        await page.getByTestId('publish-now').click();
        await page.getByTestId('publish-confirm').click();
        const link = page.getByTestId('article-public-url').first();
        await link.waitFor();
        await shot(page, 'portal-00-bien-tap-1280');
        const id = Number(page.url().split('/').pop());
        a = await editor.must('GET', `/api/v1/articles/${id}`);
        assert.equal(await link.getAttribute('href'), a.url);
        // The public reader is anonymous: the staff session ends here.
        await page.context().clearCookies();
      }
      assert.equal(a.status, 'published');
      assert.equal(a.province, '01');
      assert.equal(a.slug, 'lien-minh-htx-thanh-pho-gap-mat-doi-thoai-voi-hop-tac-xa-gia-lam');
      assert.ok(!/<script|onerror|javascript:|<iframe/i.test(a.body_html), `sanitised body: ${a.body_html}`);

      // Another province's editor: as if it did not exist.
      const other = await new ApiClient(base).login(EDITOR_HCM, PASSWORD);
      // Published, the article is everyone's to read; to change it is its province's.
      assert.equal((await other.call('GET', `/api/v1/articles/${a.id}`)).status, 200);
      assert.equal((await other.call('PATCH', `/api/v1/articles/${a.id}`, { title: 'Sửa trộm' })).status, 404);
      assert.equal((await other.call('POST', `/api/v1/articles/${a.id}/unpublish`, {})).status, 404);

      // The home page: the article among the latest news.
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: TITLE }).first().waitFor();
      await page.getByRole('link', { name: /Đăng nhập/ }).first().waitFor();
      await publicChecks(page, 'home');
      await shot(page, 'portal-01-trang-chu-1280');

      // Its category's list, reached from the home page.
      await page.getByRole('link', { name: 'Hoạt động', exact: true }).first().click();
      await page.waitForURL(/\/tin-tuc\?chuyen-muc=hoat-dong/);
      await page.getByRole('link', { name: TITLE }).first().waitFor();
      await publicChecks(page, 'news list');

      // The article: its title, no script, no javascript: link, no event attribute, the view counted.
      const response = await page.goto(`${base}/tin-tuc/${a.slug}`);
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('h1').innerText(), TITLE);
      const html = await response.text();
      assert.ok(!/<script/i.test(html), 'no <script> in the article page');
      assert.ok(!/javascript:/i.test(html), 'no javascript: link in the article page');
      assert.ok(!/\sonerror=/i.test(html), 'no event attribute in the article page');
      assert.ok(!/<iframe/i.test(html), 'no iframe in the article page');
      assert.equal(await page.evaluate(() => window.hacked ?? null), null);
      assert.match(html, /<meta property="og:title" content="[^"]*gặp mặt, đối thoại/);
      assert.match(html, new RegExp(`<link rel="canonical" href="[^"]*/tin-tuc/${a.slug}"`));
      const css = await (await fetch(`${base}/portal.css`)).text();
      assert.ok(Buffer.byteLength(html) + Buffer.byteLength(css) <= 50 * 1024, `article page ${Buffer.byteLength(html)} + ${Buffer.byteLength(css)} bytes`);
      await page.getByText(/\d+ lượt xem/).first().waitFor();
      await publicChecks(page, 'article');
      await shot(page, 'portal-02-bai-viet-1280');

      // RSS and the sitemap.
      const rss = await (await fetch(`${base}/rss.xml`)).text();
      assert.ok(rss.includes(`<title>${TITLE}</title>`), 'the article in /rss.xml');
      assert.ok(rss.includes(`/tin-tuc/${a.slug}</link>`), 'its link in /rss.xml');
      const catRss = await fetch(`${base}/rss/hoat-dong.xml`);
      assert.equal(catRss.status, 200);
      assert.ok((await catRss.text()).includes(TITLE), 'the article in its category feed');
      const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
      const maps = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      let listed = maps.some((u) => u.endsWith(`/tin-tuc/${a.slug}`));
      for (const m of maps.filter((u) => u.endsWith('.xml'))) {
        if (listed) break;
        listed = (await (await fetch(m.replace(/^https?:\/\/[^/]+/, base))).text()).includes(`/tin-tuc/${a.slug}<`);
      }
      assert.ok(listed, 'the article in the sitemap');

      // On a phone.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${base}/tin-tuc/${a.slug}`);
      await publicChecks(page, 'article');
      await shot(page, 'portal-03-bai-viet-360');
      await page.goto(`${base}/`);
      await publicChecks(page, 'home');
      await shot(page, 'portal-04-trang-chu-360');
    },
  },
  {
    name: 'portal-products',
    needs: 'portal',
    context: { bypassCSP: true },
    async run(page, { base, admin, ids, shot }) {
      await accounts(admin, ids);
      const coop = await new ApiClient(base).login(COOP_USER, PASSWORD);
      let product = (await coop.must('GET', `/api/v1/products?entity_id=${ids[COOP_CODE]}`)).items.find((p) => p.name === PRODUCT);
      if (!product) {
        product = await coop.must('POST', '/api/v1/products', {
          name: PRODUCT,
          category: 'food',
          description: 'Mật ong nguyên chất từ vườn nhãn Gia Lâm, thu hoạch vụ xuân.\n\nĐóng chai thủy tinh 500 ml.',
          unit: 'chai 500 ml',
          price_min: 150000,
          price_max: 180000,
          ocop: { stars: 4, certificate: '1234/QĐ-UBND', year: 2024, expires_on: '2027-06-30' },
          certifications: ['vietgap'],
          where_to_buy: [{ kind: 'online', name: 'Sàn thương mại điện tử', url: 'https://example.vn/mat-ong' }],
        });
      }
      assert.equal(product.entity_id, ids[COOP_CODE]);
      const search = `${base}/san-pham?q=${encodeURIComponent('mat ong')}`;
      if (product.status !== 'approved') {
        assert.equal(product.status, 'pending');
        // Not public before its review (another address than the one read after it: a browser keeps a
        // public page for the minute its Cache-Control allows).
        await page.goto(`${search}&loai=food`);
        assert.equal(await page.getByRole('link', { name: PRODUCT }).count(), 0, 'a pending product is not public');
        const officer = await new ApiClient(base).login('canbo.hanoi', PASSWORD);
        product = await officer.must('POST', `/api/v1/products/${product.id}/approve`, {});
      }
      assert.equal(product.status, 'approved');

      // The catalogue: "mat ong" (no diacritics) finds "Mật ong …".
      await page.goto(search);
      await page.getByRole('link', { name: PRODUCT }).first().waitFor();
      await publicChecks(page, 'catalogue');
      await shot(page, 'portal-05-san-pham-1280');
      await page.getByRole('link', { name: PRODUCT }).first().click();
      await page.waitForURL(/\/san-pham\/mat-ong-hoa-nhan-gia-lam/);
      assert.equal(await page.locator('h1').innerText(), PRODUCT);
      await page.getByText(/4 sao/).first().waitFor();
      await page.getByText(/150\.000/).first().waitFor();
      await publicChecks(page, 'product');

      // The cooperative's public profile lists it; a wrong name in its address leads to the right one.
      await page.getByRole('link', { name: COOP_NAME }).first().click();
      await page.waitForURL(new RegExp(`/htx/[a-z0-9-]+-${ids[COOP_CODE]}$`));
      assert.equal(await page.locator('h1').innerText(), COOP_NAME);
      await page.getByRole('link', { name: PRODUCT }).first().waitFor();
      await publicChecks(page, 'cooperative profile');
      await shot(page, 'portal-06-htx-1280');
      const wrong = await page.goto(`${base}/htx/ten-cu-${ids[COOP_CODE]}`);
      assert.match(wrong.url(), new RegExp(`/htx/hop-tac-xa-dich-vu-thuong-mai-ha-noi-${ids[COOP_CODE]}$`));

      // Statistics and open data.
      await page.goto(`${base}/thong-ke`);
      await page.locator('table').first().waitFor();
      await publicChecks(page, 'statistics');
      await shot(page, 'portal-07-thong-ke-1280');
      await page.goto(`${base}/du-lieu-mo`);
      await page.getByText(/CC BY 4\.0/).first().waitFor();
      await publicChecks(page, 'open data');
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
      const csvLink = hrefs.find((h) => /\.csv|format=csv/.test(h));
      assert.ok(csvLink, `a CSV download on the open-data page (${hrefs.join(' ')})`);
      const csv = await fetch(new URL(csvLink, base));
      assert.equal(csv.status, 200);
      const csvText = await csv.text();
      assert.ok(csvText.split('\n').length > 10, 'the CSV has rows');
      assert.ok(!/registration_code|tax_code|phone|email/.test(csvText.split('\n')[0]), `public columns only: ${csvText.split('\n')[0]}`);

      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(search);
      await publicChecks(page, 'catalogue');
      await shot(page, 'portal-08-san-pham-360');
      await page.goto(`${base}/thong-ke`);
      await publicChecks(page, 'statistics');
    },
  },
  {
    name: 'portal-nojs',
    needs: 'portal',
    context: { javaScriptEnabled: false },
    async run(page, { base, admin, ids, shot }) {
      const { article: a } = await article(base, admin, ids);
      for (const path of ['/', '/tin-tuc', `/tin-tuc/${a.slug}`, '/san-pham', '/thong-ke', '/du-lieu-mo', `/thong-ke/01`]) {
        const r = await page.goto(base + path);
        assert.equal(r.status(), 200, path);
        assert.ok((await page.locator('h1').innerText()).trim().length > 0, `${path}: a heading without JavaScript`);
      }
      // The catalogue's search form, submitted without JavaScript.
      await page.goto(`${base}/san-pham`);
      const box = page.getByRole('searchbox').or(page.getByLabel(/Tìm|Tên sản phẩm/)).first();
      await box.fill('mat ong');
      await box.press('Enter');
      await page.waitForURL(/q=mat(\+|%20)ong/);
      await shot(page, 'portal-09-khong-js');
      // English.
      await page.goto(`${base}/?lang=en`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('link', { name: /Sign in/ }).first().waitFor();
      // An unknown page: the portal's 404, in its look.
      const missing = await page.goto(`${base}/tin-tuc/khong-co-bai-nay`);
      assert.equal(missing.status(), 404);
      assert.ok((await page.locator('h1').innerText()).length > 0);
    },
  },
];

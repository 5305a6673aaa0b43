// The end-to-end suite: node e2e/run.mjs --hoptac <binary> --out <folder for screenshots>
//   [--only name,name]. Starts the real hoptac on a fresh SQLite database, seeds it through
// the API, drives Debian's Chromium through every main page and saves a screenshot of each.
// Nothing is skipped: a scenario whose API (statistics, import jobs) answers 404 fails, with
// the reason. Ends with "N passed, N failed".
import './tz.mjs'; // first: every module below computes dates in Việt Nam's day
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { ensureDir, launchBrowser, pageShot, startServer } from './harness.mjs';
import { scenarios } from './scenarios.mjs';
import { seed } from './seed.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const binary = resolve(arg('hoptac', '../build/release/hoptac'));
const out = ensureDir(resolve(arg('out', '../build/e2e')));
const only = arg('only', '')
  .split(',')
  .filter(Boolean);

const started = Date.now();
const server = await startServer(binary);
const { browser, close } = await launchBrowser();
let passed = 0;
let failed = 0;
try {
  const seeded = await seed(server.base);
  // A missing route answers 404 naming the path; an existing one answers anything else (200, 400, 405).
  const routeExists = async (method, path) => {
    const r = await seeded.admin.call(method, path);
    return !(r.status === 404 && String(r.json?.error?.message ?? '').includes(path));
  };
  const available = {
    stats: await routeExists('GET', '/api/v1/stats/entities'),
    imports: await routeExists('GET', '/api/v1/imports'),
    reports: await routeExists('GET', '/api/v1/reports/due'),
    // The activities' files: participant lists and activities imported and exported.
    activityFiles: await routeExists('GET', '/api/v1/activities/1/participants/export'),
    // The petitions (issue 17): their themes answer once the capability is in the server.
    petitions: await routeExists('GET', '/api/v1/petition-themes'),
    // The surveys: questionnaires, campaigns and the answer page (issue 17).
    surveys: await routeExists('GET', '/api/v1/surveys'),
    // The support fund (issue 18): funds, applications, loans and the portfolio.
    fund: await routeExists('GET', '/api/v1/funds'),
    // The public portal (issue 19): the articles' API answers once news is in the server.
    portal: await routeExists('GET', '/api/v1/news-categories'),
  };
  const ctx = {
    base: server.base,
    browser,
    out,
    admin: seeded.admin,
    ids: seeded.ids,
    out,
    shot: async (page, name) => pageShot(page, join(out, `${name}.png`)),
  };
  for (const s of scenarios) {
    if (only.length && !only.includes(s.name)) continue;
    if (s.needs && !available[s.needs]) {
      failed++;
      console.log(`FAIL ${s.name}: the server answers 404 for its ${s.needs} API`);
      continue;
    }
    const t0 = Date.now();
    const context = await browser.newContext({ viewport: s.viewport ?? { width: 1280, height: 860 }, locale: 'vi-VN', acceptDownloads: true, ...(s.context ?? {}) });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = [];
    // An uncaught error with where it was thrown (the first frames), to find it in the bundle.
    page.on('pageerror', (e) => errors.push(e.stack ? e.stack.split('\n').slice(0, 4).join('\n') : String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    try {
      await s.run(page, ctx);
      assert.deepEqual(errors, [], 'errors in the browser console');
      passed++;
      console.log(`PASS ${s.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${s.name}: ${e.stack ?? e}`);
      // What the browser said before the failure often explains it.
      if (errors.length) console.log(`  browser console:\n  ${errors.join('\n  ')}`);
      await pageShot(page, join(out, `FAILED-${s.name}.png`)).catch(() => undefined);
    } finally {
      await context.close();
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack ?? e}\n${server.output()}`);
} finally {
  await close();
  await server.stop();
}
console.log(`screenshots in ${out}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

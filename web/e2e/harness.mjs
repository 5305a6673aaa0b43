// End-to-end harness: the real hoptac binary on a fresh SQLite database on a free loopback
// port, seeded through its API, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ADMIN_PASSWORD = 'Quản-trị-e2e-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'hoptac-e2e-'));
  // HOPTAC_E2E_DB: start from a copy of a prepared SQLite database (e.g. `hoptac demo --scale 1`),
  // for measurements over more data than the seed; the seed is added to it.
  if (process.env.HOPTAC_E2E_DB) copyFileSync(process.env.HOPTAC_E2E_DB, join(dir, 'e2e.db'));
  const port = await freePort();
  const child = spawn(binary, ['serve', '--db', `sqlite:${join(dir, 'e2e.db')}`, '--listen', `127.0.0.1:${port}`, '--no-access-log'], {
    env: { ...process.env, HOPTAC_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hoptac exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`hoptac did not answer /healthz in 20 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny API client with a cookie session (for seeding and for comparing with the UI). */
export class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  async login(username, password) {
    const r = await fetch(`${this.base}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    this.cookie = r.headers.get('set-cookie').split(';')[0];
    this.csrf = (await r.json()).csrf_token;
    return this;
  }
  async call(method, path, body) {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        Cookie: this.cookie,
        'X-CSRF-Token': this.csrf,
        'Accept-Language': 'vi',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, json };
  }
  async must(method, path, body) {
    const r = await this.call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  const executablePath = process.env.HOPTAC_CHROMIUM || '/usr/bin/chromium';

  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS.filter((a) => a !== '--headless'), headless: true });
  return {
    browser,
    async close() {
      await browser.close();

    },
  };
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A screenshot of the whole page at the page's own width. Not Playwright's fullPage: Chromium's
 * capture beyond the viewport shrinks the window to 1×1 px for a moment, a phone's width, so a
 * page at 1280 px switched to its phone layout in the middle of a scenario (the registry's open
 * province picker was unmounted with what had been typed; charts were redrawn compact). The
 * viewport is made as tall as the page instead, then put back; with a drawer or a dialog open,
 * only the viewport is taken.
 */
export async function pageShot(page, path) {
  const size = page.viewportSize();
  const { height, overlay } = await page.evaluate(() => ({
    height: Math.ceil(document.documentElement.scrollHeight),
    // An open drawer or dialog is sized by the viewport: it is shown as the person sees it.
    overlay: [...document.querySelectorAll('.ant-drawer-open, .ant-modal-wrap')].some((e) => e.getClientRects().length > 0),
  }));
  if (!size || overlay || height <= size.height) return page.screenshot({ path });
  await page.setViewportSize({ width: size.width, height: Math.min(height, 16_000) });
  try {
    return await page.screenshot({ path });
  } finally {
    await page.setViewportSize(size);
  }
}

// Opens a link of a header menu ('nav-work', 'nav-admin' …) and waits for `ready`, a locator
// of the page it leads to. Under load a click on the link while the menu was still opening
// did nothing (make test: the administration menu at stop 26, the work menu at stop 30): a
// user opens the menu again and clicks again.
export async function openFromMenu(page, menuTestId, linkName, ready) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.getByTestId(menuTestId).click();
      await page.getByRole('link', { name: linkName, exact: true }).click({ timeout: 5000 });
      await ready.waitFor({ timeout: attempt < 3 ? 5000 : 20_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`  the ${menuTestId} menu did not lead to '${linkName}' (attempt ${attempt}); opening it again`);
      await page.keyboard.press('Escape');
    }
  }
}

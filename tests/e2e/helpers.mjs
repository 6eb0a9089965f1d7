// Shared harness of the browser end-to-end tests: a real rocta server on the demo data in a
// temp dir, Debian's chromium driven by playwright-core, an API client, UI sign-in, and test
// steps that stop after the first failure and leave a screenshot.
//
// Needs web/dist (cd web && npm ci && npm run build), playwright-core from web/node_modules
// and /usr/bin/chromium (no browser is ever downloaded). Set ROCTA_E2E_KEEP=1 to keep the
// temp dir (database, server log, screenshots) instead of removing it.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const ROCTA_BIN = process.env.ROCTA_BIN ? path.resolve(process.env.ROCTA_BIN) : '';
export const WEB_ROOT = path.resolve(process.env.ROCTA_WEB_ROOT || path.join(repo, 'web/dist'));
export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'demo-password-1';
export const STARTUP_TIMEOUT_MS = 120_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `skip` option for describe(): the suites run only when ROCTA_BIN is set. */
export const skipUnlessBin = ROCTA_BIN ? false
  : 'ROCTA_BIN is not set: set it to the rocta binary (e.g. build/debug/src/cli/rocta) to run the browser test';

/**
 * One server, one browser page, for one describe(). Call `before(h.setUp, …)` and
 * `after(h.tearDown)`; then `h.page`, `h.base` are ready.
 */
export function harness({ prefix = 'rocta-e2e-', viewport = { width: 1280, height: 900 } } = {}) {
  const h = {
    tmp: '',
    base: '',
    server: null,
    serverLog: '',
    browser: null,
    context: null,
    page: null,
    failed: false,
    /** Uncaught page errors and CSP violations. */
    pageProblems: [],

    async setUp() {
      h.tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
      assert.ok(existsSync(ROCTA_BIN), `ROCTA_BIN does not exist: ${ROCTA_BIN}`);
      assert.ok(existsSync(path.join(WEB_ROOT, 'index.html')),
        `no index.html in ROCTA_WEB_ROOT=${WEB_ROOT}: run "cd web && npm ci && npm run build"`);
      assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: install Debian's chromium (scripts/bootstrap.sh test)`);
      let chromium;
      try {
        ({ chromium } = createRequire(path.join(repo, 'web/package.json'))('playwright-core'));
      } catch (e) {
        throw new Error(`playwright-core is not installed: run "cd web && npm ci" (${e.message})`);
      }

      const port = await freePort();
      h.base = `http://127.0.0.1:${port}`;
      const args = ['--db', path.join(h.tmp, 'e2e.db'), 'demo', '--host', '127.0.0.1', '--port', String(port), '--web-root', WEB_ROOT];
      h.server = spawn(ROCTA_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const keep = (d) => { h.serverLog = (h.serverLog + d.toString()).slice(-64_000); };
      h.server.stdout.on('data', keep);
      h.server.stderr.on('data', keep);
      h.server.on('error', (e) => keep(`spawn error: ${e.message}\n`));
      await waitForHealth(h.server, `${h.base}/healthz`, () => h.serverLog);

      h.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      h.context = await h.browser.newContext({ viewport });
      h.page = await h.context.newPage();
      h.page.setDefaultTimeout(20_000);
      h.page.on('pageerror', (e) => h.pageProblems.push(`page error: ${e.message}`));
      h.page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) h.pageProblems.push(`CSP: ${m.text()}`);
      });
    },

    async tearDown() {
      try { await h.browser?.close(); } catch { /* already gone */ }
      await stopServer(h.server);
      if (h.failed && h.serverLog && h.tmp) await writeFile(path.join(h.tmp, 'server.log'), h.serverLog).catch(() => {});
      if (h.tmp && !process.env.ROCTA_E2E_KEEP) await rm(h.tmp, { recursive: true, force: true });
      else if (h.tmp) console.error(`kept ${h.tmp}`);
    },

    /** A JSON request to the server; answers { status, json, text, headers }. */
    async api(pathname, { token, method = 'GET', body, headers = {} } = {}) {
      const hd = { Accept: 'application/json', ...headers };
      if (token) hd.Authorization = `Bearer ${token}`;
      if (body !== undefined) hd['Content-Type'] = 'application/json';
      const res = await fetch(h.base + pathname, { method, headers: hd, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { json = null; }
      return { status: res.status, json, text, headers: res.headers };
    },

    /** Signs in through the API: { token, expires_at, user }. */
    async apiLogin(username) {
      const r = await h.api('/api/v1/session', { method: 'POST', body: { username, password: PASSWORD } });
      assert.equal(r.status, 201, `API sign-in as ${username}: ${r.status} ${r.text}`);
      assert.ok(r.json?.token, 'sign-in answer has a token');
      return r.json;
    },

    /** Signs in through the login page (signing out whoever is signed in first). */
    async uiLogin(username) {
      const page = h.page;
      await page.goto(`${h.base}/#/threats`);
      await page.waitForSelector('[data-testid="login-form"], [data-testid="logout-button"]');
      if (await page.locator('[data-testid="logout-button"]').count()) {
        await page.click('[data-testid="logout-button"]');
        await page.waitForSelector('[data-testid="login-form"]');
      }
      await page.fill('[data-testid="login-username"]', username);
      await page.fill('[data-testid="login-password"]', PASSWORD);
      await page.click('[data-testid="login-submit"]');
      await page.waitForSelector('[data-testid="user-name"]');
      const token = await page.evaluate(() => sessionStorage.getItem('rocta.token'));
      assert.ok(token, `signed in as ${username}`);
      return token;
    },

    async shot(name) {
      if (!h.page || !h.tmp) return null;
      const file = path.join(h.tmp, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      try {
        await h.page.screenshot({ path: file, fullPage: true });
        console.error(`screenshot: ${file}${process.env.ROCTA_E2E_KEEP ? '' : ' (set ROCTA_E2E_KEEP=1 to keep it)'}`);
        return file;
      } catch (e) {
        console.error(`screenshot failed: ${e.message}`);
        return null;
      }
    },

    /** A test step: skipped after an earlier failure; screenshots the page when it fails. */
    step(name, fn) {
      it(name, { timeout: 180_000 }, async (t) => {
        if (h.failed) {
          t.skip('an earlier step failed');
          return;
        }
        try {
          await fn(t);
        } catch (e) {
          h.failed = true;
          await h.shot(name);
          if (h.page) console.error(`page at failure: ${h.page.url()}`);
          console.error(`server log (tail):\n${h.serverLog.slice(-4000)}`);
          throw e;
        }
      });
    },
  };
  return h;
}

// ------------------------------------------------------------------ process helpers

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(proc, url, log) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited = null;
  proc.once('exit', (code, signal) => { exited = { code, signal }; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`rocta exited before it was healthy (code ${exited.code}, signal ${exited.signal}):\n${log().slice(-4000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`rocta did not answer 200 on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s:\n${log().slice(-4000)}`);
}

export async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = new Promise((r) => setTimeout(r, 10_000, 'timeout'));
  if ((await Promise.race([gone, timer])) === 'timeout') {
    proc.kill('SIGKILL');
    await gone;
  }
}

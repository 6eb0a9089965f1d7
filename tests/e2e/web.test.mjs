// End-to-end test of the browser UI against a real rocta server with the demo data.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/
//
// The server, browser and step harness are in helpers.mjs. Needs web/dist (cd web && npm ci
// && npm run build), playwright-core from web/node_modules and Debian's chromium at
// /usr/bin/chromium (no browser is ever downloaded). Skips only when ROCTA_BIN is unset. Set
// ROCTA_E2E_KEEP=1 to keep the temp dir (database, server log and failure screenshots)
// instead of removing it.

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { harness, PASSWORD, ROCTA_BIN, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

const NOT_FOUND_TEXT = 'Not found, or you do not have access';

describe('Rocta web UI end to end', { skip: skipUnlessBin }, () => {
  const H = harness();
  const { api, apiLogin, step } = H;
  const pageProblems = H.pageProblems; // uncaught page errors and CSP violations
  let base = '';
  let page = null;

  // Shared between the steps.
  let btpToken = '';
  let btpUser = null;
  let btpRegion = '';
  let fullTotal = 0;
  let firstPage = [];

  // ---------------------------------------------------------------- helpers

  /** What the demo data must satisfy for BTP to see a record (docs: marking scope). */
  function visibleToBtp(item) {
    const m = item.marking;
    if (!m) return false;
    if (m.owning_agency === 'BTP') return true;
    if ((m.shared_with ?? []).includes('BTP')) return true;
    if (m.scope === 'national') return true;
    if (m.scope === 'region' && m.owning_region === btpRegion) return true;
    return false;
  }

  /** Waits until the list has loaded and shows `total` results for a hash containing `hashPart`. */
  async function waitForList(total, hashPart = '#/threats') {
    await page.waitForFunction(
      ([t, hp]) => {
        const r = document.querySelector('[data-testid="threat-results"]');
        const s = document.querySelector('[data-testid="list-summary"]');
        // The answer must be for the hash now shown, not the one before a click.
        return r?.getAttribute('data-state') === 'ready' && s?.getAttribute('data-total') === String(t) &&
          window.location.hash.includes(hp) && r?.getAttribute('data-hash') === window.location.hash;
      },
      [total, hashPart],
    );
  }

  async function rowsIn() {
    return page.$$eval('[data-testid="threat-row"]', (rows) =>
      rows.map((r) => ({
        id: Number(r.getAttribute('data-id')),
        reference: r.querySelector('[data-testid="cell-reference"]')?.textContent?.trim(),
        agency: r.querySelector('[data-testid="cell-agency"]')?.textContent?.trim(),
        type: r.querySelector('[data-testid="cell-type"]')?.textContent?.trim(),
        badge: r.querySelector('[data-testid="marking-badge"]')?.textContent?.trim(),
      })));
  }

  // ---------------------------------------------------------------- set-up

  before(async () => {
    await H.setUp();
    page = H.page;
    base = H.base;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  // ---------------------------------------------------------------- steps

  step('an unsigned visitor is sent to the sign-in page', async () => {
    await page.goto(`${base}/#/threats`);
    await page.waitForSelector('[data-testid="login-form"]');
    assert.match(new URL(page.url()).hash, /^#\/login/);
    assert.equal(await page.locator('[data-testid="threat-table"]').count(), 0);
  });

  step('a wrong password shows the problem detail', async () => {
    await page.fill('[data-testid="login-username"]', 'btp.analyst');
    await page.fill('[data-testid="login-password"]', 'not-the-password');
    await page.click('[data-testid="login-submit"]');
    const error = page.locator('[data-testid="login-error"]');
    await error.waitFor({ state: 'visible' });
    assert.ok((await error.textContent()).trim().length > 0, 'the error says something');
    assert.match(new URL(page.url()).hash, /^#\/login/);
  });

  step('btp.analyst signs in and the header shows who they are', async () => {
    await page.fill('[data-testid="login-username"]', 'btp.analyst');
    await page.fill('[data-testid="login-password"]', PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="user-name"]');
    await page.waitForFunction(() => window.location.hash.startsWith('#/threats'));
    btpToken = await page.evaluate(() => sessionStorage.getItem('rocta.token'));
    assert.ok(btpToken, 'the token is kept in sessionStorage');

    const me = await api('/api/v1/session', { token: btpToken });
    assert.equal(me.status, 200, `GET /api/v1/session: ${me.text}`);
    btpUser = me.json;
    assert.equal(btpUser.username, 'btp.analyst');
    assert.equal(btpUser.agency, 'BTP');
    assert.equal((await page.textContent('[data-testid="user-name"]')).trim(), btpUser.display_name || btpUser.username);
    assert.equal((await page.textContent('[data-testid="user-agency"]')).trim(), 'BTP');
    assert.match(await page.textContent('[data-testid="user-clearance"]'), new RegExp(btpUser.clearance));
    const roles = await page.textContent('[data-testid="user-roles"]');
    for (const r of btpUser.roles) assert.ok(roles.includes(r.replace(/_/g, ' ')), `roles show ${r}`);
    assert.ok(await page.isVisible('[data-testid="logout-button"]'));

    const ag = await api('/api/v1/agencies', { token: btpToken });
    assert.equal(ag.status, 200, `GET /api/v1/agencies: ${ag.text}`);
    btpRegion = ag.json.find((a) => a.code === 'BTP')?.region ?? btpUser.region;
  });

  step('the threat list shows only what BTP may see, with markings', async () => {
    const r = await api('/api/v1/threats?limit=50&offset=0', { token: btpToken });
    assert.equal(r.status, 200, `GET /api/v1/threats: ${r.text}`);
    fullTotal = r.json.total;
    firstPage = r.json.items;
    assert.ok(fullTotal > 0 && firstPage.length > 0, 'btp.analyst sees some threats in the demo data');
    await waitForList(fullTotal);

    const rows = await rowsIn();
    assert.deepEqual(rows.map((x) => x.id), firstPage.map((x) => x.id), 'the table shows the API page in order');
    for (const [i, item] of firstPage.entries()) {
      assert.ok(visibleToBtp(item),
        `${item.reference} (owner ${item.marking?.owning_agency}, scope ${item.marking?.scope}, shared ${item.marking?.shared_with}) is neither BTP's nor shared with BTP`);
      assert.equal(rows[i].reference, item.reference);
      assert.equal(rows[i].agency, item.marking.owning_agency);
      assert.equal(rows[i].badge, item.marking.label, `marking badge of ${item.reference}`);
    }
    assert.ok(rows.some((x) => x.agency === 'BTP'), 'the first page has BTP-owned rows');
    const summary = (await page.textContent('[data-testid="list-summary"]')).trim();
    assert.equal(summary, `Showing 1–${firstPage.length} of ${fullTotal}`);
    // Every header cell is a column header.
    assert.equal(await page.locator('[data-testid="threat-table"] thead th[scope="col"]').count(), 9);

    if (fullTotal > 50) {
      await page.click('[data-testid="page-next"]');
      await waitForList(fullTotal, 'offset=50');
      const to = Math.min(100, fullTotal);
      assert.equal((await page.textContent('[data-testid="list-summary"]')).trim(), `Showing 51–${to} of ${fullTotal}`);
      const second = await rowsIn();
      assert.ok(second.length > 0 && second[0].id !== rows[0].id, 'the next page shows other rows');
      await page.click('[data-testid="page-prev"]');
      await page.waitForFunction(() => !window.location.hash.includes('offset='));
      await waitForList(fullTotal);
    }
  });

  step('the search box narrows the list', async () => {
    // A word from a visible name that matches some but not all threats.
    const words = [...new Set(firstPage.flatMap((t) => (t.name.match(/[A-Za-z]{4,}/g) ?? [])))];
    let word = null;
    let total = 0;
    for (const w of words.slice(0, 25)) {
      const r = await api(`/api/v1/threats?limit=1&q=${encodeURIComponent(w)}`, { token: btpToken });
      assert.equal(r.status, 200, `search for ${w}: ${r.text}`);
      if (r.json.total > 0 && r.json.total < fullTotal) { word = w; total = r.json.total; break; }
    }
    assert.ok(word, `no word in the first page's names narrows the list (tried ${words.slice(0, 25).join(', ')})`);

    await page.fill('[data-testid="filter-q"]', word);
    await page.press('[data-testid="filter-q"]', 'Enter');
    await waitForList(total, `q=${encodeURIComponent(word)}`);
    const rows = await rowsIn();
    assert.equal(rows.length, Math.min(total, 50));
    assert.equal((await page.textContent('[data-testid="list-summary"]')).trim(), `Showing 1–${rows.length} of ${total}`);
    const api1 = await api(`/api/v1/threats?limit=50&q=${encodeURIComponent(word)}`, { token: btpToken });
    assert.deepEqual(rows.map((x) => x.id), api1.json.items.map((x) => x.id));
  });

  step('a filter narrows the list, is kept in the URL and survives a reload', async () => {
    await page.click('[data-testid="filter-reset"]');
    await waitForList(fullTotal);
    let chosen = null;
    let total = 0;
    for (const type of ['Priority individual', 'Vulnerability', 'OCG']) {
      const r = await api(`/api/v1/threats?limit=1&type=${encodeURIComponent(type)}`, { token: btpToken });
      assert.equal(r.status, 200, `type filter ${type}: ${r.text}`);
      if (r.json.total > 0 && r.json.total < fullTotal) { chosen = type; total = r.json.total; break; }
    }
    assert.ok(chosen, 'some threat type narrows the list');
    await page.selectOption('[data-testid="filter-type"]', chosen);
    const hashPart = `type=${new URLSearchParams({ type: chosen }).toString().slice(5)}`;
    await waitForList(total, hashPart);
    let rows = await rowsIn();
    assert.ok(rows.length > 0);
    for (const row of rows) assert.equal(row.type, chosen, `${row.reference} has type ${chosen}`);

    await page.reload();
    await waitForList(total, hashPart);
    assert.equal(await page.inputValue('[data-testid="filter-type"]'), chosen);
    rows = await rowsIn();
    for (const row of rows) assert.equal(row.type, chosen);

    // Back to everything for the next step.
    await page.click('[data-testid="filter-reset"]');
    await waitForList(fullTotal);
  });

  step('a threat page shows its reference and the marking banner at top and bottom', async () => {
    const item = firstPage.find((t) => t.marking.classification === 'OFFICIAL');
    assert.ok(item, 'an OFFICIAL threat on the first page');
    await page.click(`[data-testid="threat-row"][data-id="${item.id}"] [data-testid="cell-reference"] a`);
    await page.waitForSelector('[data-testid="threat-page"]');
    assert.equal(new URL(page.url()).hash, `#/threats/${item.id}`);
    assert.equal((await page.textContent('[data-testid="threat-reference"]')).trim(), item.reference);
    assert.equal((await page.textContent('[data-testid="threat-name"]')).trim(), item.name);

    const detail = await api(`/api/v1/threats/${item.id}`, { token: btpToken });
    assert.equal(detail.status, 200, `GET /api/v1/threats/${item.id}: ${detail.text}`);
    for (const where of ['top', 'bottom']) {
      const banner = page.locator(`[data-testid="marking-banner-${where}"]`);
      assert.ok(await banner.isVisible(), `${where} banner is visible`);
      assert.equal((await banner.locator('[data-testid="marking-label"]').textContent()).trim(), detail.json.marking.label);
      assert.match(await banner.locator('[data-testid="marking-handling"]').textContent(), new RegExp(`^${detail.json.marking.handling_code}`));
    }
    // The banners frame the record: one above it, one below.
    const topBox = await page.locator('[data-testid="marking-banner-top"]').boundingBox();
    const recBox = await page.locator('[data-testid="threat-page"]').boundingBox();
    const botBox = await page.locator('[data-testid="marking-banner-bottom"]').boundingBox();
    assert.ok(topBox.y < recBox.y && botBox.y > recBox.y + recBox.height - 1, 'banners above and below the record');
    assert.equal((await page.textContent('[data-testid="field-owning-agency"]')).trim(), detail.json.marking.owning_agency);
    const links = detail.json.links ?? [];
    assert.equal(await page.locator('[data-testid="link-row"]').count(), links.length, 'one row per link');
  });

  step('a SECRET threat asks for a purpose first', async (t) => {
    let secret = null;
    for (let offset = 0; offset < Math.min(fullTotal, 2000) && !secret; offset += 200) {
      const r = await api(`/api/v1/threats?limit=200&offset=${offset}`, { token: btpToken });
      assert.equal(r.status, 200);
      secret = r.json.items.find((x) => x.marking.classification !== 'OFFICIAL') ?? null;
    }
    if (!secret) {
      t.skip('btp.analyst sees no SECRET threat in the demo data');
      return;
    }
    const bare = await api(`/api/v1/threats/${secret.id}`, { token: btpToken });
    assert.equal(bare.status, 428, `SECRET read without a purpose: ${bare.status} ${bare.text}`);
    assert.equal(bare.json?.type, '/problems/purpose-required');

    await page.goto(`${base}/#/threats/${secret.id}`);
    await page.waitForSelector('[data-testid="purpose-form"]');
    assert.match(await page.textContent('[data-testid="purpose-form"] h1'), /Why are you opening this record\?/);
    await page.fill('[data-testid="purpose-input"]', 'End-to-end test of the purpose prompt');
    await page.click('[data-testid="purpose-submit"]');
    await page.waitForSelector('[data-testid="threat-page"]');
    assert.equal((await page.textContent('[data-testid="threat-reference"]')).trim(), secret.reference);
    assert.equal((await page.textContent('[data-testid="marking-banner-top"] [data-testid="marking-label"]')).trim(), secret.marking.label);
  });

  step("an MPS owner-only threat is invisible to BTP, in the API and in the UI", async () => {
    const mps = await apiLogin('mps.bcu.analyst');
    let target = null;
    for (let offset = 0; !target; offset += 200) {
      const r = await api(`/api/v1/threats?owning_agency=MPS&limit=200&offset=${offset}`, { token: mps.token });
      assert.equal(r.status, 200, `MPS list: ${r.text}`);
      target = r.json.items.find((x) => x.marking.owning_agency === 'MPS' && x.marking.scope === 'owner') ?? null;
      if (offset + 200 >= r.json.total) break;
    }
    assert.ok(target, 'mps.bcu.analyst sees an MPS threat with scope owner in the demo data');
    await api('/api/v1/session', { token: mps.token, method: 'DELETE' });

    const r = await api(`/api/v1/threats/${target.id}`, { token: btpToken });
    assert.equal(r.status, 404, `BTP reading MPS owner-only ${target.reference}: ${r.status} ${r.text}`);
    assert.equal(r.json?.type, '/problems/not-found');
    // Also with a purpose: it must not turn into a 428 that confirms the record exists.
    const r2 = await api(`/api/v1/threats/${target.id}`, { token: btpToken, headers: { 'X-Rocta-Purpose': 'e2e' } });
    assert.equal(r2.status, 404);
    const listed = await api(`/api/v1/threats?limit=50&q=${encodeURIComponent(target.reference)}`, { token: btpToken });
    assert.ok(!(listed.json?.items ?? []).some((x) => x.id === target.id), 'not in BTP search results');

    await page.goto(`${base}/#/threats/${target.id}`);
    await page.waitForSelector('[data-testid="not-found"]');
    assert.equal((await page.textContent('[data-testid="not-found"] h1')).trim(), NOT_FOUND_TEXT);
    const text = await page.textContent('main');
    assert.ok(!text.includes(target.reference) && !text.includes(target.name), 'the page says nothing about the record');
    assert.equal(await page.locator('[data-testid="marking-banner-top"]').count(), 0);
  });

  step('a word in more than 1,000 reports is counted only so far, and in 10,000 only the newest are ranked: the search says both', async () => {
    // 10,005 BTP reports with a word nothing else has, imported beside the running server.
    const lines = Array.from({ length: 10005 }, (_, i) => JSON.stringify({
      kind: 'intelligence',
      record: { reference: `BTP-INT-7${String(i).padStart(5, '0')}`, title: `Zephyrine sighting ${i}`, body: 'Seen on the concourse',
        source_evaluation: 2, intelligence_assessment: 'C', marking: { classification: 'OFFICIAL', scope: 'region' } },
    }));
    const file = path.join(H.tmp, 'zephyrine.jsonl');
    await writeFile(file, lines.join('\n') + '\n');
    await promisify(execFile)(ROCTA_BIN, ['--db', path.join(H.tmp, 'e2e.db'), 'import', '--file', file, '--as', 'btp.analyst']);

    const r = await api('/api/v1/search?q=zephyrine&limit=20', { token: btpToken });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 1000);
    assert.equal(r.json.total_exact, false);
    assert.equal(r.json.items.length, 20);
    assert.equal(r.json.ranked_newest, 10000, 'so common a word is ranked among its newest 10,000 matches');
    // The oldest five (sightings 0-4) are outside them; a rarer word finds one of them still.
    const oldest = await api('/api/v1/search?q=zephyrine%20sighting%203&limit=200', { token: btpToken });
    assert.equal(oldest.status, 200, oldest.text);
    assert.equal(oldest.json.ranked_newest, 0, '"3" is rare: every match of the three words is ranked');
    assert.ok(oldest.json.items.some((h) => h.title === 'Zephyrine sighting 3'), 'an old report is found by a narrower search');

    await page.goto(`${base}/#/search?q=zephyrine`);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="search-results"]')?.getAttribute('data-state') === 'ready');
    assert.equal((await page.textContent('[data-testid="search-summary"]')).trim(), 'more than 1000 matches');
    assert.equal((await page.textContent('[data-testid="page-info"]')).trim(), '1–20 of more than 1000');
    assert.equal(await page.isDisabled('[data-testid="page-next"]'), false, 'a full page: there is more');
    assert.equal(await page.$$eval('[data-testid="search-row"]', (rows) => rows.length), 20);
    assert.match(await page.textContent('[data-testid="search-ranked-newest"]'), /newest 10000 records/);
    assert.equal(await page.isVisible('[data-testid="search-ranked-newest"]'), true);
  });

  step('a search hit of any kind opens its record: an intelligence report and a nominal', async () => {
    const first = page.locator('[data-testid="search-row"][data-kind="intelligence"]').first();
    const id = await first.getAttribute('data-id');
    await first.locator('[data-testid="search-link"]').click();
    await page.waitForSelector(`[data-testid="intel-page"][data-id="${id}"]`);
    assert.match(new URL(page.url()).hash, new RegExp(`^#/intelligence/${id}`));

    // A nominal the BTP analyst may read, found by its names.
    const listed = await api('/api/v1/nominals?limit=1', { token: btpToken });
    assert.equal(listed.status, 200, listed.text);
    const nominal = listed.json.items[0];
    await page.goto(`${base}/#/search?q=${encodeURIComponent(`${nominal.given_names} ${nominal.surname}`)}&kind=nominal`);
    const row = page.locator(`[data-testid="search-row"][data-kind="nominal"][data-id="${nominal.id}"]`);
    await row.waitFor();
    await row.locator('[data-testid="search-link"]').click();
    await page.waitForSelector(`[data-testid="nominal-page"][data-id="${nominal.id}"]`);
    assert.equal(new URL(page.url()).hash, `#/nominals/${nominal.id}`);
  });

  step('logging out ends the session and the list is no longer reachable', async () => {
    await page.goto(`${base}/#/threats`);
    await page.waitForSelector('[data-testid="threat-row"]');
    await page.click('[data-testid="logout-button"]');
    await page.waitForSelector('[data-testid="login-form"]');
    assert.match(new URL(page.url()).hash, /^#\/login/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('rocta.token')), null);
    assert.equal(await page.locator('[data-testid="user-name"]').count(), 0, 'the header no longer names the user');

    const r = await api('/api/v1/threats', { token: btpToken });
    assert.equal(r.status, 401, `the old token after log-out: ${r.status}`);

    await page.goto(`${base}/#/threats`);
    await page.waitForSelector('[data-testid="login-form"]');
    assert.match(new URL(page.url()).hash, /^#\/login/);
    assert.equal(await page.locator('[data-testid="threat-table"]').count(), 0);
  });

  step("an answer to a signed-out user that arrives after the next user signed in does not sign the newcomer out", async () => {
    const first = await H.uiLogin('btp.analyst');
    // Hold the first user's threat list in flight until the second user is in.
    let held = null;
    let heldSeen = null;
    const seen = new Promise((resolve) => { heldSeen = resolve; });
    await page.route('**/api/v1/threats**', (route) => {
      if (!held && route.request().headers().authorization === `Bearer ${first}`) {
        held = route;
        heldSeen();
      } else {
        route.continue();
      }
    });
    try {
      await page.goto(`${base}/#/threats?q=held`);
      await seen;
      await page.click('[data-testid="logout-button"]');
      await page.waitForSelector('[data-testid="login-form"]');
      await page.fill('[data-testid="login-username"]', 'colp.analyst');
      await page.fill('[data-testid="login-password"]', PASSWORD);
      await page.click('[data-testid="login-submit"]');
      await page.waitForSelector('[data-testid="user-name"]');
      const second = await page.evaluate(() => sessionStorage.getItem('rocta.token'));
      assert.ok(second && second !== first);
      const answered = page.waitForResponse((r) => r.request() === held.request());
      await held.fulfill({ status: 401, contentType: 'application/problem+json',
        body: JSON.stringify({ type: '/problems/unauthenticated', title: 'Sign in', status: 401 }) });
      await answered;
      // Let the page finish handling the late answer before looking.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      assert.equal(await page.evaluate(() => sessionStorage.getItem('rocta.token')), second, 'the newcomer is still signed in');
      assert.doesNotMatch(new URL(page.url()).hash, /^#\/login/);
      assert.equal(await page.locator('[data-testid="user-name"]').count(), 1);
    } finally {
      await page.unroute('**/api/v1/threats**');
    }
  });

  step('the page raised no script errors or CSP violations', async () => {
    assert.deepEqual(pageProblems, []);
  });
});

// End-to-end test of the browser UI for a day's work (#20): every demo role signs in and
// lands on its home page with its own work and counts; its menu holds only what it may use
// (each link's main GET, given on the link as data-api, answers 200 for that role, never
// 403); the narrow-screen menu folds behind a button; the header's quick search opens the
// search screen; a primary button stays readable on hover; a field error goes when the
// field is changed; server messages start with a capital letter.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/ui.test.mjs
//   (ROCTA_E2E_SHOTS=1 ROCTA_E2E_KEEP=1 also keeps a screenshot of each role's home page.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

// The demo logins (src/demo/demo_region.cc) and the home cards each must see.
const ROLES = [
  ['mps.frontline', ['tasks', 'access-decide', 'access-mine']],
  ['mps.bcu.analyst', ['tasks', 'reassess', 'signals']],
  ['mps.siu', ['siu-queue']],
  ['mps.assessor', ['nominations', 'reassess']],
  ['mps.moderator', ['moderation', 'reassess']],
  ['mps.lro', ['plans', 'escalations', 'signals']],
  ['mps.tasking', ['plans', 'escalations']],
  ['mps.scpo', ['scpo']],
  ['mps.inspector', ['plans']],
  ['mps.admin', ['tasks']],
  ['rocta.analyst', ['reassess', 'signals']],
  ['btp.analyst', ['tasks']],
  ['btp.siu', ['siu-queue']],
  ['colp.analyst', ['tasks']],
  ['hmrc.partner', ['tasks', 'access-mine']],
];

describe('The browser UI for a day\'s work', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-ui-' });
  const { api, step, uiLogin } = H;
  let page = null;
  const menus = new Map();

  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  for (const [username, cards] of ROLES) {
    step(`${username} lands on a home page with their work, and every menu link answers 200`, async () => {
      const token = await uiLogin(username);
      await page.goto(`${H.base}/#/`);
      await page.waitForFunction(() => window.location.hash === '#/home');
      await page.waitForSelector('[data-testid="home"]');
      // Every card finishes loading without an error, with a count.
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="home-card-"]')]
        .every((c) => c.getAttribute('data-state') !== 'loading'));
      const states = await page.$$eval('[data-testid^="home-card-"]', (els) => els.map((e) => [e.dataset.testid, e.dataset.state, e.dataset.count]));
      for (const [id, state] of states) assert.equal(state, 'ready', `${username}: ${id} loads`);
      const shown = states.map(([id]) => id.replace('home-card-', ''));
      for (const c of cards) assert.ok(shown.includes(c), `${username} sees the ${c} card (has ${shown.join(', ')})`);
      for (const [id, , count] of states) assert.match(count, /^\d+$/, `${id} has a count`);

      // The counts are the server's: the tasks card says what GET /tasks?open=true says.
      if (shown.includes('tasks')) {
        const t = await api('/api/v1/tasks?open=true&limit=1', { token });
        assert.equal(t.status, 200);
        assert.equal(await page.getAttribute('[data-testid="home-card-tasks"]', 'data-count'), String(t.json.total));
      }
      await shot(`home-${username}`);

      const links = await page.$$eval('[data-testid="main-nav"] a', (as) => as.map((a) => ({
        testid: a.dataset.testid, section: a.dataset.section, api: a.dataset.api ?? null })));
      menus.set(username, links.map((l) => l.testid));
      assert.ok(links.length >= 5, `${username} has a menu`);
      for (const l of links) {
        if (!l.api) continue;
        const r = await api(l.api, { token });
        assert.equal(r.status, 200, `${username}: menu link ${l.testid} → GET ${l.api} answers ${r.status} ${r.text.slice(0, 200)}`);
      }
    });
  }

  step('the menu holds only what each role may use', async () => {
    const frontline = menus.get('mps.frontline');
    const partner = menus.get('hmrc.partner');
    assert.ok(frontline.length <= 9, `a frontline officer has a short menu: ${frontline.join(', ')}`);
    assert.ok(partner.length <= 8, `a partner has a short menu: ${partner.join(', ')}`);
    for (const hidden of ['nav-moderation', 'nav-queue', 'nav-siu', 'nav-siu-queue', 'nav-matches', 'nav-sharing', 'nav-tasking', 'nav-figures'])
      assert.ok(!partner.includes(hidden) && !frontline.includes(hidden), `${hidden} is not offered to frontline or partner`);
    // Screens without a GET (forms) follow the server's write rules: role_may_write.
    const t = (await H.apiLogin('hmrc.partner')).token;
    const body = { threat: { name: `E2E UI menu ${Date.now()}`, threat_type: 'OCG', primary_crime_type: 'Fraud',
      marking: { classification: 'OFFICIAL', scope: 'owner' } }, rationale: 'E2E: the menu test', provisional_priority: 4 };
    const nomination = await api('/api/v1/nominations', { token: t, method: 'POST', body });
    assert.equal(nomination.status, 403, `a partner may not nominate: ${nomination.text}`);
    assert.ok(!partner.includes('nav-nominate'), 'and is not offered Nominate');
    assert.ok(partner.includes('nav-submit-intelligence'), 'but submits intelligence, as role_may_write allows');
    assert.ok(menus.get('mps.moderator').includes('nav-moderation'));
    assert.ok(menus.get('mps.siu').includes('nav-siu-queue'));
    assert.ok(menus.get('mps.admin').includes('nav-sharing'));
    // Each role's links are grouped under labelled sections.
    assert.ok(await page.locator('[data-testid="main-nav"] .nav-group-label').count() >= 1);
  });

  step('on a phone the menu folds behind a button', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${H.base}/#/home`);
    await page.waitForSelector('[data-testid="home"]');
    const nav = page.locator('[data-testid="main-nav"]');
    assert.equal(await nav.isVisible(), false, 'folded');
    const headerHeight = await page.$eval('[data-testid="app-header"]', (e) => e.getBoundingClientRect().height);
    assert.ok(headerHeight < 800 / 4, `the header takes less than a quarter of the screen (${headerHeight}px)`);
    await shot('phone-menu-folded');
    await page.click('[data-testid="menu-toggle"]');
    assert.equal(await nav.isVisible(), true, 'unfolded');
    assert.equal(await page.getAttribute('[data-testid="menu-toggle"]', 'aria-expanded'), 'true');
    await shot('phone-menu-open');
    await page.click('[data-testid="nav-threats"]');
    await page.waitForFunction(() => window.location.hash.startsWith('#/threats'));
    assert.equal(await nav.isVisible(), false, 'folds again after a choice');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  step('the quick search in the header opens the search screen with the words', async () => {
    await page.goto(`${H.base}/#/home`);
    await page.fill('[data-testid="quick-search-input"]', 'Kestrel');
    await page.press('[data-testid="quick-search-input"]', 'Enter');
    await page.waitForFunction(() => window.location.hash.startsWith('#/search'));
    assert.match(await page.evaluate(() => window.location.hash), /q=Kestrel/);
    assert.equal(await page.inputValue('[data-testid="search-box"]'), 'Kestrel');
  });

  step('a primary button stays readable on hover', async () => {
    await page.goto(`${H.base}/#/nominate`);
    const button = page.locator('button.primary').first();
    await button.waitFor();
    await button.hover();
    const [fg, bg] = await button.evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
    const lum = (c) => {
      const [r, g, b] = c.match(/\d+/g).slice(0, 3).map(Number).map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const contrast = (a + 0.05) / (b + 0.05);
    assert.ok(contrast >= 4.5, `contrast on hover ${contrast.toFixed(2)} (${fg} on ${bg})`);
  });

  step('a server message in lower case is shown as a sentence', async () => {
    const token = await page.evaluate(() => sessionStorage.getItem('rocta.token'));
    const raw = await api('/api/v1/siu/queue', { token });
    assert.equal(raw.status, 403);
    assert.match(raw.json.detail, /^[a-z]/, 'the server says it in lower case');
    await page.goto(`${H.base}/#/siu-queue`);
    const alert = page.locator('[data-testid="siu-queue"] [role="alert"]');
    await alert.waitFor();
    const text = (await alert.textContent()).trim();
    assert.ok(text.includes(raw.json.detail.slice(1)), `the server's words are shown: "${text}"`);
    assert.match(text, /^[A-Z]/, `as a sentence: "${text}"`);
  });

  step('a field error goes once the field is changed', async () => {
    await page.goto(`${H.base}/#/nominate`);
    await page.waitForSelector('[data-testid="nominate-form"]');
    await page.click('[data-testid="nominate-submit"]');
    const err = page.locator('.field-error:not([hidden])').first();
    await err.waitFor();
    const control = await err.evaluate((e) => e.id.replace(/-error$/, ''));
    await page.locator(`#${control}`).fill('something');
    await page.waitForFunction((id) => document.getElementById(id)?.hidden === true, `${control}-error`);
    assert.equal(await page.getAttribute(`#${control}`, 'aria-invalid'), null);
  });
  step('people are named, not numbered: a threat\'s lead responsible officer, as the reader may see them', async () => {
    const token = await uiLogin('mps.lro');
    const list = await api('/api/v1/threats?limit=200', { token });
    const t = list.json.items.find((x) => x.lro_user_id && x.marking?.classification === 'OFFICIAL');
    assert.ok(t, 'the demo has an OFFICIAL threat with an LRO');
    const people = await api(`/api/v1/people?ids=${t.lro_user_id}`, { token });
    assert.equal(people.status, 200, people.text);
    const lro = people.json[0];
    await page.goto(`${H.base}/#/threats/${t.id}`);
    await page.waitForFunction(() => !/…/.test(document.querySelector('[data-testid="field-lro"]')?.textContent ?? '…'));
    const shown = (await page.textContent('[data-testid="field-lro"]')).trim();
    assert.ok(shown === 'You' || shown.startsWith(lro.name), `the LRO by name: "${shown}"`);
    assert.doesNotMatch(shown, /^\d+$/);
    await shot('threat-lro-name');

    // Another force's SIU officer is answered by agency only; bad ids are a clear 400.
    const btpSiu = (await H.apiLogin('btp.siu')).user;
    const other = await api(`/api/v1/people?ids=${btpSiu.id}`, { token });
    assert.equal(other.json[0].named, false);
    assert.equal(other.json[0].name, 'A user of BTP');
    const bad = await api('/api/v1/people?ids=1,x', { token });
    assert.equal(bad.status, 400);
    const found = await api('/api/v1/people?q=&role=lead_responsible_officer', { token });
    assert.ok(found.json.length >= 1 && found.json.every((x) => x.agency === 'MPS'), 'the picker finds the agency\'s LROs');
  });

  step('the assessor merges a nomination by choosing the threat from a search, not typing its id', async () => {
    await uiLogin('mps.assessor');
    await page.click('[data-testid="nav-queue"]');
    const row = page.locator('[data-testid="queue-row"]').first();
    await row.waitFor();
    await row.locator('[data-testid="decide-button"]').click();
    const form = page.locator('[data-testid="decision-form"]');
    await form.locator('[data-testid="decision-outcome-merged"]').check();
    await form.locator('[data-testid="decision-merged-into"]').fill('OCG');
    const option = form.locator('[data-testid="decision-merged-into-option"]').first();
    await option.waitFor();
    const id = await option.getAttribute('data-id');
    const label = (await option.textContent()).trim();
    await option.click();
    assert.equal(await form.locator('[data-testid="decision-merged-into-value"]').inputValue(), id);
    assert.ok(label.includes(await form.locator('[data-testid="decision-merged-into"]').inputValue()), 'the box shows the threat chosen');
    await shot('queue-merge-picker');
    await form.locator('[data-testid="decision-cancel"]').click();
  });

  step('4P plans: filtered, sorted, paged; a local profile carries its marking; the figures fit the page', async () => {
    await uiLogin('mps.tasking');
    await page.click('[data-testid="nav-plans"]');
    await page.waitForSelector('[data-testid="coverage-threats-row"]');
    assert.ok(await page.locator('[data-testid="coverage-threats-row"]').count() <= 25, 'one page at a time');
    const height = await page.evaluate(() => document.body.scrollHeight);
    assert.ok(height < 5000, `the page is not a scroll of every threat (${height}px)`);
    await page.selectOption('[data-testid="coverage-filter-agency"]', '');
    const total = Number(await page.getAttribute('[data-testid="coverage-threats-summary"]', 'data-total'));
    const coverage = await api('/api/v1/plans/coverage', { token: await page.evaluate(() => sessionStorage.getItem('rocta.token')) });
    assert.equal(total, coverage.json.threats.length, 'every agency: all the threats, over pages');
    if (total > 25) {
      await page.click('[data-testid="coverage-threats-next"]');
      await page.waitForSelector('[data-testid="coverage-threats-summary"]:has-text("26")');
    }
    await page.click('[data-testid="coverage-threats-sort-1"]');
    const agencies = await page.$$eval('[data-testid="coverage-threats-row"]', (rows) => rows.map((r) => r.dataset.agency));
    assert.deepEqual(agencies, [...agencies].sort(), 'sorted by agency');
    await shot('plans-coverage');

    await page.click('[data-testid="nav-profiles"]');
    await page.waitForSelector('[data-testid="profile-area"]');
    const first = await page.$eval('[data-testid="profile-area"] option:nth-child(2)', (o) => o.value);
    await page.selectOption('[data-testid="profile-area"]', first);
    await page.waitForSelector('[data-testid="local-profile"]');
    assert.match(await page.textContent('[data-testid="local-profile"] [data-testid="marking-banner-top"]'), /OFFICIAL-SENSITIVE|SECRET/);
    assert.equal(await page.locator('[data-testid="local-profile"] [data-testid="marking-banner-bottom"]').count(), 1);
    await shot('local-profile');

    await page.click('[data-testid="nav-figures"]');
    await page.waitForSelector('[data-testid="fig-table"]');
    const [scrollW, clientW] = await page.$eval('[data-testid="fig-table"]', (t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth]);
    assert.ok(scrollW <= clientW + 1, `the figures table fits without sideways scrolling (${scrollW} > ${clientW})`);
    await shot('figures');
  });
});

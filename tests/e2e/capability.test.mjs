// End-to-end test of the capability screen against a real rocta server with the demo data:
// the inspector (mps.inspector) opens it from the menu and reads the inspection's own
// numbers as the server computes them from the demo's records (the MPS's 60 of 329 FI posts
// and 40 of 228 analyst posts vacant, 300 vacancies in the specialist crime command, a hub
// with 8 of 50 investigators in post; 30 suspects of whom 4 financially investigated; the
// CoLP SIU held by one person with cover to 22:00; BTP's undercover kept without use), and
// may decide nothing; a BCU analyst (an investigator-capable role) records an arrest with two
// suspects through the API and takes one item and declines the other for lack of capacity on
// the screen; a partner agency user without an agreement covering capability gets no menu
// entry and a 403; one whose agency has such an agreement with the MPS (the demo's National
// Trading Standards) opens the screen and reads the MPS's figures and nothing of BTP or the CoLP.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/capability.test.mjs
//   (ROCTA_E2E_SHOTS=1 also saves screenshots of each screen in the kept temporary folder.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('Capability end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-capability-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const tokens = {};
  const stamp = Date.now().toString(36);

  async function waitReady() {
    await page.waitForFunction(() => document.querySelector('[data-testid="capability-view"]')?.getAttribute('data-state') === 'ready');
  }
  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }
  const cellText = (selector) => page.textContent(selector).then((t) => t.trim());

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.inspector', 'mps.bcu.analyst', 'hmrc.partner', 'nts.partner']) tokens[u] = (await apiLogin(u)).token;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the inspector opens Capability from the menu and reads the inspection\'s numbers', async () => {
    await uiLogin('mps.inspector');
    await page.click('[data-testid="nav-capability"]');
    await waitReady();
    const r = await api('/api/v1/reports/capability', { token: tokens['mps.inspector'] });
    assert.equal(r.status, 200, r.text);
    const agency = (a, role) => r.json.staffing.agencies.find((x) => x.agency === a && x.role === role);
    assert.deepEqual([agency('MPS', 'financial investigator').establishment, agency('MPS', 'financial investigator').vacant], [329, 60]);
    assert.deepEqual([agency('MPS', 'analyst').establishment, agency('MPS', 'analyst').vacant], [228, 40]);
    const scc = r.json.staffing.unit_totals.find((u) => u.unit === 'Specialist Crime Command');
    assert.equal(scc.vacant, 300);
    const hub = r.json.staffing.units.find((u) => u.unit === 'Organised Crime Hub (North)' && u.role === 'financial investigator');
    assert.deepEqual([hub.establishment, hub.in_post], [50, 8]);
    assert.equal(r.json.fi.total.suspects, 30);
    assert.equal(r.json.fi.total.investigated, 4);
    assert.equal(r.json.fi.total.refused_no_capacity, 26);
    const siu = agency('COLP', 'siu');
    assert.ok(siu.single_point_of_failure, 'the CoLP SIU is held by one person');
    assert.equal(siu.cover_to, 22);
    const uc = r.json.covert.rows.find((c) => c.agency === 'BTP' && c.tactic === 'undercover');
    assert.ok(uc.kept_without_use, 'BTP undercover kept without a deployment in two years');

    // The screen shows the same figures.
    const fiRow = '[data-testid="staffing-row"][data-agency="MPS"][data-role="financial investigator"]';
    assert.equal(await cellText(`${fiRow} [data-testid="staffing-vacant"]`), '60');
    assert.equal(await cellText('[data-testid="staffing-row"][data-agency="MPS"][data-role="analyst"] [data-testid="staffing-vacant"]'), '40');
    assert.equal(await cellText('[data-testid="unit-row"][data-unit="Specialist Crime Command"] [data-testid="unit-vacant"]'), '300');
    assert.equal(await page.locator('[data-testid="staffing-row"][data-agency="COLP"][data-role="siu"] [data-testid="spof"]').count(), 1);
    assert.equal(await page.locator('[data-testid="covert-row"][data-agency="BTP"][data-tactic="undercover"] [data-testid="covert-idle"]').count(), 1);
    assert.match(await page.textContent('[data-testid="capability-summary"]'), /30 suspects .* 4 financially investigated/);
    assert.equal(await page.locator('[data-testid="fi-take"]').count(), 0, 'an inspector decides nothing');
    await shot('capability-inspector');
  });

  step('a BCU analyst takes one item and declines another for lack of capacity', async () => {
    const token = tokens['mps.bcu.analyst'];
    const threats = await api('/api/v1/threats?owning_agency=MPS&include_closed=false&limit=50', { token });
    const threat = threats.json.items.find((t) => t.marking.classification === 'OFFICIAL' && !/closed/i.test(t.phase));
    const d = await api('/api/v1/disruptions', {
      token, method: 'POST',
      body: { threat_id: threat.id, record_date: new Date().toISOString().slice(0, 10), category: 'Not assessed', outcomes: ['Pursue'],
        suspects: [{ name: `E2E suspect A ${stamp}`, charged: true }, { name: `E2E suspect B ${stamp}` }] },
    });
    assert.equal(d.status, 201, d.text);
    const open = await api(`/api/v1/capability/fi-items?state=open&threat_id=${threat.id}`, { token });
    const mine = open.json.items.filter((i) => i.suspect.includes(stamp));
    assert.equal(mine.length, 2, 'each suspect opened an item');

    await uiLogin('mps.bcu.analyst');
    await page.click('[data-testid="nav-capability"]');
    await waitReady();
    const [a, b] = mine;
    await page.click(`[data-testid="fi-item-row"][data-item="${a.id}"] [data-testid="fi-take"]`);
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="fi-item-row"][data-item="${id}"]`) &&
      document.querySelector('[data-testid="capability-view"]')?.getAttribute('data-state') === 'ready', a.id);
    await page.selectOption(`[data-testid="fi-item-row"][data-item="${b.id}"] [data-testid="fi-reason"]`, 'no capacity');
    await page.click(`[data-testid="fi-item-row"][data-item="${b.id}"] [data-testid="fi-decline"]`);
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="fi-item-row"][data-item="${id}"]`) &&
      document.querySelector('[data-testid="capability-view"]')?.getAttribute('data-state') === 'ready', b.id);
    const all = (await api(`/api/v1/capability/fi-items?threat_id=${threat.id}`, { token })).json.items;
    const byId = Object.fromEntries(all.map((i) => [i.id, i]));
    assert.equal(byId[a.id].state, 'taken');
    assert.equal(byId[b.id].state, 'declined');
    assert.equal(byId[b.id].reason, 'no capacity');
    const r = await api('/api/v1/reports/capability', { token });
    assert.equal(r.json.fi.total.suspects, 32);
    assert.equal(r.json.fi.total.refused_no_capacity, 27);
    await shot('capability-analyst');
  });

  step('a partner agency user has no menu entry and is refused', async () => {
    await uiLogin('hmrc.partner');
    assert.equal(await page.locator('[data-testid="nav-capability"]').count(), 0);
    await page.goto(`${H.base}/#/capability`);
    await page.waitForSelector('[data-testid="capability-error"]');
    await shot('capability-partner');
    assert.equal((await api('/api/v1/reports/capability', { token: tokens['hmrc.partner'] })).status, 403);
    assert.equal((await api('/api/v1/capability/fi-items', { token: tokens['hmrc.partner'] })).status, 403);
  });

  step('a partner whose agency\'s agreement covers the MPS\'s capability reads the MPS\'s figures and no other agency\'s', async () => {
    const token = tokens['nts.partner'];
    const r = await api('/api/v1/reports/capability', { token });
    assert.equal(r.status, 200, r.text);
    const agencies = new Set([...r.json.staffing.agencies, ...r.json.staffing.unit_totals, ...r.json.assets.by_agency,
      ...r.json.covert.rows, ...r.json.gaps].map((x) => x.agency));
    assert.deepEqual([...agencies], ['MPS'], 'nothing of BTP or the CoLP, not even in a total');
    const fi = r.json.staffing.agencies.find((x) => x.role === 'financial investigator');
    assert.deepEqual([fi.establishment, fi.vacant], [329, 60]);
    assert.equal(r.json.fi.total.suspects, 32, 'the MPS\'s suspects, the analyst\'s two included');
    const session = await api('/api/v1/session', { token });
    assert.equal(session.json.reads_capability, true);

    await uiLogin('nts.partner');
    await page.click('[data-testid="nav-capability"]');
    await waitReady();
    assert.equal(await cellText('[data-testid="staffing-row"][data-agency="MPS"][data-role="financial investigator"] [data-testid="staffing-vacant"]'), '60');
    assert.equal(await page.locator('[data-testid="staffing-row"][data-agency="COLP"]').count(), 0);
    assert.equal(await page.locator('[data-testid="covert-row"][data-agency="BTP"]').count(), 0);
    assert.equal(await page.locator('[data-testid="fi-take"]').count(), 0, 'a partner decides nothing');
    await shot('capability-partner-by-agreement');
  });

  step('the pages raised no script error or CSP violation', async () => {
    assert.deepEqual(H.pageProblems, []);
  });
});

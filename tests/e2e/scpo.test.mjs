// End-to-end test of SCPO monitoring against a real rocta server with the demo data: the
// SCPO officer (mps.scpo) opens the team's queue from the menu, opens an order in force,
// records a check (a bad date first: the server's clear message next to the field) and a
// breach with an arrest; the order page shows both; the figures for January to July 2022
// carry the demo's computed arrests; the subject's nominal page shows the order; a partner
// agency user sees neither the menu entry nor the order.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/scpo.test.mjs
//   (ROCTA_E2E_SHOTS=1 also saves screenshots of each screen in the kept temporary folder.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('SCPO monitoring end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-scpo-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  let token = '';
  let orderId = 0;
  let nominalId = 0;
  let newOrderId = 0;
  const stamp = Date.now().toString(36);

  async function waitReady(testid) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready', testid);
  }
  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    token = (await apiLogin('mps.scpo')).token;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the SCPO officer opens the queue from the menu: overdue checks, the horizon, orders in force', async () => {
    await uiLogin('mps.scpo');
    await page.click('[data-testid="nav-scpo"]');
    await waitReady('scpo-queue');
    assert.ok(await page.locator('[data-testid="scpo-in-force-row"]').count() >= 5, 'orders in force are listed');
    assert.ok(await page.locator('[data-testid="scpo-horizon-row"]').count() >= 1, 'orders starting on release are on the horizon');
    const queue = await api('/api/v1/scpo/queue', { token });
    assert.equal(queue.status, 200);
    assert.equal(await page.locator('[data-testid="scpo-check-row"]').count(), queue.json.overdue.length + queue.json.due_soon.length);
    await shot('scpo-queue-officer');
    const withDevices = queue.json.in_force.find((o) => o.conditions.some((c) => c.kind === 'communication devices')) ?? queue.json.in_force[0];
    orderId = withDevices.id;
    nominalId = withDevices.nominal_id;
    await page.click(`[data-testid="scpo-in-force-row"][data-order="${orderId}"] [data-testid="scpo-order-link"]`);
    await page.waitForSelector('[data-testid="scpo-order-page"]');
    assert.match(await page.textContent('[data-testid="scpo-status"]'), /In force/);
  });

  step('records a check: a day before the order is refused with the reason, then it is recorded', async () => {
    const order = (await api(`/api/v1/scpo/orders/${orderId}`, { token })).json;
    const before = order.checks.length;
    await page.selectOption('[data-testid="scpo-check-planned"]', '');
    await page.selectOption('[data-testid="scpo-check-kind"]', 'device inspection');
    await page.fill('[data-testid="scpo-check-done-on"]', '2001-01-01');
    await page.click('[data-testid="scpo-check-submit"]');
    const error = page.locator('[data-testid="field-error-done-on"]');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /before the order was made/);
    const today = new Date().toISOString().slice(0, 10);
    await page.fill('[data-testid="scpo-check-done-on"]', today);
    await page.fill('[data-testid="scpo-check-note"]', `E2E two phones seen, both declared (${stamp})`);
    await page.click('[data-testid="scpo-check-submit"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="scpo-check"]').length > 0 &&
      document.querySelector('[data-testid="scpo-order-page"]')?.textContent?.includes(`Checks (${n})`), before + 1);
    const after = (await api(`/api/v1/scpo/orders/${orderId}`, { token })).json;
    const mine = after.checks.find((c) => c.note.includes(stamp));
    assert.ok(mine, 'the check is stored');
    assert.equal(mine.kind, 'device inspection');
    assert.equal(mine.outcome, 'compliant');
    assert.equal(mine.done_on, today);
  });

  step('records a breach with an arrest: it shows on the order and becomes a pursue disruption when the order has a threat', async () => {
    await page.fill('[data-testid="scpo-breach-evidence"]', `E2E third phone found at a search (${stamp})`);
    await page.check('[data-testid="scpo-breach-arrested"]');
    await page.click('[data-testid="scpo-breach-submit"]');
    await page.waitForSelector(`[data-testid="scpo-breach"]:has-text("${stamp}")`);
    await shot('scpo-order-officer');
    const order = (await api(`/api/v1/scpo/orders/${orderId}`, { token })).json;
    const breach = order.breaches.find((b) => b.evidence.includes(stamp));
    assert.ok(breach, 'the breach is stored');
    assert.equal(breach.arrested, true);
    if (order.order.threat_id) {
      assert.ok(breach.disruption_id > 0, 'the arrest is a disruption');
      const lro = (await apiLogin('mps.lro')).token;
      const ds = await api(`/api/v1/threats/${order.order.threat_id}/disruptions`, { token: lro });
      const d = ds.json.items.find((x) => x.id === breach.disruption_id);
      assert.ok(d, 'the disruption is on the threat');
      assert.deepEqual(d.outcomes, ['Pursue']);
    }
  });

  step('the figures for January to July 2022 are computed from the demo records', async () => {
    await page.click('[data-testid="scpo-figures-link"]').catch(() => page.goto(`${H.base}/#/scpo-figures`));
    await page.goto(`${H.base}/#/scpo-figures?from=2022-01-01&to=2022-07-31`);
    await waitReady('scpo-figures');
    const f = await api('/api/v1/reports/scpo?from=2022-01-01&to=2022-07-31', { token });
    assert.equal(f.status, 200);
    assert.equal(f.json.total.arrests, 30, 'the inspection\'s 30 arrests for breach, January to July 2022');
    assert.ok(f.json.total.orders_monitored >= 100 && f.json.total.orders_monitored <= 130);
    assert.equal(f.json.total.arrests, f.json.rows.reduce((n, r) => n + r.arrests, 0));
    assert.match(await page.textContent('[data-testid="scpo-figures-total"]'), /30/);
    await shot('scpo-figures-officer');
  });

  step('the subject\'s nominal page shows the order to the officer', async () => {
    await page.goto(`${H.base}/#/nominals/${nominalId}`);
    await waitReady('nominal-scpo');
    assert.ok(await page.locator('[data-testid="nominal-scpo-order"]').count() >= 1);
    await shot('scpo-nominal-officer');
  });

  step('records a new order on the subject from the nominal page: six years is refused next to the field, five is recorded', async () => {
    await page.click('[data-testid="scpo-order-section"] summary');
    await page.fill('[data-testid="scpo-order-court"]', `Southwark Crown Court (${stamp})`);
    await page.fill('[data-testid="scpo-order-made-on"]', '2026-01-05');
    await page.fill('[data-testid="scpo-order-ends-on"]', '2032-01-05');
    await page.fill('[data-testid="scpo-condition-detail"]', 'No contact with named associates of the group');
    await page.click('[data-testid="scpo-condition-add"]');
    await page.locator('[data-testid="scpo-condition-kind"]').nth(1).selectOption('communication devices');
    await page.locator('[data-testid="scpo-condition-detail"]').nth(1).fill('One declared mobile phone only');
    await page.click('[data-testid="scpo-order-submit"]');
    const error = page.locator('[data-testid="field-error-ends-on"]');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /at most five years/);
    await page.fill('[data-testid="scpo-order-ends-on"]', '2030-12-31');
    await page.click('[data-testid="scpo-order-submit"]');
    await page.waitForSelector('[data-testid="scpo-order-page"]');
    newOrderId = Number(await page.getAttribute('[data-testid="scpo-order-page"]', 'data-id'));
    const o = (await api(`/api/v1/scpo/orders/${newOrderId}`, { token })).json;
    assert.equal(o.order.nominal_id, nominalId);
    assert.ok(o.order.court.includes(stamp));
    assert.deepEqual(o.order.conditions.map((c) => c.kind), ['association', 'communication devices']);
    assert.equal(o.in_force, true);
  });

  step('puts a check on the new order\'s plan, varies the order and asks for surveillance support through tasking', async () => {
    await page.click('[data-testid="scpo-plan-section"] summary');
    await page.selectOption('[data-testid="scpo-plan-kind"]', 'financial report');
    await page.fill('[data-testid="scpo-plan-due-on"]', '2030-06-30');
    await page.click('[data-testid="scpo-plan-submit"]');
    await page.waitForSelector('[data-testid="scpo-check"]');
    let o = (await api(`/api/v1/scpo/orders/${newOrderId}`, { token })).json;
    assert.deepEqual(o.checks.map((c) => [c.kind, c.due_on, c.done_on]), [['financial report', '2030-06-30', '']]);

    await page.click('[data-testid="scpo-vary-section"] summary');
    await page.fill('[data-testid="scpo-vary-ends-on"]', '2029-12-31');
    await page.fill('[data-testid="scpo-vary-note"]', `Varied on appeal (${stamp})`);
    await page.click('[data-testid="scpo-vary-submit"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="scpo-order-page"]')?.textContent?.includes('31 Dec 2029') ||
      document.querySelector('[data-testid="scpo-order-page"]')?.textContent?.includes('2029'));
    o = (await api(`/api/v1/scpo/orders/${newOrderId}`, { token })).json;
    assert.equal(o.order.ends_on, '2029-12-31');
    assert.equal(o.order.version, 2);
    assert.ok(o.history.some((x) => x.kind !== 'made' && x.note.includes(stamp)), 'the variation is in the history with the old terms');

    await page.click('[data-testid="scpo-support-section"] summary');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="scpo-support-to"] option').length > 0);
    await page.fill('[data-testid="scpo-support-request"]', `Surveillance on the subject's meetings (${stamp})`);
    await page.fill('[data-testid="scpo-support-decide-by"]', '2030-01-31');
    await page.click('[data-testid="scpo-support-submit"]');
    // The page reloads when the request is stored: the form closes again.
    await page.waitForFunction(() => !document.querySelector('[data-testid="scpo-support-section"]')?.hasAttribute('open'));
    assert.equal(await page.locator('[data-testid="scpo-support-error"]:visible').count(), 0);
    const esc = await api('/api/v1/escalations', { token });
    assert.equal(esc.status, 200);
    const items = esc.json.items ?? esc.json;
    assert.ok(items.some((e) => String(e.request).includes(stamp)), 'the support request is an escalation in tasking');
    await shot('scpo-new-order-officer');
  });

  step('a partner agency user sees no SCPO menu, panel or order', async () => {
    await uiLogin('hmrc.partner');
    assert.equal(await page.locator('[data-testid="nav-scpo"]').count(), 0);
    await page.goto(`${H.base}/#/scpo/${orderId}`);
    await page.waitForSelector('[data-testid="scpo-order-error"]');
    assert.equal(await page.locator('[data-testid="scpo-order-page"]').count(), 0);
    await shot('scpo-order-partner');
    await page.goto(`${H.base}/#/scpo`);
    await page.waitForSelector('[data-testid="scpo-queue-error"]');
    await shot('scpo-queue-partner');
    const partner = (await apiLogin('hmrc.partner')).token;
    assert.equal((await api(`/api/v1/scpo/orders/${orderId}`, { token: partner })).status, 403);
    assert.equal((await api(`/api/v1/nominals/${nominalId}/scpo`, { token: partner })).json?.items?.length ?? 0, 0);
  });

  step('the pages raised no script error or CSP violation', async () => {
    assert.deepEqual(H.pageProblems, []);
  });
});

// End-to-end test of the network view against a real rocta server with the demo data: a
// threat's network opened from its page by a BCU analyst and by a London SIU officer shows
// each exactly what they may see (the analyst fewer records, and a signal for the line only
// the SIU holds; the SIU officer that line, and no signal for it), the filter by link type
// and date narrows what is drawn, and the export of what is shown arrives; a record selected
// gives every shortest path to it from the centre (as the server finds them, with the
// signals of what the reader may not see), a commodity selected is edited (a stale version
// is refused with 409), and the threat's network is compared before and after a disruption.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/network.test.mjs

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('The network around a threat, as two readers see it', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-network-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const tokens = {};
  let threat = null;
  const seen = {};

  async function networkOf(user, query = '') {
    const r = await api(`/api/v1/network?around=threat:${threat}${query}`, { token: tokens[user] });
    assert.equal(r.status, 200, r.text);
    return r.json;
  }

  async function openFromThreat() {
    await page.goto(`${H.base}/#/threats/${threat}`);
    await page.click('[data-testid="threat-network-link"]');
    // Wait for the network view itself to be drawn: the state of the page before the click
    // (or of a render the router replaced) must not pass for it.
    await page.waitForSelector('main[data-state="ready"] [data-testid="net-canvas"] canvas, main[data-state="error"] [data-testid="net-status"]');
    const status = await page.textContent('[data-testid="net-status"]');
    assert.equal(await page.locator('main[data-state="error"]').count(), 0, `the network loaded: ${status}`);
  }

  async function drawn() {
    return {
      nodes: Number(await page.getAttribute('[data-testid="net-status"]', 'data-nodes')),
      links: Number(await page.getAttribute('[data-testid="net-status"]', 'data-links')),
    };
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.bcu.analyst', 'mps.siu']) tokens[u] = (await apiLogin(u)).token;
  }, { timeout: STARTUP_TIMEOUT_MS });
  after(() => H.tearDown());

  step('a threat whose network the SIU officer sees more of', async () => {
    const r = await api('/api/v1/threats?limit=200&owning_agency=MPS', { token: tokens['mps.bcu.analyst'] });
    assert.equal(r.status, 200, r.text);
    // Rather the threat whose members use the line only the London SIU holds (the demo's).
    let fallback = null;
    for (const t of r.json.items) {
      threat = t.id;
      const analyst = await networkOf('mps.bcu.analyst');
      if (!analyst.signals.length) continue;
      const siu = await networkOf('mps.siu');
      if (siu.nodes.length <= analyst.nodes.length) continue;
      fallback ??= { threat: t.id, analyst, siu };
      if (analyst.signals.some((s) => s.record_kind === 'commodity')) {
        fallback = { threat: t.id, analyst, siu };
        break;
      }
    }
    assert.ok(fallback, 'the demo has a threat with material only the SIU holds');
    ({ threat, analyst: seen.analyst, siu: seen.siu } = fallback);
    const analystKeys = new Set(seen.analyst.nodes.map((n) => `${n.kind}-${n.id}`));
    // Nothing the SIU alone sees is drawn or counted for the analyst: it is signalled.
    const hidden = seen.siu.nodes.filter((n) => !analystKeys.has(`${n.kind}-${n.id}`));
    assert.ok(hidden.length > 0);
    const hiddenKeys = new Set(hidden.map((n) => `${n.kind}-${n.id}`));
    for (const s of seen.analyst.signals) {
      assert.ok(!analystKeys.has(`${s.record_kind}-${s.record_id}`), 'a signal never names a record drawn');
      assert.ok(analystKeys.has(`${s.near.kind}-${s.near.id}`), 'a signal sits on a record drawn');
    }
    assert.ok(seen.analyst.signals.some((s) => hiddenKeys.has(`${s.record_kind}-${s.record_id}`)), 'the held line is signalled');
    assert.ok(seen.analyst.links.length < seen.siu.links.length);
  });

  step('the BCU analyst opens it from the threat page: fewer records, and a signal', async () => {
    await uiLogin('mps.bcu.analyst');
    await openFromThreat();
    assert.deepEqual(await drawn(), { nodes: seen.analyst.nodes.length, links: seen.analyst.links.length });
    const holder = await page.textContent('[data-testid="net-signals"] [data-testid="signal-holder"]');
    assert.match(holder, /held by London Sensitive Intelligence Unit/);
    assert.equal(await page.locator('[data-testid="net-player"]').count(), Math.min(10, seen.analyst.nodes.length));
    await H.shot('network-bcu-analyst');
  });

  step('the SIU officer sees the held line, and no signal for it', async () => {
    await uiLogin('mps.siu');
    await openFromThreat();
    assert.deepEqual(await drawn(), { nodes: seen.siu.nodes.length, links: seen.siu.links.length });
    const heldByLondonSiu = await page.locator('[data-testid="net-signals"] [data-testid="signal-holder"]', { hasText: 'London Sensitive Intelligence Unit' }).count();
    assert.equal(heldByLondonSiu, 0);
    await H.shot('network-siu-officer');
  });

  step('filtering by link type and date narrows what is drawn, as the server counts it', async () => {
    await page.uncheck('[data-testid="net-rel-uses-phone"]');
    await page.fill('[data-testid="net-as-at"]', '2024-12-31');
    await page.click('[data-testid="net-apply"]');
    await page.waitForFunction(() => window.location.hash.includes('as_at=2024-12-31'));
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('data-state') === 'ready');
    const filtered = await networkOf('mps.siu', '&as_at=2024-12-31&relation=member,associate,subject,drives,lives%20at,holds%20account,location');
    assert.deepEqual(await drawn(), { nodes: filtered.nodes.length, links: filtered.links.length });
    assert.ok(filtered.links.every((l) => l.relation !== 'uses phone' && l.date <= '2024-12-31'));
    assert.ok(filtered.links.length <= seen.siu.links.length);
  });

  step('the export of what is shown arrives', async () => {
    const download = page.waitForEvent('download');
    await page.click('[data-testid="net-export-csv"]');
    const file = await download;
    assert.equal(file.suggestedFilename(), 'network.csv');
    await page.waitForFunction(() => /Saved network\.csv/.test(document.querySelector('[data-testid="net-export-status"]')?.textContent ?? ''));
    // The analyst's export holds no record the analyst may not read.
    const r = await fetch(`${H.base}/api/v1/network/export?around=threat:${threat}&format=csv`,
      { headers: { Authorization: `Bearer ${tokens['mps.bcu.analyst']}` } });
    assert.equal(r.status, 200);
    const csv = await r.text();
    assert.equal(csv.trim().split('\n').length, seen.analyst.links.length + 1);
    const analystKeys = new Set(seen.analyst.nodes.map((n) => `${n.kind}-${n.id}`));
    for (const n of seen.siu.nodes.filter((x) => !analystKeys.has(`${x.kind}-${x.id}`)))
      assert.ok(!csv.includes(n.reference), `${n.reference} is not in the analyst's export`);
  });

  step('selecting a record gives every shortest path to it from the centre', async () => {
    await uiLogin('mps.bcu.analyst');
    await openFromThreat();
    const target = [...seen.analyst.nodes].filter((n) => !(n.kind === 'threat' && n.id === threat))
      .sort((a, b) => b.pagerank - a.pagerank)[0];
    const row = page.locator(`[data-testid="net-player"][data-key="${target.kind}-${target.id}"]`);
    if (await row.count() === 0) return;  // not among the ten key players: nothing to select here
    await row.locator('[data-testid="net-select"]').click();
    await page.click('[data-testid="net-paths-find"]');
    await page.waitForSelector('[data-testid="net-paths-box"][data-count]');
    const r = await api(`/api/v1/network/paths?from=threat:${threat}&to=${target.kind}:${target.id}&limit=10`, { token: tokens['mps.bcu.analyst'] });
    assert.equal(r.status, 200, r.text);
    assert.equal(Number(await page.getAttribute('[data-testid="net-paths-box"]', 'data-count')), r.json.paths.length);
    assert.equal(Number(await page.getAttribute('[data-testid="net-paths-box"]', 'data-length')), r.json.length);
    const drawn = new Set(seen.analyst.nodes.map((n) => `${n.kind}-${n.id}`));
    for (const p of r.json.paths) for (const n of p) assert.ok(drawn.has(`${n.kind}-${n.id}`), 'a path goes through records drawn only');
    for (const s of r.json.signals) assert.ok(!drawn.has(`${s.record_kind}-${s.record_id}`), 'a path signal names a record not drawn');
    await H.shot('network-paths');
  });

  step('a commodity is edited from the network; a stale version is refused', async () => {
    // A deal line the MPS analyst records (for MPS), then edits from its network.
    const made = await api('/api/v1/commodities', { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { kind: 'phone', value: '07700 900417', opened: '2025-02-01', marking: { classification: 'OFFICIAL', scope: 'region' } } });
    assert.equal(made.status, 201, made.text);
    const line = made.json;
    const before = await api(`/api/v1/commodities/${line.id}`, { token: tokens['mps.bcu.analyst'] });
    assert.equal(before.status, 200, before.text);
    await page.goto(`${H.base}/#/network?around=commodity:${line.id}&hops=1`);
    await page.waitForFunction(() => document.querySelector('main')?.getAttribute('data-state') === 'ready');
    await page.locator(`[data-testid="net-player"][data-key="commodity-${line.id}"] [data-testid="net-select"]`).click();
    await page.waitForSelector('[data-testid="commodity-state"]');
    await page.fill('[data-testid="commodity-description"]', 'deal line, checked in the e2e test');
    await page.click('[data-testid="commodity-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="commodity-status"]')?.textContent === 'Saved.');
    assert.equal(Number(await page.getAttribute('[data-testid="commodity-state"]', 'data-version')), before.json.version + 1);
    // Someone who read the old version cannot overwrite the change.
    const stale = await api(`/api/v1/commodities/${line.id}`, { token: tokens['mps.bcu.analyst'], method: 'PATCH',
      body: { version: before.json.version, description: 'an edit from the old version' } });
    assert.equal(stale.status, 409, stale.text);
    const closeStale = await api(`/api/v1/commodities/${line.id}/close`, { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { version: before.json.version, closed: '2026-01-01' } });
    assert.equal(closeStale.status, 409, closeStale.text);
    await H.shot('network-commodity');
  });

  step('the network of the threat before and after one of its disruptions', async () => {
    const list = await api(`/api/v1/threats/${threat}/disruptions`, { token: tokens['mps.siu'] });
    assert.equal(list.status, 200, list.text);
    if (!list.json.items.length) return;
    await uiLogin('mps.siu');
    await openFromThreat();
    const d = list.json.items[list.json.items.length - 1];
    await page.waitForSelector(`[data-testid="net-changes-disruption"] option[value="${d.id}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="net-changes-disruption"]', String(d.id));
    await page.click('[data-testid="net-changes-go"]');
    await page.waitForSelector('[data-testid="net-changes-appeared"]');
    const r = await api(`/api/v1/threats/${threat}/disruptions/${d.id}/network-changes?hops=2`, { token: tokens['mps.siu'] });
    assert.equal(r.status, 200, r.text);
    assert.equal(Number(await page.getAttribute('[data-testid="net-changes-appeared"]', 'data-count')), r.json.appeared.length);
    assert.equal(Number(await page.getAttribute('[data-testid="net-changes-gone"]', 'data-count')), r.json.gone.length);
    await H.shot('network-changes');
  });
});

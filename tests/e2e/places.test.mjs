// End-to-end test of places against a real rocta server with the demo data: a frontline
// officer (mps.frontline) opens the briefing for a rail route from the menu, sees the open
// requirements and the SIU's material only signalled, and acknowledges it; the tasking chair
// sees who has read it; the map draws the loaded boundaries and incidents, filtered by type;
// an analyst (btp.analyst) finds hotspots in the demo's incidents and accepts a proposed SOC
// vulnerability with its evidence, which then shows in the officer's briefing for the route,
// and in the threat list filtered by the route's area.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/places.test.mjs
//   (ROCTA_E2E_SHOTS=1 also saves screenshots of each screen; ROCTA_E2E_KEEP=1 keeps them.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('places, hotspots and the frontline briefing end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-places-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  let officer = '';
  let route = null;
  let vulnerability = 0;

  async function waitReady(testid) {
    await page.waitForFunction((id) => ['ready', 'error'].includes(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state')), testid);
    assert.equal(await page.getAttribute(`[data-testid="${testid}"]`, 'data-state'), 'ready');
  }
  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    officer = (await apiLogin('mps.frontline')).token;
    const areas = await api('/api/v1/areas?kind=route', { token: officer });
    assert.equal(areas.status, 200);
    route = areas.json.items.find((a) => a.code === 'WCML-S');
    assert.ok(route, 'the demo loads its routes');
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the frontline officer opens the briefing for a rail route and acknowledges it', async () => {
    await uiLogin('mps.frontline');
    await page.click('[data-testid="nav-briefing"]');
    await waitReady('briefing');
    await page.selectOption('[data-testid="briefing-area"]', String(route.id));
    await page.waitForSelector('[data-testid="briefing-title"]');
    await waitReady('briefing');
    const brief = (await api(`/api/v1/areas/${route.id}/briefing`, { token: officer })).json;
    assert.match(await page.textContent('[data-testid="briefing-title"]'), /West Coast Main Line/);
    assert.equal(Number(await page.getAttribute('[data-testid="brief-requirements"]', 'data-count')), brief.requirements.length);
    assert.ok(brief.requirements.some((r) => /cable theft/.test(r.requirement)), 'the route has its requirement');
    assert.equal(Number(await page.getAttribute('[data-testid="brief-intelligence"]', 'data-count')), brief.intelligence.length);
    assert.ok(brief.intelligence.length >= 1, 'recent open intelligence on the route is shown');
    assert.ok(brief.withheld.length >= 1, 'the SIU-held report is signalled');
    assert.match(await page.textContent('[data-testid="brief-withheld"]'), /holds 1 further item/);
    assert.ok(!brief.intelligence.some((i) => /CHIS/.test(i.title)), 'never shown');
    await shot('briefing-route-frontline');
    await page.click('[data-testid="briefing-acknowledge"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="briefing-ack-state"]')?.textContent?.includes('You have acknowledged'));
    const again = (await api(`/api/v1/areas/${route.id}/briefing`, { token: officer })).json;
    assert.equal(again.acknowledged, true);
    // The officer's menu has no Map: the briefing leads to the map of its area.
    assert.equal(await page.locator('[data-testid="nav-map"]').count(), 0);
    await page.click('[data-testid="briefing-map-link"]');
    await waitReady('map');
    assert.equal(await page.inputValue('[data-testid="map-area"]'), String(route.id));
  });

  step('the tasking chair sees who has read the briefing', async () => {
    const chair = (await apiLogin('mps.tasking')).token;
    const reads = await api(`/api/v1/areas/${route.id}/briefing/reads`, { token: chair });
    assert.equal(reads.status, 200);
    // 'current' compares with the briefing as the chair (SECRET) sees it, which holds more.
    assert.ok(reads.json.items.some((r) => r.name === 'PC Dana Frost'));
    const denied = await api(`/api/v1/areas/${route.id}/briefing/reads`, { token: officer });
    assert.equal(denied.status, 403);
  });

  step('the map draws boundaries and incidents, filtered by type', async () => {
    await page.goto(`${H.base}/#/map`);
    await waitReady('map');
    const all = Number(await page.getAttribute('[data-testid="map"]', 'data-incidents'));
    assert.ok(all > 100, `incidents drawn: ${all}`);
    assert.ok(await page.locator('.leaflet-overlay-pane path').count() > 12, 'boundaries drawn');
    await shot('map-all');
    await page.selectOption('[data-testid="map-type"]', 'kiosk_fraud');
    await page.waitForFunction((n) => {
      const m = document.querySelector('[data-testid="map"]');
      return m?.getAttribute('data-state') === 'ready' && Number(m.getAttribute('data-incidents')) < n;
    }, all);
    const kiosk = (await api('/api/v1/incidents?type=kiosk_fraud&limit=5000', { token: officer })).json.items.length;
    assert.equal(Number(await page.getAttribute('[data-testid="map"]', 'data-incidents')), kiosk);
  });

  step('a BTP analyst finds hotspots and accepts a proposed SOC vulnerability with its evidence', async () => {
    await H.page.evaluate(() => localStorage.clear());
    await uiLogin('btp.analyst');
    await page.click('[data-testid="nav-hotspots"]');
    await waitReady('proposals');
    await page.selectOption('[data-testid="hotspot-type"]', 'metal_theft');
    await page.click('[data-testid="hotspot-run"]');
    await page.waitForFunction(() => /new proposal/.test(document.querySelector('[data-testid="hotspot-state"]')?.textContent ?? ''));
    await waitReady('proposals');
    const card = page.locator('[data-testid="proposal"][data-status="proposed"]').first();
    await card.waitFor();
    assert.match(await card.textContent(), /metal theft incidents in \d+ hot cell/);
    await card.locator('summary').click();
    assert.match(await card.locator('[data-testid="proposal-evidence"]').textContent(), /Getis-Ord Gi\*/);
    await shot('hotspot-proposals');
    await card.locator('[data-testid="proposal-reason"]').fill('Cable theft recurs on this stretch of track');
    await card.locator('[data-testid="proposal-accept"]').click();
    await page.waitForSelector('[data-testid="proposal-threat"]');
    const btp = (await apiLogin('btp.analyst')).token;
    const accepted = (await api('/api/v1/proposed-vulnerabilities?status=accepted', { token: btp })).json.items;
    assert.equal(accepted.length, 1);
    const threat = await api(`/api/v1/threats/${accepted[0].threat_id}`, { token: btp });
    assert.equal(threat.status, 200);
    assert.equal(threat.json.type ?? threat.json.threat_type ?? threat.json.record?.type, 'Vulnerability');
    // The vulnerability lies on the route: the officer's briefing for it now lists it.
    const brief = (await api(`/api/v1/areas/${route.id}/briefing`, { token: officer })).json;
    assert.ok(brief.vulnerabilities.some((v) => v.id === accepted[0].threat_id), 'the accepted hotspot is in the route briefing');
    assert.equal(brief.acknowledged, false, 'a changed briefing needs a new acknowledgement');
    vulnerability = accepted[0].threat_id;
  });

  step('the analyst filters the threat list by an area: only threats with a place in it', async () => {
    const btp = (await apiLogin('btp.analyst')).token;
    const inArea = await api(`/api/v1/threats?area=${route.id}&limit=200`, { token: btp });
    assert.equal(inArea.status, 200);
    const everywhere = await api('/api/v1/threats?limit=1', { token: btp });
    assert.ok(inArea.json.total >= 1 && inArea.json.total < everywhere.json.total,
      `${inArea.json.total} of ${everywhere.json.total} threats are placed on the route`);
    assert.ok(inArea.json.items.some((t) => t.id === vulnerability), 'the accepted vulnerability lies on the route');
    await page.goto(`${H.base}/#/threats`);
    await page.waitForFunction(() => document.querySelector('[data-testid="threat-results"]')?.getAttribute('data-state') === 'ready');
    await page.waitForFunction(() => document.querySelector('[data-testid="filter-area"]')?.getAttribute('data-loaded') === 'true');
    await page.selectOption('[data-testid="filter-area"]', String(route.id));
    await page.waitForFunction((id) => {
      const r = document.querySelector('[data-testid="threat-results"]');
      return r?.getAttribute('data-state') === 'ready' && (r.getAttribute('data-hash') ?? '').includes(`area=${id}`);
    }, route.id);
    assert.equal(Number(await page.getAttribute('[data-testid="list-summary"]', 'data-total')), inArea.json.total);
    const shown = await page.$$eval('[data-testid="threat-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    assert.deepEqual(shown.sort((a, b) => a - b), inArea.json.items.slice(0, 50).map((t) => t.id).sort((a, b) => a - b));
    assert.ok(shown.includes(vulnerability));
    await shot('threats-in-area');
  });
});

// End-to-end test of the intelligence screens against a real rocta server with the demo
// data: an MPS BCU analyst's CHIS-sourced report goes to the SIU (the page says who holds it
// and its reference, never its content), and the grading form will not take handling P with
// assessment E → the SIU officer finds it in the queue and releases a sanitised version →
// an administrator makes a sharing agreement, and is refused one that is not theirs to
// give → the analyst sees "held by" on a nominal linked to the SIU's report, asks for access,
// and the SIU officer approves.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('Intelligence, the SIU, sharing agreements and access requests end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-intel-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const stamp = Date.now().toString(36);
  const secret = `E2E CHIS says the lock-up at the arches holds the firearms (${stamp})`;
  const tokens = {};
  let siuName = '';
  let reportId = 0;
  let reference = '';
  let nominalId = 0;
  let releasedId = 0;

  async function waitReady(testid) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready', testid);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.admin', 'mps.siu', 'mps.bcu.analyst']) tokens[u] = (await apiLogin(u)).token;
    // The SIU that receives the MPS's sensitive intelligence. Until the demo configures the
    // regional SIU, give the MPS SIU the compartment its officers hold, as an administrator
    // would (PATCH /api/v1/units/{id}).
    const units = await api('/api/v1/units?agency=MPS', { token: tokens['mps.admin'] });
    assert.equal(units.status, 200, units.text);
    const list = Array.isArray(units.json) ? units.json : units.json.items;
    let siu = list.find((u) => u.kind === 'siu' && u.active && u.compartment);
    if (!siu) {
      const plain = list.find((u) => u.kind === 'siu' && u.active);
      assert.ok(plain, 'the demo has an MPS SIU');
      const r = await api(`/api/v1/units/${plain.id}`, {
        token: tokens['mps.admin'], method: 'PATCH',
        body: { version: plain.version, name: 'London Sensitive Intelligence Unit', compartment: 'MPS-SIU', serves: ['BTP', 'COLP'] },
      });
      assert.equal(r.status, 200, r.text);
      siu = r.json;
    }
    siuName = siu.name;
    const me = await api('/api/v1/session', { token: tokens['mps.siu'] });
    assert.ok(me.json.compartments.includes(siu.compartment), `mps.siu holds ${siu.compartment}`);
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the grading form will not take handling P with assessment E, nor C without conditions', async () => {
    await uiLogin('mps.bcu.analyst');
    assert.equal(await page.locator('[data-testid="nav-sharing"]').count(), 0, 'no sharing link for an analyst');
    assert.equal(await page.locator('[data-testid="nav-siu-queue"]').count(), 0, 'no SIU queue link for an analyst');
    await page.click('[data-testid="nav-submit-intelligence"]');
    await page.waitForSelector('[data-testid="intel-form"]');
    await page.fill('[data-testid="intel-title"]', `E2E firearms at the arches (${stamp})`);
    await page.fill('[data-testid="intel-body"]', secret);
    assert.equal(await page.isChecked('[data-testid="intel-handling-P"]'), true, 'P by default');
    await page.selectOption('[data-testid="intel-assessment"]', 'E');
    assert.equal(await page.isDisabled('[data-testid="intel-handling-P"]'), true, 'P cannot be chosen with E');
    assert.equal(await page.isChecked('[data-testid="intel-handling-C"]'), true, 'E moves the handling to C');
    await page.locator('[data-testid="intel-handling-note"]').filter({ hasText: 'only be handled under C' }).waitFor();
    // C without its conditions is refused before it is sent.
    await page.click('[data-testid="intel-submit"]');
    await page.locator('[data-testid="field-error-marking-handling-conditions"]').waitFor({ state: 'visible' });
    // Back to B: P is allowed again, and P carries no conditions.
    await page.selectOption('[data-testid="intel-assessment"]', 'B');
    assert.equal(await page.isDisabled('[data-testid="intel-handling-P"]'), false);
    await page.check('[data-testid="intel-handling-P"]');
    assert.equal(await page.isHidden('[data-testid="intel-conditions"]'), true, 'no conditions with P');
    // OFFICIAL-SENSITIVE only with OFFICIAL; a named scope needs an agency.
    await page.selectOption('[data-testid="intel-classification"]', 'SECRET');
    assert.equal(await page.isDisabled('[data-testid="intel-sensitive"]'), true);
    await page.selectOption('[data-testid="intel-classification"]', 'OFFICIAL');
    await page.selectOption('[data-testid="intel-scope"]', 'named');
    await page.click('[data-testid="intel-submit"]');
    await page.locator('[data-testid="field-error-marking-shared-with"]').waitFor({ state: 'visible' });
    await page.selectOption('[data-testid="intel-scope"]', 'region');
  });

  step('a CHIS report from a BCU analyst is held by the SIU: the page shows where, not what', async () => {
    assert.equal(await page.isHidden('[data-testid="intel-siu-notice"]'), true);
    await page.selectOption('[data-testid="intel-source-type"]', 'chis');
    await page.locator('[data-testid="intel-siu-notice"]').waitFor({ state: 'visible' });
    await page.click('[data-testid="intel-submit"]');
    await page.locator('[data-testid="intel-routed"]').waitFor();
    assert.equal((await page.textContent('[data-testid="intel-held-by"]')).trim(), `Held by ${siuName}`);
    reference = (await page.textContent('[data-testid="intel-reference"]')).trim();
    assert.match(reference, /\S/);
    const text = await page.textContent('main');
    assert.ok(!text.includes(secret), 'the content is not on the page');
    assert.equal(await page.locator('[data-testid="intel-form"]').count(), 0, 'the form (and its text) is gone');
    // Not in the general system: the analyst cannot find it.
    const mine = await api(`/api/v1/intelligence?q=${encodeURIComponent(stamp)}`, { token: tokens['mps.bcu.analyst'] });
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.json.items.filter((r) => r.reference === reference).length, 0);
  });

  step('the SIU officer finds it in the queue, opens it and releases a sanitised version', async () => {
    await uiLogin('mps.siu');
    await page.click('[data-testid="nav-siu-queue"]');
    await waitReady('siu-queue');
    const row = page.locator(`[data-testid="siu-queue-row"][data-reference="${reference}"]`);
    await row.waitFor();
    reportId = Number(await row.getAttribute('data-id'));
    await row.locator('[data-testid="siu-queue-open"]').click();
    await page.locator('[data-testid="intel-page-body"]').filter({ hasText: secret }).waitFor();
    await page.fill('[data-testid="release-title"]', `E2E firearms stored in east London (${stamp})`);
    await page.fill('[data-testid="release-body"]', 'Firearms are believed to be stored at a lock-up in east London.');
    await page.click('[data-testid="release-submit"]');
    await page.locator('[data-testid="field-error-rationale"]').waitFor({ state: 'visible' });
    await page.fill('[data-testid="release-rationale"]', 'Sanitised: no detail that could identify the source');
    await page.click('[data-testid="release-submit"]');
    await page.locator('[data-testid="release-done"]').waitFor();
    releasedId = Number(await page.getAttribute('[data-testid="release-done"]', 'data-released-id'));
    const released = await api(`/api/v1/intelligence/${releasedId}`, { token: tokens['mps.bcu.analyst'] });
    assert.equal(released.status, 200, 'the analyst reads the release');
    assert.ok(!released.json.body.includes('arches'));
  });

  step('the analyst sends the release to HMRC and sees where it went', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/intelligence/${releasedId}`);
    await page.locator('[data-testid="intel-page-title"]').filter({ hasText: stamp }).waitFor();
    await waitReady('disseminations');
    assert.equal(await page.getAttribute('[data-testid="disseminations"]', 'data-count'), '0');
    await page.click('[data-testid="dissem-submit"]');
    await page.locator('[data-testid="field-error-to-agency"]').waitFor({ state: 'visible' });
    await page.selectOption('[data-testid="dissem-agency"]', 'HMRC');
    await page.fill('[data-testid="dissem-note"]', 'For the fraud investigation service');
    await page.click('[data-testid="dissem-submit"]');
    await page.locator('[data-testid="dissem-sent"]').waitFor({ state: 'visible' });
    await page.locator('[data-testid="dissemination-row"][data-agency="HMRC"]').waitFor();
    // Compartmented material is never disseminated: the SIU original has no such form.
    const original = await api(`/api/v1/intelligence/${reportId}/disseminations`, {
      token: tokens['mps.siu'], method: 'POST', body: { to_agency: 'HMRC' },
    });
    assert.equal(original.status, 400, original.text);
  });

  step('an administrator makes a sharing agreement, and is told when one is not theirs to make', async () => {
    await uiLogin('mps.admin');
    await page.click('[data-testid="nav-sharing"]');
    await waitReady('agreements');
    // One agreement per direction: pick a partner agency the MPS has none with yet (the
    // demo already gives HMRC one), so the step also holds on a store used before.
    const existing = await api('/api/v1/sharing/agreements', { token: tokens['mps.admin'] });
    assert.equal(existing.status, 200, existing.text);
    const agencies = await api('/api/v1/agencies', { token: tokens['mps.admin'] });
    assert.equal(agencies.status, 200, agencies.text);
    const taken = new Set(existing.json.filter((a) => a.giver === 'MPS').map((a) => a.receiver));
    const receiver = agencies.json.find((a) => a.kind === 'partner agency' && a.active && !taken.has(a.code))?.code;
    assert.ok(receiver, 'a partner agency without an MPS agreement');
    const purpose = `E2E fraud intelligence for ${receiver} (${stamp})`;
    await page.selectOption('[data-testid="agreement-new-giver"]', 'MPS');
    await page.selectOption('[data-testid="agreement-new-receiver"]', receiver);
    await page.selectOption('[data-testid="agreement-new-max-classification"]', 'OFFICIAL');
    await page.selectOption('[data-testid="agreement-new-min-scope"]', 'region');
    await page.click('[data-testid="agreement-new-submit"]');
    await page.locator('[data-testid="agreement-new"] [data-testid="field-error-purpose"]').waitFor({ state: 'visible' });
    await page.fill('[data-testid="agreement-new-purpose"]', purpose);
    await page.click('[data-testid="agreement-new-submit"]');
    const row = page.locator(`[data-testid="agreement-row"][data-giver="MPS"][data-receiver="${receiver}"]`).filter({ hasText: purpose });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-active'), 'true');
    // The BTP's agreements are the BTP administrators' to make: the server's 403 is shown.
    await page.selectOption('[data-testid="agreement-new-giver"]', 'BTP');
    await page.selectOption('[data-testid="agreement-new-receiver"]', 'HMRC');
    await page.fill('[data-testid="agreement-new-purpose"]', purpose);
    await page.click('[data-testid="agreement-new-submit"]');
    await page.locator('[data-testid="agreement-new-error"]').filter({ hasText: 'administrators of the giving agency' }).waitFor();
  });

  step('the analyst sees "held by" on a nominal linked to the SIU report, asks, and the SIU approves', async () => {
    const n = await api('/api/v1/nominals', {
      token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { given_names: 'Dale', surname: `Arches-${stamp}`, marking: { classification: 'OFFICIAL', scope: 'region' } },
    });
    assert.equal(n.status, 201, n.text);
    nominalId = n.json.id;
    const link = await api('/api/v1/links', {
      token: tokens['mps.siu'], method: 'POST',
      body: { from: { kind: 'nominal', id: nominalId }, to: { kind: 'intelligence', id: reportId }, relation: 'mentioned in' },
    });
    assert.equal(link.status, 201, link.text);

    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/nominals/${nominalId}`);
    await waitReady('signals');
    const signal = page.locator(`[data-testid="signal"][data-record-kind="intelligence"][data-record-id="${reportId}"]`);
    await signal.waitFor();
    assert.equal((await signal.locator('[data-testid="signal-holder"]').textContent()).trim(), `Held by ${siuName}`);
    assert.ok(!(await page.textContent('main')).includes(secret), 'the signal does not disclose the content');
    await signal.locator('[data-testid="signal-request"]').click();
    await signal.locator('[data-testid="signal-submit"]').click();
    await signal.locator('[data-testid="field-error-purpose"]').waitFor({ state: 'visible' });
    await signal.locator('[data-testid="signal-purpose"]').fill('Operation Arches: firearms supply in Central East');
    await signal.locator('[data-testid="signal-submit"]').click();
    const sent = signal.locator('[data-testid="signal-sent"]');
    await sent.waitFor();
    const requestId = await sent.getAttribute('data-request-id');

    await uiLogin('mps.siu');
    await page.click('[data-testid="nav-access-requests"]');
    await waitReady('access-requests');
    const item = page.locator(`[data-testid="access-request"][data-id="${requestId}"]`);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'pending');
    // Refusing needs a note; approving does not.
    await item.locator('[data-testid="decision-refuse"]').click();
    await item.locator('[data-testid="field-error-note"]').waitFor({ state: 'visible' });
    await item.locator('[data-testid="decision-approve"]').click();
    await page.locator(`[data-testid="access-request"][data-id="${requestId}"][data-status="approved"]`).waitFor();

    // The requester sees the decision among their own requests.
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/access-requests?mine=true`);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="access-requests"]');
      return el?.getAttribute('data-state') === 'ready' && el.getAttribute('data-mine') === 'true';
    });
    await page.locator(`[data-testid="access-request"][data-id="${requestId}"][data-status="approved"]`).waitFor();
    assert.deepEqual(H.pageProblems, []);
  });
});

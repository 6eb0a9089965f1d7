// End-to-end test of the SOC master list screens against a real rocta server with the demo
// data: nominate → queue → MoRiLE assessment (with the SIU check) → moderation by a second
// person → the agency's priorities in score order.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/
//
// Harness (server, browser, steps) in helpers.mjs; ROCTA_E2E_KEEP=1 keeps the temp dir with
// the screenshots of the queue, the assessment result, the moderation screen and the list.

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

const RATIONALE = 'Firearms and exploitation on the record, across three boroughs; intelligence graded B2.';
// Worked example A: harm 3,3,1,3,0; regional; high vulnerability; highly likely; org 2,1,3.
const EXAMPLE_A = {
  harm: [3, 3, 1, 3, 0], scope: 'regional', vulnerability: 'high', likelihood: 'highly likely', org: [2, 1, 3],
  confidence: 'high', priority: '189.00', tier: '2', totalHarm: '21.00', risk: '126.00',
};
const SIU_HEADING = 'Sensitive material exists — consult the SIU';
const LONG_WAIT_DAYS = 28;

describe('SOC master list end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-ml-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;

  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const threatName = `E2E Kestrel ${stamp} (Drug supply)`;
  const rationale = `E2E: repeated intelligence of drug supply across two BCUs (${stamp}).`;

  const tokens = {};
  let bcuUser = null;
  let evidenceNominal = null; // a nominal the BCU analyst sees that sits next to SIU material
  let threatId = 0;
  let threatRef = '';
  let assessment = null;

  // ---------------------------------------------------------------- helpers

  /** Waits until a screen part has loaded, for the current hash when it records one. */
  async function waitReady(testid, hashPart) {
    await page.waitForFunction(([id, hp]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el?.getAttribute('data-state') !== 'ready') return false;
      if (el.hasAttribute('data-hash') && el.getAttribute('data-hash') !== window.location.hash) return false;
      return !hp || window.location.hash.includes(hp);
    }, [testid, hashPart]);
  }

  /** The master list's view switch: radios styled as buttons, clicked through their labels. */
  async function chooseView(view) {
    await page.click(`[data-testid="ml-view-${view}"] + label`);
    assert.ok(await page.isChecked(`[data-testid="ml-view-${view}"]`), `view ${view} chosen`);
  }

  async function text(selector) {
    return (await page.locator(selector).first().textContent()).trim();
  }

  function auth(who) {
    assert.ok(tokens[who], `no token for ${who}`);
    return tokens[who];
  }

  // ---------------------------------------------------------------- set-up

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.bcu.analyst', 'mps.assessor', 'mps.moderator', 'mps.siu', 'mps.admin']) {
      const s = await apiLogin(u);
      tokens[u] = s.token;
      if (u === 'mps.bcu.analyst') bcuUser = s.user;
    }
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  // ---------------------------------------------------------------- steps

  step('find a nominal next to SIU material that the BCU analyst may cite (API)', async (t) => {
    // The SIU officer sees compartmented reports; one linked to a nominal the analyst can open
    // makes evidence that puts SIU material two links from the new threat.
    for (let offset = 0; offset < 1000 && !evidenceNominal; offset += 200) {
      const r = await api(`/api/v1/intelligence?limit=200&offset=${offset}`, { token: auth('mps.siu') });
      assert.equal(r.status, 200, `SIU intelligence list: ${r.text}`);
      for (const rep of r.json.items.filter((i) => i.marking?.compartment).slice(0, 30)) {
        const full = await api(`/api/v1/intelligence/${rep.id}`, { token: auth('mps.siu'), headers: { 'X-Rocta-Purpose': 'e2e: SIU check fixture' } });
        if (full.status !== 200) continue;
        for (const l of full.json.links ?? []) {
          const other = l.from.kind === 'intelligence' && l.from.id === rep.id ? l.to : l.from;
          if (other.kind !== 'nominal') continue;
          const n = await api(`/api/v1/nominals/${other.id}`, { token: auth('mps.bcu.analyst') });
          if (n.status === 200 && !n.json.marking.compartment) {
            evidenceNominal = other.id;
            break;
          }
        }
        if (evidenceNominal) break;
      }
      if (offset + 200 >= r.json.total) break;
    }
    if (!evidenceNominal) t.diagnostic('no such nominal in the demo data: the nomination goes without evidence and the SIU checks are skipped');
  });

  step('mps.bcu.analyst nominates a threat through the form', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.click('[data-testid="nav-nominate"]');
    await page.waitForSelector('[data-testid="nominate-form"]');
    assert.equal(new URL(page.url()).hash, '#/nominate');
    assert.equal(await page.getAttribute('[data-testid="nav-nominate"]', 'aria-current'), 'page');

    // The rationale is required: the message sits next to the field.
    await page.fill('[data-testid="nominate-name"]', threatName);
    await page.click('[data-testid="nominate-submit"]');
    const rationaleError = page.locator('[data-testid="field-error-rationale"]');
    await rationaleError.waitFor({ state: 'visible' });
    assert.match(await rationaleError.textContent(), /why/i);
    assert.equal(await page.getAttribute('[data-testid="nominate-rationale"]', 'aria-invalid'), 'true');

    await page.selectOption('[data-testid="nominate-threat-type"]', 'OCG');
    await page.selectOption('[data-testid="nominate-crime-type"]', 'Drug supply');
    await page.check('[data-testid="nominate-county-lines"]');
    await page.fill('[data-testid="nominate-description"]', `Created by the master list e2e test (${stamp}).`);
    await page.selectOption('[data-testid="nominate-classification"]', 'OFFICIAL');
    await page.selectOption('[data-testid="nominate-scope"]', 'named');
    await page.waitForSelector('[data-testid="share-BTP"]');
    await page.check('[data-testid="share-BTP"]');
    await page.selectOption('[data-testid="nominate-scope"]', 'region');
    assert.ok(await page.locator('[data-testid="nominate-shared-with"]').isHidden(), 'the agency list only shows for named sharing');
    await page.fill('[data-testid="nominate-rationale"]', rationale);
    await page.selectOption('[data-testid="nominate-priority"]', '2');

    // Evidence that does not exist: the server's 404 detail is shown and nothing is created.
    await page.click('[data-testid="evidence-add"]');
    await page.selectOption('[data-testid="evidence-row"] >> nth=0 >> [data-testid="evidence-kind"]', 'nominal');
    await page.fill('[data-testid="evidence-row"] >> nth=0 >> [data-testid="evidence-id"]', '987654321');
    await page.click('[data-testid="nominate-submit"]');
    const error = page.locator('[data-testid="nominate-error"]');
    await error.waitFor({ state: 'visible' });
    assert.equal((await error.textContent()).trim(), 'Nominal 987654321 not found');
    const none = await api(`/api/v1/threats?q=${encodeURIComponent(stamp)}`, { token: auth('mps.bcu.analyst') });
    assert.equal(none.json.total, 0, 'a refused nomination leaves no threat behind');

    if (evidenceNominal) {
      await page.fill('[data-testid="evidence-row"] >> nth=0 >> [data-testid="evidence-id"]', String(evidenceNominal));
    } else {
      await page.click('[data-testid="evidence-row"] >> nth=0 >> [data-testid="evidence-remove"]');
    }
    await page.click('[data-testid="nominate-submit"]');
    await page.waitForSelector('[data-testid="threat-page"]');
    const hash = new URL(page.url()).hash;
    const m = /^#\/threats\/(\d+)\?nominated=(\d+)$/.exec(hash);
    assert.ok(m, `went to the new threat's page: ${hash}`);
    threatId = Number(m[1]);
    assert.equal(await text('[data-testid="threat-name"]'), threatName);
    assert.match(await text('[data-testid="nominated-message"]'), /assessment queue/);
    threatRef = await text('[data-testid="threat-reference"]');

    const th = await api(`/api/v1/threats/${threatId}`, { token: auth('mps.bcu.analyst') });
    assert.equal(th.status, 200, th.text);
    assert.equal(th.json.name, threatName);
    assert.equal(th.json.reference, threatRef);
    assert.equal(th.json.primary_crime_type, 'Drug supply');
    assert.equal(th.json.county_lines, true);
    assert.equal(th.json.marking.scope, 'region');
    assert.deepEqual(th.json.marking.shared_with, []);
    if (evidenceNominal) {
      assert.ok((th.json.links ?? []).some((l) => l.relation === 'evidence' && l.from.kind === 'nominal' && l.from.id === evidenceNominal),
        'the evidence is linked to the threat');
    }
    assert.equal(await text('[data-testid="field-reassess-by"]'), '—', 'never assessed: no reassessment date');
  });

  step('mps.assessor sees the nomination in the queue, with the figures', async () => {
    await uiLogin('mps.assessor');
    await page.click('[data-testid="nav-queue"]');
    await waitReady('queue-results', '#/queue');
    await waitReady('queue-figures');

    const fig = await api('/api/v1/nominations/figures', { token: auth('mps.assessor') });
    assert.equal(fig.status, 200, fig.text);
    assert.equal(await text('[data-testid="figure-count"]'), String(fig.json.count));
    assert.equal(await text('[data-testid="figure-oldest"]'), `${Math.floor(fig.json.oldest_days)} days`);
    assert.equal(await text('[data-testid="figure-median"]'), `${Math.floor(fig.json.median_days)} days`);
    const units = (await api('/api/v1/units', { token: auth('mps.assessor') })).json;
    const unitName = (id) => units.find((u) => u.id === id)?.name;
    const shownUnits = await page.$$eval('[data-testid="figure-unit"]', (els) =>
      els.map((e) => [e.querySelector('.unit-name').textContent.trim(), Number(e.querySelector('.unit-count').textContent)]));
    assert.deepEqual(new Map(shownUnits), new Map(fig.json.by_unit.map((u) => [unitName(u.unit_id), u.count])), 'waiting by unit, by name');
    assert.ok(shownUnits.some(([name]) => name === unitName(bcuUser.unit_id)), "the analyst's unit is counted");

    const list = await api('/api/v1/nominations?status=awaiting%20assessment&limit=50', { token: auth('mps.assessor') });
    const ids = await page.$$eval('[data-testid="queue-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    assert.deepEqual(ids, list.json.items.map((n) => n.id), 'the table shows the API page in its order');
    assert.equal(await text('[data-testid="queue-summary"]'), `Showing 1–${list.json.items.length} of ${list.json.total}`);

    const row = page.locator(`[data-testid="queue-row"][data-threat-id="${threatId}"]`);
    assert.equal(await row.count(), 1, 'the new nomination is in the queue');
    assert.equal((await row.locator('[data-testid="queue-threat-link"]').textContent()).trim(), threatRef);
    assert.equal((await row.locator('[data-testid="queue-threat-name"]').textContent()).trim(), threatName);
    assert.equal((await row.locator('[data-testid="cell-rationale"]').textContent()).trim(), rationale);
    assert.match(await row.locator('[data-testid="cell-priority"]').textContent(), /^2\s+high$/);
    assert.match(await row.locator('[data-testid="cell-nominated-by"]').textContent(), new RegExp(`^MPS\\s*${unitName(bcuUser.unit_id)}$`));
    assert.equal((await row.locator('[data-testid="cell-age"]').textContent()).trim(), '0 days');

    // Waits over 28 days stand out; shorter ones do not.
    const ages = await page.$$eval('[data-testid="cell-age"]', (cells) =>
      cells.map((c) => ({ days: Number(c.getAttribute('data-days')), long: !!c.querySelector('.long-wait') })));
    assert.ok(ages.some((a) => a.days > LONG_WAIT_DAYS), 'the demo has nominations waiting for months');
    for (const a of ages) assert.equal(a.long, a.days > LONG_WAIT_DAYS, `a wait of ${a.days} days ${a.long ? 'is' : 'is not'} highlighted`);
    await H.shot('queue');
  });

  step('a nomination is rejected from the queue with its reason; a bad merge shows the server detail', async () => {
    const other = await api('/api/v1/nominations', {
      token: auth('mps.bcu.analyst'), method: 'POST',
      body: {
        threat: { name: `E2E duplicate ${stamp}`, threat_type: 'OCG', primary_crime_type: 'Fraud', marking: { classification: 'OFFICIAL', scope: 'region' } },
        rationale: 'E2E: probably a duplicate', provisional_priority: 4,
      },
    });
    assert.equal(other.status, 201, other.text);
    const nid = other.json.id;
    await page.reload();
    await waitReady('queue-results', '#/queue');
    const row = page.locator(`[data-testid="queue-row"][data-id="${nid}"]`);
    await row.locator('[data-testid="decide-button"]').click();
    const form = page.locator('[data-testid="decision-form"]');
    await form.waitFor();

    await form.locator('[data-testid="decision-outcome-merged"]').check();
    await form.locator('[data-testid="decision-reason"]').fill('Same group as an existing threat.');
    await form.locator('[data-testid="decision-merged-into"]').fill('987654321');
    await form.locator('[data-testid="decision-submit"]').click();
    const err = form.locator('[data-testid="decision-error"]');
    await err.waitFor({ state: 'visible' });
    assert.equal((await err.textContent()).trim(), 'Threat 987654321 not found', "the server's message, as a sentence");

    await form.locator('[data-testid="decision-outcome-rejected"]').check();
    await form.locator('[data-testid="decision-reason"]').fill('');
    await form.locator('[data-testid="decision-submit"]').click();
    await form.locator('[data-testid="field-error-reason"]').waitFor({ state: 'visible' });

    const reason = `Not serious and organised crime (${stamp}).`;
    await form.locator('[data-testid="decision-reason"]').fill(reason);
    await form.locator('[data-testid="decision-submit"]').click();
    await page.locator('[data-testid="queue-message"]').waitFor({ state: 'visible' });
    assert.match(await text('[data-testid="queue-message"]'), /was rejected/);
    await waitReady('queue-results');
    assert.equal(await page.locator(`[data-testid="queue-row"][data-id="${nid}"]`).count(), 0, 'gone from the waiting list');

    await page.selectOption('[data-testid="queue-status"]', 'rejected');
    await waitReady('queue-results', 'status=rejected');
    const rejected = page.locator(`[data-testid="queue-row"][data-id="${nid}"]`);
    assert.equal(await rejected.count(), 1, 'listed under rejected');
    assert.equal((await rejected.locator('[data-testid="outcome-reason"]').textContent()).trim(), reason);
    assert.equal(await rejected.locator('[data-testid="decide-button"]').count(), 0, 'no actions on a decided nomination');
    const api2 = await api(`/api/v1/nominations?status=rejected`, { token: auth('mps.assessor') });
    assert.equal(api2.json.items.find((n) => n.id === nid)?.outcome_reason, reason);
  });

  step('the assessor assesses it from the threat page: worked example A', async () => {
    await page.selectOption('[data-testid="queue-status"]', 'awaiting assessment');
    await waitReady('queue-results');
    await page.locator(`[data-testid="queue-row"][data-threat-id="${threatId}"] [data-testid="assess-link"]`).click();
    await page.waitForSelector('[data-testid="assessment-form"]');
    assert.equal(new URL(page.url()).hash, `#/threats/${threatId}?assess=1`);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'harm-0', 'the form has the focus');

    // The inputs come from the newest model.
    const models = (await api('/api/v1/morile/models', { token: auth('mps.assessor') })).json;
    const model = models.reduce((a, b) => (b.version > a.version ? b : a)).definition;
    assert.equal(await page.locator('select[data-testid^="harm-"]').count(), model.harm_elements.length);
    assert.equal(await page.locator('select[data-testid^="org-"]').count(), model.org_elements.length);
    const likelihoods = await page.$$eval('[data-testid="assess-likelihood"] option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(likelihoods, model.likelihoods, 'likelihood in yardstick order');

    // Not every factor scored: the message is next to the harm scores and nothing is sent.
    await page.click('[data-testid="assess-submit"]');
    await page.locator('[data-testid="field-error-harm"]').waitFor({ state: 'visible' });

    for (const [i, v] of EXAMPLE_A.harm.entries()) await page.selectOption(`[data-testid="harm-${i}"]`, String(v));
    await page.selectOption('[data-testid="assess-scope"]', EXAMPLE_A.scope);
    await page.selectOption('[data-testid="assess-vulnerability"]', EXAMPLE_A.vulnerability);
    await page.selectOption('[data-testid="assess-likelihood"]', EXAMPLE_A.likelihood);
    for (const [i, v] of EXAMPLE_A.org.entries()) await page.selectOption(`[data-testid="org-${i}"]`, String(v));
    await page.selectOption('[data-testid="assess-confidence"]', EXAMPLE_A.confidence);
    await page.selectOption('[data-testid="assess-type"]', 'Tactical');
    // The score and tier show as the form is filled, by the server's rule, before anything is recorded.
    await page.waitForSelector('[data-testid="assess-live"][data-state="ready"]');
    assert.equal(Number(await page.getAttribute('[data-testid="assess-live"]', 'data-priority')).toFixed(2), EXAMPLE_A.priority);
    assert.equal(await page.getAttribute('[data-testid="assess-live"]', 'data-tier'), EXAMPLE_A.tier);
    assert.match(await text('[data-testid="assess-scope-note"]'), /\w/, 'the chosen scope is explained');
    assert.equal((await api(`/api/v1/threats/${threatId}/assessments`, { token: auth('mps.assessor') })).json.length, 0, 'the live score records nothing');
    // No rationale: the message is next to it, and goes as soon as there is one.
    await page.click('[data-testid="assess-submit"]');
    const rationaleError = page.locator('[data-testid="field-error-rationale"]');
    await rationaleError.waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('[data-testid="assess-rationale"]', 'aria-invalid'), 'true');
    await page.fill('[data-testid="assess-rationale"]', '   ');
    assert.ok(await rationaleError.isVisible(), 'blanks are not a rationale: the message stays');
    await page.fill('[data-testid="assess-rationale"]', RATIONALE);
    await rationaleError.waitFor({ state: 'hidden' });
    assert.equal(await page.getAttribute('[data-testid="assess-rationale"]', 'aria-invalid'), null);
    assert.equal((await api(`/api/v1/threats/${threatId}/assessments`, { token: auth('mps.assessor') })).json.length, 0, 'a refused form records nothing');
    await page.click('[data-testid="assess-submit"]');
    await page.locator('[data-testid="assessment-result"]').waitFor({ state: 'visible' });

    assert.equal(await text('[data-testid="result-priority"]'), EXAMPLE_A.priority);
    assert.equal(await text('[data-testid="result-tier"]'), EXAMPLE_A.tier);
    assert.equal(await text('[data-testid="result-total-harm"]'), EXAMPLE_A.totalHarm);
    assert.equal(await text('[data-testid="result-risk"]'), EXAMPLE_A.risk);
    assert.ok(await page.isDisabled('[data-testid="assess-submit"]'), 'recorded once: the form cannot send it again');

    const hist = await api(`/api/v1/threats/${threatId}/assessments`, { token: auth('mps.assessor') });
    assert.equal(hist.status, 200, hist.text);
    assert.equal(hist.json.length, 1);
    assessment = hist.json[0];
    assert.equal(assessment.score.priority, 189);
    assert.equal(assessment.score.tier, 2);
    assert.equal(assessment.status, 'Awaiting moderation');
    const shownDate = await text('[data-testid="result-reassess-by"]');
    const [y, mo, d] = assessment.reassess_by.split('-').map(Number);
    const dm = /^(\d{1,2}) (\S+) (\d{4})$/.exec(shownDate);
    assert.ok(dm && Number(dm[1]) === d && Number(dm[3]) === y && mo >= 1, `reassess by ${assessment.reassess_by} shown as ${shownDate}`);

    // The SIU check: the warning names exactly the compartments the server gives.
    const warning = page.locator('[data-testid="assessment-result"] [data-testid="siu-warning"]');
    if (assessment.siu_signal) {
      assert.ok(await warning.isVisible(), 'the SIU warning is shown');
      assert.match(await warning.textContent(), new RegExp(SIU_HEADING));
      assert.equal((await warning.locator('[data-testid="siu-message"]').textContent()).trim(), assessment.siu_message);
      const shown = await warning.locator('[data-testid="siu-compartment"]').allTextContents();
      assert.deepEqual(shown, assessment.siu_compartments);
      assert.equal(await warning.getAttribute('role'), 'alert');
      await H.shot('assessment-result-siu');
    } else {
      assert.equal(evidenceNominal, null, 'evidence next to SIU material raises the SIU signal');
      assert.equal(await warning.count(), 0, 'no SIU warning without a signal');
      await H.shot('assessment-result');
    }

    // History and the facts follow the new assessment.
    await waitReady('assessment-history');
    const rows = page.locator('[data-testid="history-row"]');
    assert.equal(await rows.count(), 1);
    assert.equal((await rows.first().locator('[data-testid="history-priority"]').textContent()).trim(), EXAMPLE_A.priority);
    assert.equal((await rows.first().locator('[data-testid="history-tier"]').textContent()).trim(), EXAMPLE_A.tier);
    assert.equal((await rows.first().locator('[data-testid="history-status"]').textContent()).trim(), 'Awaiting moderation');
    assert.equal((await rows.first().locator('[data-testid="history-rationale"]').textContent()).trim(), RATIONALE, 'the history shows the rationale');
    assert.equal(await text('[data-testid="field-tier"]'), EXAMPLE_A.tier);
    assert.equal(await text('[data-testid="field-reassess-by"]'), shownDate, 'no Overdue badge on a fresh date');

    const nom = await api('/api/v1/nominations?status=assessed&limit=200', { token: auth('mps.assessor') });
    assert.ok(nom.json.items.some((n) => n.threat_id === threatId), 'assessing closes the nomination as assessed');
  });

  step('the assessor cannot approve their own assessment, nor see the SIU checks', async () => {
    const direct = await api(`/api/v1/assessments/${assessment.id}/moderation`, { token: auth('mps.assessor'), method: 'POST', body: { approve: true } });
    assert.equal(direct.status, 403, `assessor approving own: ${direct.text}`);

    // Moderation is not on an assessor's menu; typed in, the server still refuses.
    assert.equal(await page.locator('[data-testid="nav-moderation"]').count(), 0, 'no Moderation link for an assessor');
    await page.goto(`${H.base}/#/moderation`);
    await waitReady('moderation-results', '#/moderation');
    const row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    assert.equal(await row.count(), 1, 'the assessment waits for moderation');
    await row.locator('[data-testid="approve-button"]').click();
    await page.locator('[data-testid="moderation-submit"]').click();
    const err = page.locator('[data-testid="moderation-form-error"]');
    await err.waitFor({ state: 'visible' });
    assert.equal((await err.textContent()).trim(), direct.json.detail.charAt(0).toUpperCase() + direct.json.detail.slice(1), "the server's 403 detail is shown, as a sentence");
    const still = await api(`/api/v1/threats/${threatId}/assessments`, { token: auth('mps.assessor') });
    assert.equal(still.json[0].status, 'Awaiting moderation');

    const siu = await api('/api/v1/siu/assessment-checks', { token: auth('mps.assessor') });
    assert.equal(siu.status, 403);
    assert.equal(await page.locator('[data-testid="nav-siu"]').count(), 0, 'no SIU checks link for an assessor');
    await page.goto(`${H.base}/#/siu`);
    await page.locator('[data-testid="siu-error"]').waitFor({ state: 'visible' });
    const detail = siu.json.detail;
    assert.equal(await text('[data-testid="siu-error"]'), detail.charAt(0).toUpperCase() + detail.slice(1), 'the server\'s words, as a sentence');
  });

  step('the SIU officer sees the assessment waiting on their advice', async (t) => {
    if (!assessment.siu_signal) {
      t.skip('no SIU signal on this assessment');
      return;
    }
    await uiLogin('mps.siu');
    await page.click('[data-testid="nav-siu"]');
    await waitReady('siu-results', '#/siu');
    const row = page.locator(`[data-testid="siu-row"][data-id="${assessment.id}"]`);
    assert.equal(await row.count(), 1, 'the check is listed');
    assert.equal((await row.locator('th a').textContent()).trim(), threatRef);
    assert.deepEqual(await row.locator('[data-testid="siu-compartments"] .badge').allTextContents(), assessment.siu_compartments);
    // The SIU answers (no trace), so that moderation need not go ahead without it.
    for (const c of assessment.siu_compartments) {
      const form = row.locator('[data-testid="siu-reply-form"]');
      if (!(await form.count())) break;
      await form.locator('[data-testid="siu-reply-compartment"]').selectOption(c);
      await form.locator('[data-testid="siu-reply-advice"]').selectOption('no trace');
      await form.locator('[data-testid="siu-reply-submit"]').click();
      await row.locator(`[data-testid="siu-check-item"][data-compartment="${c}"][data-advice="no trace"]`).waitFor();
    }
  });

  step('a moderator who assessed an assessment cannot approve it either', async (t) => {
    // Give the moderator the assessor role too (admin), assess another threat as them.
    const users = await api('/api/v1/users?agency=MPS', { token: auth('mps.admin') });
    const mod = (users.json?.items ?? users.json ?? []).find?.((u) => u.username === 'mps.moderator');
    if (users.status !== 200 || !mod) {
      t.skip(`cannot list MPS users as mps.admin (${users.status})`);
      return;
    }
    const patched = await api(`/api/v1/users/${mod.id}`, { token: auth('mps.admin'), method: 'PATCH', body: { roles: [...mod.roles, 'assessor'] } });
    assert.equal(patched.status, 200, patched.text);
    try {
      const nom = await api('/api/v1/nominations', {
        token: auth('mps.bcu.analyst'), method: 'POST',
        body: { threat: { name: `E2E self-moderation ${stamp}`, threat_type: 'OCG', primary_crime_type: 'Firearms', marking: { classification: 'OFFICIAL', scope: 'region' } }, rationale: 'E2E', provisional_priority: 3 },
      });
      assert.equal(nom.status, 201, nom.text);
      const own = await api(`/api/v1/threats/${nom.json.threat_id}/assessments`, {
        token: auth('mps.moderator'), method: 'POST',
        body: { harm: [1, 1, 1, 1, 0], scope: 'local', vulnerability: 'none', likelihood: 'likely', org: [1, 1, 1], confidence: 'medium', assessment_type: 'Tactical',
          rationale: 'E2E: scored by the moderator, to show they cannot then approve it' },
      });
      assert.equal(own.status, 201, own.text);
      const direct = await api(`/api/v1/assessments/${own.json.id}/moderation`, { token: auth('mps.moderator'), method: 'POST', body: { approve: true } });
      assert.equal(direct.status, 403, direct.text);

      await uiLogin('mps.moderator');
      await page.click('[data-testid="nav-moderation"]');
      await waitReady('moderation-results', '#/moderation');
      const row = page.locator(`[data-testid="moderation-row"][data-id="${own.json.id}"]`);
      assert.match(await row.locator('[data-testid="cell-assessor"]').textContent(), /You/);
      await row.locator('[data-testid="approve-button"]').click();
      await page.locator('[data-testid="moderation-submit"]').click();
      const err = page.locator('[data-testid="moderation-form-error"]');
      await err.waitFor({ state: 'visible' });
      assert.equal((await err.textContent()).trim(), direct.json.detail.charAt(0).toUpperCase() + direct.json.detail.slice(1));
      await page.locator('[data-testid="moderation-cancel"]').click();
    } finally {
      const back = await api(`/api/v1/users/${mod.id}`, { token: auth('mps.admin'), method: 'PATCH', body: { roles: mod.roles } });
      assert.equal(back.status, 200, back.text);
    }
  });

  step('mps.moderator approves the assessment on the moderation screen', async () => {
    await uiLogin('mps.moderator');
    await page.click('[data-testid="nav-moderation"]');
    await waitReady('moderation-results', '#/moderation');
    const q = await api('/api/v1/assessments/awaiting-moderation?limit=50', { token: auth('mps.moderator') });
    const ids = await page.$$eval('[data-testid="moderation-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    assert.deepEqual(ids, q.json.items.map((a) => a.id), 'the table shows the API page');

    const row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    assert.equal((await row.locator('[data-testid="moderation-threat-link"]').textContent()).trim(), threatRef);
    assert.equal((await row.locator('[data-testid="cell-priority"]').textContent()).trim(), EXAMPLE_A.priority);
    assert.equal((await row.locator('[data-testid="cell-tier"]').textContent()).trim(), EXAMPLE_A.tier);
    assert.equal(await row.locator('[data-testid="siu-badge"]').count(), assessment.siu_signal ? 1 : 0, 'SIU badge when signalled');

    // Adjusting the tier needs a note: the message is next to the note.
    await row.locator('[data-testid="approve-button"]').click();
    await page.selectOption('[data-testid="moderation-tier"]', '1');
    await page.click('[data-testid="moderation-submit"]');
    await page.locator('[data-testid="field-error-note"]').waitFor({ state: 'visible' });
    await page.selectOption('[data-testid="moderation-tier"]', '');
    await H.shot('moderation');

    await page.click('[data-testid="moderation-submit"]');
    await page.locator('[data-testid="moderation-message"]').waitFor({ state: 'visible' });
    assert.equal(await text('[data-testid="moderation-message"]'), `Approved ${threatRef}, version 1: tier ${EXAMPLE_A.tier}.`);
    await waitReady('moderation-results');
    assert.equal(await page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`).count(), 0, 'no longer waiting');

    const hist = await api(`/api/v1/threats/${threatId}/assessments`, { token: auth('mps.moderator') });
    assert.equal(hist.json[0].status, 'Moderated');
    assert.equal(hist.json[0].moderator_id !== hist.json[0].assessor_id, true);
  });

  step("the threat is on the master list in MPS's priorities, placed by score", async () => {
    await page.click('[data-testid="nav-master-list"]');
    await waitReady('ml-results', '#/master-list');
    for (const flag of ['tactical-only', 'moderated-only', 'soc-only', 'exclude-tier-5', 'exclude-closed'])
      assert.ok(await page.isChecked(`[data-testid="ml-${flag}"]`), `${flag} is on by default`);
    assert.ok(!(await page.isChecked('[data-testid="ml-overdue"]')));

    await chooseView('agency');
    await waitReady('ml-results', 'view=agency');
    await page.selectOption('[data-testid="ml-agency"]', 'MPS');
    await waitReady('ml-results', 'agency=MPS');
    assert.equal(await text('[data-testid="ml-view-title"]'), 'Agency priorities: MPS');

    // Where the API puts it.
    const token = auth('mps.moderator');
    let index = -1;
    let total = 0;
    for (let offset = 0; index < 0; offset += 200) {
      const r = await api(`/api/v1/master-list?agency=MPS&limit=200&offset=${offset}`, { token });
      assert.equal(r.status, 200, r.text);
      total = r.json.total;
      const i = r.json.items.findIndex((x) => x.id === threatId);
      if (i >= 0) index = offset + i;
      if (offset + 200 >= total) break;
    }
    assert.ok(index >= 0, 'the API lists the threat in MPS priorities');
    assert.equal(Number(await page.getAttribute('[data-testid="ml-summary"]', 'data-total')), total);

    // Page through the UI to it; every page is in score order with consecutive ranks.
    let offset = 0;
    for (;;) {
      const rows = await page.$$eval('[data-testid="ml-row"]', (trs) => trs.map((r) => ({
        id: Number(r.getAttribute('data-id')),
        rank: Number(r.querySelector('[data-testid="cell-rank"]').textContent),
        score: r.querySelector('[data-testid="cell-score"]').textContent.trim(),
      })));
      assert.ok(rows.length > 0);
      const scores = rows.map((r) => Number(r.score));
      for (let i = 1; i < scores.length; i++) assert.ok(scores[i] <= scores[i - 1], `score ${scores[i]} after ${scores[i - 1]} (rank ${rows[i].rank})`);
      rows.forEach((r, i) => assert.equal(r.rank, offset + i + 1));
      for (const s of rows.map((r) => r.score)) assert.match(s, /^\d+\.\d{2}$/, 'two decimals');
      if (index < offset + rows.length) break;
      offset += 50;
      await page.click('[data-testid="page-next"]');
      await waitReady('ml-results', `offset=${offset}`);
    }
    const row = page.locator(`[data-testid="ml-row"][data-id="${threatId}"]`);
    assert.equal(await row.count(), 1, 'the threat is on this page');
    assert.equal(Number(await row.locator('[data-testid="cell-rank"]').textContent()), index + 1);
    assert.equal((await row.locator('[data-testid="cell-reference"]').textContent()).trim(), threatRef);
    assert.equal((await row.locator('[data-testid="cell-name"]').textContent()).trim(), threatName);
    assert.equal((await row.locator('[data-testid="cell-agency"]').textContent()).trim(), 'MPS');
    assert.equal((await row.locator('[data-testid="cell-tier"]').textContent()).trim(), EXAMPLE_A.tier);
    assert.equal((await row.locator('[data-testid="cell-score"]').textContent()).trim(), EXAMPLE_A.priority);
    assert.equal((await row.locator('[data-testid="cell-crime-type"]').textContent()).trim(), 'Drug supply');
    assert.equal((await row.locator('[data-testid="marking-badge"]').textContent()).trim(), 'OFFICIAL');
    assert.equal(await row.locator('[data-testid="overdue-badge"]').count(), 0);
    await row.scrollIntoViewIfNeeded();
    await H.shot('master-list');
  });

  step('the filter flags and the overdue view follow the API', async () => {
    const token = auth('mps.moderator');
    await page.uncheck('[data-testid="ml-moderated-only"]');
    await waitReady('ml-results', 'moderated_only=false');
    assert.ok(!new URL(page.url()).hash.includes('offset='), 'a filter change goes back to the first page');
    const loose = await api('/api/v1/master-list?agency=MPS&moderated_only=false&limit=1', { token });
    assert.equal(Number(await page.getAttribute('[data-testid="ml-summary"]', 'data-total')), loose.json.total);

    await page.check('[data-testid="ml-moderated-only"]');
    await page.check('[data-testid="ml-overdue"]');
    await waitReady('ml-results', 'overdue=true');
    const overdue = await api('/api/v1/master-list?agency=MPS&overdue=true&limit=50', { token });
    assert.equal(Number(await page.getAttribute('[data-testid="ml-summary"]', 'data-total')), overdue.json.total);
    assert.ok(overdue.json.total > 0, 'the demo has MPS threats overdue for reassessment');
    const rows = page.locator('[data-testid="ml-row"]');
    assert.equal(await rows.count(), overdue.json.items.length);
    assert.equal(await page.locator('[data-testid="ml-row"] [data-testid="overdue-badge"]').count(), overdue.json.items.length,
      'every row carries the Overdue badge');

    // The threat page shows the badge too.
    const first = overdue.json.items[0];
    await rows.first().locator('[data-testid="cell-reference"] a').click();
    await page.waitForSelector('[data-testid="threat-page"]');
    assert.equal(await page.locator('[data-testid="field-reassess-by"] [data-testid="overdue-badge"]').count(), 1);
    assert.ok(first.reassess_by < new Date().toISOString().slice(0, 10));
    await waitReady('assessment-history');

    // The regional view sends region=.
    await page.click('[data-testid="nav-master-list"]');
    await waitReady('ml-results', '#/master-list');
    await chooseView('regional');
    await waitReady('ml-results', 'view=regional');
    const region = await page.inputValue('[data-testid="ml-region"]');
    assert.ok(region, 'a region is chosen');
    const reg = await api(`/api/v1/master-list?region=${encodeURIComponent(region)}&limit=1`, { token });
    assert.equal(Number(await page.getAttribute('[data-testid="ml-summary"]', 'data-total')), reg.json.total);
  });

  step('the pages raised no script errors or CSP violations', async () => {
    assert.deepEqual(H.pageProblems, []);
  });
});

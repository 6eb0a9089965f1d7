// End-to-end test of issue #18's screens against a real rocta server with the demo data:
// - the SIU check of a MoRiLE assessment: the moderator cannot approve before the SIU's
//   reply without saying why; the SIU officer (mps.siu, LON-SIU) replies "advise re-score"
//   with a note from the SIU checks screen; the moderator then sees the outcome (never the
//   note) and approves; the SOC figures carry the consultation rate;
// - compartment grants: one London SIU officer proposes LON-SIU for an analyst, the other
//   (btp.siu) approves; an officer cannot approve their own proposal;
// - link removal on a threat page, with the reason.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/trust.test.mjs
//   (ROCTA_E2E_SHOTS=1 also saves screenshots of each screen in the kept temporary folder.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

const FACTORS = { harm: [3, 3, 1, 3, 0], scope: 'regional', vulnerability: 'high', likelihood: 'highly likely', org: [2, 1, 3],
  rationale: 'Worked example A: regional supply, high vulnerability',
  confidence: 'medium', assessment_type: 'Tactical' };

describe('Trust and truth screens end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-trust-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const tokens = {};
  const users = {};
  const stamp = Date.now().toString(36);
  let assessment = null;
  let threatId = 0;
  let linkId = 0;
  const note = `CHIS reporting puts firearms access higher (${stamp})`;

  async function waitReady(testid) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready', testid);
  }
  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.bcu.analyst', 'mps.assessor', 'mps.moderator', 'mps.siu', 'btp.siu', 'mps.inspector']) {
      const s = await apiLogin(u).catch(() => null);
      if (!s) continue;
      tokens[u] = s.token;
      users[u] = s.user;
    }
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('an assessment next to LON-SIU material asks for the SIU check (API set-up)', async () => {
    const n = await api('/api/v1/nominals', { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { given_names: 'Kofi', surname: `Osei-${stamp}`, marking: { classification: 'OFFICIAL', scope: 'region' } } });
    assert.equal(n.status, 201, n.text);
    const report = await api('/api/v1/intelligence', { token: tokens['mps.siu'], method: 'POST',
      body: { title: `CHIS: Osei-${stamp} stores firearms`, body: 'Covert source reporting', source_evaluation: 1, intelligence_assessment: 'B',
        marking: { classification: 'SECRET', scope: 'owner', compartment: 'LON-SIU' } } });
    assert.equal(report.status, 201, report.text);
    const link = await api('/api/v1/links', { token: tokens['mps.siu'], method: 'POST',
      body: { from: { kind: 'intelligence', id: report.json.id }, to: { kind: 'nominal', id: n.json.id }, relation: 'subject' } });
    assert.equal(link.status, 201, link.text);
    const nom = await api('/api/v1/nominations', { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { threat: { name: `E2E OCG Osei ${stamp}`, threat_type: 'OCG', primary_crime_type: 'Firearms', marking: { classification: 'OFFICIAL', scope: 'region' } },
        rationale: 'Seen with a firearm twice', provisional_priority: 2, evidence: [{ kind: 'nominal', id: n.json.id }] } });
    assert.equal(nom.status, 201, nom.text);
    threatId = nom.json.threat_id ?? nom.json.threat?.id;
    const a = await api(`/api/v1/threats/${threatId}/assessments`, { token: tokens['mps.assessor'], method: 'POST', body: FACTORS });
    assert.equal(a.status, 201, a.text);
    assessment = a.json;
    assert.equal(assessment.siu_signal, true);
    assert.deepEqual(assessment.siu_compartments, ['LON-SIU']);
  });

  step('the moderator cannot approve before the reply without saying why', async () => {
    await uiLogin('mps.moderator');
    await page.click('[data-testid="nav-moderation"]');
    await waitReady('moderation-results');
    let row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    for (let offset = 50; !(await row.count()) && offset < 2000; offset += 50) {
      await page.goto(`${H.base}/#/moderation?offset=${offset}`);
      await waitReady('moderation-results');
      row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    }
    assert.equal(await row.count(), 1, 'the assessment waits for moderation');
    await row.locator('[data-testid="approve-button"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="moderation-siu"]')?.getAttribute('data-state') === 'awaiting');
    assert.match(await page.textContent('[data-testid="siu-check-item"]'), /LON-SIU: Awaiting reply/);
    assert.ok(await page.locator('[data-testid="moderation-without-siu"]').isVisible(), 'the reason field shows');
    await shot('moderation-awaiting-siu');
    await page.click('[data-testid="moderation-submit"]');
    const err = page.locator('[data-testid="field-error-without-siu-reply"]');
    await err.waitFor({ state: 'visible' });
    assert.match(await err.textContent(), /awaits a reply from LON-SIU/);
    const check = await api(`/api/v1/assessments/${assessment.id}/siu-check`, { token: tokens['mps.moderator'] });
    assert.equal(check.json.answered, false);
    assert.equal(check.json.moderated_without_reply, null);
  });

  step('the SIU officer replies "advise re-score" with a note from the SIU checks screen', async () => {
    await uiLogin('mps.siu');
    await page.click('[data-testid="nav-siu"]');
    await waitReady('siu-results');
    const row = page.locator(`[data-testid="siu-row"][data-id="${assessment.id}"]`);
    assert.equal(await row.count(), 1, 'the check is listed');
    await row.locator('[data-testid="siu-reply-advice"]').selectOption('advise re-score');
    await row.locator('[data-testid="siu-reply-note"]').fill(note);
    await shot('siu-reply-form');
    await row.locator('[data-testid="siu-reply-submit"]').click();
    await row.locator('[data-testid="siu-check-item"][data-advice="advise re-score"]').waitFor();
    assert.equal(await row.locator('[data-testid="siu-reply-form"]').count(), 0, 'answered: no second form');
    assert.match(await row.locator('[data-testid="siu-note"]').textContent(), /firearms access higher/);
    await shot('siu-replied');
    const again = await api(`/api/v1/assessments/${assessment.id}/siu-reply`, { token: tokens['btp.siu'], method: 'POST',
      body: { compartment: 'LON-SIU', advice: 'no trace' } });
    assert.equal(again.status, 409, again.text);
    assert.match(again.headers.get('content-type'), /application\/problem\+json/);
  });

  step('the moderator sees the outcome, not the note, and approves', async () => {
    const check = await api(`/api/v1/assessments/${assessment.id}/siu-check`, { token: tokens['mps.moderator'] });
    assert.equal(check.status, 200, check.text);
    assert.equal(check.json.answered, true);
    assert.equal(check.json.replies[0].advice, 'advise re-score');
    assert.equal(check.json.replies[0].note, undefined);
    assert.ok(!check.text.includes('firearms access'), 'the note stays in the compartment');
    await uiLogin('mps.moderator');
    await page.goto(`${H.base}/#/moderation`);
    await waitReady('moderation-results');
    let row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    for (let offset = 50; !(await row.count()) && offset < 2000; offset += 50) {
      await page.goto(`${H.base}/#/moderation?offset=${offset}`);
      await waitReady('moderation-results');
      row = page.locator(`[data-testid="moderation-row"][data-id="${assessment.id}"]`);
    }
    await row.locator('[data-testid="approve-button"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="moderation-siu"]')?.getAttribute('data-state') === 'answered');
    assert.match(await page.textContent('[data-testid="moderation-siu"]'), /LON-SIU: Advise re-score/);
    assert.ok(!(await page.textContent('[data-testid="moderation-form"]')).includes('firearms access'));
    assert.ok(await page.locator('[data-testid="moderation-without-siu"]').isHidden(), 'no reason asked once answered');
    await shot('moderation-siu-answered');
    await page.fill('[data-testid="moderation-note"]', 'SIU advises re-score: approved, reassess after the source debrief');
    await page.click('[data-testid="moderation-submit"]');
    await page.locator('[data-testid="moderation-message"]').waitFor({ state: 'visible' });
    const hist = await api(`/api/v1/threats/${threatId}/assessments`, { token: tokens['mps.moderator'] });
    assert.equal(hist.json.at(-1).status, 'Moderated');
  });

  step('the SOC figures carry the consultation rate', async () => {
    const year = new Date().toISOString().slice(0, 10);
    const r = await api(`/api/v1/reports/soc?year_ending=${year}`, { token: tokens['mps.inspector'] ?? tokens['mps.moderator'] });
    assert.equal(r.status, 200, r.text);
    const mps = r.json.siu_consultation.by_agency.MPS;
    assert.ok(mps && mps.asked >= 1 && mps.answered >= 1, JSON.stringify(mps));
    const direct = await api(`/api/v1/reports/siu-consultation?from=${year}&to=${year}`, { token: tokens['mps.moderator'] });
    assert.equal(direct.status, 200, direct.text);
    assert.ok(direct.json.by_agency.MPS.answered >= 1);
    await page.goto(`${H.base}/#/figures?year_ending=${year}`);
    await page.locator('[data-testid="fig-siu-row"][data-agency="MPS"]').waitFor();
    assert.match(await page.textContent('[data-testid="fig-siu-row"][data-agency="MPS"] [data-testid="fig-siu-rate"]'), /%$/);
    await shot('figures-siu-consultation');
  });

  step('compartment grants: one LON-SIU officer proposes, the other approves', async () => {
    const analyst = users['mps.bcu.analyst'];
    await uiLogin('mps.siu');
    await page.click('[data-testid="nav-compartment-grants"]');
    await waitReady('grants-results');
    await page.fill('[data-testid="grant-user"]', String(analyst.id));
    await page.selectOption('[data-testid="grant-compartment"]', 'LON-SIU');
    await page.fill('[data-testid="grant-reason"]', `Joint firearms operation with the SIU (${stamp})`);
    await page.click('[data-testid="grant-submit"]');
    await page.locator('[data-testid="grants-message"]').waitFor({ state: 'visible' });
    const row = page.locator('[data-testid="grant-row"][data-status="proposed"]').filter({ hasText: stamp });
    await row.waitFor();
    assert.equal(await row.locator('[data-testid="grant-approve"]').count(), 0, 'the proposer cannot approve');
    await shot('grants-proposed');

    await uiLogin('btp.siu');
    await page.click('[data-testid="nav-compartment-grants"]');
    await waitReady('grants-results');
    const theirs = page.locator('[data-testid="grant-row"][data-status="proposed"]').filter({ hasText: stamp });
    await theirs.locator('[data-testid="grant-note"]').fill('Checked with the operation lead');
    await theirs.locator('[data-testid="grant-approve"]').click();
    await page.locator('[data-testid="grant-row"][data-status="approved"]').filter({ hasText: stamp }).waitFor();
    await shot('grants-approved');
    const me = await api('/api/v1/session', { token: (await apiLogin('mps.bcu.analyst')).token });
    assert.ok(me.json.compartments.includes('LON-SIU'), 'the analyst now holds LON-SIU');
  });

  step('a link is removed from the threat page with the reason', async () => {
    const other = await api('/api/v1/nominals', { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { given_names: 'Ama', surname: `Mensah-${stamp}`, marking: { classification: 'OFFICIAL', scope: 'region' } } });
    assert.equal(other.status, 201, other.text);
    const link = await api('/api/v1/links', { token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { from: { kind: 'nominal', id: other.json.id }, to: { kind: 'threat', id: threatId }, relation: 'associate' } });
    assert.equal(link.status, 201, link.text);
    linkId = link.json.id;
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/threats/${threatId}`);
    const row = page.locator(`[data-testid="link-row"][data-link-id="${linkId}"]`);
    await row.waitFor();
    await row.locator('[data-testid="link-remove-button"]').click();
    await page.fill('[data-testid="link-remove-reason"]', 'Wrong person: a namesake');
    await shot('link-remove');
    await page.click('[data-testid="link-remove-submit"]');
    await page.locator('[data-testid="link-removed"]').waitFor();
    const t = await api(`/api/v1/threats/${threatId}`, { token: tokens['mps.bcu.analyst'] });
    assert.ok(!(t.json.links ?? []).some((l) => l.id === linkId), 'the link is gone');
  });

  step('thematic disruptions: prevent work recorded by crime type and area, and listed', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.click('[data-testid="nav-thematic"]');
    await waitReady('thematic-results');
    const before = Number(await page.getAttribute('[data-testid="thematic-summary"]', 'data-total'));
    await page.selectOption('[data-testid="thematic-outcome"]', 'Prevent');
    await page.fill('[data-testid="thematic-crime-type"]', 'Child sexual abuse and exploitation');
    await page.fill('[data-testid="thematic-area"]', 'Central East BCU');
    await page.fill('[data-testid="thematic-activity"]', `Assemblies on exploitation in six schools (${stamp})`);
    await page.fill('[data-testid="thematic-reached"]', '1200');
    await page.click('[data-testid="thematic-submit"]');
    await page.locator('[data-testid="thematic-message"]').waitFor({ state: 'visible' });
    await page.locator('[data-testid="thematic-row"]').filter({ hasText: stamp }).waitFor();
    assert.equal(Number(await page.getAttribute('[data-testid="thematic-summary"]', 'data-total')), before + 1);
    await shot('thematic');
  });
});

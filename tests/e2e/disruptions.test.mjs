// End-to-end test of disruptions and the SOC figures against a real rocta server with the
// demo data: the inspection's figures on the Figures screen (and a filter switched off), a
// disruption recorded through the form with a non-pursue prompt accepted, and the refusal a
// frontline officer gets.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/
//
// Harness (server, browser, steps) in helpers.mjs; ROCTA_E2E_KEEP=1 keeps the temp dir.

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

const YEAR_ENDING = '2022-06-30';

describe('Disruptions and the SOC figures end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-dis-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;

  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const tokens = {};
  let threat = null;
  let recorded = '';

  // ---------------------------------------------------------------- helpers

  /** Waits until the figures have loaded for the current hash (optionally containing `part`). */
  async function figuresReady(part) {
    await page.waitForFunction((hp) => {
      const el = document.querySelector('[data-testid="fig-results"]');
      if (!el || !['ready', 'error'].includes(el.getAttribute('data-state'))) return false;
      if (el.getAttribute('data-hash') !== window.location.hash) return false;
      return !hp || window.location.hash.includes(hp);
    }, part ?? '');
    assert.equal(await page.getAttribute('[data-testid="fig-results"]', 'data-state'), 'ready', 'the figures loaded');
  }

  async function cell(agency, name) {
    return (await page.locator(`[data-testid="fig-row"][data-agency="${agency}"] [data-testid="cell-${name}"]`).textContent()).trim();
  }

  // ---------------------------------------------------------------- set-up

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.bcu.analyst', 'mps.inspector']) tokens[u] = (await apiLogin(u)).token;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  // ---------------------------------------------------------------- the figures

  step('mps.inspector sees the inspection’s figures for the year ending 30 June 2022', async () => {
    await uiLogin('mps.inspector');
    await page.click('[data-testid="nav-figures"]');
    await page.waitForSelector('[data-testid="fig-filters"]');
    assert.equal(new URL(page.url()).hash, '#/figures');
    assert.equal(await page.getAttribute('[data-testid="nav-figures"]', 'aria-current'), 'page');
    for (const f of ['tactical-only', 'moderated-only', 'soc-only', 'exclude-tier-5', 'exclude-closed', 'lead-only', 'assessed-only'])
      assert.ok(await page.isChecked(`[data-testid="fig-${f}"]`), `${f} is on by default`);
    await figuresReady();
    // The default year is the server's latest complete one (tests/e2e/ui2.test.mjs checks
    // which), and the reader's own region.
    const latest = (await api('/api/v1/reports/soc', { token: tokens['mps.inspector'] })).json.year_ending;
    assert.equal(await page.inputValue('[data-testid="fig-year-ending"]'), latest, 'the latest complete year is the default');
    await page.waitForSelector('[data-testid="fig-region"] option[value="London"]', { state: 'attached' });
    assert.equal(await page.inputValue('[data-testid="fig-region"]'), 'London', 'the reader\'s region is the default');
    // The inspection's year, national, as its table is.
    await page.fill('[data-testid="fig-year-ending"]', YEAR_ENDING);
    await figuresReady(`year_ending=${YEAR_ENDING}`);
    await page.selectOption('[data-testid="fig-region"]', '');
    await figuresReady('region=national');

    assert.equal(await cell('MPS', 'threats'), '266');
    assert.equal(await cell('MPS', 'share'), '7.0%');
    assert.equal(await cell('MPS', 'disruptions'), '8,021');
    assert.equal(await cell('MPS', 'previous-year'), '4,795');
    assert.equal(await cell('MPS', 'pursue-pct'), '78.0%');
    assert.equal(await cell('MPS', 'protect-pct'), '10.0%');
    assert.equal(await cell('MPS', 'prevent-pct'), '7.0%');
    assert.equal(await cell('MPS', 'prepare-pct'), '5.0%');
    assert.equal(await cell('BTP', 'threats'), '22');
    assert.equal(await cell('BTP', 'county-lines'), '10');
    assert.equal(await cell('BTP', 'disruptions'), '184');
    assert.equal(await cell('BTP', 'previous-year'), '34');
    assert.equal(await cell('COLP', 'threats'), '43');
    assert.equal(await cell('COLP', 'disruptions'), '506');

    // The screen agrees with the API it draws.
    const r = await api(`/api/v1/reports/soc?year_ending=${YEAR_ENDING}`, { token: tokens['mps.inspector'] });
    assert.equal(r.status, 200, r.text);
    assert.equal(await page.locator('[data-testid="fig-row"]').count(), Object.keys(r.json.threats.by_agency).length);
    assert.equal((await page.textContent('[data-testid="fig-national-total"]')).trim(), r.json.threats.national_total.toLocaleString('en-GB'));

    // The breakdown is the inspector's own agency, with the charts.
    assert.equal(await page.getAttribute('[data-testid="fig-agency-detail"]', 'data-agency'), 'MPS');
    assert.equal((await page.textContent('[data-testid="fig-detail-disruptions"]')).trim(), '8,021');
    const drugs = page.locator('[data-testid="fig-detail-threat-category"] [data-testid="bar-row"][data-key="Drug supply"]');
    assert.match(await drugs.textContent(), /4,061/);
    // The charts are ECharts canvases over tables of the same numbers.
    await page.waitForSelector('[data-testid="fig-chart-years"] .echart[data-drawn="true"] canvas', { state: 'attached' });
    assert.equal(await page.getAttribute('[data-testid="fig-chart-years"] .echart', 'data-series'), '2', 'this year and the year before');
    assert.equal(await page.getAttribute('[data-testid="fig-chart-4p"] .echart', 'data-series'), '4', 'the four Ps');
    assert.equal((await page.textContent('[data-testid="fig-chart-4p"] [data-key="MPS"]')).match(/%/g).length, 4, 'MPS 4P split has four parts');
  });

  step('choosing another agency redraws the breakdown with its threat categories', async () => {
    await page.selectOption('[data-testid="fig-agency"]', 'COLP');
    await page.waitForFunction(() => document.querySelector('[data-testid="fig-agency-detail"]')?.getAttribute('data-agency') === 'COLP');
    const cyber = page.locator('[data-testid="fig-detail-threat-category"] [data-testid="bar-row"][data-key="Cyber crime"]');
    assert.match(await cyber.textContent(), /441/);
    assert.match(new URL(page.url()).hash, /agency=COLP/);
  });

  step('switching off the lead-only filter changes the MPS total', async () => {
    await page.uncheck('[data-testid="fig-lead-only"]');
    await figuresReady('lead_only=false');
    const total = await cell('MPS', 'disruptions');
    assert.notEqual(total, '8,021', 'supporting disruptions now count too');
    const r = await api(`/api/v1/reports/soc?year_ending=${YEAR_ENDING}&lead_only=false`, { token: tokens['mps.inspector'] });
    assert.equal(total, r.json.disruptions.by_agency.MPS.total.toLocaleString('en-GB'));
    assert.match(await page.textContent('[data-testid="fig-results"]'), /Switched off: lead disruptions only/);

    await page.click('[data-testid="fig-reset"]');
    await page.waitForFunction(() => !window.location.hash.includes('lead_only'));
    await figuresReady();
    assert.equal(await cell('MPS', 'disruptions'), '8,021');
  });

  step('the London view lists the region’s agencies only', async () => {
    await page.waitForSelector('[data-testid="fig-region"] option[value="London"]', { state: 'attached' });
    await page.selectOption('[data-testid="fig-region"]', 'London');
    await figuresReady('region=London');
    const agencies = await page.locator('[data-testid="fig-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency')));
    assert.deepEqual(agencies.sort(), ['BTP', 'COLP', 'MPS']);
    assert.equal(await cell('MPS', 'threats'), '266');
    assert.equal(await cell('MPS', 'share'), '7.0%', 'the share is still of the national total');
  });

  step('the CSV downloads and the printable page opens, both with the bearer token', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="fig-csv"]')]);
    assert.match(download.suggestedFilename(), /^soc-figures-2022-06-30-london\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /MPS/);
    assert.match(csv, /8021/);

    const [tab] = await Promise.all([H.context.waitForEvent('page'), page.click('[data-testid="fig-html"]')]);
    await tab.waitForFunction(() => document.location.protocol === 'blob:' && !!document.querySelector('h1'));
    assert.match(await tab.textContent('h1'), /year ending 2022-06-30/);
    assert.match(await tab.textContent('body'), /Metropolitan Police Service/);
    await tab.close();
  });

  // ---------------------------------------------------------------- recording a disruption

  step('find an open OFFICIAL MPS threat the BCU analyst may see (API)', async () => {
    const r = await api('/api/v1/threats?owning_agency=MPS&include_closed=false&limit=50', { token: tokens['mps.bcu.analyst'] });
    assert.equal(r.status, 200, r.text);
    threat = r.json.items.find((t) => t.marking.classification === 'OFFICIAL' && !/closed/i.test(t.phase));
    assert.ok(threat, 'an open OFFICIAL MPS threat');
  });

  step('mps.bcu.analyst records a disruption: the text raises the Protect prompt, accepted', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/threats/${threat.id}`);
    await page.waitForSelector('[data-testid="disruption-history"][data-state="ready"]');
    await page.click('[data-testid="record-disruption"]');
    await page.waitForSelector('[data-testid="disruption-form"]');
    assert.equal(new URL(page.url()).hash, `#/threats/${threat.id}/disruptions/new`);

    // The category needs its justification: the message sits next to the field.
    await page.selectOption('[data-testid="disruption-category"]', 'Moderate');
    await page.check('[data-testid="outcome-pursue"]');
    await page.click('[data-testid="disruption-submit"]');
    const justError = page.locator('[data-testid="field-error-justification"]');
    await justError.waitFor({ state: 'visible' });
    assert.match(await justError.textContent(), /moderate/i);
    assert.equal(await page.getAttribute('[data-testid="disruption-justification"]', 'aria-invalid'), 'true');

    await page.fill('[data-testid="disruption-justification"]', `Line holder charged; the line is closed (${stamp}).`);
    await page.fill('[data-testid="disruption-description"]',
      `E2E ${stamp}: warrant executed, line holder arrested; the cuckooed tenant was safeguarded.`);
    const prompt = page.locator('[data-testid="prompt"][data-rule="safeguarding"]');
    await prompt.waitFor({ state: 'visible' });
    assert.equal(await prompt.getAttribute('data-outcome'), 'Protect');
    assert.match(await prompt.locator('[data-testid="prompt-explanation"]').textContent(), /protect/i);
    assert.ok(!(await page.isChecked('[data-testid="outcome-protect"]')), 'Protect is not ticked before the prompt is answered');

    // Unanswered, the form will not go.
    await page.click('[data-testid="disruption-submit"]');
    const promptError = page.locator('[data-testid="field-error-prompts"]');
    await promptError.waitFor({ state: 'visible' });
    assert.match(await promptError.textContent(), /Accept or decline/);

    // Keyboard: the accept button takes Enter.
    await prompt.locator('[data-testid="prompt-accept"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="prompt"][data-rule="safeguarding"] [data-testid="prompt-accept"]')?.getAttribute('aria-pressed') === 'true');
    assert.ok(await page.isChecked('[data-testid="outcome-protect"]'), 'accepting adds Protect');
    assert.ok(await page.isChecked('[data-testid="outcome-pursue"]'));
    assert.equal(await page.inputValue('[data-testid="disruption-principal"]'), 'Pursue');

    await page.click('[data-testid="disruption-submit"]');
    await page.waitForSelector('[data-testid="disruption-recorded"]');
    const m = /^#\/threats\/(\d+)\/disruptions\?recorded=([A-Z]+-DIS-\d+)$/.exec(new URL(page.url()).hash);
    assert.ok(m, `went to the history: ${new URL(page.url()).hash}`);
    assert.equal(Number(m[1]), threat.id);
    recorded = decodeURIComponent(m[2]);
  });

  step('the history shows it first, with Pursue and Protect and the prompt answered', async () => {
    await page.waitForSelector('[data-testid="disruption-history"][data-state="ready"]');
    const row = page.locator('[data-testid="disruption-row"]').first();
    assert.equal(await row.getAttribute('data-reference'), recorded, 'newest first');
    const outcomes = (await row.locator('[data-testid="outcome-badge"]').allTextContents()).map((s) => s.trim());
    assert.deepEqual(outcomes, ['Pursue', 'Protect']);
    assert.equal((await row.locator('[data-testid="cell-national-category"]').textContent()).trim(), 'Pursue');
    assert.equal((await row.locator('[data-testid="cell-category"]').textContent()).trim(), 'Moderate');
    assert.match(await row.locator('[data-testid="cell-prompts"]').textContent(), /Protect accepted/);
    assert.match(await row.locator('[data-testid="cell-source"]').textContent(), /Recorded in Rocta/);

    const r = await api(`/api/v1/threats/${threat.id}/disruptions`, { token: tokens['mps.bcu.analyst'] });
    const saved = r.json.items.find((d) => d.reference === recorded);
    assert.ok(saved, 'the API has it');
    assert.deepEqual(saved.outcomes, ['Pursue', 'Protect']);
    assert.deepEqual(saved.prompts, [{ rule: 'safeguarding', outcome: 'Protect', accepted: true }]);

    // And the threat page lists it too.
    await page.click(`a[href="#/threats/${threat.id}"]`);
    await page.waitForSelector('[data-testid="disruption-section"] [data-testid="disruption-history"][data-state="ready"]');
    assert.equal(await page.getAttribute('[data-testid="disruption-section"] [data-testid="disruption-row"] >> nth=0', 'data-reference'), recorded);
  });

  step('the server refuses an unanswered prompt, naming it (API)', async () => {
    const r = await api('/api/v1/disruptions', {
      token: tokens['mps.bcu.analyst'], method: 'POST',
      body: { threat_id: threat.id, record_date: '2022-06-01', role: 'lead', category: 'Minor', justification: 'Minor impact.',
        outcomes: ['Pursue'], description: 'A vulnerable adult was safeguarded.', prompts: [] },
    });
    assert.ok(r.status >= 400 && r.status < 500, `refused: ${r.status}`);
    assert.equal(r.json.field, 'prompts');
    assert.match(r.json.detail, /safeguarding/);
  });

  // ---------------------------------------------------------------- who may not

  step('mps.frontline is told the figures are not for them', async () => {
    await uiLogin('mps.frontline');
    assert.equal(await page.locator('[data-testid="nav-figures"]').count(), 0, 'no Figures link for a frontline officer');
    await page.goto(`${H.base}/#/figures`);
    const forbidden = page.locator('[data-testid="fig-forbidden"]');
    await forbidden.waitFor({ state: 'visible' });
    assert.match(await forbidden.textContent(), /not allowed/i);
    assert.equal(await page.locator('[data-testid="fig-table"]').count(), 0, 'no figures shown');
    assert.ok(await page.locator('[data-testid="fig-downloads"]').isHidden(), 'no downloads offered');
  });

  step('no page errors or CSP violations along the way', async () => {
    assert.deepEqual(H.pageProblems, []);
  });
});

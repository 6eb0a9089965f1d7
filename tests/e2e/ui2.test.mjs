// End-to-end test of the second part of the browser UI for a day's work (#20): the figures
// open on the latest complete year and on London; every list screen downloads its rows as
// CSV, the reader's rows only, and the export is in the audit trail; saved filters and
// sortable columns; the MoRiLE form scoring live by the server's model; the tasking page in
// parts; a record's history and, for inspectors, its audit.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/ui2.test.mjs
//   (ROCTA_E2E_SHOTS=1 ROCTA_E2E_KEEP=1 also keeps a screenshot of each screen.)

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The last 30 June before `day` (YYYY-MM-DD), as the figures' reporting year ends. */
function lastCompleteYearEnding(day) {
  const y = Number(day.slice(0, 4));
  const ending = `${y}-06-30`;
  return ending < day ? ending : `${y - 1}-06-30`;
}

describe('The browser UI for a day\'s work, part two', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-ui2-' });
  const { api, step, uiLogin } = H;
  let page = null;

  async function shot(name) {
    if (process.env.ROCTA_E2E_SHOTS) await H.shot(name);
  }

  /** Waits for the threat list drawn for a hash matching `re`. */
  async function threatsShown(re) {
    await page.waitForFunction((src) => {
      const r = document.querySelector('[data-testid="threat-results"]');
      return new RegExp(src).test(window.location.hash) && r?.dataset.state === 'ready' && r.dataset.hash === window.location.hash;
    }, re.source);
  }

  /** Every row of a paged list the reader may page through, by the API. */
  async function allRows(pathname, token) {
    const out = [];
    for (let offset = 0; ; offset += 200) {
      const r = await api(`${pathname}${pathname.includes('?') ? '&' : '?'}limit=200&offset=${offset}`, { token });
      assert.equal(r.status, 200, r.text);
      const items = Array.isArray(r.json) ? r.json : r.json.items;
      out.push(...items);
      if (items.length < 200) return out;
    }
  }

  /** The audit trail's events of one action, from the server's database. */
  function auditEvents(action) {
    const out = execFileSync('sqlite3', ['-json', path.join(H.tmp, 'e2e.db'),
      `SELECT actor, action, detail FROM audit_events WHERE action = '${action}' ORDER BY seq`], { encoding: 'utf8' });
    return out.trim() ? JSON.parse(out) : [];
  }

  before(async () => {
    await H.setUp();
    page = H.page;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the figures open on the latest complete year that holds disruptions, and on London', async () => {
    const token = await uiLogin('mps.inspector');
    // The oracle: walk back from the last year over by today to the first with disruptions.
    const all = 'tactical_only=false&moderated_only=false&soc_only=false&exclude_tier_5=false&exclude_closed=false&lead_only=false&assessed_only=false';
    let expected = lastCompleteYearEnding(new Date().toISOString().slice(0, 10));
    for (let back = 0; back < 10; back++) {
      const r = await api(`/api/v1/reports/soc?year_ending=${expected}&${all}`, { token });
      const total = Object.values(r.json.disruptions?.by_agency ?? {}).reduce((a, d) => a + d.total, 0)
        + Object.values(r.json.disruptions_beyond_standard_left_out ?? {}).reduce((a, n) => a + n, 0);
      if (total > 0) break;
      expected = `${Number(expected.slice(0, 4)) - 1}-06-30`;
    }
    const r = await api('/api/v1/reports/soc', { token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.year_ending, expected, 'the server picks the same year');

    await page.goto(`${H.base}/#/figures`);
    await page.waitForSelector('[data-testid="fig-results"][data-state="ready"]');
    assert.equal(await page.inputValue('[data-testid="fig-year-ending"]'), expected);
    assert.equal(await page.inputValue('[data-testid="fig-region"]'), 'London');
    assert.match(await page.textContent('[data-testid="fig-title"]'), /Region: London .*the latest complete year/);
    const agencies = await page.locator('[data-testid="fig-row"]').evaluateAll((rows) => rows.map((x) => x.dataset.agency));
    assert.deepEqual(agencies.sort(), ['BTP', 'COLP', 'MPS']);
    // The charts draw what there is: bars, or a sentence when the two years hold no disruption.
    const charted = await page.$$eval('[data-testid="fig-row"]', (rows) => rows.some((r) =>
      ['cell-disruptions', 'cell-previous-year'].some((c) => r.querySelector(`[data-testid="${c}"]`).textContent.trim() !== '0')));
    await page.waitForSelector(charted ? '[data-testid="fig-chart-years"] .echart[data-drawn="true"]' : '[data-testid="fig-chart-years"] [data-testid="fig-chart-empty"]');
    await shot('figures-default');
    // The SCPO figures, a date range, open on the same year by today's date.
    const last = lastCompleteYearEnding(new Date().toISOString().slice(0, 10));
    await page.goto(`${H.base}/#/scpo-figures`);
    await page.waitForSelector('[data-testid="scpo-figures-to"]');
    assert.equal(await page.inputValue('[data-testid="scpo-figures-to"]'), last);
    assert.equal(await page.inputValue('[data-testid="scpo-figures-from"]'), `${Number(last.slice(0, 4)) - 1}-07-01`);
  });

  const LISTS = [
    // [user, screen, export button, the list's API path]
    ['btp.analyst', '#/threats', 'threats-export', '/api/v1/threats'],
    ['mps.bcu.analyst', '#/threats?owning_agency=MPS', 'threats-export', '/api/v1/threats?owning_agency=MPS'],
    ['hmrc.partner', '#/nominals', 'nominals-export', '/api/v1/nominals'],
    ['mps.assessor', '#/master-list', 'master-list-export', null],
    ['mps.tasking', '#/tasks', 'tasks-export', '/api/v1/tasks'],
  ];
  for (const [user, screen, button, listPath] of LISTS) {
    step(`${user} downloads ${screen} as CSV: their own rows, and the export is audited`, async () => {
      const token = await uiLogin(user);
      const before = auditEvents('list.export').length;
      await page.goto(`${H.base}/${screen}`);
      await page.waitForSelector(`[data-testid="${button}"]`);
      await page.waitForSelector('[data-state="ready"], [data-testid$="-table"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${button}"]`)]);
      const rows = parseCsv(await readFile(await download.path(), 'utf8'));
      assert.equal(rows[0][0], 'id');
      const exported = rows.slice(1).map((r) => r[0]).sort();
      if (listPath) {
        const listed = (await allRows(listPath, token)).map((x) => String(x.id)).sort();
        assert.deepEqual(exported, listed, 'the export holds exactly the rows the reader may page through');
      }
      await page.waitForFunction((b) => /Saved/.test(document.querySelector(`[data-testid="${b}-status"]`)?.textContent ?? ''), button);
      const events = auditEvents('list.export');
      assert.equal(events.length, before + 1, 'one audit event per export');
      const last = events.at(-1);
      assert.equal(last.actor, user);
      const detail = JSON.parse(last.detail);
      assert.equal(detail.rows, rows.length - 1);
      if (listPath) assert.equal(detail.list, listPath.split('?')[0]);
    });
  }

  step('saved filters are kept per user: saved, applied, and not shown to another user', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/threats?owning_agency=MPS&tier=2`);
    await page.waitForSelector('[data-testid="threats-saved-filters"]');
    await page.fill('[data-testid="threats-saved-name"]', 'MPS tier 2');
    await page.click('[data-testid="threats-saved-save"]');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="threats-saved-status"]')?.textContent ?? ''));
    await page.goto(`${H.base}/#/threats`);
    await page.waitForSelector('[data-testid="threats-saved"] option[value="MPS tier 2"]', { state: 'attached' });
    await page.selectOption('[data-testid="threats-saved"]', 'MPS tier 2');
    await page.waitForFunction(() => /owning_agency=MPS/.test(window.location.hash) && /tier=2/.test(window.location.hash));
    // The columns sort the list (the server sorts, the filters stay): Reference, then the other way.
    await page.waitForSelector('[data-testid="threat-table"] tbody tr');
    const refs = () => page.$$eval('[data-testid="threat-table"] tbody tr', (rows) => rows.map((r) => r.cells[0].textContent.trim()));
    await page.click('[data-testid="threats-sort-0"]');
    await threatsShown(/sort=reference&order=asc/);
    assert.match(await page.evaluate(() => window.location.hash), /owning_agency=MPS/);
    const byRef = (a, b) => a.localeCompare(b, 'en-GB', { numeric: true });
    const up = await refs();
    assert.deepEqual(up, [...up].sort(byRef));
    await page.click('[data-testid="threats-sort-0"]');
    await threatsShown(/sort=reference&order=desc/);
    // The first page the other way: in descending order, and (the list may run to more
    // than one page) starting at or after where the ascending page ended.
    const down = await refs();
    assert.deepEqual(down, [...down].sort(byRef).reverse());
    assert.ok(byRef(down[0], up[up.length - 1]) >= 0, `${down[0]} comes first going down, after ${up[up.length - 1]}`);
    assert.equal(await page.getAttribute('[data-testid="threats-sort-0"] >> xpath=..', 'aria-sort'), 'descending');
    await uiLogin('btp.analyst');
    await page.goto(`${H.base}/#/threats`);
    await page.waitForSelector('[data-testid="threats-saved"]');
    assert.equal(await page.locator('[data-testid="threats-saved"] option').count(), 1, 'only the placeholder: the filter is the other user\'s');
  });

  step('the threat list sorts across pages: by name, page 2 goes on where page 1 ended', async () => {
    const token = await uiLogin('mps.bcu.analyst');
    const names = () => page.$$eval('[data-testid="threat-row"]', (rows) => rows.map((r) => ({
      id: Number(r.dataset.id), name: r.querySelector('[data-testid="cell-name"]').textContent.trim() })));
    await page.goto(`${H.base}/#/threats`);
    await threatsShown(/^#\/threats$/);
    await page.click('[data-testid="threats-sort-1"]');
    await threatsShown(/sort=name&order=asc/);
    const first = await names();
    assert.equal(first.length, 50, 'a full first page');
    await page.click('[data-testid="page-next"]');
    await threatsShown(/sort=name&order=asc.*offset=50/);
    assert.equal(await page.getAttribute('[data-testid="threats-sort-1"] >> xpath=..', 'aria-sort'), 'ascending', 'the order holds on page 2');
    const second = await names();
    assert.ok(second.length > 0, 'a second page');
    // The two pages are the first hundred of the whole list in name order (ties by id), as the API sorts it.
    const api100 = await api('/api/v1/threats?sort=name&order=asc&limit=100', { token });
    assert.equal(api100.status, 200, api100.text);
    assert.deepEqual([...first, ...second].map((t) => t.id), api100.json.items.map((t) => t.id).slice(0, first.length + second.length));
    const key = (n) => n.toLowerCase();
    const both = [...first, ...second].map((t) => key(t.name));
    for (let i = 1; i < both.length; i++) assert.ok(both[i - 1] <= both[i], `in name order at ${i}: ${both[i - 1]} then ${both[i]}`);
    const bad = await api('/api/v1/threats?sort=description', { token });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, 'sort');
    await shot('threats-sorted-page-2');
  });

  step('the MoRiLE moderator sees the factor scores of the assessment they decide', async () => {
    const analyst = (await H.apiLogin('mps.bcu.analyst')).token;
    const assessor = (await H.apiLogin('mps.assessor')).token;
    const nom = await api('/api/v1/nominations', { token: analyst, method: 'POST', body: {
      threat: { name: `UI2 moderation ${Date.now()}`, threat_type: 'OCG', primary_crime_type: 'Firearms', marking: { classification: 'OFFICIAL', scope: 'region' } },
      rationale: 'UI2', provisional_priority: 3 } });
    assert.equal(nom.status, 201, nom.text);
    const model = (await api('/api/v1/morile/models', { token: assessor })).json.at(-1).definition;
    const factors = { harm: model.harm_elements.map(() => 2), scope: model.scopes[1].name, vulnerability: model.vulnerabilities[0].name,
      likelihood: model.likelihoods[3], org: model.org_elements.map(() => 1), confidence: 'medium',
      rationale: 'UI2: firearms supply across two boroughs' };
    const preview = await api('/api/v1/morile/score', { token: assessor, method: 'POST', body: factors });
    assert.equal(preview.status, 200, preview.text);
    const a = await api(`/api/v1/threats/${nom.json.threat_id}/assessments`, { token: assessor, method: 'POST', body: factors });
    assert.equal(a.status, 201, a.text);
    assert.deepEqual(a.json.score, preview.json.score, 'the live score is the recorded one');
    await uiLogin('mps.moderator');
    let found = false;
    for (let offset = 0; !found; offset += 25) {
      await page.goto(`${H.base}/#/moderation${offset ? `?offset=${offset}` : ''}`);
      await page.waitForSelector('[data-testid="moderation-results"][data-state="ready"]');
      found = await page.locator(`[data-testid="moderation-row"][data-id="${a.json.id}"]`).count() > 0;
      if (!found && await page.isDisabled('[data-testid="page-next"]')) break;
    }
    assert.ok(found, 'the assessment is in the moderation queue');
    await page.click(`[data-testid="moderation-row"][data-id="${a.json.id}"] [data-testid="approve-button"]`);
    await page.waitForSelector('[data-testid="moderation-factors"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="moderation-factor"]').length === n,
      model.harm_elements.length + model.org_elements.length);
    assert.match(await page.textContent('[data-testid="moderation-factors"]'), new RegExp(`Scope: ${model.scopes[1].name}`, 'i'));
    assert.equal(await page.textContent('[data-testid="moderation-rationale"]'), factors.rationale, 'the moderator reads the assessor\'s rationale');
    await shot('moderation-factors');
  });

  step('the tasking page is in parts; an escalation is decided where it is listed; ending a priority asks first', async () => {
    const analyst = (await H.apiLogin('mps.bcu.analyst')).token;
    const units = (await api('/api/v1/units?agency=MPS', { token: analyst })).json;
    const scc = units.find((u) => u.kind === 'scc');
    assert.ok(scc, 'MPS has a specialist crime command');
    const request = `UI2 escalation ${Date.now()}`;
    const esc = await api('/api/v1/escalations', { token: analyst, method: 'POST', body: { to_unit_id: scc.id, support: 'covert', request,
      decide_by: new Date(Date.now() + 5 * 864e5).toISOString().slice(0, 10) } });
    assert.equal(esc.status, 201, esc.text);
    const token = await uiLogin('mps.tasking');
    await page.goto(`${H.base}/#/tasking`);
    for (const part of ['agenda', 'escalations', 'decisions', 'strategy']) await page.waitForSelector(`[data-testid="tasking-tab-${part}"]`);
    assert.ok(await page.isVisible('[data-testid="tasking-part-agenda"]'));
    await page.click('[data-testid="tasking-tab-escalations"]');
    await page.waitForSelector('[data-testid="tasking-part-escalations"]:not([hidden])');
    assert.ok(await page.isHidden('[data-testid="tasking-part-agenda"]'));
    await page.click(`[data-testid="escalation-approve-${esc.json.id}"]`);
    const f = `escalation-decision-${esc.json.id}`;
    await page.fill(`[data-testid="${f}-decision"]`, 'Approve covert support (UI2)');
    await page.fill(`[data-testid="${f}-rationale"]`, 'The BCU has no covert capability');
    await page.click(`[data-testid="${f}-submit"]`);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="escalations-table-row"][data-id="${id}"]`)?.getAttribute('data-status') === 'approved', esc.json.id);
    const after = (await api('/api/v1/escalations', { token })).json.find((e) => e.id === esc.json.id);
    assert.equal(after.status, 'approved');
    await shot('tasking-escalations');

    const added = await api('/api/v1/control-strategy', { token, method: 'POST', body: { title: `UI2 priority ${Date.now()}`, rank: 9,
      crime_type: '', effective_from: new Date().toISOString().slice(0, 10) } });
    assert.equal(added.status, 201, added.text);
    const id = String(added.json.id);
    await page.goto(`${H.base}/#/tasking?tab=strategy`);
    const end = page.locator(`[data-testid="end-priority-${id}"]`);
    await end.waitFor();
    await end.click();
    await page.waitForSelector(`[data-testid="end-priority-${id}-confirm"]`);
    await page.click(`[data-testid="end-priority-${id}-keep"]`);
    const still = (await api('/api/v1/control-strategy', { token })).json.find((p) => String(p.id) === id);
    assert.equal(still.effective_to ?? null, null, 'kept: nothing ends without the confirmation');
  });

  step('a record shows what happened to it; an inspector sees its audit too', async () => {
    const analyst = (await H.apiLogin('mps.bcu.analyst')).token;
    const t = await api('/api/v1/threats', { token: analyst, method: 'POST', body: { name: `UI2 history ${Date.now()}`, threat_type: 'OCG',
      primary_crime_type: 'Fraud', marking: { classification: 'OFFICIAL', scope: 'region' } } });
    assert.equal(t.status, 201, t.text);
    await uiLogin('mps.bcu.analyst');
    await page.goto(`${H.base}/#/threats/${t.json.id}`);
    await page.waitForSelector('[data-testid="record-history"][data-state="ready"]');
    const actions = await page.$$eval('[data-testid="timeline-event"]', (els) => els.map((e) => e.dataset.action));
    assert.deepEqual(actions, ['threat.create']);
    assert.equal(await page.locator('[data-testid="record-audit"]').count(), 0, 'an analyst does not read the audit');
    await uiLogin('mps.inspector');
    await page.goto(`${H.base}/#/threats/${t.json.id}`);
    await page.waitForSelector('[data-testid="record-history"][data-state="ready"]');
    await page.click('[data-testid="record-audit"] summary');
    const audited = await page.$$eval('[data-testid="audit-event"]', (els) => els.map((e) => e.dataset.action));
    assert.ok(audited.includes('threat.create'), audited.join(', '));
    await shot('record-history-inspector');
  });
});

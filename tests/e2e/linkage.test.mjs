// End-to-end test of the linkage screens against a real rocta server with the demo data
// (whose load ends with a match run): a frontline officer has no Matches link and is told
// whose work it is → the regional analyst opens the review queue and sees a match's two
// records side by side with the engine's explanation → a nominal page says a possible
// match awaits review, and the analyst opens it from there and confirms it → separates a
// join (a note is required) → is told when someone else decided first → recording a
// nominal that duplicates someone shows the match before and after it is recorded → HMRC
// sees no match, record or name it may not read → an administrator sees the runs but no
// queue, and a new run keeps the decisions.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('Cross-agency linkage of nominals end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-linkage-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const stamp = Date.now().toString(36);
  const tokens = {};
  let separated = null; // the linked match the analyst separates
  let confirmed = null; // the possible match the analyst confirms

  async function waitReady(testid) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready', testid);
  }

  /** Opens the queue of one status with one match open, and waits for both to be drawn. */
  async function openQueue(status, matchId) {
    await page.goto(`${H.base}/#/matches?status=${status}&match=${matchId}`);
    await page.waitForFunction(([s, id]) => {
      const list = document.querySelector('[data-testid="matches-results"]');
      const one = document.querySelector('[data-testid="match-detail"]');
      return list?.getAttribute('data-state') === 'ready' && list.getAttribute('data-status') === s
        && one?.getAttribute('data-id') === String(id) && one.getAttribute('data-state') === 'ready';
    }, [status, matchId]);
  }

  /** Waits for the open match to be drawn with this status (after a decision or a reload). */
  async function waitMatchStatus(status) {
    await page.waitForFunction((s) => {
      const one = document.querySelector('[data-testid="match-detail"]');
      return one?.getAttribute('data-state') === 'ready' && one.getAttribute('data-status') === s;
    }, status);
  }

  async function matches(status, user = 'rocta.analyst') {
    const r = await api(`/api/v1/matches?status=${status}&limit=200`, { token: tokens[user] });
    assert.equal(r.status, 200, r.text);
    return r.json;
  }

  /** "+5.3", "−2.0", "0.0": the page's signed weight. */
  function signed(v) {
    const r = Math.round(v * 10) / 10;
    if (r === 0) return '0.0';
    return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`;
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['rocta.analyst', 'mps.bcu.analyst', 'hmrc.partner', 'mps.frontline', 'mps.admin']) tokens[u] = (await apiLogin(u)).token;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('a frontline officer has no Matches link, and is told whose work it is at #/matches', async () => {
    await uiLogin('mps.frontline');
    assert.equal(await page.locator('[data-testid="nav-matches"]').count(), 0, 'no Matches link');
    await page.locator('[data-testid="nav-nominals"]').waitFor();
    await page.goto(`${H.base}/#/matches`);
    const denied = page.locator('[data-testid="matches-denied"]');
    await denied.waitFor();
    assert.match(await denied.textContent(), /reviewed by analysts, regional analysts and SIU officers/);
    assert.equal(await page.locator('[data-testid="match-row"]').count(), 0);
    const r = await api('/api/v1/matches', { token: tokens['mps.frontline'] });
    assert.equal(r.status, 403, 'the server refuses too');
  });

  step('the regional analyst opens a match from the queue: both records side by side and the explanation', async () => {
    const review = await matches('review');
    assert.ok(review.total > 0, 'the demo run leaves matches for review');
    await uiLogin('rocta.analyst');
    await page.click('[data-testid="nav-matches"]');
    await waitReady('matches-results');
    await waitReady('match-runs');
    assert.ok(await page.locator('[data-testid="match-run-row"]').count() >= 1, 'the demo run is listed');
    assert.equal(await page.getAttribute('[data-testid="match-tab-review"]', 'aria-current'), 'page', 'review is the default');
    const first = page.locator('[data-testid="match-row"]').first();
    const id = Number(await first.getAttribute('data-id'));
    await first.locator('[data-testid="match-open"]').click();
    await waitReady('match-detail');
    assert.equal(await page.getAttribute('[data-testid="match-detail"]', 'data-id'), String(id));

    const m = (await api(`/api/v1/matches/${id}`, { token: tokens['rocta.analyst'] })).json;
    const name = page.locator('[data-testid="compare-row"][data-field="Name"]');
    assert.equal((await name.locator('[data-testid="compare-a"]').textContent()).trim(), m.a.display_name);
    assert.equal((await name.locator('[data-testid="compare-b"]').textContent()).trim(), m.b.display_name);
    const owner = page.locator('[data-testid="compare-row"][data-field="Owning agency"]');
    assert.equal((await owner.locator('[data-testid="compare-a"]').textContent()).trim(), m.a.marking.owning_agency);
    assert.equal((await owner.locator('[data-testid="compare-b"]').textContent()).trim(), m.b.marking.owning_agency);
    assert.equal(await page.getAttribute('[data-testid="compare-open-b"]', 'href'), `#/nominals/${m.b.id}`);

    const rows = page.locator('[data-testid="explanation-row"]');
    assert.equal(await rows.count(), m.explanation.fields.length, 'one row per field');
    for (let i = 0; i < m.explanation.fields.length; i += 1) {
      const f = m.explanation.fields[i];
      assert.equal(await rows.nth(i).getAttribute('data-field'), f.field);
      assert.equal((await rows.nth(i).locator('[data-testid="explanation-weight"]').textContent()).trim(), signed(f.weight));
      assert.equal(await rows.nth(i).locator('svg.weight-bar').count(), 1, 'a bar');
    }
    assert.equal((await page.textContent('[data-testid="explanation-total"] [data-testid="explanation-weight"]')).trim(), signed(m.explanation.weight));
    assert.equal((await page.textContent('[data-testid="explanation-prior"] [data-testid="explanation-weight"]')).trim(), signed(m.explanation.prior_weight));
    assert.match(await page.textContent('[data-testid="explanation-probability"]'), new RegExp(`${(m.explanation.probability * 100).toFixed(1)}%`));
    // A possible match is confirmed or rejected; a join is separated.
    assert.equal(await page.locator('[data-testid="match-confirm"]').count(), 1);
    assert.equal(await page.locator('[data-testid="match-reject"]').count(), 1);
    assert.equal(await page.locator('[data-testid="match-separate"]').count(), 0);
  });

  step('a nominal page says a possible match awaits review; the reviewer opens it from there and confirms it', async () => {
    // A possible match not already one person through other records.
    const review = await matches('review');
    for (const m of review.items) {
      const k = await api(`/api/v1/nominals/${m.nominal_a}/known-elsewhere`, { token: tokens['rocta.analyst'] });
      if (k.json.shown.some((x) => x.nominal.id === m.nominal_b && !x.same_person && x.status === 'review')) {
        confirmed = m;
        break;
      }
    }
    assert.ok(confirmed, 'the demo has a possible match that is not yet one person');
    await page.goto(`${H.base}/#/nominals/${confirmed.nominal_a}`);
    await waitReady('known-elsewhere');
    const item = page.locator(`[data-testid="known-item"][data-nominal-id="${confirmed.nominal_b}"]`);
    await item.waitFor();
    assert.equal((await item.locator('[data-testid="known-verdict"]').textContent()).trim(), 'Possible match — awaiting review');
    assert.equal((await item.locator('[data-testid="known-agency"]').textContent()).trim(), confirmed.b.marking.owning_agency);
    assert.equal((await item.locator('[data-testid="known-open"]').textContent()).trim(), confirmed.b.reference);
    assert.equal(await item.locator('[data-testid="known-open"]').getAttribute('href'), `#/nominals/${confirmed.nominal_b}`);
    assert.match(await item.locator('[data-testid="known-probability"]').textContent(), new RegExp(`${(confirmed.probability * 100).toFixed(1)}% likely`));
    await item.locator('[data-testid="known-review"]').click();
    await page.waitForFunction((id) => {
      const one = document.querySelector('[data-testid="match-detail"]');
      return one?.getAttribute('data-id') === String(id) && one.getAttribute('data-state') === 'ready';
    }, confirmed.id);
    await page.click('[data-testid="match-confirm"]');
    await page.locator('[data-testid="match-message"]').filter({ hasText: `Match ${confirmed.id} confirmed` }).waitFor();
    await waitMatchStatus('confirmed');
    await waitReady('matches-results');
    assert.equal(await page.locator(`[data-testid="match-row"][data-id="${confirmed.id}"]`).count(), 0, 'no longer waiting for review');
    assert.equal(await page.locator('[data-testid="match-separate"]').count(), 1, 'a confirmed match may still be separated');
    assert.match(await page.textContent('[data-testid="match-decided"]'), /Confirmed by you/);
    // Back on the nominal's page the two are one person now.
    await page.goto(`${H.base}/#/nominals/${confirmed.nominal_a}`);
    await waitReady('known-elsewhere');
    assert.equal((await item.locator('[data-testid="known-verdict"]').textContent()).trim(), 'Same person');
    assert.equal(await item.getAttribute('data-status'), 'confirmed');
    assert.equal(await item.locator('[data-testid="known-review"]').getAttribute('href'), `#/matches?status=confirmed&match=${confirmed.id}`);
  });

  step('the analyst separates a join: a note is required, and the match shows who decided, when and why', async () => {
    const linked = await matches('linked');
    assert.ok(linked.items.length > 0, 'the demo run joins some records');
    separated = linked.items[0];
    await openQueue('linked', separated.id);
    assert.ok(await page.locator(`[data-testid="match-row"][data-id="${separated.id}"]`).count() === 1, 'it is in the linked list');
    assert.equal(await page.locator('[data-testid="match-reject"]').count(), 0, 'a join is not rejected');
    await page.click('[data-testid="match-separate"]');
    await page.locator('[data-testid="field-error-note"]').waitFor({ state: 'visible' });
    const note = `E2E different dates of birth on the warrant files (${stamp})`;
    await page.fill('[data-testid="match-note"]', note);
    await page.click('[data-testid="match-separate"]');
    await page.locator('[data-testid="match-message"]').filter({ hasText: `Match ${separated.id} separated` }).waitFor();
    await waitMatchStatus('separated');
    const decided = page.locator('[data-testid="match-decided"]');
    assert.match(await decided.textContent(), /Separated by you/);
    assert.equal((await page.textContent('[data-testid="match-decision-note"]')).trim(), note);
    assert.equal(await page.locator('[data-testid="match-no-decision"]').count(), 1, 'nothing more to decide');
    // The list refreshed: it is no longer among the linked.
    await waitReady('matches-results');
    assert.equal(await page.locator(`[data-testid="match-row"][data-id="${separated.id}"]`).count(), 0);
    const stored = await api(`/api/v1/matches/${separated.id}`, { token: tokens['rocta.analyst'] });
    assert.equal(stored.json.status, 'separated');
    assert.equal(stored.json.decision_note, note);
    // And under Separated it is listed.
    await page.click('[data-testid="match-tab-separated"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="matches-results"]')?.getAttribute('data-status') === 'separated');
    await waitReady('matches-results');
    await page.locator(`[data-testid="match-row"][data-id="${separated.id}"]`).waitFor();
  });

  step('a decision on a match someone else decided first is refused with a reload', async () => {
    const review = await matches('review');
    assert.ok(review.items.length >= 1, 'a match to review');
    const raced = review.items[0];
    await openQueue('review', raced.id);
    // Another session confirms it while the page is open.
    const other = await api(`/api/v1/matches/${raced.id}/decision`, {
      token: tokens['rocta.analyst'], method: 'POST', body: { decision: 'confirm', note: '', version: raced.version },
    });
    assert.equal(other.status, 200, other.text);
    await page.fill('[data-testid="match-note"]', 'E2E not the same: different middle names');
    await page.click('[data-testid="match-reject"]');
    const error = page.locator('[data-testid="match-decision-error"]');
    await error.filter({ hasText: 'changed by someone else' }).waitFor();
    await page.click('[data-testid="match-reload"]');
    await waitMatchStatus('confirmed');
    assert.equal(await page.locator('[data-testid="match-reject"]').count(), 0, 'a confirmed match is not rejected');
  });

  step('a separated join is no longer the same person on the nominal page', async () => {
    await page.goto(`${H.base}/#/nominals/${separated.nominal_a}`);
    // A SECRET nominal asks why it is opened, as it would ask the analyst.
    const asked = page.locator('[data-testid="purpose-form"]');
    const panel = page.locator('[data-testid="known-elsewhere"]');
    await asked.or(panel).first().waitFor();
    if (await asked.isVisible()) {
      await page.fill('[data-testid="purpose-input"]', 'E2E: checking a separated match');
      await page.click('[data-testid="purpose-submit"]');
    }
    await waitReady('known-elsewhere');
    const apart = page.locator(`[data-testid="known-item"][data-nominal-id="${separated.nominal_b}"][data-same-person="true"]`);
    assert.equal(await apart.count(), 0, 'a separated join is not "Same person"');
  });

  step('recording a nominal that duplicates a known person shows the match before and after it is recorded', async () => {
    // Someone the BCU analyst can read, recorded by another agency when the demo has one.
    const list = await api('/api/v1/nominals?limit=200', { token: tokens['mps.bcu.analyst'] });
    assert.equal(list.status, 200, list.text);
    const withDob = list.json.items.filter((n) => n.date_of_birth && n.given_names && n.surname);
    const person = withDob.find((n) => n.marking.owning_agency !== 'MPS') ?? withDob[0];
    assert.ok(person, 'a nominal to duplicate');

    await uiLogin('mps.bcu.analyst');
    await page.click('[data-testid="nav-nominals"]');
    await waitReady('nominals-results');
    await page.click('[data-testid="nominals-new"]');
    await page.waitForSelector('[data-testid="nominal-form"]');
    // Nothing to check with: it says what it needs.
    await page.click('[data-testid="nominal-check"]');
    await page.locator('[data-testid="field-error-surname"]').waitFor({ state: 'visible' });
    await page.fill('[data-testid="nominal-given-names"]', person.given_names);
    await page.fill('[data-testid="nominal-surname"]', person.surname);
    await page.fill('[data-testid="nominal-dob"]', person.date_of_birth);
    if (person.sex === 'M' || person.sex === 'F') await page.selectOption('[data-testid="nominal-sex"]', person.sex);
    await page.fill('[data-testid="nominal-aliases"]', `E2Edup${stamp}`);
    await page.fill('[data-testid="nominal-notes"]', `E2E duplicate of ${person.reference}`);
    await page.click('[data-testid="nominal-check"]');
    await waitReady('nominal-lookup');
    const found = page.locator(`[data-testid="nominal-lookup"] [data-testid="known-item"][data-nominal-id="${person.id}"]`);
    await found.waitFor();
    assert.equal((await found.locator('[data-testid="known-open"]').textContent()).trim(), person.reference);
    await page.locator('[data-testid="nominal-lookup-found"]').waitFor();

    // Changed particulars are checked again when recording, and recording stops to show them.
    await page.fill('[data-testid="nominal-postcode"]', person.postcode || 'E1 6AN');
    await page.click('[data-testid="nominal-submit"]');
    await waitReady('nominal-lookup');
    await found.waitFor();
    assert.equal(await page.locator('[data-testid="nominal-created"]').count(), 0, 'not recorded yet');
    const before = await api(`/api/v1/nominals?q=E2Edup${stamp}`, { token: tokens['mps.bcu.analyst'] });
    assert.equal(before.json.total, 0, 'nothing recorded by the check');

    // Recording anyway: the answer says who else knows the person.
    await page.click('[data-testid="nominal-submit"]');
    const created = page.locator('[data-testid="nominal-created"]');
    await created.waitFor();
    const newId = Number(await created.getAttribute('data-id'));
    assert.ok(newId > 0);
    await created.locator(`[data-testid="known-item"][data-nominal-id="${person.id}"]`).waitFor();
    await page.click('[data-testid="nominal-created-open"]');
    await page.waitForSelector(`[data-testid="nominal-page"][data-id="${newId}"]`);
    await waitReady('known-elsewhere');
    await page.locator(`[data-testid="known-elsewhere"] [data-testid="known-item"][data-nominal-id="${person.id}"]`).waitFor();
    const after = await api(`/api/v1/nominals?q=E2Edup${stamp}`, { token: tokens['mps.bcu.analyst'] });
    assert.deepEqual(after.json.items.map((n) => n.id), [newId], 'recorded once');
  });

  step('HMRC sees no match, and no record or name it may not read', async () => {
    const r = await api('/api/v1/matches', { token: tokens['hmrc.partner'] });
    assert.equal(r.status, 403, 'a partner does not review matches');
    // A person whose records HMRC may not read: an MPS nominal not shared with it.
    const mps = await api('/api/v1/nominals?owning_agency=MPS&limit=200', { token: tokens['mps.bcu.analyst'] });
    let hidden = null;
    for (const n of mps.json.items) {
      if (!n.date_of_birth || !n.given_names) continue;
      const seen = await api(`/api/v1/nominals/${n.id}`, { token: tokens['hmrc.partner'] });
      if (seen.status === 404) {
        hidden = n;
        break;
      }
    }
    assert.ok(hidden, 'the demo has MPS nominals HMRC may not read');
    const k = await api(`/api/v1/nominals/${hidden.id}/known-elsewhere`, { token: tokens['hmrc.partner'] });
    assert.equal(k.status, 404, 'no known-elsewhere on a record HMRC cannot read');

    await uiLogin('hmrc.partner');
    assert.equal(await page.locator('[data-testid="nav-matches"]').count(), 0, 'no Matches link');
    await page.goto(`${H.base}/#/matches`);
    await page.locator('[data-testid="matches-denied"]').waitFor();
    // Checking for that person before recording shows nothing HMRC may not read.
    await page.goto(`${H.base}/#/nominals/new`);
    await page.waitForSelector('[data-testid="nominal-form"]');
    await page.fill('[data-testid="nominal-given-names"]', hidden.given_names);
    await page.fill('[data-testid="nominal-surname"]', hidden.surname);
    await page.fill('[data-testid="nominal-dob"]', hidden.date_of_birth);
    await page.click('[data-testid="nominal-check"]');
    await waitReady('nominal-lookup');
    assert.equal(await page.locator(`[data-testid="known-item"][data-nominal-id="${hidden.id}"]`).count(), 0, 'not shown');
    const text = await page.textContent('[data-testid="nominal-lookup"]');
    assert.ok(!text.includes(hidden.reference), 'its reference is not on the page');
    if (hidden.address) assert.ok(!text.includes(hidden.address), 'nor its address');
    // Whatever is shown, HMRC reads; whatever is signalled names a holder, not the person.
    for (const id of await page.locator('[data-testid="nominal-lookup"] [data-testid="known-item"]').evaluateAll((els) => els.map((e) => e.dataset.nominalId))) {
      const seen = await api(`/api/v1/nominals/${id}`, { token: tokens['hmrc.partner'] });
      assert.equal(seen.status, 200, `HMRC reads shown nominal ${id}`);
    }
    for (const s of await page.locator('[data-testid="nominal-lookup"] [data-testid="signal-holder"]').allTextContents()) {
      assert.match(s, /^Known to /);
      assert.ok(!s.includes(hidden.surname), 'a signal does not name the person');
    }
    const lookup = await api('/api/v1/nominals/lookup', {
      token: tokens['hmrc.partner'], method: 'POST',
      body: { given_names: hidden.given_names, surname: hidden.surname, date_of_birth: hidden.date_of_birth },
    });
    assert.equal(lookup.status, 200, lookup.text);
    assert.ok(!lookup.json.shown.some((x) => x.nominal.id === hidden.id), 'the API does not show it either');
  });

  step('an administrator sees the runs but no queue; the regional analyst runs matching and decisions are kept', async () => {
    await uiLogin('mps.admin');
    await page.click('[data-testid="nav-matches"]');
    await page.locator('[data-testid="matches-not-reviewer"]').waitFor();
    assert.equal(await page.locator('[data-testid="match-row"]').count(), 0, 'no queue for an administrator');
    await waitReady('match-runs');
    assert.equal(await page.locator('[data-testid="match-run-now"]').count(), 1, 'an administrator may start a run');
    // The administrator keeps the list of values that are no evidence.
    const exclusionForm = page.locator('[data-testid="exclusion-form"]');
    await exclusionForm.locator('select[name="field"]').selectOption('address');
    await exclusionForm.locator('input[name="value"]').fill('E2E Custody Suite, 1 Station Road');
    await exclusionForm.locator('input[name="reason"]').fill('Every detainee is recorded at this address');
    await exclusionForm.locator('button[type="submit"]').click();
    await page.locator('[data-testid="exclusion-item"]', { hasText: 'E2E Custody Suite' }).waitFor();
    await exclusionForm.locator('input[name="value"]').fill('E2E Custody Suite, 1 Station Road');
    await exclusionForm.locator('input[name="reason"]').fill('The same value a second time');
    await exclusionForm.locator('button[type="submit"]').click();
    await page.locator('[data-testid="exclusion-error"]:not([hidden])').waitFor();
    assert.match(await page.locator('[data-testid="exclusion-error"]').textContent(), /already excluded/);

    await uiLogin('rocta.analyst');
    await page.click('[data-testid="nav-matches"]');
    await waitReady('match-runs');
    await page.locator('[data-testid="exclusion-item"]', { hasText: 'E2E Custody Suite' }).waitFor();
    assert.equal(await page.locator('[data-testid="exclusion-form"]').count(), 0, 'only administrators change the list');
    const runsBefore = await page.locator('[data-testid="match-run-row"]').count();
    await page.click('[data-testid="match-run-now"]');
    const result = page.locator('[data-testid="match-run-result"]');
    await result.waitFor({ timeout: 170_000 });
    assert.match(await result.textContent(), /decisions kept/);
    await waitReady('match-runs');
    assert.equal(await page.locator('[data-testid="match-run-row"]').count(), Math.min(5, runsBefore + 1));
    const runs = await api('/api/v1/match-runs', { token: tokens['rocta.analyst'] });
    const latest = runs.json.slice().sort((a, b) => b.id - a.id)[0];
    assert.ok(latest.kept_decisions >= 2, `the run kept the decisions (${latest.kept_decisions})`);
    assert.equal((await api(`/api/v1/matches/${separated.id}`, { token: tokens['rocta.analyst'] })).json.status, 'separated');
    assert.equal((await api(`/api/v1/matches/${confirmed.id}`, { token: tokens['rocta.analyst'] })).json.status, 'confirmed');
    assert.deepEqual(H.pageProblems, [], 'no page errors or CSP violations');
  });
});

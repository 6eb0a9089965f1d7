// End-to-end test of the tasking screens against a real rocta server with the demo data:
// a BCU escalates to the specialist command → the tasking chair decides it from the
// meeting's agenda, ratifies a decision taken outside a meeting and tasks HMRC → the HMRC
// user sees only HMRC's tasks and updates one → an LRO writes a 4P plan and coverage moves
// → the printable local profile of Central East BCU.
//
//   ROCTA_BIN=build/debug/src/cli/rocta ROCTA_WEB_ROOT=web/dist node --test tests/e2e/

import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, skipUnlessBin, STARTUP_TIMEOUT_MS } from './helpers.mjs';

describe('Tasking, partner tasks, 4P plans and local profiles end to end', { skip: skipUnlessBin }, () => {
  const H = harness({ prefix: 'rocta-e2e-tasking-' });
  const { api, apiLogin, step, uiLogin } = H;
  let page = null;
  const stamp = `${Date.now().toString(36)}`;
  const request = `E2E covert support for the lock-up (${stamp})`;
  const taskTitle = `E2E examine the group's accounts (${stamp})`;
  const tokens = {};
  let meetingId = 0;
  let escalationId = 0;

  async function waitReady(testid) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready', testid);
  }

  before(async () => {
    await H.setUp();
    page = H.page;
    for (const u of ['mps.tasking', 'hmrc.partner', 'mps.lro']) tokens[u] = (await apiLogin(u)).token;
  }, { timeout: STARTUP_TIMEOUT_MS + 30_000 });

  after(() => H.tearDown());

  step('the BCU analyst escalates to the specialist command from the tasking screen', async () => {
    await uiLogin('mps.bcu.analyst');
    await page.click('[data-testid="nav-tasking"]');
    await waitReady('meetings');
    await waitReady('control-strategy');
    // The control strategy carries BTP's and the CoLP's priorities from the inspection.
    assert.ok(await page.locator('[data-testid="priorities-table-row"][data-agency="BTP"]').count() >= 8);
    assert.ok(await page.locator('[data-testid="priorities-table-row"][data-agency="COLP"]').count() >= 5);
    assert.ok(await page.locator('[data-testid="priorities-table-row"][data-in-force="false"]').count() >= 1, 'an ended priority is kept');
    // The page is in parts: the escalations have their own tab, with the form to escalate.
    assert.ok(await page.isVisible('[data-testid="tasking-part-agenda"]'));
    assert.ok(await page.isHidden('[data-testid="tasking-part-escalations"]'));
    await page.click('[data-testid="tasking-tab-escalations"]');
    await page.waitForFunction(() => window.location.hash === '#/tasking?tab=escalations');
    await page.waitForSelector('[data-testid="escalation-form"]');
    await page.selectOption('[data-testid="escalation-form-to_unit_id"]', { label: 'Specialist Crime Command' });
    await page.click('[data-testid="escalation-form-submit"]');
    await page.locator('[data-testid="field-error-request"]').waitFor({ state: 'visible' });
    await page.fill('[data-testid="escalation-form-request"]', request);
    await page.click('[data-testid="escalation-form-submit"]');
    await page.waitForSelector(`[data-testid="escalations-table-row"]:has-text("${stamp}")`);
    const list = await api('/api/v1/escalations?open=true', { token: tokens['mps.tasking'] });
    escalationId = list.json.find((e) => e.request === request)?.id;
    assert.ok(escalationId, 'the escalation is stored');
  });

  step('the tasking chair decides it from the specialist command agenda and tasks HMRC', async () => {
    const meetings = await api('/api/v1/tasking/meetings', { token: tokens['mps.tasking'] });
    const today = new Date().toISOString().slice(0, 10);
    const next = meetings.json.filter((m) => m.level === 'specialist' && m.held_on >= today).sort((a, b) => a.held_on.localeCompare(b.held_on))[0];
    assert.ok(next, 'the demo has a coming specialist command meeting');
    meetingId = next.id;
    await uiLogin('mps.tasking');
    await page.click('[data-testid="nav-tasking"]');
    await waitReady('meetings');
    await page.click(`[data-testid="meetings-table"] a[href="#/meetings/${meetingId}"]`);
    await waitReady('meeting');
    const item = page.locator(`[data-testid="agenda-item"][data-kind="escalation"][data-ref="${escalationId}"]`);
    await item.waitFor();
    assert.ok(await page.locator('[data-testid="agenda-item"][data-kind="priority threat"]').count() > 0, 'priority threats are on the agenda');
    // A decision needs its reason.
    await page.fill(`[data-testid="decide-${escalationId}-decision"]`, 'Approve covert support');
    await page.click(`[data-testid="decide-${escalationId}-submit"]`);
    await page.locator(`[data-testid="decide-${escalationId}"] [data-testid="field-error-rationale"]`).waitFor({ state: 'visible' });
    await page.fill(`[data-testid="decide-${escalationId}-rationale"]`, 'Proportionate: the BCU has no covert capability');
    await page.click(`[data-testid="decide-${escalationId}-submit"]`);
    await page.waitForSelector('[data-testid="decisions-table-row"]:has-text("Approve covert support")');
    assert.equal(await item.count(), 0, 'the decided escalation leaves the agenda');

    // A decision taken outside a meeting waits here to be ratified.
    const ratify = page.locator('[data-testid="agenda-item"][data-kind="ratification"]').first();
    await ratify.waitFor();
    const ref = await ratify.getAttribute('data-ref');
    await page.click(`[data-testid="ratify-${ref}"]`);
    await page.waitForFunction((r) => !document.querySelector(`[data-testid="agenda-item"][data-kind="ratification"][data-ref="${r}"]`), ref);

    await page.fill('[data-testid="task-form-title"]', taskTitle);
    await page.selectOption('[data-testid="task-form-assigned_agency"]', 'HMRC');
    await page.selectOption('[data-testid="task-form-decision_id"]', { label: 'Approve covert support' });
    await page.fill('[data-testid="task-form-owner"]', 'Harriet Mercer');
    await page.click('[data-testid="task-form-submit"]');
    await page.waitForFunction(() => window.location.hash.startsWith('#/tasks'));
    await waitReady('tasks');
    await page.waitForSelector(`[data-testid="tasks-list-row"]:has-text("${taskTitle}")`);
    const escalations = await api('/api/v1/escalations', { token: tokens['mps.tasking'] });
    const decided = escalations.json.find((e) => e.id === escalationId);
    assert.equal(decided.status, 'approved');
    assert.equal(typeof decided.days_to_decision, 'number');
  });

  step('the HMRC user sees only HMRC tasks, updates the new one and sees no other tasking', async () => {
    await uiLogin('hmrc.partner');
    await page.click('[data-testid="nav-tasks"]');
    await waitReady('tasks');
    const total = Number(await page.getAttribute('[data-testid="tasks-summary"]', 'data-total'));
    const api_total = (await api('/api/v1/tasks', { token: tokens['hmrc.partner'] })).json.total;
    assert.equal(total, api_total);
    assert.ok(total >= 3, 'the demo tasks and the new one');
    assert.equal(await page.locator('[data-testid="tasks-list-row"]:not([data-assigned="HMRC"])').count(), 0, 'no other agency\'s task');
    // The table filters by owner; the task opens on its own page, where it is updated.
    await page.fill('[data-testid="tasks-owner"]', 'Harriet');
    const card = page.locator(`[data-testid="tasks-list-row"]:has-text("${taskTitle}")`);
    const id = await card.getAttribute('data-id');
    await card.locator('[data-testid="task-open"]').click();
    await page.waitForSelector(`[data-testid="task-card"][data-id="${id}"]`);
    await page.selectOption(`[data-testid="task-update-${id}-status"]`, 'in progress');
    await page.fill(`[data-testid="task-update-${id}-note"]`, 'Production orders served on two banks');
    await page.click(`[data-testid="task-update-${id}-submit"]`);
    await page.waitForSelector(`[data-testid="task-card"][data-id="${id}"][data-status="in progress"]`);
    assert.match(await page.locator(`[data-testid="task-card"][data-id="${id}"] [data-testid="task-updates"]`).textContent(), /Production orders/);

    // Tasking and 4P plans are not on a partner's menu; typed in, the server still refuses.
    assert.equal(await page.locator('[data-testid="nav-tasking"]').count(), 0, 'no Tasking link for a partner');
    assert.equal(await page.locator('[data-testid="nav-plans"]').count(), 0, 'no 4P plans link for a partner');
    await page.goto(`${H.base}/#/tasking`);
    await page.waitForSelector('[data-testid="meetings-error"]');
    assert.match(await page.textContent('[data-testid="meetings-error"]'), /partner/i);
    await page.goto(`${H.base}/#/plans`);
    await page.waitForSelector('[data-testid="coverage-error"]');
  });

  step('an LRO writes a 4P plan and the coverage figures move', async () => {
    await uiLogin('mps.lro');
    await page.click('[data-testid="nav-plans"]');
    await waitReady('coverage');
    const before = Number(await page.getAttribute('[data-testid="coverage-overall"]', 'data-with-plan'));
    assert.ok(before > 0, 'the demo has plans');
    const row = page.locator('[data-testid="coverage-threats-row"][data-agency="MPS"][data-current="false"]:has(button)').first();
    const threatId = await row.getAttribute('data-threat-id');
    const reference = await row.getAttribute('data-reference');
    await row.locator('button').click();
    await page.waitForSelector('[data-testid="plan-form"]');
    await page.fill('[data-testid="plan-form-aim"]', `E2E: dismantle the group (${stamp})`);
    await page.click('[data-testid="plan-form-submit"]');
    await page.waitForSelector('[data-testid="action-form"]');
    assert.equal(await page.textContent('[data-testid="plan-current"]'), 'not current');
    await page.selectOption('[data-testid="action-form-p"]', 'protect');
    await page.fill('[data-testid="action-form-description"]', 'Financial checks on the businesses');
    await page.fill('[data-testid="action-form-owner_agency"]', 'HMRC');
    await page.click('[data-testid="action-form-submit"]');
    await page.waitForSelector('[data-testid="p-protect"] [data-testid="plan-action"][data-partner="true"]');
    assert.equal(await page.textContent('[data-testid="plan-current"]'), 'current');
    await page.click('[data-testid="nav-plans"]');
    await waitReady('coverage');
    assert.equal(Number(await page.getAttribute('[data-testid="coverage-overall"]', 'data-with-plan')), before + 1);
    // The list is paged: find the threat by its reference.
    await page.fill('[data-testid="coverage-find"]', reference);
    assert.equal(await page.getAttribute(`[data-testid="coverage-threats-row"][data-threat-id="${threatId}"]`, 'data-current'), 'true');
  });

  step('the local profile of Central East BCU shows threats, partners, tasks and the 4P approach', async () => {
    await page.click('[data-testid="nav-profiles"]');
    await waitReady('profile-areas');
    await page.selectOption('[data-testid="profile-area"]', { label: 'Central East BCU (MPS)' });
    await waitReady('profile');
    assert.ok(await page.locator('[data-testid="profile-threats-row"]').count() > 0);
    assert.ok(await page.locator('[data-testid="profile-partners-row"]').count() >= 3, 'HMRC, NTS and the council contribute');
    assert.ok(await page.locator('[data-testid="profile-tasks-row"]').count() > 0);
    assert.match(await page.textContent('[data-testid="profile-disruptions"]'), /lead disruptions recorded against these threats/);
    await page.waitForSelector('[data-testid="profile-print"]');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('[data-testid="app-header"]').isHidden(), 'the page frame is not printed');
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(H.pageProblems, []);
  });
});

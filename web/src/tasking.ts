// Tasking and co-ordination: meetings at force, BCU and specialist-command level, the
// escalations between BCUs and the specialist command, decisions waiting for ratification,
// and each agency's control strategy (#/tasking); one meeting with its agenda, decisions
// and the tasks it sets (#/meetings/{id}). The server decides who may do what.

import { getUser, request } from './api';
import { h } from './dom';
import { date, dateTime } from './format';
import { problemText } from './forms';
import { href, navigate, type View } from './router';
import {
  form, idOf, input, panel, threatPicker, select, statusBadge, table, textarea, ymdPlus,
  type Decision, type Escalation, type Meeting, type Priority,
} from './tasking-common';
import type { Agency, Unit } from './types';

const LEVELS: [string, string][] = [['force', 'Force'], ['bcu', 'BCU'], ['specialist', 'Specialist command']];

async function myUnits(): Promise<Unit[]> {
  return request<Unit[]>('/api/v1/units', { query: { agency: getUser()?.agency ?? '' } });
}

/** Agencies a task can go to: the region's forces and the partner and national agencies. */
export async function taskableAgencies(): Promise<Agency[]> {
  const all = await request<Agency[]>('/api/v1/agencies');
  const region = getUser()?.region;
  return all.filter((a) => a.region === region || a.kind === 'partner agency' || a.kind === 'national agency');
}

function escalationRows(list: Escalation[], act?: (e: Escalation) => HTMLElement | null) {
  return list.map((e) => ({
    attrs: { 'data-id': String(e.id), 'data-status': e.status },
    cells: [`${e.from_unit} → ${e.to_unit}`, e.support, e.request, date(e.decide_by), statusBadge(e.status, e.overdue),
      e.days_to_decision === null ? '—' : `${e.days_to_decision.toFixed(1)} days`, act?.(e) ?? '—'],
  }));
}

/** The tasking page's parts, each on its own tab (#/tasking?tab=…). */
const TABS: [string, string][] = [['agenda', 'Agenda'], ['escalations', 'Escalations'], ['decisions', 'Decisions'], ['strategy', 'Control strategy']];

export function taskingView(query: URLSearchParams = new URLSearchParams()): View {
  let tab = TABS.some(([k]) => k === query.get('tab')) ? query.get('tab')! : 'agenda';
  const meetings = panel('meetings');
  const escalations = panel('escalations');
  const ratify = panel('ratifications');
  const strategy = panel('control-strategy');

  async function load() {
    void meetings.load(async () => {
      const list = await request<Meeting[]>('/api/v1/tasking/meetings');
      return table('meetings-table', 'Tasking meetings', ['Meeting', 'Level', 'Agency', 'Held on'],
        list.map((m) => ({ attrs: { 'data-id': String(m.id) },
          cells: [h('a', { href: href(`/meetings/${m.id}`) }, m.title), m.level, m.agency, date(m.held_on)] })),
        'No meetings yet.');
    });
    void escalations.load(async () => {
      const list = await request<Escalation[]>('/api/v1/escalations');
      return table('escalations-table', 'Escalations', ['From → to', 'Support', 'Request', 'Decision due', 'Status', 'Time to decision', 'Decide'],
        escalationRows(list, decideButtons), 'No escalations.');
    });
    void ratify.load(async () => {
      const list = await request<Decision[]>('/api/v1/tasking/decisions', { query: { awaiting_ratification: true } });
      return table('ratifications-table', 'Decisions awaiting ratification', ['Decision', 'Why', 'Who', 'Agency', 'Decided'],
        list.map((d) => ({ attrs: { 'data-id': String(d.id) }, cells: [d.decision, d.rationale, d.decided_by_name, d.agency, dateTime(d.decided_at)] })),
        'Every decision taken outside a meeting has been ratified.');
    });
    void strategy.load(async () => {
      const list = await request<Priority[]>('/api/v1/control-strategy');
      const mine = getUser()?.agency;
      return table('priorities-table', 'Control strategy', ['Priority', 'Agency', 'Crime type', 'Effective', 'In force'],
        list.map((p) => ({ attrs: { 'data-agency': p.agency, 'data-in-force': String(p.in_force) },
          cells: [`${p.rank}. ${p.title}`, p.agency, p.crime_type || '—',
            `${date(p.effective_from)} – ${p.effective_to ? date(p.effective_to) : 'open'}`,
            p.in_force && p.agency === mine && !p.effective_to ? endButton(p) : p.in_force ? 'Yes' : 'Ended'] })),
        'No control strategy recorded.');
    });
  }

  /**
   * Approve or decline an open escalation where it is listed: a decision with its reason,
   * recorded outside a meeting (so it waits for ratification); the server decides who may.
   */
  function decideButtons(e: Escalation): HTMLElement | null {
    if (e.status !== 'open' && e.status !== 'overdue') return null;
    const out = h('div', { class: 'row-actions', 'data-testid': `decide-escalation-${e.id}` });
    for (const [approve, text] of [[true, 'Approve'], [false, 'Decline']] as const) {
      const b = h('button', { type: 'button', class: approve ? 'small primary' : 'small', 'data-testid': `escalation-${approve ? 'approve' : 'decline'}-${e.id}` }, text);
      b.addEventListener('click', () => {
        out.querySelector('form')?.remove();
        const f = form(`escalation-decision-${e.id}`, `${text}: ${e.request.slice(0, 60)}`, [
          ['decision', 'Decision', textarea()], ['rationale', 'Why', textarea()]], text, async (v) => {
          await request('/api/v1/tasking/decisions', { method: 'POST', body: { escalation_id: e.id, approve, decision: v.decision, rationale: v.rationale } });
          void load();
        });
        out.append(f);
        f.querySelector<HTMLElement>('textarea')?.focus();
      });
      out.append(b);
    }
    return out;
  }

  /** Ends a priority of the caller's agency today; the server refuses anyone but its chairs. */
  function endButton(p: Priority): HTMLElement {
    const b = h('button', { type: 'button', 'data-testid': `end-priority-${p.id}` }, 'Yes · end today');
    const out = h('span', {}, b);
    // Ending a priority takes it out of the control strategy: ask first.
    b.addEventListener('click', () => {
      const sure = h('button', { type: 'button', class: 'danger', 'data-testid': `end-priority-${p.id}-confirm` }, `End “${p.title}” today`);
      const keep = h('button', { type: 'button', 'data-testid': `end-priority-${p.id}-keep` }, 'Keep it');
      const ask = h('span', { class: 'confirm', role: 'group', 'aria-label': 'Confirm ending the priority' }, sure, ' ', keep);
      b.hidden = true;
      out.append(ask);
      sure.focus();
      keep.addEventListener('click', () => { ask.remove(); b.hidden = false; b.focus(); });
      sure.addEventListener('click', () => { ask.remove(); void end(); });
    });
    async function end() {
      b.hidden = false;
      b.disabled = true;
      try {
        await request(`/api/v1/control-strategy/${p.id}/end`, { method: 'POST', body: { effective_to: ymdPlus(0) } });
        void load();
      } catch (e) {
        b.disabled = false;
        out.append(h('span', { class: 'field-error', role: 'alert' }, ` ${problemText(e)}`));
      }
    }
    return out;
  }

  const formsByTab: Record<string, HTMLElement> = {
    agenda: h('div', { class: 'forms-grid' }), escalations: h('div', { class: 'forms-grid' }),
    decisions: h('div', { class: 'forms-grid' }), strategy: h('div', { class: 'forms-grid' }),
  };

  async function drawForms() {
    let units: Unit[] = [];
    try {
      units = await myUnits();
    } catch {
      return;  // partners: the server refuses the rest anyway
    }
    const unitOptions = units.map((u): [string, string] => [String(u.id), u.name]);
    const targets = units.filter((u) => u.kind === 'bcu' || u.kind === 'scc').map((u): [string, string] => [String(u.id), u.name]);
    formsByTab.agenda.append(
      form('meeting-form', 'Schedule a meeting', [
        ['unit_id', 'Held by', select(unitOptions)], ['level', 'Level', select(LEVELS)],
        ['title', 'Title', input('text', 'Tactical tasking and co-ordination')], ['held_on', 'Date', input('date', ymdPlus(7))],
        ['tactical_assessment', 'Tactical assessment', textarea()]], 'Schedule', async (v) => {
        const m = await request<Meeting>('/api/v1/tasking/meetings', { method: 'POST',
          body: { unit_id: idOf(v.unit_id), level: v.level, title: v.title, held_on: v.held_on, tactical_assessment: v.tactical_assessment } });
        navigate(href(`/meetings/${m.id}`));
      }));
    formsByTab.escalations.append(
      form('escalation-form', 'Escalate for support', [
        ['to_unit_id', 'To', select(targets)], ['support', 'Support', select([['covert', 'Covert'], ['specialist', 'Specialist'],
          ['firearms', 'Firearms'], ['overt resources', 'Overt resources']])],
        ['request', 'What and why', textarea()], ['threat_id', 'Threat (optional)', threatPicker()],
        ['decide_by', 'Decision needed by', input('date', ymdPlus(5))]], 'Escalate', async (v) => {
        await request('/api/v1/escalations', { method: 'POST', body: { to_unit_id: idOf(v.to_unit_id), support: v.support,
          request: v.request, threat_id: idOf(v.threat_id), decide_by: v.decide_by } });
        void load();
      }));
    formsByTab.decisions.append(
      form('outside-decision-form', 'Record a decision taken outside a meeting', [
        ['decision', 'Decision', textarea()], ['rationale', 'Why', textarea()]], 'Record', async (v) => {
        await request('/api/v1/tasking/decisions', { method: 'POST', body: { decision: v.decision, rationale: v.rationale } });
        void load();
      }));
    formsByTab.strategy.append(
      form('priority-form', 'Add a control strategy priority', [
        ['title', 'Priority', input()], ['rank', 'Rank', input('number', '1')], ['crime_type', 'Crime type (optional)', input()],
        ['effective_from', 'Effective from', input('date', ymdPlus(0))]], 'Add', async (v) => {
        await request('/api/v1/control-strategy', { method: 'POST', body: { title: v.title, rank: idOf(v.rank),
          crime_type: v.crime_type, effective_from: v.effective_from } });
        void load();
      }),
    );
  }

  const part = (key: string, ...children: (Node | null)[]) =>
    h('section', { class: 'tab-panel', id: `tasking-${key}`, role: 'tabpanel', 'aria-labelledby': `tasking-tab-${key}`, 'data-testid': `tasking-part-${key}` }, ...children);
  const parts: Record<string, HTMLElement> = {
    agenda: part('agenda', h('h2', {}, 'Meetings and their agendas'), meetings.el, formsByTab.agenda),
    escalations: part('escalations', h('h2', {}, 'Escalations'), escalations.el, formsByTab.escalations),
    decisions: part('decisions', h('h2', {}, 'Decisions awaiting ratification'), ratify.el, formsByTab.decisions),
    strategy: part('strategy', h('h2', {}, 'Control strategy'), strategy.el, formsByTab.strategy),
  };
  const tabLinks = TABS.map(([key, text]) => h('a', { href: href('/tasking', { tab: key }), role: 'tab', id: `tasking-tab-${key}`,
    'aria-controls': `tasking-${key}`, 'data-testid': `tasking-tab-${key}` }, text));
  const tabBar = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Parts of tasking' }, ...tabLinks);
  function showTab() {
    for (const [key, el] of Object.entries(parts)) el.hidden = key !== tab;
    for (const a of tabLinks) a.setAttribute('aria-selected', String(a.id === `tasking-tab-${tab}`));
  }

  return {
    title: 'Tasking',
    render(main) {
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Tasking and co-ordination')),
        tabBar,
        ...Object.values(parts),
      );
      showTab();
      void load();
      void drawForms();
    },
    update(q) {
      tab = TABS.some(([k]) => k === q.get('tab')) ? q.get('tab')! : 'agenda';
      showTab();
      void load();  // a tab shows the lists as they are now
    },
  };
}

export function meetingView(id: string): View {
  const body = panel('meeting');

  async function load() {
    await body.load(async () => {
      const m = await request<Meeting>(`/api/v1/tasking/meetings/${encodeURIComponent(id)}`);
      const agencies = await taskableAgencies();
      const decisions = m.decisions ?? [];
      const agenda = (m.agenda ?? []).map((item) => {
        const actions: Node[] = [];
        if (item.kind === 'escalation') {
          actions.push(form(`decide-${item.ref_id}`, 'Decide', [
            ['approve', 'Outcome', select([['true', 'Approve'], ['false', 'Decline']])],
            ['decision', 'Decision', textarea()], ['rationale', 'Why', textarea()]], 'Record decision', async (v) => {
            await request('/api/v1/tasking/decisions', { method: 'POST', body: { meeting_id: m.id, escalation_id: item.ref_id,
              approve: v.approve === 'true', decision: v.decision, rationale: v.rationale } });
            void load();
          }));
        }
        if (item.kind === 'ratification') {
          const b = h('button', { type: 'button', 'data-testid': `ratify-${item.ref_id}` }, 'Ratify in this meeting');
          b.addEventListener('click', async () => {
            b.disabled = true;
            await request(`/api/v1/tasking/decisions/${item.ref_id}/ratification`, { method: 'POST', body: { meeting_id: m.id } });
            void load();
          });
          actions.push(b);
        }
        if (item.kind === 'priority threat' || item.kind === 'new assessment')
          actions.push(h('a', { href: href(`/threats/${item.ref_id}`) }, 'Open threat'));
        if (item.kind === 'overdue scpo check') actions.push(h('a', { href: href(`/scpo/${item.ref_id}`) }, 'Open order'));
        return h('li', { class: `agenda-item agenda-${item.kind.replace(/\s+/g, '-')}`, 'data-testid': 'agenda-item',
          'data-kind': item.kind, 'data-ref': item.ref_id },
          h('span', { class: 'badge' }, item.kind), ' ', h('strong', {}, item.title), item.overdue ? ' (overdue)' : '',
          h('p', { class: 'muted' }, item.detail), ...actions);
      });
      return [
        h('p', { class: 'lead' }, `${m.unit_name} · ${m.level} level · ${date(m.held_on)} · ${m.agency}`),
        m.tactical_assessment ? h('section', {}, h('h2', {}, 'Tactical assessment'), h('p', {}, m.tactical_assessment)) : null,
        h('h2', {}, 'Agenda'),
        h('ol', { class: 'agenda', 'data-testid': 'agenda' }, ...agenda),
        agenda.length ? null : h('p', { class: 'muted' }, 'Nothing on the agenda.'),
        h('h2', {}, 'Decisions'),
        table('decisions-table', 'Decisions', ['Decision', 'Why', 'Who', 'When', 'How'],
          decisions.map((d) => ({ attrs: { 'data-id': String(d.id) }, cells: [d.decision, d.rationale, d.decided_by_name, dateTime(d.decided_at),
            d.outside_meeting ? 'Outside a meeting, ratified here' : 'In this meeting'] })), 'No decisions yet.'),
        form('meeting-decision-form', 'Record a decision', [['decision', 'Decision', textarea()], ['rationale', 'Why', textarea()],
          ['threat_id', 'Threat (optional)', threatPicker()]], 'Record', async (v) => {
          await request('/api/v1/tasking/decisions', { method: 'POST',
            body: { meeting_id: m.id, decision: v.decision, rationale: v.rationale, threat_id: idOf(v.threat_id) } });
          void load();
        }),
        form('task-form', 'Set a task', [
          ['title', 'Task', input()], ['assigned_agency', 'To agency', select(agencies.map((a): [string, string] => [a.code, `${a.name} (${a.code})`]),
            getUser()?.agency)],
          ['owner', 'Owner', input()], ['deadline', 'Deadline', input('date', ymdPlus(14))],
          ['decision_id', 'Under decision', select([['', '—'], ...decisions.map((d): [string, string] => [String(d.id), d.decision])])],
          ['detail', 'Detail', textarea()]], 'Set task', async (v) => {
          await request('/api/v1/tasks', { method: 'POST', body: { title: v.title, assigned_agency: v.assigned_agency, owner: v.owner,
            deadline: v.deadline, decision_id: idOf(v.decision_id), detail: v.detail } });
          navigate(href('/tasks'));
        }),
      ];
    });
  }

  return {
    title: 'Tasking meeting',
    render(main) {
      main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Tasking meeting'),
        h('a', { href: href('/tasking') }, 'All tasking')), body.el);
      void load();
    },
  };
}

// Home (#/home): where each role lands, with its own work and counts. Every card asks the
// server for what its screen would show (the same reads, the same access rules: a count is
// of rows the reader may see), and only the cards of the reader's roles are drawn.

import { ApiError, getUser, request } from './api';
import { clear, h, type Child } from './dom';
import { date, dateTime } from './format';
import { problemText } from './forms';
import { mayUse, MASTER_LIST_USERS, PLAN_USERS, type NavEntry, type Role } from './nav';
import { href, type View } from './router';
import type { AccessRequest, Assessment, Nomination, Page, Signal, SiuQueueItem, Threat } from './types';
import type { Escalation, Task, ThreatBrief } from './tasking-common';

/** What one card shows: how many, a few of them, and where the rest are. */
interface CardContent { count: number; more?: boolean; items: Child[] }

interface Card {
  key: string;
  title: string;
  roles: readonly Role[] | 'all';
  all: string;          // the screen with the whole list
  empty: string;
  fetch: () => Promise<CardContent>;
}

const SHOW = 5;

function item(link: string, text: string, detail?: string, badge?: Child): HTMLLIElement {
  return h('li', {}, h('a', { href: link }, text), badge ? ' ' : null, badge ?? null,
    detail ? h('span', { class: 'home-detail' }, ` — ${detail}`) : null);
}

function overdue(): HTMLSpanElement {
  return h('span', { class: 'badge badge-overdue' }, 'Overdue');
}

function ymdPlus(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** GET /api/v1/signals/recent: the signals and access-request cards' one answer. */
interface RecentSignals {
  threats_checked: number;
  signals: { count: number; items: { threat: { id: number; reference: string; name: string }; signal: Signal }[] };
  to_decide: { count: number; items: AccessRequest[] };
  mine: { count: number; pending: number; items: AccessRequest[] };
}

/** Asked once per drawing of the home page, whichever cards use it. */
let recentAnswer: Promise<RecentSignals> | null = null;
function recent(): Promise<RecentSignals> {
  recentAnswer ??= request<RecentSignals>('/api/v1/signals/recent', { query: { limit: SHOW } });
  return recentAnswer;
}

const CARDS: Card[] = [
  {
    key: 'tasks', title: 'Open tasks', roles: 'all', all: href('/tasks', { open: 'true' }),
    empty: 'No open task for your agency.',
    fetch: async () => {
      const p = await request<{ items: Task[]; total: number }>('/api/v1/tasks', { query: { open: true, limit: SHOW } });
      return { count: p.total, items: p.items.map((t) => item(href(`/tasks/${t.id}`), t.title,
        `${t.assigned_agency}${t.owner ? ` (${t.owner})` : ''}, due ${date(t.deadline)}`, t.overdue ? overdue() : null)) };
    },
  },
  {
    key: 'nominations', title: 'Nominations to assess', roles: ['assessor'], all: href('/queue'),
    empty: 'No nomination is waiting.',
    fetch: async () => {
      const p = await request<Page<Nomination>>('/api/v1/nominations', { query: { status: 'awaiting assessment', limit: SHOW } });
      return { count: p.total, items: p.items.map((n) => item(href(`/threats/${n.threat_id}`), `Nomination ${n.id}`,
        `${n.agency}, nominated ${date(n.nominated_at.slice(0, 10))}`)) };
    },
  },
  {
    key: 'moderation', title: 'Assessments awaiting moderation', roles: ['moderator'], all: href('/moderation'),
    empty: 'No assessment awaits moderation.',
    fetch: async () => {
      const p = await request<Page<Assessment>>('/api/v1/assessments/awaiting-moderation', { query: { limit: SHOW } });
      return { count: p.total, items: p.items.map((a) => item(href(`/threats/${a.threat_id}`), `Assessment of threat ${a.threat_id}`,
        `version ${a.version}`)) };
    },
  },
  {
    key: 'reassess', title: 'Due for review: threats overdue for reassessment', roles: ['assessor', 'moderator', 'analyst', 'rocta_analyst'],
    all: href('/master-list', { overdue: 'true' }), empty: 'No threat is overdue for reassessment.',
    fetch: async () => {
      const p = await request<Page<Threat>>('/api/v1/master-list', { query: { overdue: true, limit: SHOW } });
      return { count: p.total, items: p.items.map((t) => item(href(`/threats/${t.id}`), `${t.reference} ${t.name}`, undefined, overdue())) };
    },
  },
  {
    key: 'plans', title: 'Due for review: 4P plans', roles: PLAN_USERS.filter((r) => r !== 'analyst' && r !== 'rocta_analyst'),
    all: href('/plans'), empty: 'No 4P plan is due for review in the next two weeks.',
    fetch: async () => {
      const c = await request<{ threats: { threat: ThreatBrief; plan_id: number | null; current: boolean; next_review: string }[] }>(
        '/api/v1/plans/coverage');
      const soon = ymdPlus(14);
      const due = c.threats.filter((l) => !l.plan_id || !l.current || l.next_review <= soon)
        .sort((a, b) => (a.next_review || '').localeCompare(b.next_review || ''));
      return { count: due.length, items: due.slice(0, SHOW).map((l) => item(l.plan_id ? href(`/plans/${l.plan_id}`) : href(`/threats/${l.threat.id}`),
        `${l.threat.reference} ${l.threat.name}`, l.plan_id ? `review ${date(l.next_review)}` : 'no plan yet')) };
    },
  },
  {
    key: 'escalations', title: 'Open escalations', roles: ['tasking_chair', 'lead_responsible_officer'],
    all: href('/tasking'), empty: 'No escalation is open.',
    fetch: async () => {
      const list = (await request<Escalation[]>('/api/v1/escalations')).filter((e) => e.status === 'open');
      return { count: list.length, items: list.slice(0, SHOW).map((e) => item(href('/tasking'), e.request,
        `${e.from_unit} to ${e.to_unit}, decide by ${date(e.decide_by)}`, e.overdue ? overdue() : null)) };
    },
  },
  {
    // Signals ("held elsewhere") on the ten threats at the top of the reader's threat list,
    // each as the threat page would show it: one request for the three cards that use it.
    key: 'signals', title: 'Recent signals: material held elsewhere on the threats at the top of your list',
    roles: ['analyst', 'rocta_analyst', 'lead_responsible_officer'], all: href('/threats'),
    empty: 'No other holder has signalled material on the ten threats at the top of your list.',
    fetch: async () => {
      const r = await recent();
      return { count: r.signals.count, items: r.signals.items.map(({ threat: t, signal: sig }) => item(href(`/threats/${t.id}`),
        `${t.reference} ${t.name}`, `held by ${sig.holder}`)) };
    },
  },
  {
    key: 'siu-queue', title: 'SIU queue', roles: ['siu_officer'], all: href('/siu-queue'), empty: 'Nothing is waiting in the SIU queue.',
    fetch: async () => {
      const list = await request<SiuQueueItem[]>('/api/v1/siu/queue', { query: { limit: 51 } });
      return { count: Math.min(list.length, 50), more: list.length > 50, items: list.slice(0, SHOW).map((x) =>
        item(href(`/intelligence/${x.report.id}`), `${x.report.reference} ${x.report.title}`)) };
    },
  },
  {
    key: 'scpo', title: 'SCPO checks overdue or due soon', roles: ['scpo_officer'], all: href('/scpo'), empty: 'No check is due.',
    fetch: async () => {
      const q = await request<{ overdue: { check: { due_on: string; kind: string }; order: { id: number; reference: string; subject_name: string } }[];
        due_soon: { check: { due_on: string; kind: string }; order: { id: number; reference: string; subject_name: string } }[] }>('/api/v1/scpo/queue');
      const all = [...q.overdue.map((x) => ({ ...x, late: true })), ...q.due_soon.map((x) => ({ ...x, late: false }))];
      return { count: all.length, items: all.slice(0, SHOW).map((x) => item(href(`/scpo/${x.order.id}`),
        `${x.order.reference} ${x.order.subject_name}`, `${x.check.kind} due ${date(x.check.due_on)}`, x.late ? overdue() : null)) };
    },
  },
  {
    key: 'access-decide', title: 'Access requests to decide', roles: 'all', all: href('/access-requests'),
    empty: 'No request for access waits for you.',
    fetch: async () => {
      const r = await recent();
      return { count: r.to_decide.count, items: r.to_decide.items.map((x) => item(href('/access-requests'),
        `${x.requester_agency} asks for ${x.record_kind} ${x.record_id}`, dateTime(x.created_at))) };
    },
  },
  {
    key: 'access-mine', title: 'Your access requests: recent decisions', roles: 'all', all: href('/access-requests', { mine: 'true' }),
    empty: 'You have asked for no access lately.',
    fetch: async () => {
      const r = await recent();
      return { count: r.mine.count, items: r.mine.items.map((x) => item(href('/access-requests', { mine: 'true' }),
        `${x.record_kind} ${x.record_id} held by ${x.holder_agency}`, x.status === 'pending' ? 'waiting' : `${x.status} ${dateTime(x.decided_at)}`)) };
    },
  },
];

function drawCard(card: Card, isAlive: () => boolean): HTMLElement {
  const count = h('span', { class: 'home-count', 'data-testid': `home-count-${card.key}` }, '…');
  const body = h('div', { class: 'home-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const headingId = `home-${card.key}-h`;
  const el = h('section', { class: 'home-card', 'aria-labelledby': headingId, 'data-testid': `home-card-${card.key}`, 'data-state': 'loading' },
    h('h2', { id: headingId }, count, ' ', card.title), body,
    h('p', { class: 'home-all' }, h('a', { href: card.all }, 'See all')));
  void (async () => {
    try {
      const c = await card.fetch();
      if (!isAlive()) return;
      count.textContent = `${c.count}${c.more ? '+' : ''}`;
      el.dataset.count = String(c.count);
      clear(body);
      body.append(c.items.length ? h('ul', { class: 'home-list' }, ...c.items) : h('p', { class: 'muted' }, card.empty));
      el.dataset.state = 'ready';
    } catch (e) {
      if (!isAlive()) return;
      count.textContent = '—';
      clear(body);
      body.append(h('p', { class: 'alert error', role: 'alert' },
        e instanceof ApiError && e.status === 403 ? problemText(e) : `Could not load this: ${problemText(e)}`));
      el.dataset.state = 'error';
    }
  })();
  return el;
}

export function homeView(): View {
  return {
    title: 'Home',
    render(main) {
      let alive = true;
      const user = getUser();
      const roles = user?.roles ?? [];
      const cards = CARDS.filter((c) => mayUse({ roles: c.roles } as NavEntry, roles));
      recentAnswer = null;  // fresh counts each time the page is drawn
      main.append(
        h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, `Your work${user?.display_name ? `, ${user.display_name}` : ''}`)),
        h('p', { class: 'hint' }, 'What waits for you today. Each count is of the records you may see; follow a card to its list.'),
        h('div', { class: 'home-grid', 'data-testid': 'home' }, ...cards.map((c) => drawCard(c, () => alive))),
        MASTER_LIST_USERS.some((r) => roles.includes(r))
          ? h('p', { class: 'home-all' }, h('a', { href: href('/master-list') }, 'Open the master list')) : '',
      );
      return () => { alive = false; };
    },
  };
}

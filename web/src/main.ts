// Rocta browser UI: the page frame, the signed-in header and the router.

import './style.css';
import { getToken, getUser, logout, request, setUnauthenticatedHandler, setUser } from './api';
import { disruptionHistoryView, recordDisruptionView } from './disruptions';
import { clear, h } from './dom';
import { figuresView } from './figures';
import { loginView } from './login';
import { masterListView } from './masterlist';
import { moderationView } from './moderation';
import { nominateView } from './nominate';
import { queueView } from './queue';
import { forgetReferenceData } from './refdata';
import { currentHash, currentLocation, href, navigate, safeNext, type View } from './router';
import { scpoFiguresView, scpoOrderView, scpoQueueView } from './scpo';
import { searchView } from './search';
import { siuView } from './siu';
import { accessRequestsView } from './access';
import { intelligenceView, INTELLIGENCE_WRITERS, submitIntelligenceView } from './intelligence';
import { MATCH_REVIEWERS, MATCH_RUNNERS } from './known';
import { matchesView } from './matches';
import { networkView } from './network';
import { nominalView } from './nominal';
import { nominalsView, recordNominalView } from './nominals';
import { sharingView } from './sharing';
import { siuQueueView } from './siuqueue';
import { meetingView, taskingView } from './tasking';
import { tasksView } from './tasks';
import { planView, plansView } from './plans';
import { profilesView } from './profiles';
import { threatView } from './threat';
import { threatsView } from './threats';
import { compartmentGrantsView, thematicView } from './trust';
import type { User } from './types';

const app = document.getElementById('app')!;
const header = h('header', { class: 'app-header', 'data-testid': 'app-header' });
const main = h('main', { id: 'main', tabindex: '-1' });
const skip = h('a', { class: 'skip-link', href: '#main' }, 'Skip to content');
// The skip link must not change the route: focus the content instead.
skip.addEventListener('click', (ev) => {
  ev.preventDefault();
  main.focus();
});
clear(app);
app.append(skip, header, main);

let current: { key: string; view: View; cleanup?: () => void } | null = null;
let headerDrawnFor: string | null = null;

// The main navigation. Links without roles are shown to everyone signed in; the others
// only to the roles that can use them. The server decides who may do what either way.
const NAV: [string, string, string, string[]?][] = [
  ['threats', 'Threats', 'nav-threats'],
  ['search', 'Search', 'nav-search'],
  ['nominals', 'Nominals', 'nav-nominals'],
  ['matches', 'Matches', 'nav-matches', [...MATCH_REVIEWERS, ...MATCH_RUNNERS]],
  ['nominate', 'Nominate', 'nav-nominate'],
  ['queue', 'Assessment queue', 'nav-queue'],
  ['moderation', 'Moderation', 'nav-moderation'],
  ['master-list', 'Master list', 'nav-master-list'],
  ['siu', 'SIU checks', 'nav-siu'],
  ['figures', 'Figures', 'nav-figures'],
  ['tasking', 'Tasking', 'nav-tasking'],
  ['tasks', 'Tasks', 'nav-tasks'],
  ['plans', '4P plans', 'nav-plans'],
  ['profiles', 'Local profiles', 'nav-profiles'],
  ['submit-intelligence', 'Submit intelligence', 'nav-submit-intelligence', INTELLIGENCE_WRITERS],
  ['siu-queue', 'SIU queue', 'nav-siu-queue', ['siu_officer']],
  ['access-requests', 'Access requests', 'nav-access-requests'],
  ['sharing', 'Sharing agreements', 'nav-sharing', ['administrator']],
  ['scpo', 'SCPO monitoring', 'nav-scpo', ['scpo_officer']],
  ['scpo-figures', 'SCPO figures', 'nav-scpo-figures', ['inspector', 'tasking_chair']],
  ['compartment-grants', 'Compartment grants', 'nav-compartment-grants', ['siu_officer', 'administrator']],
  ['thematic', 'Thematic disruptions', 'nav-thematic', ['analyst', 'rocta_analyst', 'lead_responsible_officer', 'tasking_chair', 'partner', 'scpo_officer', 'inspector']],
];
let navLinks: HTMLAnchorElement[] = [];

/** Marks the link of the current screen for assistive technology and the eye. */
function markNav(section: string) {
  for (const a of navLinks) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function drawHeader(user: User | null) {
  const key = JSON.stringify(user);
  if (key === headerDrawnFor) return;
  headerDrawnFor = key;
  clear(header);
  const brand = h('a', { class: 'brand', href: href('/threats') }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'R'), 'Rocta');
  if (!user) {
    header.append(h('div', { class: 'header-inner' }, brand));
    return;
  }
  const logoutButton = h('button', { type: 'button', class: 'logout', 'data-testid': 'logout-button' }, 'Log out');
  logoutButton.addEventListener('click', async () => {
    logoutButton.disabled = true;
    await logout();
    forgetReferenceData();
    goToLogin(false);
  });
  const roles = user.roles ?? [];
  navLinks = NAV.filter(([, , , only]) => !only || only.some((r) => roles.includes(r))).map(([section, text, testid]) =>
    h('a', { href: href(`/${section}`), 'data-testid': testid, 'data-section': section }, text));
  header.append(
    h(
      'div',
      { class: 'header-inner' },
      brand,
      h('nav', { 'aria-label': 'Main', class: 'main-nav' }, h('ul', {}, ...navLinks.map((a) => h('li', {}, a)))),
      h(
        'div',
        { class: 'who', 'data-testid': 'user-info' },
        h('span', { class: 'who-name', 'data-testid': 'user-name' }, user.display_name || user.username),
        h('span', { class: 'who-detail' },
          h('span', { 'data-testid': 'user-agency', title: 'Agency' }, user.agency),
          h('span', { 'data-testid': 'user-roles', title: 'Roles' }, (user.roles ?? []).map(roleText).join(', ') || 'no roles'),
          h('span', { 'data-testid': 'user-clearance', title: 'Clearance' }, `Cleared ${user.clearance}`)),
      ),
      logoutButton,
    ),
  );
}

function roleText(role: string): string {
  return role.replace(/_/g, ' ');
}

function goToLogin(rememberWhere: boolean) {
  const where = currentHash();
  const next = rememberWhere && !where.startsWith('#/login') ? where : null;
  navigate(href('/login', next ? { next } : undefined), true);
}

setUnauthenticatedHandler(() => {
  forgetReferenceData();
  goToLogin(true);
});

function show(key: string, make: () => View) {
  current?.cleanup?.();
  clear(main);
  const view = make();
  document.title = `${view.title} — Rocta`;
  const cleanup = view.render(main);
  current = { key, view, cleanup: cleanup || undefined };
  // Move focus to the new screen's heading unless the view put it somewhere itself.
  if (!main.contains(document.activeElement)) main.querySelector<HTMLElement>('h1')?.focus();
}

function route() {
  const { path, query } = currentLocation();
  const signedIn = getToken() !== null;

  if (path[0] === 'login') {
    if (signedIn) {
      navigate(safeNext(query.get('next')), true);
      return;
    }
    drawHeader(null);
    const next = safeNext(query.get('next'));
    show('login', () => loginView(next, (to) => {
      drawHeader(getUser());
      navigate(to, true);
    }));
    return;
  }

  if (!signedIn) {
    goToLogin(path.length > 0);
    return;
  }
  drawHeader(getUser());
  markNav(path[0] ?? 'threats');

  if (path.length === 0 || (path[0] === 'threats' && path.length === 1)) {
    if (path.length === 0) {
      navigate(href('/threats'), true);
      return;
    }
    if (current?.key === 'threats' && current.view.update) {
      current.view.update(query);
      return;
    }
    show('threats', () => threatsView(query));
    return;
  }
  if (path[0] === 'threats' && path.length === 2) {
    show(`threat:${path[1]}`, () => threatView(path[1], query));
    return;
  }
  if (path[0] === 'threats' && path[2] === 'disruptions' && path.length === 3) {
    show(`disruptions:${path[1]}:${query.toString()}`, () => disruptionHistoryView(path[1], query));
    return;
  }
  if (path[0] === 'threats' && path[2] === 'disruptions' && path[3] === 'new' && path.length === 4) {
    show(`record-disruption:${path[1]}`, () => recordDisruptionView(path[1]));
    return;
  }
  if (path.length === 2 && path[0] === 'intelligence') {
    show(`intelligence:${path[1]}:${query.toString()}`, () => intelligenceView(path[1], query));
    return;
  }
  if (path.length === 2 && path[0] === 'nominals' && path[1] === 'new') {
    show('record-nominal', () => recordNominalView());
    return;
  }
  if (path.length === 2 && path[0] === 'nominals') {
    show(`nominal:${path[1]}`, () => nominalView(path[1]));
    return;
  }
  if (path.length === 1 && path[0] === 'network') {
    show(`network:${query.toString()}`, () => networkView(query));
    return;
  }
  if (path.length === 2 && path[0] === 'scpo') {
    show(`scpo:${path[1]}`, () => scpoOrderView(path[1]));
    return;
  }
  if (path.length === 2 && path[0] === 'meetings') {
    show(`meeting:${path[1]}`, () => meetingView(path[1]));
    return;
  }
  if (path.length === 2 && path[0] === 'plans') {
    show(`plan:${path[1]}:${query.toString()}`, () => planView(path[1], query));
    return;
  }
  if (path.length === 1) {
    // Screens with filters in the query update in place; the others are redrawn.
    const screens: Record<string, (q: URLSearchParams) => View> = {
      nominate: () => nominateView(),
      queue: queueView,
      moderation: moderationView,
      'master-list': masterListView,
      siu: () => siuView(),
      figures: figuresView,
      tasking: () => taskingView(),
      tasks: tasksView,
      plans: () => plansView(),
      profiles: profilesView,
      search: searchView,
      nominals: nominalsView,
      matches: matchesView,
      'submit-intelligence': () => submitIntelligenceView(),
      'siu-queue': siuQueueView,
      'access-requests': accessRequestsView,
      sharing: () => sharingView(),
      scpo: () => scpoQueueView(),
      'scpo-figures': scpoFiguresView,
      'compartment-grants': () => compartmentGrantsView(),
      thematic: () => thematicView(),
    };
    const make = screens[path[0]];
    if (make) {
      if (current?.key === path[0] && current.view.update) {
        current.view.update(query);
        return;
      }
      show(path[0], () => make(query));
      return;
    }
  }
  show('missing', () => ({
    title: 'Page not found',
    render(m) {
      m.append(
        h('h1', { tabindex: '-1' }, 'Page not found'),
        h('p', {}, h('a', { href: href('/threats') }, 'Go to threats')),
      );
    },
  }));
}

// Refresh the signed-in user (display name, roles) once per page load; a 401 here sends
// the browser back to sign-in through the handler above.
async function refreshUser() {
  if (!getToken()) return;
  try {
    const user = await request<User>('/api/v1/session');
    setUser(user);
    if (getToken()) drawHeader(user);
  } catch {
    /* 401 is handled globally; anything else keeps the cached user */
  }
}

window.addEventListener('hashchange', route);
route();
void refreshUser();

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
import { briefingView, HOTSPOT_ANALYSTS, mapView, proposalsView } from './places';
import { scpoFiguresView, scpoOrderView, scpoQueueView } from './scpo';
import { CAPABILITY_READERS, capabilityView, menuRoles } from './capability';
import { searchView } from './search';
import { siuView } from './siu';
import { accessRequestsView } from './access';
import { intelligenceView, submitIntelligenceView } from './intelligence';
import { homeView } from './home';
import { forgetPeople } from './people';
import { BRIEFING_READERS, drawNav, FIGURES_READERS, MAP_MENU_READERS, MASTER_LIST_USERS, MATCH_REVIEWERS, MATCH_USERS, normalise, PLAN_USERS, RECORD_WRITERS, SCPO_FIGURES_READERS,
  TASKING_USERS, THREAT_WRITERS, type LegacyNavEntry, type NavEntry } from './nav';
import { matchesView } from './matches';
import { networkView } from './network';
import { nominalView } from './nominal';
import { nominalsView, recordNominalView } from './nominals';
import { sharingView } from './sharing';
import { siuQueueView } from './siuqueue';
import { meetingView, taskingView } from './tasking';
import { tasksView, taskView } from './tasks';
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

// The main navigation: one entry per screen, in its group, with the roles that may use it
// and its main GET (web/src/nav.ts says how the roles are chosen; tests/e2e/ui.test.mjs holds
// every role's links to a 200 there). The server decides who may do what either way.
const NAV: (NavEntry | LegacyNavEntry)[] = [
  { section: 'home', text: 'Home', testid: 'nav-home', group: 'work', roles: 'all', api: '/api/v1/tasks?open=true&limit=1' },
  { section: 'tasks', text: 'Tasks', testid: 'nav-tasks', group: 'work', roles: 'all', api: '/api/v1/tasks?limit=1' },
  { section: 'queue', text: 'Assessment queue', testid: 'nav-queue', group: 'work', roles: ['assessor', 'moderator'], api: '/api/v1/nominations?limit=1' },
  { section: 'moderation', text: 'Moderation', testid: 'nav-moderation', group: 'work', roles: ['moderator'], api: '/api/v1/assessments/awaiting-moderation?limit=1' },
  { section: 'siu-queue', text: 'SIU queue', testid: 'nav-siu-queue', group: 'work', roles: ['siu_officer'], api: '/api/v1/siu/queue?limit=1' },
  { section: 'siu', text: 'SIU checks', testid: 'nav-siu', group: 'work', roles: ['siu_officer'], api: '/api/v1/siu/assessment-checks' },
  { section: 'briefing', text: 'Briefing', testid: 'nav-briefing', group: 'work', roles: BRIEFING_READERS, api: '/api/v1/areas' },
  { section: 'hotspots', text: 'Hotspots', testid: 'nav-hotspots', group: 'work', roles: HOTSPOT_ANALYSTS, api: '/api/v1/proposed-vulnerabilities' },
  { section: 'scpo', text: 'SCPO monitoring', testid: 'nav-scpo', group: 'work', roles: ['scpo_officer'], api: '/api/v1/scpo/queue' },
  { section: 'access-requests', text: 'Access requests', testid: 'nav-access-requests', group: 'work', roles: 'all', api: '/api/v1/access-requests' },
  { section: 'threats', text: 'Threats', testid: 'nav-threats', group: 'records', roles: 'all', api: '/api/v1/threats?limit=1' },
  { section: 'search', text: 'Search', testid: 'nav-search', group: 'records', roles: 'all', api: '/api/v1/search?q=a&limit=1' },
  { section: 'map', text: 'Map', testid: 'nav-map', group: 'records', roles: MAP_MENU_READERS, api: '/api/v1/areas?geometry=true' },
  { section: 'nominals', text: 'Nominals', testid: 'nav-nominals', group: 'records', roles: 'all', api: '/api/v1/nominals?limit=1' },
  { section: 'matches', text: 'Matches', testid: 'nav-matches', group: 'records', roles: MATCH_USERS,
    // Reviewers work the queue; an administrator (who runs the engine) sees the runs.
    api: (roles) => (MATCH_REVIEWERS.some((r) => roles.includes(r)) ? '/api/v1/matches?limit=1' : '/api/v1/match-runs') },
  { section: 'nominate', text: 'Nominate', testid: 'nav-nominate', group: 'records', roles: THREAT_WRITERS },
  { section: 'submit-intelligence', text: 'Submit intelligence', testid: 'nav-submit-intelligence', group: 'records', roles: RECORD_WRITERS },
  { section: 'master-list', text: 'Master list', testid: 'nav-master-list', group: 'picture', roles: MASTER_LIST_USERS, api: '/api/v1/master-list?limit=1' },
  { section: 'figures', text: 'Figures', testid: 'nav-figures', group: 'picture', roles: FIGURES_READERS, api: '/api/v1/reports/soc' },
  { section: 'profiles', text: 'Local profiles', testid: 'nav-profiles', group: 'picture',
    roles: ['frontline_officer', 'analyst', 'rocta_analyst', 'lead_responsible_officer', 'tasking_chair', 'inspector'], api: '/api/v1/local-profiles' },
  { section: 'scpo-figures', text: 'SCPO figures', testid: 'nav-scpo-figures', group: 'picture', roles: SCPO_FIGURES_READERS,
    api: '/api/v1/reports/scpo?from=2022-01-01&to=2022-12-31' },
  { section: 'capability', text: 'Capability', testid: 'nav-capability', group: 'picture', roles: CAPABILITY_READERS,
    api: '/api/v1/reports/capability' },
  { section: 'tasking', text: 'Tasking', testid: 'nav-tasking', group: 'tasking', roles: TASKING_USERS, api: '/api/v1/tasking/meetings' },
  { section: 'plans', text: '4P plans', testid: 'nav-plans', group: 'tasking', roles: PLAN_USERS, api: '/api/v1/plans/coverage' },
  { section: 'sharing', text: 'Sharing agreements', testid: 'nav-sharing', group: 'admin', roles: ['administrator'], api: '/api/v1/sharing/agreements' },
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
  const brand = h('a', { class: 'brand', href: href('/home') }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'R'), 'Rocta');
  if (!user) {
    header.append(h('div', { class: 'header-inner' }, brand));
    return;
  }
  const logoutButton = h('button', { type: 'button', class: 'logout', 'data-testid': 'logout-button' }, 'Log out');
  logoutButton.addEventListener('click', async () => {
    logoutButton.disabled = true;
    await logout();
    forgetReferenceData();
    forgetPeople();
    goToLogin(false);
  });
  const roles = menuRoles(user);
  const { nav, links } = drawNav(NAV.map(normalise), roles);
  navLinks = links;
  // On a narrow screen the menu folds behind a button (style.css shows it open on wide ones).
  const menuButton = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'main-nav',
    'data-testid': 'menu-toggle' }, 'Menu');
  menuButton.addEventListener('click', () => {
    const open = menuButton.getAttribute('aria-expanded') !== 'true';
    menuButton.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  for (const a of links) a.addEventListener('click', () => {
    menuButton.setAttribute('aria-expanded', 'false');
    nav.classList.remove('open');
  });
  header.append(
    h(
      'div',
      { class: 'header-inner' },
      brand,
      menuButton,
      quickSearch(),
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
      nav,
    ),
  );
}

/** The header's quick search: any reference, name or word, answered by the search screen. */
function quickSearch(): HTMLFormElement {
  const input = h('input', { type: 'search', name: 'q', placeholder: 'Search references, names…', 'aria-label': 'Quick search',
    'data-testid': 'quick-search-input', autocomplete: 'off' });
  const form = h('form', { class: 'quick-search', role: 'search', 'data-testid': 'quick-search' }, input,
    h('button', { type: 'submit', class: 'small' }, 'Go'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    input.value = '';
    navigate(href('/search', { q }));
  });
  return form;
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
  forgetPeople();
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
  markNav(path[0] ?? 'home');

  if (path.length === 0) {
    navigate(href('/home'), true);
    return;
  }
  if (path[0] === 'threats' && path.length === 1) {
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
  if (path.length === 2 && path[0] === 'tasks') {
    show(`task:${path[1]}`, () => taskView(path[1]));
    return;
  }
  if (path.length === 2 && path[0] === 'plans') {
    show(`plan:${path[1]}:${query.toString()}`, () => planView(path[1], query));
    return;
  }
  if (path.length === 1) {
    // Screens with filters in the query update in place; the others are redrawn.
    const screens: Record<string, (q: URLSearchParams) => View> = {
      home: () => homeView(),
      nominate: () => nominateView(),
      queue: queueView,
      moderation: moderationView,
      'master-list': masterListView,
      siu: () => siuView(),
      figures: figuresView,
      tasking: (q) => taskingView(q),
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
      briefing: briefingView,
      map: mapView,
      hotspots: () => proposalsView(),
      'scpo-figures': scpoFiguresView,
      capability: () => capabilityView(),
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
        h('p', {}, h('a', { href: href('/home') }, 'Go to your home page')),
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

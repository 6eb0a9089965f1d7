// Rocta browser UI: the page frame, the signed-in header and the router.

import './style.css';
import { getToken, getUser, logout, request, setUnauthenticatedHandler, setUser } from './api';
import { clear, h } from './dom';
import { loginView } from './login';
import { currentHash, currentLocation, href, navigate, safeNext, type View } from './router';
import { threatView } from './threat';
import { forgetAgencies, threatsView } from './threats';
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
    forgetAgencies();
    goToLogin(false);
  });
  header.append(
    h(
      'div',
      { class: 'header-inner' },
      brand,
      h('nav', { 'aria-label': 'Main' }, h('a', { href: href('/threats'), 'data-testid': 'nav-threats' }, 'Threats')),
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
  forgetAgencies();
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
    show(`threat:${path[1]}`, () => threatView(path[1]));
    return;
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

// The sign-in screen: POST /api/v1/session, then on to where the user was going.

import { ApiError, login } from './api';
import { field, h } from './dom';
import type { View } from './router';

export function loginView(next: string, onSignedIn: (next: string) => void): View {
  return {
    title: 'Sign in',
    render(main) {
      const username = h('input', {
        name: 'username', type: 'text', autocomplete: 'username', required: true,
        autocapitalize: 'none', spellcheck: 'false', 'data-testid': 'login-username',
      });
      const password = h('input', {
        name: 'password', type: 'password', autocomplete: 'current-password', required: true,
        'data-testid': 'login-password',
      });
      const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, 'Sign in');
      const error = h('div', { class: 'alert error', role: 'alert', 'data-testid': 'login-error', hidden: true });
      const form = h(
        'form',
        { class: 'login-form', novalidate: true, 'data-testid': 'login-form' },
        field('Username', username),
        field('Password', password),
        error,
        h('div', { class: 'actions' }, submit),
      );

      let countdown: number | undefined;
      const showError = (text: string) => {
        error.textContent = text;
        error.hidden = false;
      };

      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        error.hidden = true;
        const u = username.value.trim();
        if (!u || !password.value) {
          showError('Enter your username and password.');
          (u ? password : username).focus();
          return;
        }
        submit.disabled = true;
        submit.textContent = 'Signing in…';
        try {
          await login(u, password.value);
          password.value = '';
          onSignedIn(next);
          return;
        } catch (e) {
          password.value = '';
          if (e instanceof ApiError && e.status === 429) {
            // The detail says why and for how long; the button counts down the Retry-After.
            let left = e.retryAfter ?? 60;
            showError(e.problem.detail || `Too many sign-in attempts. Try again in ${left} seconds.`);
            const tick = () => {
              if (left <= 0) {
                window.clearInterval(countdown);
                submit.disabled = false;
                submit.textContent = 'Sign in';
                return;
              }
              submit.textContent = `Try again in ${left} s`;
              left -= 1;
            };
            window.clearInterval(countdown);
            tick();
            countdown = window.setInterval(tick, 1000);
            return;
          }
          if (e instanceof ApiError && e.status === 401) {
            showError(e.problem.detail || 'Wrong username or password.');
          } else if (e instanceof ApiError) {
            showError(e.problem.detail || e.problem.title);
          } else {
            showError('Sign-in failed unexpectedly.');
          }
          password.focus();
        }
        submit.disabled = false;
        submit.textContent = 'Sign in';
      });

      main.append(
        h(
          'div',
          { class: 'login-panel' },
          h('h1', { tabindex: '-1' }, 'Sign in to Rocta'),
          h('p', { class: 'muted' }, 'Regional organised crime threat assessment. Authorised users only; activity is audited.'),
          form,
        ),
      );
      username.focus();
      return () => window.clearInterval(countdown);
    },
  };
}

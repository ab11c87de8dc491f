// Staff login: username + password → session cookie (HttpOnly) + CSRF token.
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { errorText } from '../ui.mjs';

export function renderLogin(main, { onLogin }) {
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('div', { id: 'login-error', role: 'alert' });
  const form = h('form.card', { id: 'login-form', onsubmit: async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const res = await api.post('/api/staff/login', { username: user.value.trim(), password: pass.value });
      pass.value = '';
      await onLogin(res);
    } catch (err) {
      msg.append(h('p.error', errorText(err)));
      pass.select();
    }
  } },
  h('h1', t('login_title')),
  h('p', h('label', { for: 'login-username' }, t('username')), user),
  h('p', h('label', { for: 'login-password' }, t('password')), pass),
  msg,
  h('button.primary', { type: 'submit' }, t('login')));
  clear(main, form);
  user.focus();
}

// Manager: staff accounts of the clinic, and a new desk account (first password shown once).
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError } from '../ui.mjs';

export async function renderStaff(main) {
  const list = h('div', { id: 'staff-list' }, h('p.muted', t('loading')));
  const username = h('input', { id: 'new-staff-username', autocomplete: 'off', required: true });
  const display = h('input', { id: 'new-staff-name', autocomplete: 'off' });
  const out = h('div', { id: 'staff-created', role: 'status' });
  const form = h('form.card', { onsubmit: async (e) => {
    e.preventDefault();
    try {
      const res = await api.post('/api/admin/staff', { username: username.value.trim(), display_name: display.value.trim() || undefined,
        role: 'desk', clinic_id: state.clinic.id });
      clear(out, h('p.same', t('staff_created', { u: res.staff.username, p: res.password })));
      username.value = ''; display.value = '';
      await load();
    } catch (err) { showError(err, out); }
  } },
  h('h2', t('create_staff')),
  h('div.row', h('div', h('label', { for: 'new-staff-username' }, t('username')), username),
    h('div', h('label', { for: 'new-staff-name' }, t('display_name')), display),
    h('button.primary', { type: 'submit' }, t('create_staff'))), out);
  clear(main, h('h1', t('staff_title')), h('section.card', list), form);

  async function load() {
    try {
      const { staff } = await api.get(api.manager('/staff'));
      clear(list, h('table', h('thead', h('tr', ['ID', t('username'), t('display_name'), t('role'), t('disabled')].map((x) => h('th', x)))),
        h('tbody', staff.map((s) => h('tr', h('td', String(s.id)), h('td', s.username), h('td', s.display_name), h('td', s.role), h('td', s.disabled ? t('yes') : t('no')))))));
    } catch (err) { showError(err, list); }
  }
  await load();
}

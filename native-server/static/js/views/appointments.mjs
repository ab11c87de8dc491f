// Today's appointments at the clinic with check-in and no-show.
import { clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, flash, statusText, clinicOffset } from '../ui.mjs';
import { patientLabel } from '../patients.mjs';

export async function renderAppointments(main) {
  const list = h('div', { id: 'appointments' }, h('p.muted', t('loading')));
  clear(main, h('h1', t('nav_appointments')),
    h('div.row', h('button', { type: 'button', id: 'appointments-reload', onclick: () => load() }, t('reload'))), list);
  const off = clinicOffset();

  async function act(a, what) {
    try {
      await api.post(api.desk(`/appointments/${a.id}/${what}`));
      flash(t(what === 'check-in' ? 'checked_in_ok' : 'no_show_ok'), 'ok');
      await load(a.id);
    } catch (err) { showError(err); }
  }

  async function load(focusId) {
    try {
      const { appointments } = await api.get(api.desk('/appointments'));
      if (appointments.length === 0) { clear(list, h('p.muted', t('no_appointments'))); return; }
      clear(list, h('table', h('thead', h('tr', [t('time'), t('member'), t('patient'), t('doctor'), t('status'), t('actions')].map((x) => h('th', x)))),
        h('tbody', appointments.map((a) => h('tr', { dataset: { appointment: a.id } },
          h('td', clinicTime(a.starts_at_ms, off, false)),
          h('td', a.member ? `${a.member.name || '—'} · ${a.member.phone || '—'}` : '—'),
          h('td.patient', a.patient ? patientLabel(a.patient) : '—'),
          h('td', a.doctor_name || (a.doctor_id ? `#${a.doctor_id}` : '—')),
          h('td.status', statusText(a.status)),
          h('td', a.status === 'booked' ? [
            h('button.primary', { type: 'button', class: 'primary check-in', onclick: () => act(a, 'check-in') }, t('check_in')), ' ',
            h('button', { type: 'button', class: 'no-show', onclick: () => act(a, 'no-show') }, t('no_show'))] : null))))));
      const first = list.querySelector(focusId ? `tr[data-appointment="${focusId}"] button, button.check-in` : 'button.check-in');
      if (first) first.focus();
    } catch (err) { showError(err, list); }
  }
  await load();
}

// Manager: the clinic's audit log, newest first, with "older" paging.
import { clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, clinicOffset } from '../ui.mjs';

export async function renderAudit(main) {
  const off = clinicOffset();
  const body = h('tbody');
  const more = h('button', { type: 'button', id: 'audit-older' }, t('older'));
  const msg = h('div');
  let before = null;
  clear(main, h('h1', t('audit_title')),
    h('table', { id: 'audit-table' }, h('thead', h('tr', [t('time'), t('staff_id'), t('action'), t('target'), t('detail')].map((x) => h('th', x)))), body),
    msg, h('div.row', more));
  more.addEventListener('click', () => load());

  async function load() {
    try {
      const q = before ? `?before=${before}&limit=50` : '?limit=50';
      const { audit } = await api.get(api.manager('/audit' + q));
      for (const a of audit) {
        body.append(h('tr', h('td', clinicTime(a.at_ms, off)), h('td', a.staff_id === null ? '—' : String(a.staff_id)),
          h('td', a.action), h('td', a.target), h('td', h('code', JSON.stringify(a.detail)))));
      }
      if (audit.length) before = audit[audit.length - 1].id;
      more.disabled = audit.length < 50;
    } catch (err) { showError(err, msg); }
  }
  await load();
}

// Refund a confirmed visit: reverses the member's points, restores coupons and takes back
// the inviter's rebate (server side, visit.refund). Two steps, so a stray Enter cannot refund.
import { formatFen, formatPoints, clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, flash, statusText, clinicOffset } from '../ui.mjs';
import { loadMember } from '../member.mjs';

export function renderRefund(main) {
  const input = h('input.big', { id: 'refund-visit-id', inputmode: 'numeric', autocomplete: 'off',
    value: state.lastVisit && state.lastVisit.status === 'confirmed' ? String(state.lastVisit.id) : '' });
  const step = h('div', { id: 'refund-step' });
  const off = clinicOffset();

  const form = h('form.card', { id: 'refund-form', onsubmit: (e) => { e.preventDefault(); ask(); } },
    h('label', { for: 'refund-visit-id' }, t('visit_id')),
    h('div.row', input, h('button', { type: 'submit' }, t('refund'))), step);

  const recent = state.member && state.member.visits.length
    ? h('section.card', h('h2', `${t('recent_visits')} · ${state.member.member.name || '—'}`),
      h('ul', state.member.visits.map((v) => h('li', `#${v.id} · ${clinicTime(v.at_ms, off)} · ${formatFen(v.payable_fen)} · ${statusText(v.status)} `,
        v.status === 'confirmed' ? h('button.link', { type: 'button', onclick: () => { input.value = String(v.id); ask(); } }, t('refund')) : null))))
    : null;

  clear(main, h('h1', t('refund_title')), form, recent);
  input.focus();

  function ask() {
    const id = parseInt(input.value, 10);
    if (!Number.isSafeInteger(id) || id <= 0) { input.focus(); return; }
    const yes = h('button.danger', { type: 'button', id: 'refund-yes', onclick: () => doRefund(id) }, t('refund_yes'));
    clear(step, h('p', t('refund_confirm', { id })), h('div.row', yes,
      h('button', { type: 'button', onclick: () => { clear(step); input.focus(); } }, t('cancel'))));
    yes.focus();
  }

  async function doRefund(id) {
    try {
      const res = await api.post(api.desk(`/visits/${id}/refund`));
      const reversed = res.entries.reduce((sum, e) => sum + (e.points || 0), 0);
      if (state.lastVisit && state.lastVisit.id === id) state.lastVisit = res.visit;
      flash(t('refunded', { id }), 'ok');
      clear(step, h('div', { id: 'refund-result' }, h('p.same', t('refunded', { id })),
        h('p', `${t('points_reversed')}: `, h('strong', { id: 'refund-points' }, formatPoints(reversed)), ` · ${t('status')}: ${statusText(res.visit.status)}`)));
      if (state.member && state.member.member.id === res.visit.member_id) await loadMember(res.visit.member_id);
      input.value = '';
      input.focus();
    } catch (err) { showError(err, step); }
  }
}

// Member lookup: one field for the scanner (member code + Enter) or a typed phone number
// (sent in a POST body, never in the URL), then the member card.
import { formatFen, formatPoints, clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t, lang } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, statusText, clinicOffset } from '../ui.mjs';
import { loadMember } from '../member.mjs';
import { patientPicker, patientReady, patientLabel } from '../patients.mjs';

export function renderLookup(main, { go }) {
  const input = h('input.big', { id: 'lookup-input', autocomplete: 'off', spellcheck: false, 'aria-describedby': 'lookup-hint' });
  const results = h('div', { id: 'lookup-results' });
  const card = h('div', { id: 'member-card-slot' });
  const form = h('form', { id: 'lookup-form', onsubmit: async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    results.replaceChildren();
    // Digits are a phone number, sent as typed (the server normalises it: normalize_phone);
    // anything else is a scanned member code.
    const body = /^\+?\d[\d\s-]{6,}$/.test(text) ? { phone: text } : { code: text };
    try {
      const { members } = await api.post(api.desk('/members/search'), body);
      input.value = '';
      if (members.length === 0) { clear(results, h('p.error', t('no_member'))); return; }
      if (members.length === 1) { await openCard(members[0].id); return; }
      clear(results, h('p', t('pick_member')), h('ul', members.map((m) =>
        h('li', h('button', { type: 'button', onclick: () => openCard(m.id) }, `${m.name || '—'} · ${m.phone || '—'}`)))));
    } catch (err) {
      showError(err, results);
      input.select();
    }
  } },
  h('label', { for: 'lookup-input' }, t('lookup_label')),
  h('div.row', input, h('button.primary', { type: 'submit' }, t('search'))),
  h('p.hint', { id: 'lookup-hint' }, t('lookup_hint')));

  async function openCard(id) {
    try {
      await loadMember(id);
      clear(results);
      clear(card, memberCard(go));
    } catch (err) { showError(err, results); }
  }

  clear(main, h('h1', t('nav_lookup')), h('div.card', form, results), card);
  if (state.member) clear(card, memberCard(go));
  input.focus();
}

function memberCard(go) {
  const ctx = state.member;
  const m = ctx.member;
  const b = ctx.balance;
  const off = clinicOffset();
  const tierName = b.tier ? (b.tier.name || b.tier.id) : '—';
  const invite = ctx.invite.invited ? (ctx.invite.first_paid_visit ? t('invited_first') : t('invited_done')) : t('not_invited');
  const couponName = (c) => (lang() === 'en' ? c.name_en : c.name_zh) || c.catalogue_id;
  const start = h('button.primary', { id: 'start-visit', type: 'button', disabled: !patientReady(), onclick: () => go('visit') }, t('new_visit'));
  return h('section.card', { id: 'member-card', 'aria-label': t('member_card'), dataset: { memberId: m.id } },
    h('h2', `${t('member_card')} · ${m.name || '—'} · ${m.phone || '—'}`),
    h('h2', t('patients')),
    patientPicker(() => { start.disabled = !patientReady(); }),
    h('div.figures',
      figure(t('available'), formatPoints(b.available), 'main', 'card-available'),
      figure(t('pending'), formatPoints(b.pending), '', 'card-pending'),
      figure(t('expiring', { d: b.expiring ? b.expiring.within_days : 30 }), formatPoints(b.expiring ? b.expiring.points : 0), '', 'card-expiring'),
      figure(t('tier'), tierName, '', 'card-tier'),
      b.credit_fen ? figure(t('credit'), formatFen(b.credit_fen), '', 'card-credit') : null),
    h('p', h('strong', `${t('invite')}: `), h('span', { id: 'card-invite' }, invite)),
    h('h2', t('coupons')),
    ctx.coupons.length === 0 ? h('p.muted', t('no_coupons'))
      : h('ul', { id: 'card-coupons' }, ctx.coupons.map((c) => h('li', h('code', c.code), ' ', couponName(c), ' · ', t('valid_to'), ' ', clinicTime(c.valid_to_ms, off)))),
    h('h2', t('today_appt')),
    ctx.appointments_today.length === 0 ? h('p.muted', t('no_appt'))
      : h('ul', ctx.appointments_today.map((a) => h('li', clinicTime(a.starts_at_ms, off, false), ' · ', statusText(a.status),
        a.patient ? ` · ${t('patient')}: ${patientLabel(a.patient)}` : ''))),
    h('h2', t('recent_visits')),
    ctx.visits.length === 0 ? h('p.muted', t('no_visits'))
      : h('ul', ctx.visits.slice(0, 5).map((v) => h('li', `#${v.id} · ${clinicTime(v.at_ms, off)} · ${formatFen(v.payable_fen)} · ${statusText(v.status)}`))),
    h('div.row', start));
}

function figure(label, value, cls, id) {
  return h(`div.figure${cls ? '.' + cls : ''}`, h('div.k', label), h('div.v', { id }, value));
}

// New visit: cart from the clinic catalogue (rx marked), the member's coupons, the live
// preview computed here by core.wasm on every change, then confirm (the server decides;
// any difference between the preview and the server's answer is listed, never hidden).
import { formatFen, formatPoints, clinicDate, clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t, lang } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, errorText, flash, clinicOffset } from '../ui.mjs';
import { coreReady } from '../core.mjs';
import { loadMember, serverNow } from '../member.mjs';
import { previewVisit, rebateOf, compareFigures, figures } from '../preview.mjs';
import { currentPatient, patientReady, patientLabel } from '../patients.mjs';

function visitRef() {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  const d = clinicDate(serverNow(), clinicOffset()).iso.replace(/-/g, '');
  return `D${d}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function rebateText(price) {
  const r = rebateOf(price);
  if (!r.amount) return t('rebate_none');
  return r.unit === 'fen' ? formatFen(r.amount) : t('rebate_points', { n: formatPoints(r.amount) });
}

export function renderVisit(main, { go }) {
  if (!state.member) {
    clear(main, h('h1', t('nav_visit')), h('p', t('need_member')),
      h('button.primary', { type: 'button', id: 'goto-lookup', onclick: () => go('lookup') }, t('nav_lookup')));
    main.querySelector('button').focus();
    return;
  }
  if (!patientReady()) {
    clear(main, h('h1', t('nav_visit')), h('p', { id: 'need-patient' }, t('pick_patient_first')),
      h('button.primary', { type: 'button', id: 'goto-lookup', onclick: () => go('lookup') }, t('nav_lookup')));
    main.querySelector('button').focus();
    return;
  }
  const ctx = state.member;
  const patient = currentPatient();
  const cart = new Map();
  const chosen = new Set();
  const off = clinicOffset();
  let last = null;  // {result, ms} of the latest preview

  const panel = h('section.card', { id: 'preview', 'aria-live': 'polite' });
  const outcome = h('div', { id: 'visit-outcome' });
  const confirmBtn = h('button.primary', { id: 'confirm-visit', type: 'button', onclick: () => confirmVisit() }, t('confirm_visit'));

  const catalogueRows = ctx.catalogue.map((item) => {
    const box = h('input', { type: 'checkbox', id: `sku-${item.sku}`, dataset: { sku: item.sku } });
    const qty = h('input', { type: 'number', min: '1', max: '1000', value: '1', 'aria-label': `${t('qty')} ${item.sku}`, dataset: { qty: item.sku } });
    const sync = () => {
      const n = Math.max(1, Math.min(1000, parseInt(qty.value, 10) || 1));
      if (box.checked) cart.set(item.sku, n); else cart.delete(item.sku);
      update();
    };
    box.addEventListener('change', sync);
    qty.addEventListener('input', () => { if (!box.checked) box.checked = true; sync(); });
    return h('div.cart-item', box,
      h('label', { for: box.id }, lang() === 'en' ? item.name_en : item.name, ' ', item.rx ? h('span.badge.rx', { title: t('rx_note') }, t('rx')) : null),
      h('span.num', formatFen(item.amount_fen)), qty);
  });

  const couponRows = ctx.coupons.map((c) => {
    const box = h('input', { type: 'checkbox', id: `coupon-${c.code}`, dataset: { coupon: c.code } });
    box.addEventListener('change', () => { if (box.checked) chosen.add(c.code); else chosen.delete(c.code); update(); });
    return h('div', box, ' ', h('label', { for: box.id, class: 'inline' }, h('code', c.code), ' ', lang() === 'en' ? c.name_en : c.name_zh));
  });

  clear(main, h('h1', `${t('nav_visit')} · ${ctx.member.name || '—'} · ${ctx.member.phone || '—'}`),
    patient ? h('p', { id: 'visit-patient' }, h('strong', `${t('seeing')}: `), patientLabel(patient)) : null,
    h('div.cols',
      h('div',
        h('section.card', h('h2', t('catalogue')), h('p.hint', t('rx_note')), catalogueRows),
        h('section.card', h('h2', t('coupons')), couponRows.length ? couponRows : h('p.muted', t('no_coupons')))),
      h('div', panel, h('div.row', confirmBtn), outcome)));

  main.onkeydown = (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); confirmVisit(); } };
  update();
  if (!coreReady()) document.addEventListener('core-ready', update, { once: true });
  const firstBox = main.querySelector('input[type=checkbox]');
  if (firstBox) firstBox.focus();

  function update() {
    if (!coreReady()) { clear(panel, h('h2', t('preview')), h('p.muted', t('core_loading'))); return; }
    if (cart.size === 0) { last = null; clear(panel, h('h2', t('preview')), h('p.muted', t('empty_cart'))); confirmBtn.disabled = true; return; }
    try {
      last = previewVisit(ctx, cart, chosen, serverNow());
    } catch (err) {
      last = null;
      clear(panel, h('h2', t('preview')), h('p.error', errorText(err)));
      confirmBtn.disabled = true;
      return;
    }
    confirmBtn.disabled = false;
    const p = last.result;
    clear(panel, h('h2', t('preview')),
      h('div.figures',
        fig(t('payable'), formatFen(p.payable_fen), 'main', 'pv-payable'),
        fig(t('total'), formatFen(p.total_fen), '', 'pv-total'),
        fig(t('discount'), formatFen(p.discount_fen), '', 'pv-discount'),
        fig(t('points_to_earn'), formatPoints(p.points.points), '', 'pv-points'),
        fig(t('rebate'), rebateText(p), '', 'pv-rebate'),
        fig(t('eligible'), formatFen(p.eligible_fen), '', 'pv-eligible')),
      p.points.available_at_ms ? h('p.hint', t('pending_until', { d: clinicTime(p.points.available_at_ms, off) })) : null,
      h('table', h('thead', h('tr', h('th', t('line')), h('th.num', t('qty')), h('th.num', t('line_total')), h('th.num', t('discount')), h('th.num', t('payable')))),
        h('tbody', p.lines.map((l) => h('tr', h('td', l.name, ' ', l.rx ? h('span.badge.rx', t('rx')) : null), h('td.num', String(l.qty)),
          h('td.num', formatFen(l.total_fen)), h('td.num', formatFen(l.discount_fen)), h('td.num', formatFen(l.payable_fen)))))),
      p.discounts.length ? h('ul', p.discounts.map((d) => h('li', `${t('src_' + d.source)}${d.code ? ' ' + d.code : ''}: ${d.applied ? formatFen(d.amount_fen) : (d.reason && d.reason.message) || '—'}`))) : null,
      h('p.hint', { id: 'pv-ms' }, t('computed_in', { ms: last.ms.toFixed(1) })));
  }

  async function confirmVisit() {
    if (!last || confirmBtn.disabled) return;
    confirmBtn.disabled = true;
    const preview = last.result;
    const body = { member_id: ctx.member.id, visit_ref: visitRef(), paid: true,
      items: [...cart].map(([sku, qty]) => ({ sku, qty })), coupon_codes: [...chosen] };
    if (patient) body.patient_id = patient.id;
    try {
      const res = await api.post(api.desk('/visits'), body);
      state.lastVisit = res.visit;
      const diffs = compareFigures(preview, res.price);
      // What was actually credited, against what the preview said would be.
      const credited = res.points.points;
      if (credited !== figures(preview).points) diffs.push({ key: 'points credited', preview: figures(preview).points, server: credited });
      const settled = res.referral && res.referral.rewarded ? res.referral.amount : 0;
      if (res.referral && 'rewarded' in res.referral && (settled !== rebateOf(preview).amount)) {
        diffs.push({ key: 'rebate settled', preview: rebateOf(preview).amount, server: settled });
      }
      flash(t('confirmed', { id: res.visit.id }), 'ok');
      clear(outcome, h('section.card', { id: 'visit-result', dataset: { visitId: res.visit.id, diffs: diffs.length } },
        h('h2', `${t('server_result')} · ${t('visit_id')} #${res.visit.id}`),
        h('div.figures',
          fig(t('payable'), formatFen(res.price.payable_fen), 'main', 'sv-payable'),
          fig(t('discount'), formatFen(res.price.discount_fen), '', 'sv-discount'),
          fig(t('points_to_earn'), formatPoints(credited), '', 'sv-points'),
          fig(t('rebate'), rebateText(res.price), '', 'sv-rebate')),
        diffs.length === 0 ? h('p.same', { id: 'preview-match' }, t('match'))
          : h('div', { id: 'preview-mismatch' }, h('p.diff', t('mismatch')),
            h('table', h('thead', h('tr', h('th', t('field')), h('th.num', t('preview_result')), h('th.num', t('server_result')))),
              h('tbody', diffs.map((d) => h('tr', { dataset: { key: d.key } }, h('td', diffLabel(d.key)),
                h('td.num', diffValue(d.key, d.preview, preview)), h('td.num.diff', diffValue(d.key, d.server, res.price))))))),
        h('div.row', h('button', { type: 'button', id: 'refund-this', onclick: () => go('refund') }, `${t('refund')} #${res.visit.id}`))));
      // This cart is done: the card's figures are stale until the member is loaded again.
      for (const input of main.querySelectorAll('.cols input')) input.disabled = true;
      await loadMember(ctx.member.id);
      outcome.querySelector('#refund-this').focus();
    } catch (err) {
      showError(err, outcome);
      confirmBtn.disabled = false;
    }
  }
}

// A compared figure's label and value as the desk reads them (keys from preview.mjs).
const diffLabels = { total_fen: 'total', discount_fen: 'discount', payable_fen: 'payable', eligible_fen: 'eligible', rx_fen: 'rx',
  points: 'points_to_earn', rebate: 'rebate', 'points credited': 'points_credited', 'rebate settled': 'rebate_settled' };
function diffLabel(key) {
  const line = /^line (\S+) payable_fen$/.exec(key);
  return line ? `${line[1]} · ${t('payable')}` : t(diffLabels[key] || key);
}
function diffValue(key, value, price) {
  if (typeof value !== 'number') return '—';
  if (key.endsWith('_fen')) return formatFen(value);
  if (key.startsWith('rebate')) return rebateOf(price).unit === 'points' ? formatPoints(value) : formatFen(value);
  return formatPoints(value);
}

function fig(label, value, cls, id) {
  return h(`div.figure${cls ? '.' + cls : ''}`, h('div.k', label), h('div.v', { id }, value));
}

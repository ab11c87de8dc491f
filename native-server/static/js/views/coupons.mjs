// Coupon verify (coupon.validate on the server) and consume (mark used outside a visit).
import { formatFen, clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t, lang } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, flash, statusText, clinicOffset } from '../ui.mjs';

export function renderCoupons(main) {
  const input = h('input.big', { id: 'coupon-code', autocomplete: 'off', spellcheck: false });
  const out = h('div', { id: 'coupon-result', 'aria-live': 'polite' });
  const off = clinicOffset();
  const form = h('form.card', { id: 'coupon-form', onsubmit: async (e) => {
    e.preventDefault();
    const code = input.value.trim();
    if (!code) return;
    try {
      let res = await api.post(api.desk('/coupons/verify'), { code });
      // A free-service coupon is worth its service: verify it against that one item.
      const b = res.coupon.benefit || {};
      if (!res.valid && res.coupon.status === 'issued' && b.kind === 'free_service' && b.sku) {
        res = await api.post(api.desk('/coupons/verify'), { code, items: [{ sku: b.sku, qty: 1 }] });
      }
      const c = res.coupon;
      const consume = h('button.primary', { type: 'button', id: 'coupon-consume', onclick: async () => {
        try {
          await api.post(api.desk('/coupons/consume'), { code });
          flash(t('coupon_consumed', { c: code }), 'ok');
          clear(out, h('p.same', { id: 'coupon-consumed' }, t('coupon_consumed', { c: code })));
          input.value = '';
          input.focus();
        } catch (err) { showError(err, out); }
      } }, t('consume'));
      clear(out, h('section.card',
        h('h2', h('code', c.code), ' ', lang() === 'en' ? c.name_en : c.name_zh),
        res.valid ? h('p.same', { id: 'coupon-valid' }, t('coupon_valid', { d: formatFen(res.discount_fen || 0) }))
          : h('p.diff', { id: 'coupon-invalid' }, t('coupon_invalid', { r: res.reason ? res.reason.message : c.status })),
        h('p', `${t('member')}: ${res.member.name || '—'} · ${res.member.phone || '—'}`),
        h('p', `${t('status')}: ${statusText(c.status)} · ${t('valid_to')} ${clinicTime(c.valid_to_ms, off)}`),
        res.valid ? h('div.row', consume) : null));
      if (res.valid) consume.focus();
    } catch (err) { showError(err, out); input.select(); }
  } },
  h('label', { for: 'coupon-code' }, t('coupon_code')),
  h('div.row', input, h('button', { type: 'submit' }, t('verify'))));
  clear(main, h('h1', t('nav_coupons')), form, out);
  input.focus();
}

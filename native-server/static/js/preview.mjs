// The browser's visit.price: the same request the server builds (context inputs + the
// cart in the core's form + the chosen coupons + the server's clock), run in core.wasm.
// figures() picks the numbers the desk and the patient care about, compareFigures()
// lists every one where the browser and the server disagree.
import { callCore } from './core.mjs';
import { lang } from './i18n.mjs';

export function priceRequest(ctx, cart, couponCodes, atMs) {
  const items = [];
  for (const item of ctx.catalogue) {
    const qty = cart.get(item.sku) || 0;
    if (qty > 0) items.push({ sku: item.sku, name: item.name, amount_fen: item.amount_fen, qty, rx: item.rx });
  }
  const coupons = ctx.coupons.filter((c) => couponCodes.has(c.code));
  const req = { op: 'visit.price', lang: lang() === 'en' ? 'en' : 'zh-CN', rules: ctx.price.rules, items, coupons, at_ms: atMs, account: ctx.price.account };
  if (ctx.price.invitee_discount) req.invitee_discount = ctx.price.invitee_discount;
  if (ctx.price.referral) req.referral = ctx.price.referral;
  return req;
}

export function previewVisit(ctx, cart, couponCodes, atMs) {
  const started = performance.now();
  const result = callCore(priceRequest(ctx, cart, couponCodes, atMs));
  return { result, ms: performance.now() - started };
}

// Rebate to the inviter as {unit, amount} (points or fen), 0 when none.
export function rebateOf(price) {
  const r = (price.rebates || [])[0];
  return r ? { unit: r.unit, amount: r.amount } : { unit: null, amount: 0 };
}

export function figures(price) {
  const out = {
    total_fen: price.total_fen, discount_fen: price.discount_fen, payable_fen: price.payable_fen,
    eligible_fen: price.eligible_fen, rx_fen: price.rx_fen, points: price.points ? price.points.points : 0,
    rebate: rebateOf(price).amount,
  };
  for (const line of price.lines || []) out[`line ${line.sku} payable_fen`] = line.payable_fen;
  return out;
}

export function compareFigures(preview, server) {
  const a = figures(preview);
  const b = figures(server);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => a[k] !== b[k]).map((k) => ({ key: k, preview: a[k], server: b[k] }));
}

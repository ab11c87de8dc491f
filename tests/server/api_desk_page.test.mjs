// The routes added for the front-desk page: POST …/members/search (code or phone in the
// body, masked answers, CSRF like every staff POST) and GET …/members/:id/context (the
// member card + the visit.price inputs). The context's inputs, run through the core
// (here the stateless /api/core, in the page core.wasm), price a cart exactly as the
// server's own preview does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Patient, Desk, request } from './api_helpers.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

const figures = (p) => ({
  total_fen: p.total_fen, discount_fen: p.discount_fen, payable_fen: p.payable_fen, eligible_fen: p.eligible_fen,
  rx_fen: p.rx_fen, points: p.points.points, lines: p.lines, discounts: p.discounts,
  rebates: p.rebates.map((r) => ({ inviter_id: r.inviter_id, unit: r.unit, amount: r.amount })),
});

test('member search keeps PII out of the URL; the context prices a cart as the server does', async () => {
  const url = stack.srv.url;
  const a = await Patient.login(url, 'page-alice');
  await a.post('/api/v1/me/phone', { code: 'phone-13912345678' });
  const invite = (await a.get('/api/v1/invite')).body;
  const b = await Patient.login(url, 'page-bob', { invite_code: invite.code });
  const desk = await Desk.login(url, stack.dir, 'desk');

  // Search by phone (body) and by member code; masked; CSRF required.
  const byPhone = await desk.post('/members/search', { phone: '13912345678' });
  assert.equal(byPhone.status, 200, JSON.stringify(byPhone.body));
  assert.deepEqual(byPhone.body.members.map((m) => m.id), [a.id]);
  assert.equal(byPhone.body.members[0].phone, '139****5678');
  const code = (await b.get('/api/v1/member-code')).body.code;
  const byCode = await desk.post('/members/search', { code });
  assert.deepEqual(byCode.body.members.map((m) => m.id), [b.id]);
  const noCsrf = await request(url, 'POST', desk.path('/members/search'), { body: { code }, headers: { cookie: desk.cookie } });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.body.error.code, 'csrf_failed');
  const both = await desk.post('/members/search', { code, phone: '13912345678' });
  assert.equal(both.status, 400);
  const nobody = await desk.post('/members/search', { phone: '13000000000' });
  assert.deepEqual(nobody.body.members, []);

  // The inviter has history of her own (a visit the desk confirmed).
  const aliceVisit = await desk.post('/visits',
    { member_id: a.id, visit_ref: 'ALICE-PRIVATE-7', paid: true, items: [{ sku: 'SVC-CONSULT', qty: 1 }] });
  assert.equal(aliceVisit.status, 201, JSON.stringify(aliceVisit.body));

  // B's context: invited, first paid visit → invitee discount + referral block.
  const ctx = await desk.get(`/members/${b.id}/context`);
  assert.equal(ctx.status, 200, JSON.stringify(ctx.body));
  const c = ctx.body;
  assert.equal(c.member.id, b.id);
  assert.equal(c.invite.invited, true);
  assert.equal(c.invite.first_paid_visit, true);
  assert.equal(c.balance.available, 100);
  assert.ok(c.price.invitee_discount && c.price.referral, 'referral inputs on the first paid visit');
  // The member's own account, never a ledger; the inviter only as the rebate figures.
  assert.equal(c.price.ledger, undefined);
  assert.equal(c.price.account.schema, 'member_account');
  const inviter = c.price.referral.inviter;
  assert.deepEqual(Object.keys(inviter).sort(), ['figures', 'member_id', 'staff']);
  assert.deepEqual(Object.keys(inviter.figures).sort(),
    ['at_ms', 'campaign_id', 'campaign_month_used', 'referral_success', 'tier_index']);
  // No entry of another member (the inviter's ledger: ids and event ids) anywhere in the answer.
  const bobIds = new Set((await b.get('/api/v1/points/ledger?limit=200')).body.entries.map((e) => e.entry.id));
  const aliceLedger = (await a.get('/api/v1/points/ledger?limit=200')).body.entries.map((e) => e.entry)
    .filter((e) => !bobIds.has(e.id));  // "register#1" is everyone's
  assert.ok(aliceLedger.some((e) => e.event_id.includes('ALICE-PRIVATE-7')));
  const text = JSON.stringify(c);
  assert.equal(text.includes('ALICE-PRIVATE'), false);
  for (const e of aliceLedger) {
    assert.equal(text.includes(e.id), false, `the inviter's entry ${e.id} leaked into the context`);
    assert.equal(text.includes(e.event_id), false, `the inviter's event ${e.event_id} leaked into the context`);
  }
  assert.equal(c.price.rules.schema, 'points_rules');
  assert.ok(c.catalogue.some((i) => i.rx) && c.catalogue.some((i) => !i.rx));
  assert.equal(typeof c.now_ms, 'number');
  assert.equal(JSON.stringify(c).includes('openid'), false);

  const cart = [{ sku: 'SVC-CONSULT', qty: 2 }, { sku: 'RX-AMOXICILLIN', qty: 1 }];
  const items = cart.map(({ sku, qty }) => {
    const i = c.catalogue.find((x) => x.sku === sku);
    return { sku, name: i.name, amount_fen: i.amount_fen, qty, rx: i.rx };
  });
  const browserSide = await request(url, 'POST', '/api/core', {
    body: { op: 'visit.price', v: 1, rules: c.price.rules, account: c.price.account, items, coupons: [], at_ms: c.now_ms,
      invitee_discount: c.price.invitee_discount, referral: c.price.referral },
  });
  assert.equal(browserSide.status, 200, JSON.stringify(browserSide.body));
  const serverSide = await desk.post('/visits/preview', { member_id: b.id, items: cart });
  assert.equal(serverSide.status, 200, JSON.stringify(serverSide.body));
  assert.deepEqual(figures(browserSide.body.ok), figures(serverSide.body));
  assert.ok(serverSide.body.rebates.length === 1 && serverSide.body.discount_fen > 0);

  // After a paid visit the referral inputs are gone (only the first paid visit carries them).
  const v = await desk.post('/visits', { member_id: b.id, visit_ref: 'PG-1', paid: true, items: cart });
  assert.equal(v.status, 201);
  const after1 = (await desk.get(`/members/${b.id}/context`)).body;
  assert.equal(after1.invite.first_paid_visit, false);
  assert.equal(after1.price.referral, undefined);
  assert.equal(after1.visits[0].id, v.body.visit.id);

  // Scope: unknown member → 404; other clinic → 403.
  assert.equal((await desk.get('/members/999999/context')).status, 404);
  const other = await desk.call('GET', `/api/v1/desk/clinics/2/members/${b.id}/context`);
  assert.equal(other.status, 403);
});

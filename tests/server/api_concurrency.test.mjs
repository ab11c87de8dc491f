// Concurrency over real HTTP: the server serializes every credit, redemption and visit in
// the single writer's transactions, so these hold by construction:
//   100 concurrent redemptions against a balance that covers one → exactly one succeeds;
//   50 concurrent check-ins for one member on one day → one credit;
//   two desks confirming the same visit → one visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Patient, Desk, DAY } from './api_helpers.mjs';
import { sqlite } from './helpers.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

function tally(results) {
  const out = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

test('100 concurrent redemptions against a balance covering one: exactly one succeeds', async () => {
  const p = await Patient.login(stack.srv.url, 'conc-redeem');
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  const v = await desk.post('/visits', { member_id: p.id, visit_ref: 'CONC-R-1', paid: true, items: [{ sku: 'SVC-CHECKUP' }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  stack.setClock(8 * DAY);  // the visit's pending points become available
  try {
    const before = await p.get('/api/v1/points');
    assert.equal(before.body.available, 400);  // 100 register + 300 visit: covers one 300-point coupon
    const results = await Promise.all(Array.from({ length: 100 }, () => p.post('/api/v1/coupons/redeem', { catalogue_id: 'free_bp' })));
    const t = tally(results);
    console.log(`concurrency: redemptions: ${JSON.stringify(t)}`);
    assert.equal(t[201], 1);
    assert.equal(t[422], 99);
    for (const r of results.filter((x) => x.status === 422)) assert.equal(r.body.error.code, 'insufficient_points');
    assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM coupons WHERE member_id = ${p.id}`), '1');
    assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${p.id} AND kind = 'spend'`), '1');
    const after = await p.get('/api/v1/points');
    assert.equal(after.body.available, 100);
  } finally {
    stack.setClock(0);
  }
});

test('50 concurrent check-ins for one member on one day: one credit', async () => {
  const p = await Patient.login(stack.srv.url, 'conc-checkin');
  const results = await Promise.all(Array.from({ length: 50 }, () => p.post('/api/v1/checkin')));
  const t = tally(results);
  const credited = results.filter((r) => r.status === 200 && r.body.points > 0).length;
  console.log(`concurrency: check-ins: ${JSON.stringify(t)}, credited ${credited}`);
  assert.equal(t[200], 50);
  assert.equal(credited, 1);
  assert.equal(sqlite(stack.srv.db,
    `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${p.id} AND json_extract(entry, '$.event_type') = 'daily_checkin' AND points > 0`), '1');
  assert.equal((await p.get('/api/v1/points')).body.available, 105);
});

test('two desks confirming the same visit: one visit', async () => {
  const p = await Patient.login(stack.srv.url, 'conc-visit');
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  const manager = await Desk.login(stack.srv.url, stack.dir, 'manager');
  const cart = { member_id: p.id, visit_ref: 'CONC-V-1', paid: true, items: [{ sku: 'SVC-CONSULT' }, { sku: 'RX-METFORMIN' }] };
  const results = await Promise.all([desk.post('/visits', cart), manager.post('/visits', cart)]);
  const statuses = results.map((r) => r.status).sort();
  console.log(`concurrency: two desks: ${JSON.stringify(statuses)}`);
  assert.deepEqual(statuses, [201, 409]);
  assert.equal(results.find((r) => r.status === 409).body.error.code, 'conflict');
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM visits WHERE visit_ref = 'CONC-V-1'`), '1');
  assert.equal(sqlite(stack.srv.db,
    `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${p.id} AND json_extract(entry, '$.event_type') = 'visit_completed'`), '1');
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'visit.confirm' AND target = 'visit:CONC-V-1'`), '1');
});

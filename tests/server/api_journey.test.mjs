// The end-to-end journey over real HTTP (fake WeChat, the real server, the test-only clock):
// patient A logs in, takes a self-test, has a check-up, checks in 7 days, redeems a coupon;
// patient B registers through A's invite; the desk looks B up by member code and confirms a
// paid visit with one rx and one non-rx item; A's rebate is on the non-rx amount only; the
// desk refunds; everything reverses; each stored ledger replays (points.balance) to the
// balance the API reports. Prints a short transcript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Patient, Desk, finishedTriage, request, DAY, HOUR, localIso, localMidnight, eveningBefore } from './api_helpers.mjs';
import { sqlite, orgRowCheck } from './helpers.mjs';

let stack;
const transcript = [];
const say = (line) => { transcript.push(line); };
before(async () => { stack = await startStack(); });
after(async () => {
  console.log(['journey transcript:', ...transcript.map((l) => `  ${l}`)].join('\n'));
  await stack?.stop();
});

async function replayMatches(member, patient, offset) {
  const rules = sqlite(stack.srv.db, `SELECT document FROM rule_versions WHERE clinic_id = 1 AND kind = 'points' AND active = 1`);
  const rows = sqlite(stack.srv.db, `SELECT entry FROM ledger_entries WHERE member_id = ${member} ORDER BY id`);
  const ledger = rows ? rows.split('\n').map((l) => JSON.parse(l)) : [];
  const api = await patient.get('/api/v1/points');
  // A ledger replay is staff-only on the server (POST /api/staff/core; the public /api/core
  // answers only the phone's bounded previews).
  const staff = await Desk.login(stack.srv.url, stack.dir, 'manager');
  const replay = await staff.call('POST', '/api/staff/core',
    { op: 'points.balance', v: 1, rules, ledger, now_ms: Date.now() + offset });
  assert.equal(replay.status, 200, JSON.stringify(replay.body));
  for (const k of ['available', 'pending', 'debt', 'lifetime_earned', 'credit_fen']) {
    assert.equal(replay.body.ok[k], api.body[k], `member ${member} ${k}: replay ${replay.body.ok[k]} vs API ${api.body[k]}`);
  }
  const stored = Number(sqlite(stack.srv.db, `SELECT COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ${member}`));
  return { entries: ledger.length, stored, balance: api.body };
}

test('journey: self-test, 7-day check-in, coupon, invite, desk visit with rx + non-rx, rebate, refund, replay', async () => {
  const url = stack.srv.url;
  // Day 0: A logs in through the fake WeChat server and takes a self-test with consent.
  const a = await Patient.login(url, 'journey-alice');
  say(`A logged in via fake WeChat: member ${a.id}, created=${a.login.member.created}`);
  await a.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
  const { state, outcome } = await finishedTriage(url, 'sore_throat', { age_years: 34, sex: 'female' });
  const st = await a.post('/api/v1/triage/submit', { state, outcome });
  assert.equal(st.status, 200, JSON.stringify(st.body));
  assert.equal(st.body.points, 10);
  say(`A self-test ${st.body.protocol.id}: level ${st.body.outcome.level}, server agreed, +${st.body.points} points`);

  // Day 0: A has a check-up at the desk (300 yuan → 300 points, pending 7 days).
  let desk = await Desk.login(url, stack.dir, 'desk');
  const aCode = (await a.get('/api/v1/member-code')).body.code;
  const aFound = await desk.get(`/members?code=${encodeURIComponent(aCode)}`);
  assert.equal(aFound.body.members[0].id, a.id);
  const checkup = await desk.post('/visits', { member_id: a.id, visit_ref: 'J-A-1', paid: true, items: [{ sku: 'SVC-CHECKUP' }] });
  assert.equal(checkup.status, 201, JSON.stringify(checkup.body));
  assert.equal(checkup.body.points.points, 300);
  say(`desk confirmed A's check-up: payable ${checkup.body.visit.payable_fen} fen, +300 points pending`);

  // Days 0–6: seven check-ins, one per local day; the 7-day badge on the 7th.
  let last;
  for (let d = 0; d < 7; d++) {
    stack.setClock(d * DAY + 3_600_000);
    last = await a.post('/api/v1/checkin');
    assert.equal(last.status, 200);
    assert.equal(last.body.streak_days, d + 1);
  }
  assert.ok(last.body.badges.some((b) => (b.id ?? b) === 'streak_7'), JSON.stringify(last.body.badges));
  say(`A checked in 7 local days: streak ${last.body.streak_days}, badges ${JSON.stringify(last.body.badges.map((b) => b.id ?? b))}`);

  // Day 8: the visit points are available; A redeems a coupon.
  const day8 = 8 * DAY;
  stack.setClock(day8);
  const balA0 = await a.get('/api/v1/points');
  assert.equal(balA0.body.available, 100 + 10 + 300 + 7 * 5 + 30);
  const red = await a.post('/api/v1/coupons/redeem', { catalogue_id: 'free_bp' });
  assert.equal(red.status, 201, JSON.stringify(red.body));
  const balA1 = await a.get('/api/v1/points');
  assert.equal(balA1.body.available, balA0.body.available - 300);
  say(`A redeemed coupon ${red.body.coupon.code} (free_bp, 300 points): available ${balA0.body.available} → ${balA1.body.available}`);

  // B registers through A's invite.
  const invite = (await a.get('/api/v1/invite')).body;
  const b = await Patient.login(url, 'journey-bob', { invite_code: invite.code });
  assert.equal(b.login.member.created, true);
  assert.equal(b.login.invite.bound, true, JSON.stringify(b.login.invite));
  say(`B registered through ${invite.share_path}: bound to A, benefit ${JSON.stringify(b.login.invite.invitee_benefit)}`);
  const late = await Patient.login(url, 'journey-bob.2', { invite_code: invite.code });
  assert.equal(late.login.invite.bound, false, 'an existing member is never (re)bound');
  const friends = (await a.get('/api/v1/invite')).body.friends;
  assert.equal(friends.length, 1);
  assert.equal(friends[0].visited, false);

  // The desk (a new shift: staff sessions last 12 h) scans B's member code and confirms a
  // paid visit: one non-rx, one rx item.
  desk = await Desk.login(url, stack.dir, 'desk');
  const bCode = (await b.get('/api/v1/member-code')).body.code;
  const bFound = await desk.get(`/members?code=${encodeURIComponent(bCode)}`);
  assert.equal(bFound.body.members[0].id, b.id);
  assert.equal(bFound.body.members[0].invited, true);
  const cart = { member_id: b.id, items: [{ sku: 'SVC-CONSULT' }, { sku: 'RX-AMOXICILLIN' }] };
  const preview = await desk.post('/visits/preview', cart);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM visits WHERE member_id = ${b.id}`), '0', 'preview stores nothing');
  const visit = await desk.post('/visits', { ...cart, visit_ref: 'J-B-1', paid: true });
  assert.equal(visit.status, 201, JSON.stringify(visit.body));
  const price = visit.body.price;
  const rxLine = price.lines.find((l) => l.rx);
  const nonRx = price.lines.find((l) => !l.rx);
  assert.equal(rxLine.discount_fen, 0, 'no discount on the prescription line');
  assert.ok(nonRx.discount_fen > 0, 'the invitee discount applies to the non-rx line');
  assert.equal(price.eligible_fen, nonRx.payable_fen);
  assert.equal(price.payable_fen, nonRx.payable_fen + rxLine.payable_fen);
  assert.equal(visit.body.referral.rewarded, true, JSON.stringify(visit.body.referral));
  assert.equal(visit.body.referral.unit, 'fen');
  assert.equal(visit.body.referral.amount, Math.floor(nonRx.payable_fen * 500 / 10000), 'rebate is 5% of the non-rx amount only');
  assert.equal(visit.body.points.points, Math.floor(nonRx.payable_fen / 100), 'points on the non-rx yuan only');
  say(`desk confirmed B's visit: total ${price.total_fen}, invitee discount ${price.discount_fen}, payable ${price.payable_fen} ` +
      `(rx ${rxLine.payable_fen} + non-rx ${nonRx.payable_fen}); B +${visit.body.points.points} points pending; ` +
      `A rebate ${visit.body.referral.amount} fen (5% of non-rx ${nonRx.payable_fen}) + ${visit.body.referral.bonus_points} points`);
  const balA2 = await a.get('/api/v1/points');
  assert.equal(balA2.body.credit_fen, visit.body.referral.amount);
  assert.equal(balA2.body.available, balA1.body.available + visit.body.referral.bonus_points);
  const friends2 = (await a.get('/api/v1/invite')).body;
  assert.equal(friends2.friends[0].visited, true);
  assert.equal(friends2.rewards.credit_fen, visit.body.referral.amount);
  assert.equal(JSON.stringify(friends2).includes('AMOXICILLIN'), false, 'the inviter never learns what care the friend got');

  // Replays before the refund.
  const pre = [await replayMatches(a.id, a, day8), await replayMatches(b.id, b, day8)];
  say(`replay before refund: A ${pre[0].entries} entries → available ${pre[0].balance.available}, credit ${pre[0].balance.credit_fen} fen; ` +
      `B ${pre[1].entries} entries → pending ${pre[1].balance.pending}`);

  // The desk refunds B's visit: B's points and A's rebate + bonus reverse exactly.
  const refund = await desk.post(`/visits/${visit.body.visit.id}/refund`);
  assert.equal(refund.status, 200, JSON.stringify(refund.body));
  assert.ok(refund.body.inviter_entries.length >= 1);
  const balA3 = await a.get('/api/v1/points');
  const balB3 = await b.get('/api/v1/points');
  assert.equal(balA3.body.credit_fen, 0);
  assert.equal(balA3.body.available, balA1.body.available);
  assert.equal(balB3.body.pending, 0);
  assert.equal(balB3.body.available, 100);
  assert.equal((await desk.post(`/visits/${visit.body.visit.id}/refund`)).status, 409);
  say(`desk refunded B's visit: A credit ${balA2.body.credit_fen} → ${balA3.body.credit_fen} fen, available ${balA2.body.available} → ` +
      `${balA3.body.available}; B pending → ${balB3.body.pending}`);

  const post = [await replayMatches(a.id, a, day8), await replayMatches(b.id, b, day8)];
  say(`replay after refund: A ${post[0].entries} entries (sum ${post[0].stored}) = API available ${post[0].balance.available}; ` +
      `B ${post[1].entries} entries (sum ${post[1].stored}) = API available ${post[1].balance.available}`);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM audit_log WHERE action IN ('visit.confirm','visit.refund')`), '3');
});

// Issue 19: booking → subscribe → evening-before reminder → visit → follow-up message →
// review → review points, with the scheduler run through the test hook (no waiting on time).
test('journey: booking → reminder → visit → follow-up → review → points', async () => {
  const url = stack.srv.url;
  const at = (ms) => stack.setClock(ms - Date.now());
  const run = async () => (await request(url, 'POST', '/api/v1/test/scheduler/run')).body;
  const received = async (user) => (await request(stack.wx.url, 'GET', '/__fake/messages')).body.messages.filter((m) => m.user === user);
  at(Date.now());
  const c = await Patient.login(url, 'journey-carol');
  const templates = (await c.get('/api/v1/subscriptions')).body.templates;
  const id = (kind) => templates.find((t) => t.kind === kind).template_id;
  await c.post('/api/v1/subscriptions', { results: { [id('appointment_reminder')]: 'accept', [id('visit_followup')]: 'accept' } });
  const date = localIso(Date.now() + 3 * DAY);
  const slot = (await c.get(`/api/v1/slots?date=${date}`)).body.slots[2];
  const appt = (await c.post('/api/v1/appointments', { slot_id: slot.id })).body.appointment;
  say(`C subscribed (appointment reminder, follow-up) and booked ${date} slot ${slot.id}`);

  at(eveningBefore(appt.starts_at_ms) + 60_000);
  await run();
  const reminder = await received('journey-carol');
  assert.equal(reminder.length, 1);
  say(`20:00 the evening before: reminder "${reminder[0].data.thing4.value}" for ${reminder[0].data.time2.value} (${reminder[0].data.thing1.value})`);

  at(appt.starts_at_ms + 20 * 60_000);
  const desk = await Desk.login(url, stack.dir, 'desk');
  const visit = await desk.post('/visits', { member_id: c.id, visit_ref: 'J-C-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  assert.equal(visit.status, 201, JSON.stringify(visit.body));
  at(localMidnight(appt.starts_at_ms) + DAY + 10 * HOUR + 60_000);
  await run();
  const followUp = (await received('journey-carol')).filter((m) => m.page.startsWith('pages/review/review'));
  assert.equal(followUp.length, 1);
  assert.equal(followUp[0].page, `pages/review/review?visit_id=${visit.body.visit.id}`);
  say(`next day 10:00: follow-up opens ${followUp[0].page}`);

  const before = (await c.get('/api/v1/points')).body;
  const review = await c.post(`/api/v1/visits/${visit.body.visit.id}/review`, { stars: 5, text: '医生解释得很清楚' });
  assert.equal(review.status, 201, JSON.stringify(review.body));
  const after = (await c.get('/api/v1/points')).body;
  assert.equal(after.available - before.available, review.body.points);
  assert.equal(review.body.points, 20);
  say(`C reviewed (5 stars, WeChat content check pass): +${review.body.points} points, available ${before.available} → ${after.available}`);
  at(Date.now());
});

test('every row the journeys wrote that belongs to an organisation carries its org_id (migration 11)', () => {
  const check = orgRowCheck(stack.srv.db);
  console.log(`org_id: ${JSON.stringify(check)}`);
  for (const [table, [, bad]] of Object.entries(check)) assert.equal(bad, 0, `${table}: ${bad} rows without their org_id`);
  for (const table of ['slots', 'rule_versions', 'visits', 'bookings', 'reviews', 'ledger_entries', 'member_accounts', 'coupons',
    'consents', 'invite_codes', 'referral_bindings', 'triage_results']) assert.ok(check[table][0] > 0, `${table} has rows`);
});

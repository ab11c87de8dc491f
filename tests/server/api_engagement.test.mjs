// Issue 19, bring patients back, over real HTTP against the fake WeChat API: subscribe-
// message answers, reminders written with their cause, the scheduler driven by the test
// clock and the "run now" test hook (never by waiting on time), exactly-once across a
// restart, rejected / refused / cancelled / flaky sends, quiet hours, template validation,
// account deletion, metrics and the manager's message list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Patient, Desk, DAY, HOUR, CLINIC_OFFSET, clinicDate, localIso, localMidnight, eveningBefore, request } from './api_helpers.mjs';
import { startFakeWechat, startServer, tempDir, sqlite, orgRowCheck } from './helpers.mjs';

let wx;
let srv;
let dir;
let clockFile;
// No scheduler thread (interval 0): ticks run only through the test hook, so the counts a
// tick answers are exact. The last test runs the thread itself.
const start = async (interval = 0) => {
  srv = await startServer({ dir, wechatUrl: wx.url, args: [`--test-clock-file=${clockFile}`, `--scheduler-interval-ms=${interval}`] });
};
// Sets the server's clock to `atMs` (an offset from the real clock; a test running late only
// moves it a few ms).
const setNow = (atMs) => writeFileSync(clockFile, String(atMs - Date.now()));
const runScheduler = async () => {
  const r = await request(srv.url, 'POST', '/api/v1/test/scheduler/run');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
const received = async () => (await request(wx.url, 'GET', '/__fake/messages')).body;
// The first clinic-local noon at or after `t`: a time outside the quiet hours (21:30-08:00 in the
// default template document), whenever the suite runs.
const noonFrom = (t) => {
  const noon = localMidnight(t) + 12 * HOUR;
  return noon >= t ? noon : noon + DAY;
};

before(async () => {
  wx = await startFakeWechat();
  dir = tempDir('clinic-engagement-');
  clockFile = join(dir, 'clock');
  writeFileSync(clockFile, '0');
  await start();
});
after(async () => {
  await srv?.stop();
  await wx?.stop();
});

// Books the k-th slot of the first doctor three local days ahead (its evening-before is in the future).
async function book(p, k) {
  const date = localIso(Date.now() + 3 * DAY);
  const slots = await p.get(`/api/v1/slots?date=${date}`);
  assert.equal(slots.status, 200, JSON.stringify(slots.body));
  const r = await p.post('/api/v1/appointments', { slot_id: slots.body.slots[k].id });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.appointment;
}

async function subscribe(p, kind, answer) {
  const t = await p.get('/api/v1/subscriptions');
  assert.equal(t.status, 200);
  const tmpl = t.body.templates.find((x) => x.kind === kind);
  assert.ok(tmpl, `a template for ${kind}`);
  const r = await p.post('/api/v1/subscriptions', { results: { [tmpl.template_id]: answer } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return tmpl.template_id;
}

test('answers are validated and recorded per template; one accept is one message', async () => {
  const p = await Patient.login(srv.url, 'sub-check');
  const bad = await p.post('/api/v1/subscriptions', { results: { 'no-such-template': 'accept' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, '$.results.no-such-template');
  const t = await p.get('/api/v1/subscriptions');
  const id = t.body.templates.find((x) => x.kind === 'appointment_reminder').template_id;
  const wrong = await p.post('/api/v1/subscriptions', { results: { [id]: 'yes' } });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, `$.results.${id}`);
  assert.equal((await p.post('/api/v1/subscriptions', {})).body.error.field, '$.results');
  await p.post('/api/v1/subscriptions', { results: { [id]: 'accept' } });
  const two = await p.post('/api/v1/subscriptions', { results: { [id]: 'accept' } });
  assert.equal(two.body.subscriptions.find((s) => s.template_id === id).unused_accepts, 2);
  const banned = await p.post('/api/v1/subscriptions', { results: { [id]: 'ban' } });
  assert.equal(banned.body.subscriptions.find((s) => s.template_id === id).unused_accepts, 0, 'a ban voids accepts');
});

test('template documents are validated with the JSON path of the error', async () => {
  const m = await Desk.login(srv.url, dir, 'manager');
  const mp = (p) => `/api/v1/manager/clinics/${m.clinic}${p}`;
  const cur = await m.call('GET', mp('/message-templates'));
  assert.equal(cur.status, 200);
  const doc = structuredClone(cur.body.document);
  doc.templates[1].fields.thing9 = 'no_such_variable';
  const r = await m.call('PUT', mp('/message-templates'), doc);
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'invalid_rules');
  assert.equal(r.body.error.field, '$.templates[1].fields.thing9');
  const doc2 = structuredClone(cur.body.document);
  doc2.quiet_hours.from = '25:00';
  assert.equal((await m.call('PUT', mp('/message-templates'), doc2)).body.error.field, '$.quiet_hours.from');
  const doc3 = structuredClone(cur.body.document);
  doc3.templates[0].page = 'https://example.com';
  assert.equal((await m.call('PUT', mp('/message-templates'), doc3)).body.error.field, '$.templates[0].page');
  const same = await m.call('PUT', mp('/message-templates'), cur.body.document);
  assert.equal(same.status, 200, 'the valid document is accepted');
});

test('reminders: sent once across a restart; reject, refused, cancelled, flaky, quiet hours, deletion', async () => {
  const alice = await Patient.login(srv.url, 'alice.1');
  const bob = await Patient.login(srv.url, 'bob.1');
  const refuser = await Patient.login(srv.url, 'refuse.1');
  const carol = await Patient.login(srv.url, 'carol.1');
  const flaky = await Patient.login(srv.url, 'flaky.1');
  const dave = await Patient.login(srv.url, 'dave.1');
  await subscribe(alice, 'appointment_reminder', 'accept');
  await subscribe(bob, 'appointment_reminder', 'reject');
  await subscribe(refuser, 'appointment_reminder', 'accept');
  await subscribe(carol, 'appointment_reminder', 'accept');
  await subscribe(flaky, 'appointment_reminder', 'accept');
  await subscribe(dave, 'appointment_reminder', 'accept');
  const a = await book(alice, 0);
  await book(bob, 1);
  await book(refuser, 2);
  const c = await book(carol, 3);
  await book(flaky, 4);
  await book(dave, 5);
  const cancel = await carol.post(`/api/v1/appointments/${c.id}/cancel`);
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
  const del = await dave.call('DELETE', '/api/v1/me');
  assert.equal(del.status, 200);
  assert.equal(sqlite(srv.db, `SELECT COUNT(*) FROM outbox WHERE member_id = ${dave.id}`), '0', 'deleted account: no rows');
  assert.equal(sqlite(srv.db, `SELECT COUNT(*) FROM subscriptions WHERE member_id = ${dave.id}`), '0');
  assert.equal(sqlite(srv.db, `SELECT status FROM outbox WHERE member_id = ${carol.id} ORDER BY id`), 'cancelled\ncancelled');
  const alicesRows = sqlite(srv.db, `SELECT due_at_ms FROM outbox WHERE member_id = ${alice.id} ORDER BY due_at_ms`);
  assert.deepEqual(alicesRows.split('\n').map(Number), [eveningBefore(a.starts_at_ms), a.starts_at_ms - 2 * HOUR]);

  const evening = eveningBefore(a.starts_at_ms);
  setNow(evening - HOUR);
  await runScheduler();
  assert.equal((await received()).messages.length, 0, 'nothing is due an hour before');

  // A restart between the booking and the reminder.
  await srv.stop();
  await start();
  setNow(evening + 60_000);
  const first = await runScheduler();
  let got = await received();
  const toAlice = got.messages.filter((m) => m.user === 'alice');
  assert.equal(toAlice.length, 1, JSON.stringify(got));
  assert.equal(toAlice[0].page, 'pages/appointments/appointments');
  assert.equal(toAlice[0].data.thing4.value, '明天就诊，请按时到诊');
  assert.match(toAlice[0].data.time2.value, /^\d{4}-\d\d-\d\d 09:00$/);
  assert.equal(got.messages.filter((m) => m.user === 'bob').length, 0, 'a member who rejected gets nothing');
  assert.equal(got.messages.filter((m) => m.user === 'carol').length, 0, 'a cancelled appointment sends nothing');
  assert.equal(got.attempts.filter((m) => m.user === 'refuse').map((m) => m.errcode).join(), '43101');
  assert.equal(got.attempts.filter((m) => m.user === 'flaky').map((m) => m.errcode).join(), '-1');
  assert.ok(first.sent >= 1 && first.failed >= 1 && first.retried >= 1 && first.skipped >= 1, JSON.stringify(first));
  assert.match(sqlite(srv.db, `SELECT status || ' ' || last_error FROM outbox WHERE member_id = ${refuser.id} ORDER BY id LIMIT 1`),
    /^failed errcode 43101/);
  assert.equal(sqlite(srv.db, `SELECT status || ' ' || last_error FROM outbox WHERE member_id = ${bob.id} ORDER BY id LIMIT 1`),
    'skipped no_subscription');

  // Again, and across another restart: nothing twice; the flaky send goes out after its backoff.
  await runScheduler();
  await srv.stop();
  await start();
  setNow(evening + 3 * 60_000);
  const again = await runScheduler();
  assert.equal(again.sent, 1, `only the flaky retry: ${JSON.stringify(again)}`);
  got = await received();
  assert.equal(got.messages.filter((m) => m.user === 'alice').length, 1, 'exactly once');
  assert.equal(got.messages.filter((m) => m.user === 'flaky').length, 1);
  assert.equal(got.attempts.filter((m) => m.user === 'refuse').length, 1, 'a refused send is final');

  // 2 h before a 09:00 start is 07:00, inside the quiet hours: moved to 08:00; then alice has
  // no unused accept left (one accept = one message), so it is skipped.
  setNow(a.starts_at_ms - 2 * HOUR + 60_000);
  const quiet = await runScheduler();
  assert.ok(quiet.deferred >= 1, JSON.stringify(quiet));
  setNow(a.starts_at_ms - HOUR + 60_000);
  await runScheduler();
  assert.equal((await received()).messages.filter((m) => m.user === 'alice').length, 1);
  assert.equal(sqlite(srv.db, `SELECT status || ' ' || last_error FROM outbox WHERE member_id = ${alice.id} ORDER BY id`),
    'sent \nskipped no_subscription');

  const m = await Desk.login(srv.url, dir, 'manager');
  const list = await m.call('GET', `/api/v1/manager/clinics/${m.clinic}/messages`);
  assert.equal(list.status, 200);
  assert.ok(list.body.messages.some((x) => x.member_id === alice.id && x.status === 'sent'));
  const failures = await m.call('GET', `/api/v1/manager/clinics/${m.clinic}/messages?failures=1`);
  assert.deepEqual(failures.body.messages.map((x) => x.member_id), [refuser.id]);
  const desk = await Desk.login(srv.url, dir, 'desk');
  assert.equal((await desk.call('GET', `/api/v1/manager/clinics/${m.clinic}/messages`)).status, 403);

  const metrics = await (await fetch(`${srv.url}/metrics`)).text();
  // Counters of this process (since the last restart): the flaky retry, the quiet-hours moves, the skips.
  assert.match(metrics, /clinic_messages_total\{kind="appointment_reminder",outcome="sent"\} 1\n/);
  assert.match(metrics, /clinic_messages_total\{kind="appointment_reminder",outcome="deferred"\} [1-9]/);
  assert.match(metrics, /clinic_messages_total\{kind="appointment_reminder",outcome="skipped"\} [1-9]/);
  setNow(Date.now());
});

test('visit → follow-up message → review (content check, once, 14 days, points, caps) → manager view', async () => {
  const p = await Patient.login(srv.url, 'reviewer.1');
  const other = await Patient.login(srv.url, 'nosy.1');
  await subscribe(p, 'visit_followup', 'accept');
  const appt = await book(p, 6);
  setNow(appt.starts_at_ms + 10 * 60_000);
  // Staff log in at the clinic's "now" (their sessions last 12 h of the test clock).
  let desk = await Desk.login(srv.url, dir, 'desk');
  let m = await Desk.login(srv.url, dir, 'manager');
  const confirm = async (ref) => {
    const v = await desk.post('/visits', { member_id: p.id, visit_ref: ref, paid: true, items: [{ sku: 'SVC-CONSULT' }] });
    assert.equal(v.status, 201, JSON.stringify(v.body));
    return v.body.visit.id;
  };
  const visit = await confirm('REV-1');
  const followupDue = Number(sqlite(srv.db, `SELECT due_at_ms FROM outbox WHERE member_id = ${p.id} AND kind = 'visit_followup'`));
  assert.equal(followupDue, localMidnight(appt.starts_at_ms) + DAY + 10 * HOUR, 'next day 10:00');
  setNow(followupDue + 60_000);
  await runScheduler();
  const msg = (await received()).messages.filter((x) => x.user === 'reviewer');
  assert.equal(msg.length, 1);
  assert.equal(msg[0].page, `pages/review/review?visit_id=${visit}`);

  const state = await p.get(`/api/v1/visits/${visit}/review`);
  assert.equal(state.status, 200);
  assert.equal(state.body.reviewable, true);
  assert.equal((await other.get(`/api/v1/visits/${visit}/review`)).status, 404, 'not your visit');
  assert.equal((await other.post(`/api/v1/visits/${visit}/review`, { stars: 5 })).status, 404);
  assert.equal((await p.post(`/api/v1/visits/${visit}/review`, { stars: 6 })).body.error.field, '$.stars');
  const risky = await p.post(`/api/v1/visits/${visit}/review`, { stars: 1, text: 'risky words' });
  assert.equal(risky.status, 400);
  assert.equal(risky.body.error.field, '$.text');
  assert.match(risky.body.error.message, /内容安全/);
  const ok = await p.post(`/api/v1/visits/${visit}/review`, { stars: 5, text: '医生很耐心' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.review.status, 'published');
  assert.equal(ok.body.points, 20, 'the review rule of the demo rules');
  assert.equal((await p.post(`/api/v1/visits/${visit}/review`, { stars: 4 })).status, 409, 'once per visit');

  // A second visit the same day: WeChat holds the text for review; publishing it hits the daily cap.
  desk = await Desk.login(srv.url, dir, 'desk');
  m = await Desk.login(srv.url, dir, 'manager');
  const visit2 = await confirm('REV-2');
  const held = await p.post(`/api/v1/visits/${visit2}/review`, { stars: 3, text: 'please review this' });
  assert.equal(held.status, 201);
  assert.equal(held.body.review.status, 'held');
  assert.equal(held.body.points, 0);
  const mp = (x) => `/api/v1/manager/clinics/${m.clinic}${x}`;
  const pub = await m.call('POST', mp(`/reviews/${held.body.review.id}/publish`), undefined, 'pub-1');
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  assert.equal(pub.body.review.status, 'published');
  assert.equal(sqlite(srv.db, `SELECT points FROM reviews WHERE id = ${held.body.review.id}`), '0', 'per-day cap of 20 applies');

  // A third visit reviewed after 14 days: refused.
  const visit3 = await confirm('REV-3');
  setNow(followupDue + 15 * DAY);
  const late = await p.post(`/api/v1/visits/${visit3}/review`, { stars: 5 });
  assert.equal(late.status, 409);
  desk = await Desk.login(srv.url, dir, 'desk');
  m = await Desk.login(srv.url, dir, 'manager');

  const view = await m.call('GET', mp('/reviews'));
  assert.equal(view.status, 200);
  const doctor = view.body.by_doctor.find((d) => d.count > 0);
  assert.ok(doctor, JSON.stringify(view.body));
  // The first visit was on the day of the member's booking (its doctor); the second, a day later, has none.
  assert.equal(doctor.count, 1);
  assert.equal(doctor.average_stars_x100, 500);
  assert.equal(view.body.by_department.filter((d) => d.count > 0).length, 1);
  assert.deepEqual(view.body.reviews.map((x) => [x.stars, x.doctor_id === null]), [[3, true], [5, false]]);
  const text = JSON.stringify(view.body);
  assert.ok(!text.includes('member') && !text.includes('visit'), 'no reviewer or visit identities in the manager view');
  assert.equal((await desk.call('GET', mp('/reviews'))).status, 403);
  setNow(Date.now());
});

test('invite QR: a real PNG from getwxacodeunlimit, made once per member; the clinic desk poster', async () => {
  const p = await Patient.login(srv.url, 'inviter-qr.1');
  const before = (await received()).codes;
  const get = async () => {
    const res = await fetch(`${srv.url}/api/v1/invite/qr`, { headers: { authorization: `Bearer ${p.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    return Buffer.from(await res.arrayBuffer());
  };
  const one = await get();
  assert.deepEqual([...one.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(one.length > 100);
  const two = await get();
  assert.ok(one.equals(two));
  assert.equal((await received()).codes, before + 1, 'generated once, then cached');
  const code = (await p.get('/api/v1/invite')).body.code;
  assert.equal(sqlite(srv.db, `SELECT scene FROM invite_qr WHERE member_id = ${p.id}`), code);

  const desk = await Desk.login(srv.url, dir, 'desk');
  const poster = await fetch(`${srv.url}/api/v1/desk/clinics/${desk.clinic}/poster.png`, { headers: { cookie: desk.cookie } });
  assert.equal(poster.status, 200);
  assert.equal(poster.headers.get('content-type'), 'image/png');
  const other = await fetch(`${srv.url}/api/v1/desk/clinics/2/poster.png`, { headers: { cookie: desk.cookie } });
  assert.equal(other.status, 403);
});

test('retention view: cohorts by month of joining × share active later; reminders followed by their action', async () => {
  // After every visit of the suite (the last was reviewed-too-late, 15 days after a follow-up).
  const later = Number(sqlite(srv.db, 'SELECT MAX(at_ms) FROM visits')) + HOUR;
  setNow(later);
  const m = await Desk.login(srv.url, dir, 'manager');
  const p = await Patient.login(srv.url, 'retention-check.1');
  assert.equal((await p.post('/api/v1/checkin')).status, 200);
  const r = await m.call('GET', `/api/v1/manager/clinics/${m.clinic}/retention?months=3`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.cohorts.length, 3);
  const monthOf = (ms) => localIso(ms).slice(0, 7);
  const members = sqlite(srv.db, 'SELECT created_at_ms FROM members').split('\n').map(Number);
  for (const c of r.body.cohorts) {
    assert.equal(c.members, members.filter((at) => monthOf(at) === c.month).length, c.month);
  }
  const total = r.body.cohorts.reduce((n, c) => n + c.active.reduce((k, a) => k + a.members, 0), 0);
  assert.ok(total >= 2, 'the reviewer\'s visits and the check-in count as coming back');
  for (const c of r.body.cohorts) for (const a of c.active) assert.equal(a.share_bp, c.members ? Math.floor((a.members * 10000) / c.members) : 0);
  const kinds = Object.fromEntries(r.body.reminders.map((x) => [x.kind, x]));
  assert.deepEqual(kinds.appointment_reminder, { kind: 'appointment_reminder', sent: 2, followed: 0, share_bp: 0 });
  assert.deepEqual(kinds.visit_followup, { kind: 'visit_followup', sent: 1, followed: 1, share_bp: 10000 });
  const desk = await Desk.login(srv.url, dir, 'desk');
  assert.equal((await desk.call('GET', `/api/v1/manager/clinics/${m.clinic}/retention`)).status, 403);
  setNow(Date.now());
});

test('pending visit points: a release reminder; a refund cancels it; points expiring: once a month', async () => {
  setNow(Date.now());
  const p = await Patient.login(srv.url, 'expiry.1');
  await subscribe(p, 'points_expiring', 'accept');
  await subscribe(p, 'points_expiring', 'accept');
  const desk = await Desk.login(srv.url, dir, 'desk');
  const v = await desk.post('/visits', { member_id: p.id, visit_ref: 'REL-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  const rows = () => sqlite(srv.db, `SELECT kind || ' ' || status FROM outbox WHERE member_id = ${p.id} ORDER BY id`);
  assert.equal(rows(), 'visit_followup due\npoints_released due');
  const due = Number(sqlite(srv.db, `SELECT due_at_ms FROM outbox WHERE member_id = ${p.id} AND kind = 'points_released'`));
  assert.ok(Math.abs(due - (v.body.visit.at_ms + 7 * DAY)) <= DAY, 'released after the rules\' 7 pending days');
  const refund = await desk.post(`/visits/${v.body.visit.id}/refund`, {});
  assert.equal(refund.status, 200, JSON.stringify(refund.body));
  assert.equal(rows(), 'visit_followup cancelled\npoints_released cancelled');

  // The registration points run out at the end of the month 12 months after joining.
  const joined = clinicDate(Number(sqlite(srv.db, `SELECT created_at_ms FROM members WHERE id = ${p.id}`)));
  const expiry = Date.UTC(joined.getUTCFullYear() + 1, joined.getUTCMonth() + 1, 1) - CLINIC_OFFSET;
  setNow(expiry - 10 * DAY + 12 * HOUR);
  await runScheduler();
  let got = (await received()).messages.filter((x) => x.user === 'expiry');
  assert.equal(got.length, 1, 'one points-expiring reminder');
  assert.equal(got[0].page, 'pages/membership/membership');
  assert.ok(Number(got[0].data.number1.value) >= 100, JSON.stringify(got[0]));
  // Later the same month (a new day, a new scan): still one — once a month.
  setNow(expiry - 5 * DAY + 12 * HOUR);
  await runScheduler();
  got = (await received()).messages.filter((x) => x.user === 'expiry');
  assert.equal(got.length, 1);
  setNow(Date.now());
});

test('a referral reward reminds the inviter (without the friend); a corrupt row fails alone', async () => {
  setNow(noonFrom(Date.now()));  // sent at once, not deferred to the end of the quiet hours
  const inviter = await Patient.login(srv.url, 'inviter-rr.1');
  await subscribe(inviter, 'referral_reward', 'accept');
  const code = (await inviter.get('/api/v1/invite')).body.code;
  const friend = await Patient.login(srv.url, 'friend-rr.1', { invite_code: code });
  assert.equal(friend.login.invite.bound, true, JSON.stringify(friend.login.invite));
  const desk = await Desk.login(srv.url, dir, 'desk');
  const v = await desk.post('/visits', { member_id: friend.id, visit_ref: 'RR-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  assert.equal(v.body.referral.rewarded, true, JSON.stringify(v.body.referral));
  assert.equal(sqlite(srv.db, `SELECT kind || ' ' || status FROM outbox WHERE member_id = ${inviter.id}`), 'referral_reward due');

  // Another member's due row with corrupt data (as if written by a broken version).
  const other = await Patient.login(srv.url, 'corrupt-rr.1');
  await subscribe(other, 'referral_reward', 'accept');
  sqlite(srv.db, `INSERT INTO outbox(org_id, clinic_id, member_id, kind, cause, dedupe_key, data, due_at_ms, status, created_at_ms, updated_at_ms)
    VALUES(1, 1, ${other.id}, 'referral_reward', 'test:corrupt', 'test:corrupt', 'not json', 0, 'due', 0, 0)`);
  const r = await runScheduler();
  assert.ok(r.sent >= 1 && r.failed >= 1, JSON.stringify(r));
  const got = (await received()).messages.filter((x) => x.user === 'inviter-rr');
  assert.equal(got.length, 1);
  assert.equal(got[0].page, 'pages/invite/invite');
  assert.ok(!JSON.stringify(got[0].data).includes('friend'), 'the message does not say who the friend is');
  assert.match(sqlite(srv.db, `SELECT status || ' ' || last_error FROM outbox WHERE cause = 'test:corrupt'`), /^failed internal: /);
});

test('a stored template document that no longer validates stops the server at startup, naming the path', async () => {
  await srv.stop();
  const good = sqlite(srv.db, 'SELECT document FROM message_templates WHERE org_id = 1');
  const bad = JSON.parse(good);
  bad.templates[2].fields.thing1 = 'no_such_variable';
  const quote = (s) => `'${s.replace(/'/g, "''")}'`;
  sqlite(srv.db, `UPDATE message_templates SET document = ${quote(JSON.stringify(bad))} WHERE org_id = 1`);
  await assert.rejects(start(), /\$\.templates\[2\]\.fields\.thing1/);
  sqlite(srv.db, `UPDATE message_templates SET document = ${quote(good)} WHERE org_id = 1`);
  await start();
  assert.equal((await request(srv.url, 'GET', '/readyz')).status, 200);
});

test('the scheduler thread sends on its own (waiting on the fake\'s received messages, not on time)', async () => {
  await srv.stop();
  await start(50);
  setNow(Date.now());
  const p = await Patient.login(srv.url, 'threaded.1');
  await subscribe(p, 'appointment_reminder', 'accept');
  const a = await book(p, 1);
  setNow(eveningBefore(a.starts_at_ms) + 60_000);
  const end = Date.now() + 20_000;
  let got = [];
  while (Date.now() < end) {
    got = (await received()).messages.filter((m) => m.user === 'threaded');
    if (got.length) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(got.length, 1, 'sent by the thread');
  setNow(Date.now());
});

test('every row written here that belongs to an organisation carries its org_id (migration 11)', () => {
  const check = orgRowCheck(srv.db);
  for (const [table, [, bad]] of Object.entries(check)) assert.equal(bad, 0, `${table}: ${bad} rows without their org_id`);
  for (const table of ['subscriptions', 'reviews', 'invite_qr', 'clinic_posters', 'ledger_reversals']) {
    assert.ok(check[table][0] > 0, `${table} has rows`);
  }
});

// Issue 13 "Hardening": what an adversarial probe found, each kept as a test over real HTTP.
//   1 staff login throttle: reserved before argon2 (parallel guesses), growing delays, a true
//     Retry-After, the owner's known browser never locked out (per account+address and per address)
//   2 /api/core: only the phone's bounded ops, per-address limit; the rest on POST /api/staff/core
//   3 desk scope: a coupon belongs to its clinic (verify, consume, visit, member card)
//   4 Idempotency-Key bound to method, path, QUERY and body
//   5 input validation (names, bidi/control characters, ID numbers, empty codes, field names,
//     strict ?after=, "qty": null, a duplicate check-in)
//   6 erasure: no trace of the openid in the db file or its WAL; the same WeChat user is new after
//   8 `clinic-server routes` touches no database
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, chmodSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Patient, Desk, request, DAY } from './api_helpers.mjs';
import { APPID, serverBin, sqlite, demoCredentials, tempDir } from './helpers.mjs';

// Two servers: the login-throttle tests exhaust this address's login budget on their own.
let stack, loginStack;
before(async () => { [stack, loginStack] = await Promise.all([startStack(), startStack()]); });
after(async () => { await Promise.all([stack?.stop(), loginStack?.stop()]); });

const url = () => stack.srv.url;
const lurl = () => loginStack.srv.url;

function tally(results) {
  const out = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

// A staff login as a browser does it: optionally sending the device cookie it was given before.
async function staffLogin(base, username, password, device) {
  const res = await fetch(base + '/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(device ? { cookie: device } : {}) },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json();
  const set = res.headers.getSetCookie();
  const dev = set.find((c) => c.startsWith('clinic_device='));
  return { status: res.status, body, retryAfter: res.headers.get('retry-after'), device: dev && dev.split(';')[0] };
}

// ---- 1. staff login throttle ------------------------------------------------------------

test('1 login: 40 parallel wrong guesses get at most 5 real password checks (401), the rest 429', async () => {
  const creds = demoCredentials(loginStack.dir);
  // The owner signed in from their browser before the attack: it holds a device cookie.
  const owner = await staffLogin(lurl(), 'manager', creds.manager.password);
  assert.equal(owner.status, 200);
  const failedBefore = Number(sqlite(loginStack.srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.login_failed'"));
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => staffLogin(lurl(), 'manager', `wrong-guess-${i}`)));
  const t = tally(results);
  console.log(`40 parallel wrong guesses: ${JSON.stringify(t)}`);
  assert.equal((t[401] ?? 0) + (t[429] ?? 0), 40, JSON.stringify(t));
  assert.ok((t[401] ?? 0) <= 5, `${t[401]} real password checks`);
  // Each 401 was a real argon2 check (audited); a 429 checked nothing.
  const failedAfter = Number(sqlite(loginStack.srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.login_failed'"));
  assert.equal(failedAfter - failedBefore, t[401]);
  for (const r of results.filter((x) => x.status === 429)) {
    assert.equal(r.body.error.code, 'rate_limited');
    // The base delay, counted from the last reserved guess (which may have started a few ms later).
    assert.ok(Number(r.retryAfter) >= 1 && Number(r.retryAfter) <= 16, r.retryAfter);
  }
  // The attacker (no device cookie) now waits even with the right password; the owner does not.
  assert.ok(owner.device, 'a successful login marks the browser as a known device');
  assert.equal((await staffLogin(lurl(), 'manager', creds.manager.password)).status, 429);
  assert.equal((await staffLogin(lurl(), 'manager', creds.manager.password, owner.device)).status, 200);
  // A device cookie of another account (or a forged one) buys nothing.
  const forged = owner.device.replace(/\.[0-9a-f]{64}$/, `.${'0'.repeat(64)}`);
  assert.equal((await staffLogin(lurl(), 'manager', creds.manager.password, forged)).status, 429);
});

test('1 login: delays grow (15 s, 30 s …) and Retry-After is the true remaining wait', async () => {
  // Continues from the test above: manager has 5 failures from this address, the last just now.
  const first = await staffLogin(lurl(), 'manager', 'still-wrong');
  assert.equal(first.status, 429);
  const wait1 = Number(first.retryAfter);
  assert.ok(wait1 >= 1 && wait1 <= 15, first.retryAfter);
  loginStack.setClock(wait1 * 1000);
  const allowed = await staffLogin(lurl(), 'manager', 'still-wrong');
  assert.equal(allowed.status, 401, 'after the wait one more real attempt');
  const second = await staffLogin(lurl(), 'manager', 'still-wrong');
  assert.equal(second.status, 429);
  assert.ok(Number(second.retryAfter) > 15 && Number(second.retryAfter) <= 30, `doubled: ${second.retryAfter}`);
  loginStack.setClock(wait1 * 1000 + 10_000);
  const later = await staffLogin(lurl(), 'manager', 'still-wrong');
  assert.ok(Number(later.retryAfter) <= Number(second.retryAfter) - 9, `counts down: ${later.retryAfter}`);
  loginStack.setClock(0);
});

test('1 login: failures across many accounts from one address do not lock an owner\'s known browser', async () => {
  const creds = demoCredentials(loginStack.dir);
  const admin = await staffLogin(lurl(), 'admin', creds.admin.password);
  assert.equal(admin.status, 200);
  // One wrong guess at each of many (mostly unknown) accounts: the per-address budget runs out.
  const statuses = [];
  for (let i = 0; i < 30; i++) statuses.push((await staffLogin(lurl(), `spray-${i}`, 'wrong-password')).status);
  assert.ok(statuses.includes(429), `address throttled: ${statuses.join(',')}`);
  // An unknown browser at this address waits, for any account …
  const stranger = await staffLogin(lurl(), 'admin', creds.admin.password);
  assert.equal(stranger.status, 429);
  assert.ok(Number(stranger.retryAfter) >= 1 && Number(stranger.retryAfter) <= 900);
  // … but the admin's own browser is not locked out by someone else's guessing.
  assert.equal((await staffLogin(lurl(), 'admin', creds.admin.password, admin.device)).status, 200);
});

// ---- 2. the public command API --------------------------------------------------------------

test('2 /api/core: staff-only ops refused without a login (403 op_not_public); phone ops answer', async () => {
  for (const op of ['triage.lint', 'rules.simulate', 'points.balance', 'rules.validate']) {
    const r = await request(url(), 'POST', '/api/core?lang=en', { body: { op, v: 1 } });
    assert.equal(r.status, 403, `${op}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'op_not_public');
    assert.equal(r.body.error.field, '$.op');
    assert.match(r.body.error.message, /\/api\/staff\/core/);
  }
  const ok = await request(url(), 'POST', '/api/core', { body: { op: 'triage.catalog', v: 1 } });
  assert.equal(ok.status, 200);
  assert.ok(ok.body.ok);
  // An unknown op is still the core's 404, not a hint that it exists.
  assert.equal((await request(url(), 'POST', '/api/core', { body: { op: 'no.such', v: 1 } })).status, 404);
});

test('2 /api/staff/core: needs a staff session (and CSRF), then runs triage.lint', async () => {
  assert.equal((await request(url(), 'POST', '/api/staff/core', { body: { op: 'triage.lint', v: 1 } })).status, 401);
  const m = await Desk.login(url(), stack.dir, 'desk-west');
  const noCsrf = await request(url(), 'POST', '/api/staff/core', { body: { op: 'triage.lint', v: 1 }, headers: { cookie: m.cookie } });
  assert.equal(noCsrf.status, 403);
  const lint = await m.call('POST', '/api/staff/core', { op: 'triage.lint', v: 1 });
  assert.equal(lint.status, 200, JSON.stringify(lint.body).slice(0, 300));
  assert.ok(lint.body.ok);
});

test('2 /api/core: per-address rate limit answers 429 with the true Retry-After', async () => {
  const small = await startStack({ args: ['--core-requests-per-minute=5'] });
  try {
    const body = { op: 'calendar.local', v: 1, at_ms: 1769875200000 };
    for (let i = 0; i < 5; i++) assert.equal((await request(small.srv.url, 'POST', '/api/core', { body })).status, 200);
    const limited = await request(small.srv.url, 'POST', '/api/core', { body });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, String(wait));
    small.setClock(wait * 1000);
    assert.equal((await request(small.srv.url, 'POST', '/api/core', { body })).status, 200, 'after Retry-After');
  } finally {
    await small.stop();
  }
});

// ---- 3. desk scope of coupons -----------------------------------------------------------------

test('3 desk scope: a clinic-2 coupon is invisible and unusable at clinic 1, usable at clinic 2', async () => {
  const p = await Patient.login(url(), 'scope-coupon');
  const east = await Desk.login(url(), stack.dir, 'desk');
  const v = await east.post('/visits', { member_id: p.id, visit_ref: 'SCOPE-1', paid: true, items: [{ sku: 'SVC-CHECKUP', qty: 1 }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  stack.setClock(8 * DAY);
  try {
    const red = await p.post('/api/v1/coupons/redeem?clinic_id=2', { catalogue_id: 'free_bp' });
    assert.equal(red.status, 201, JSON.stringify(red.body));
    const code = red.body.coupon.code;
    assert.equal(sqlite(stack.srv.db, `SELECT clinic_id FROM coupons WHERE code = '${code}'`), '2');
    const desk1 = await Desk.login(url(), stack.dir, 'desk');
    const desk2 = await Desk.login(url(), stack.dir, 'desk-west');
    // Clinic 1: verify, consume and a visit with the code are refused; the card does not show it.
    for (const r of [await desk1.post('/coupons/verify', { code }), await desk1.post('/coupons/consume', { code }),
      await desk1.post('/visits/preview', { member_id: p.id, items: [{ sku: 'SVC-BP' }], coupon_codes: [code] })]) {
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'out_of_scope');
    }
    const mc = (await p.get('/api/v1/member-code')).body.code;
    const card1 = await desk1.get(`/members?code=${encodeURIComponent(mc)}`);
    assert.equal(card1.status, 200);
    assert.deepEqual(card1.body.members[0].coupons, []);
    const ctx1 = await desk1.get(`/members/${p.id}/context`);
    assert.ok(!JSON.stringify(ctx1.body).includes(code), 'the clinic-1 card never carries the code');
    // Clinic 2 (the issuing clinic) sees it on the card and can use it.
    const card2 = await desk2.get(`/members?code=${encodeURIComponent(mc)}`);
    assert.deepEqual(card2.body.members[0].coupons.map((c) => c.code), [code]);
    assert.equal((await desk2.post('/coupons/verify', { code })).status, 200);
    const used = await desk2.post('/coupons/consume', { code });
    assert.equal(used.status, 200, JSON.stringify(used.body));
    assert.equal(used.body.coupon.status, 'used');
  } finally {
    stack.setClock(0);
  }
});

// ---- 4. idempotency fingerprint -------------------------------------------------------------

test('4 Idempotency-Key: the same key with another query string is 422, the same request replays', async () => {
  const p = await Patient.login(url(), 'idem-query');
  const key = randomUUID();
  const first = await p.call('POST', '/api/v1/checkin?clinic_id=2', undefined, key);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const replay = await p.call('POST', '/api/v1/checkin?clinic_id=2', undefined, key);
  assert.equal(replay.status, 200);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  const other = await p.call('POST', '/api/v1/checkin?clinic_id=1', undefined, key);
  assert.equal(other.status, 422, JSON.stringify(other.body));
  assert.equal(other.body.error.code, 'idempotency_mismatch');
});

// ---- 5. input validation ----------------------------------------------------------------------

test('5 profile: empty, blank, control and bidi names refused (no points); ID numbers checked', async () => {
  const p = await Patient.login(url(), 'valid-profile');
  for (const name of ['', '   ', '\u3000', 'a\u0000b', 'evil\u202etxt.exe', 'x\u2066y', 'l\u200em', 'tab\there', 'del\u007f']) {
    const r = await p.call('PUT', '/api/v1/me/profile?lang=en', { name });
    assert.equal(r.status, 400, `${JSON.stringify(name)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, '$.name');
  }
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${p.id} AND event_id = 'profile_completed'`), '0');
  for (const id of ['110101199003071234', '11010119900307123', '11010119900230447X', '11010120300101447X', 'abcdefghijklmnopqr']) {
    const r = await p.call('PUT', '/api/v1/me/profile?lang=en', { name: '王小明', id_number: id });
    assert.equal(r.status, 400, `${id}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, '$.id_number');
  }
  const bad = await p.call('PUT', '/api/v1/me/profile?lang=en', { id_number: '110101199003071234' });
  assert.match(bad.body.error.message, /check character/);
  const ok = await p.call('PUT', '/api/v1/me/profile', { name: ' 王小明 ', id_number: '11010519491231002x' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.points, 50);
  assert.equal((await p.get('/api/v1/me/profile')).body.id_number, '110***********002X');
});

test('5 staff: control/bidi characters refused in usernames and display names; password errors name $.password', async () => {
  const a = await Desk.login(url(), stack.dir, 'admin');
  for (const [body, field] of [
    [{ username: 'bad\u202ename', role: 'desk', clinic_id: 1 }, '$.username'],
    [{ username: 'nul\u0000', role: 'desk', clinic_id: 1 }, '$.username'],
    [{ username: 'okname1', display_name: 'x\u2067y', role: 'desk', clinic_id: 1 }, '$.display_name'],
    [{ username: 'okname2', role: 'desk', clinic_id: 1, password: 'short' }, '$.password'],
  ]) {
    const r = await a.call('POST', '/api/admin/staff', body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  }
  const login = await request(url(), 'POST', '/api/staff/login', { body: { username: 'desk\u202e', password: 'whatever-it-is' } });
  assert.equal(login.status, 400);
  assert.equal(login.body.error.field, '$.username');
});

test('5 phone code "" → 400 at $.code (not a 502 from WeChat)', async () => {
  const p = await Patient.login(url(), 'valid-phone');
  const r = await p.post('/api/v1/me/phone', { code: '' });
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error.field, '$.code');
});

test('5 a date the core cannot take is refused at "date", not at the core\'s $.now_ms', async () => {
  const m = await Desk.login(url(), stack.dir, 'manager');
  for (const date of ['1900-01-01', '2999-12-31']) {
    const r = await m.call('GET', `/api/v1/manager/clinics/1/report?date=${date}`);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, 'date');
  }
  assert.equal((await m.call('GET', '/api/v1/manager/clinics/1/report?date=2026-11-30')).status, 200);
});

test('5 ?after= is strict: out of range, NUL-suffixed and trailing bytes refused', async () => {
  const p = await Patient.login(url(), 'valid-after');
  for (const after of ['99999999999999999999', '9223372036854775808', '5%00', '5%20', '-1', '0x10']) {
    const r = await p.get(`/api/v1/points/ledger?after=${after}`);
    assert.equal(r.status, 400, `${after}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, 'after');
  }
  assert.equal((await p.get('/api/v1/points/ledger?after=0')).status, 200);
});

test('5 "qty": null is refused, not priced as 1', async () => {
  const p = await Patient.login(url(), 'valid-qty');
  const desk = await Desk.login(url(), stack.dir, 'desk');
  for (const path of ['/visits/preview', '/coupons/verify']) {
    const body = path === '/coupons/verify' ? { code: 'NOPE', items: [{ sku: 'SVC-BP', qty: null }] }
      : { member_id: p.id, items: [{ sku: 'SVC-BP', qty: null }] };
    const r = await desk.post(path, body);
    assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, '$.items[0].qty');
  }
  const absent = await desk.post('/visits/preview', { member_id: p.id, items: [{ sku: 'SVC-BP' }] });
  assert.equal(absent.status, 200, 'an absent qty is still 1');
});

test('5 a duplicate check-in says already_checked_in: true', async () => {
  const p = await Patient.login(url(), 'valid-checkin');
  const first = await p.post('/api/v1/checkin', undefined);
  assert.equal(first.body.already_checked_in, false);
  const again = await p.post('/api/v1/checkin', undefined);
  assert.equal(again.status, 200);
  assert.equal(again.body.duplicate, true);
  assert.equal(again.body.already_checked_in, true);
  assert.equal(again.body.points, 0);
});

// ---- 6. erasure -------------------------------------------------------------------------------

test('6 erasure: no trace of the openid in the db file or its WAL; the same WeChat user is then a new member', async () => {
  const user = 'erase-me-now';
  const openid = `o${createHash('sha256').update(`${APPID}/${user}`).digest('base64url').slice(0, 27)}`;
  const scan = () => [stack.srv.db, `${stack.srv.db}-wal`].filter(existsSync)
    .map((f) => [f, readFileSync(f).includes(Buffer.from(openid))]);
  const p = await Patient.login(url(), user);
  await p.call('PUT', '/api/v1/me/profile', { name: '赵六' });
  for (const [f, found] of scan()) assert.equal(found, false, `openid stored in the clear in ${f}`);
  const del = await p.call('DELETE', '/api/v1/me');
  assert.equal(del.status, 200);
  for (const [f, found] of scan()) assert.equal(found, false, `openid left in ${f} after deletion`);
  const again = await Patient.login(url(), `${user}.2`);
  assert.equal(again.login.member.created, true);
  assert.notEqual(again.id, p.id);
});

// ---- 8. `clinic-server routes` ------------------------------------------------------------------

test('8 `clinic-server routes` opens no database: a missing or read-only folder stays untouched', () => {
  const dir = tempDir('clinic-routes-');
  const missing = join(dir, 'no', 'such', 'dir');
  const ro = join(dir, 'ro');
  mkdirSync(ro);
  chmodSync(ro, 0o555);
  for (const db of [join(missing, 'clinic.db'), join(ro, 'clinic.db')]) {
    const r = spawnSync(serverBin, ['routes', `--db=${db}`, '--wechat-appid=x', '--wechat-secret=y'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /POST\s+\/api\/core/);
    assert.match(r.stdout, /POST\s+\/api\/staff\/core/);
  }
  assert.equal(existsSync(join(dir, 'no')), false);
  assert.deepEqual(readdirSync(ro), []);
  chmodSync(ro, 0o755);
});

// Staff login (argon2id), cookie attributes, CSRF on writes, roles, clinic scoping,
// login rate limit, and the audit row behind every staff write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeWechat, startServer, tempDir, postJson, getJson, demoCredentials, sqlite } from './helpers.mjs';

let wx, srv, dir, creds;
before(async () => {
  wx = await startFakeWechat();
  dir = tempDir();
  srv = await startServer({ dir, wechatUrl: wx.url, args: ['--staff-login-max-failures=3'] });
  creds = demoCredentials(dir);
});
after(async () => {
  await srv?.stop();
  await wx?.stop();
});

// Like a browser: the device cookie a successful login sets is sent on that account's next logins.
const devices = {};
async function login(username, password = creds[username].password) {
  const r = await postJson(srv.url, '/api/staff/login', { username, password },
    devices[username] ? { cookie: devices[username] } : {});
  const cookies = r.headers.getSetCookie();
  const setCookie = cookies.find((c) => c.startsWith('clinic_staff=')) || '';
  const device = cookies.find((c) => c.startsWith('clinic_device='));
  if (device) devices[username] = device.split(';')[0];
  return { ...r, setCookie, device, cookie: setCookie.split(';')[0], csrf: r.body.csrf_token };
}

test('login sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
  const r = await login('manager');
  assert.equal(r.status, 200);
  assert.match(r.setCookie, /^clinic_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  assert.equal(r.body.staff.role, 'manager');
  assert.ok(r.csrf.length >= 40);
  // The known-device cookie: signed, sent back only to the login route.
  assert.match(r.device, /^clinic_device=\d+\.[A-Za-z0-9_-]+\.[0-9a-f]{64}; Path=\/api\/staff\/login; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  const me = await getJson(srv.url, '/api/staff/me', { cookie: r.cookie });
  assert.equal(me.status, 200);
  assert.equal(me.body.staff.username, 'manager');
  assert.equal(me.body.csrf_token, r.csrf);
  assert.ok(Number(sqlite(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.login'")) >= 1);
  // The stored hash is argon2id, never the password.
  assert.match(sqlite(srv.db, "SELECT password_hash FROM staff WHERE username = 'manager'"), /^\$argon2id\$/);
});

test('wrong password → 401; unknown user → the same answer', async () => {
  const bad = await postJson(srv.url, '/api/staff/login', { username: 'desk', password: 'wrong-password' });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.error.code, 'bad_credentials');
  const ghost = await postJson(srv.url, '/api/staff/login', { username: 'ghost', password: 'wrong-password' });
  assert.deepEqual(ghost.body, bad.body);
});

test('writes need the CSRF token', async () => {
  const m = await login('manager');
  const body = { username: 'csrf-desk', role: 'desk', clinic_id: Number(creds.manager.clinic) };
  const none = await postJson(srv.url, '/api/admin/staff', body, { cookie: m.cookie });
  assert.equal(none.status, 403);
  assert.equal(none.body.error.code, 'csrf_failed');
  const wrong = await postJson(srv.url, '/api/admin/staff', body, { cookie: m.cookie, 'x-csrf-token': 'x'.repeat(43) });
  assert.equal(wrong.status, 403);
  const ok = await postJson(srv.url, '/api/admin/staff', body, { cookie: m.cookie, 'x-csrf-token': m.csrf });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.staff.role, 'desk');
  assert.ok(ok.body.password.length >= 16);
  // The audit row is written in the same transaction as the account.
  const row = sqlite(srv.db, "SELECT action, target, staff_id FROM audit_log WHERE target = 'staff:csrf-desk'");
  assert.equal(row, `staff.create|staff:csrf-desk|${m.body.staff.id}`);
  // The new account can sign in with the password shown once.
  assert.equal((await login('csrf-desk', ok.body.password)).status, 200);
});

test('roles: desk may not create accounts; managers only desk accounts in their clinic; admins anywhere', async () => {
  const d = await login('desk');
  const byDesk = await postJson(srv.url, '/api/admin/staff', { username: 'x1', role: 'desk', clinic_id: 1 },
    { cookie: d.cookie, 'x-csrf-token': d.csrf });
  assert.equal(byDesk.status, 403);
  assert.equal(byDesk.body.error.code, 'role_forbidden');

  const m = await login('manager');
  const hdr = { cookie: m.cookie, 'x-csrf-token': m.csrf };
  const otherClinic = await postJson(srv.url, '/api/admin/staff', { username: 'x2', role: 'desk', clinic_id: 2 }, hdr);
  assert.equal(otherClinic.status, 403);
  assert.equal(otherClinic.body.error.code, 'out_of_scope');
  const managerByManager = await postJson(srv.url, '/api/admin/staff', { username: 'x3', role: 'manager', clinic_id: 1 }, hdr);
  assert.equal(managerByManager.body.error.code, 'role_forbidden');

  const a = await login('admin');
  const byAdmin = await postJson(srv.url, '/api/admin/staff', { username: 'west-manager', role: 'manager', clinic_id: 2, password: 'a-long-enough-pass' },
    { cookie: a.cookie, 'x-csrf-token': a.csrf });
  assert.equal(byAdmin.status, 201);
  assert.equal(byAdmin.body.password, undefined);
  const dup = await postJson(srv.url, '/api/admin/staff', { username: 'west-manager', role: 'desk', clinic_id: 2 },
    { cookie: a.cookie, 'x-csrf-token': a.csrf });
  assert.equal(dup.status, 409);
  // No audit row for refused writes.
  assert.equal(sqlite(srv.db, "SELECT COUNT(*) FROM audit_log WHERE target IN ('staff:x1','staff:x2','staff:x3')"), '0');
});

test('clinic scoping: desk sees its clinic, admin sees all', async () => {
  const d = await login('desk-west');
  const mine = await getJson(srv.url, '/api/staff/clinics', { cookie: d.cookie });
  assert.deepEqual(mine.body.clinics.map((c) => c.id), [Number(creds['desk-west'].clinic)]);
  const a = await login('admin');
  const all = await getJson(srv.url, '/api/staff/clinics', { cookie: a.cookie });
  assert.equal(all.body.clinics.length, 2);
});

test('logout ends the session (audited)', async () => {
  const d = await login('desk');
  const out = await postJson(srv.url, '/api/staff/logout', {}, { cookie: d.cookie, 'x-csrf-token': d.csrf });
  assert.equal(out.status, 200);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  assert.equal((await getJson(srv.url, '/api/staff/me', { cookie: d.cookie })).status, 401);
  assert.ok(Number(sqlite(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.logout'")) >= 1);
});

test('login throttle: after 3 failures an unknown browser waits (true Retry-After); the owner\'s known browser does not', async () => {
  for (let i = 0; i < 3; i++) {
    assert.equal((await postJson(srv.url, '/api/staff/login', { username: 'desk-west', password: `nope-${i}` })).status, 401);
  }
  const r = await postJson(srv.url, '/api/staff/login', { username: 'desk-west', password: creds['desk-west'].password });
  assert.equal(r.status, 429);
  assert.equal(r.body.error.code, 'rate_limited');
  // The base delay (15 s), not a made-up 60: the wait is the true remaining time.
  assert.ok(['15', '14'].includes(r.headers.get('retry-after')), r.headers.get('retry-after'));
  // desk-west signed in from this browser before (clinic scoping test): its device cookie is accepted.
  assert.ok(devices['desk-west']);
  assert.equal((await login('desk-west')).status, 200);
  assert.ok(Number(sqlite(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.login_failed'")) >= 3);
});

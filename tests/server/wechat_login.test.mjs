// Patient login through the fake WeChat server over real HTTP: success, every WeChat
// error, session check, logout, and token expiry with the test-only clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeWechat, startServer, tempDir, postJson, getJson, sqlite, blobType, apiFetch } from './helpers.mjs';

let wx, srv, dir, clockFile;
before(async () => {
  wx = await startFakeWechat();
  dir = tempDir();
  clockFile = join(dir, 'clock');
  writeFileSync(clockFile, '0');
  srv = await startServer({ dir, wechatUrl: wx.url, args: [`--test-clock-file=${clockFile}`, '--member-session-ttl-s=3600'] });
});
after(async () => {
  await srv?.stop();
  await wx?.stop();
});

test('login creates a member once and returns an opaque token', async () => {
  const first = await postJson(srv.url, '/api/v1/auth/login', { code: 'alice.1' });
  assert.equal(first.status, 200);
  assert.match(first.body.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(first.body.member.created, true);
  const again = await postJson(srv.url, '/api/v1/auth/login', { code: 'alice.2' });
  assert.equal(again.status, 200);
  assert.equal(again.body.member.created, false);
  assert.equal(again.body.member.id, first.body.member.id);
  assert.notEqual(again.body.token, first.body.token);
  const s = await getJson(srv.url, '/api/auth/session', { authorization: `Bearer ${first.body.token}` });
  assert.equal(s.status, 200);
  assert.equal(s.body.member_id, first.body.member.id);
  // Only the hash is stored; the session_key is sealed.
  assert.equal(sqlite(srv.db, `SELECT COUNT(*) FROM sessions WHERE token_hash = '${first.body.token}'`), '0');
  assert.equal(sqlite(srv.db, `SELECT typeof(session_key_enc) FROM members WHERE id = ${first.body.member.id}`), blobType);
});

for (const [code, status, errorCode] of [
  ['bad-code', 400, 'wechat_invalid_code'],
  ['rate-limit', 429, 'wechat_rate_limited'],
  ['high-risk', 403, 'wechat_high_risk'],
  ['busy', 503, 'wechat_busy'],
]) {
  test(`WeChat error for code "${code}" → ${status} ${errorCode}`, async () => {
    const r = await postJson(srv.url, '/api/v1/auth/login', { code });
    assert.equal(r.status, status);
    assert.equal(r.body.error.code, errorCode);
    assert.ok(r.body.error.message.length > 0);
  });
}

test('a login code works once (WeChat 40163 → invalid code)', async () => {
  assert.equal((await postJson(srv.url, '/api/v1/auth/login', { code: 'bob.1' })).status, 200);
  const again = await postJson(srv.url, '/api/v1/auth/login', { code: 'bob.1' });
  assert.equal(again.status, 400);
  assert.equal(again.body.error.code, 'wechat_invalid_code');
});

test('missing code and bad bodies are refused with the field named', async () => {
  const r = await postJson(srv.url, '/api/v1/auth/login', {});
  assert.equal(r.status, 400);
  // Field errors come from the core's JsonReader: zh-CN by default, English on request.
  assert.equal(r.body.error.code, 'missing_field');
  assert.equal(r.body.error.field, '$.code');
  assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  const en = await postJson(srv.url, '/api/v1/auth/login', {}, { 'accept-language': 'en' });
  assert.deepEqual({ ...en.body.error, message: undefined }, { code: 'missing_field', message: undefined, field: '$.code' });
  assert.doesNotMatch(en.body.error.message, /[\u4e00-\u9fff]/);
  const extra = await postJson(srv.url, '/api/v1/auth/login', { code: 'x', admin: true });
  assert.equal(extra.body.error.field, '$.admin');
  const res = await apiFetch(srv.url + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":' });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'bad_json');
});

test('no token / unknown token → 401 unauthorized', async () => {
  assert.equal((await getJson(srv.url, '/api/auth/session')).status, 401);
  const r = await getJson(srv.url, '/api/auth/session', { authorization: 'Bearer not-a-token' });
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthorized');
});

test('logout revokes the token', async () => {
  const { body } = await postJson(srv.url, '/api/v1/auth/login', { code: 'carol.1' });
  const auth = { authorization: `Bearer ${body.token}` };
  assert.equal((await postJson(srv.url, '/api/auth/logout', {}, auth)).status, 200);
  const r = await getJson(srv.url, '/api/auth/session', auth);
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthorized');
});

test('tokens expire (clock moved past the TTL through the test-only clock file)', async () => {
  const { body } = await postJson(srv.url, '/api/v1/auth/login', { code: 'dave.1' });
  const auth = { authorization: `Bearer ${body.token}` };
  writeFileSync(clockFile, String(3599 * 1000));
  assert.equal((await getJson(srv.url, '/api/auth/session', auth)).status, 200);
  writeFileSync(clockFile, String(3601 * 1000));
  const r = await getJson(srv.url, '/api/auth/session', auth);
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'token_expired');
  writeFileSync(clockFile, '0');
});

// Patient API over real HTTP: profile (masked), consents, phone binding, triage submit
// (server re-evaluates; a tampered outcome is 409 and recorded; answers kept only with
// consent), check-in once per local day, points, coupons, invite, member code, account
// deletion, Idempotency-Key (same body → same reply, other body → 422, survives restart).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Patient, Desk, request, finishedTriage, DAY } from './api_helpers.mjs';
import { postJson, sqlite, startServer } from './helpers.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

test('registration credits points once; profile is masked; the phone is sealed and masked', async () => {
  const p = await Patient.login(stack.srv.url, 'pat1');
  assert.equal(p.login.member.created, true);
  let bal = await p.get('/api/v1/points');
  assert.equal(bal.status, 200);
  assert.equal(bal.body.available, 100);
  const again = await Patient.login(stack.srv.url, 'pat1.2');
  assert.equal(again.id, p.id);
  bal = await p.get('/api/v1/points');
  assert.equal(bal.body.available, 100, 'a second login does not credit again');

  const put = await p.call('PUT', '/api/v1/me/profile', { name: '王小明', id_number: '110101199003071233' });
  assert.equal(put.status, 200);
  assert.equal(put.body.name, '王**');
  assert.equal(put.body.points, 50);
  const phone = await p.post('/api/v1/me/phone', { code: 'phone-13912345678' });
  assert.equal(phone.status, 200);
  assert.equal(phone.body.phone, '139****5678');
  const prof = await p.get('/api/v1/me/profile');
  assert.equal(prof.body.phone, '139****5678');
  assert.equal(prof.body.id_number, '110***********1233');
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM members WHERE CAST(phone_enc AS TEXT) LIKE '%13912345678%'`), '0');
  const bad = await p.post('/api/v1/me/phone', { code: 'bad-code' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'wechat_invalid_code');
});

test('field errors come from the core reader: zh-CN by default, English on request, with JSON paths', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-fields');
  const zh = await p.post('/api/v1/coupons/redeem', { catalogue_id: 5 });
  assert.equal(zh.status, 400);
  assert.equal(zh.body.error.code, 'invalid_field');
  assert.equal(zh.body.error.field, '$.catalogue_id');
  assert.match(zh.body.error.message, /[\u4e00-\u9fff]/);
  const en = await request(stack.srv.url, 'POST', '/api/v1/coupons/redeem?lang=en', {
    body: { catalogue_id: 'free_bp', extra: 1 }, headers: { authorization: `Bearer ${p.token}` },
  });
  assert.equal(en.status, 400);
  assert.equal(en.body.error.field, '$.extra');
  assert.doesNotMatch(en.body.error.message, /[\u4e00-\u9fff]/);
  const poor = await request(stack.srv.url, 'POST', '/api/v1/coupons/redeem', {
    body: { catalogue_id: 'free_bp' }, headers: { authorization: `Bearer ${p.token}`, 'accept-language': 'en-US' },
  });
  assert.equal(poor.status, 422);
  assert.equal(poor.body.error.code, 'insufficient_points');
});

test('triage: the server re-evaluates, refuses a tampered outcome (recorded), stores answers only with consent', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-triage');
  const cat = await p.get('/api/v1/triage/catalog');
  assert.equal(cat.status, 200);
  assert.ok(cat.body.complaints.length >= 30);
  const m = await p.post('/api/v1/triage/match', { text: '肚子疼' });
  assert.equal(m.body.matches[0].complaint, 'abdominal_pain');
  // Public like /api/core's triage.match: the same answer without a session.
  const anon = await postJson(stack.srv.url, '/api/v1/triage/match', { text: '肚子疼' });
  assert.equal(anon.status, 200);
  assert.deepEqual(anon.body, m.body);

  const patient = { age_years: 30, sex: 'female' };
  const { state, outcome } = await finishedTriage(stack.srv.url, 'headache', patient);
  const tampered = { ...outcome, level: outcome.level === 'self_care' ? 'emergency' : 'self_care' };
  const refused = await p.post('/api/v1/triage/submit', { state, outcome: tampered });
  assert.equal(refused.status, 409, stack.srv.stderr());
  assert.equal(refused.body.error.code, 'result_mismatch');
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM triage_results WHERE member_id = ${p.id} AND matched = 0 AND phone_outcome IS NOT NULL`), '1');

  const noConsent = await p.post('/api/v1/triage/submit', { state, outcome });
  assert.equal(noConsent.status, 200);
  assert.deepEqual(noConsent.body.outcome, outcome);
  assert.equal(noConsent.body.answers_stored, false);
  assert.equal(noConsent.body.points, 10);
  assert.equal(sqlite(stack.srv.db, `SELECT answers IS NULL FROM triage_results WHERE id = ${noConsent.body.result_id}`), '1');
  // The protocol id and revision are always kept; the reason (it quotes answers) only with consent.
  assert.ok(outcome.reason && typeof outcome.reason.summary === 'string');
  assert.equal(sqlite(stack.srv.db, `SELECT complaint || ':' || revision || ':' || (CASE WHEN reason IS NULL THEN 1 ELSE 0 END) || ':' || (CASE WHEN outcome LIKE '%"reason"%' THEN 1 ELSE 0 END) FROM triage_results WHERE id = ${noConsent.body.result_id}`),
    `headache:${state.revision}:1:0`);

  const c = await p.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
  assert.equal(c.status, 200);
  assert.equal(c.body.consents.health_data.granted, true);
  const withConsent = await p.post('/api/v1/triage/submit', { state, outcome });
  assert.equal(withConsent.body.answers_stored, true);
  assert.notEqual(sqlite(stack.srv.db, `SELECT answers FROM triage_results WHERE id = ${withConsent.body.result_id}`), '');
  assert.deepEqual(JSON.parse(sqlite(stack.srv.db, `SELECT reason FROM triage_results WHERE id = ${withConsent.body.result_id}`)), outcome.reason);
});

test('check-in: one credit per local day, streak across days; coupons; member code; invite', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-checkin');
  const first = await p.post('/api/v1/checkin');
  assert.equal(first.status, 200);
  assert.equal(first.body.points, 5);
  assert.equal(first.body.streak_days, 1);
  const tap = await p.post('/api/v1/checkin');
  assert.equal(tap.status, 200);
  assert.equal(tap.body.points, 0);
  assert.ok(tap.body.already_checked_in || tap.body.duplicate, JSON.stringify(tap.body));

  const code = await p.get('/api/v1/member-code');
  assert.match(code.body.code, /^MC1\.\d+\.\d+\.[0-9a-f]{32}$/);
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  const found = await desk.get(`/members?code=${encodeURIComponent(code.body.code)}`);
  assert.equal(found.status, 200);
  assert.equal(found.body.members[0].id, p.id);
  await p.post('/api/v1/me/phone', { code: 'phone-13700001111' });
  const byPhone = await desk.post('/members/search', { phone: '+86 137 0000 1111' });
  assert.deepEqual(byPhone.body.members.map((m) => [m.id, m.phone]), [[p.id, '137****1111']]);
  const inUrl = await desk.get('/members?phone=13700001111');
  assert.equal(inUrl.status, 400, 'phones are not accepted in URLs');
  assert.equal(inUrl.body.error.field, 'phone');
  assert.equal((await Desk.login(stack.srv.url, stack.dir, 'desk-west')).clinic, 2);
  const west = await Desk.login(stack.srv.url, stack.dir, 'desk-west');
  assert.equal((await west.call('POST', `/api/v1/desk/clinics/1/members/search`, { phone: '13700001111' })).status, 403, 'other clinic');
  const forged = code.body.code.replace(/\.(\d+)\./, (_, id) => `.${Number(id) + 1}.`);
  assert.equal((await desk.get(`/members?code=${encodeURIComponent(forged)}`)).status, 400);
  stack.setClock(61_000);
  const stale = await desk.get(`/members?code=${encodeURIComponent(code.body.code)}`);
  assert.equal(stale.status, 401);
  assert.equal(stale.body.error.code, 'token_expired');
  stack.setClock(0);

  const catalogue = await p.get('/api/v1/coupons/catalogue');
  assert.equal(catalogue.status, 200);
  assert.ok(catalogue.body.catalogue.some((c) => c.id === 'free_bp'));
  const inv = await p.get('/api/v1/invite');
  assert.match(inv.body.share_path, /^\/pages\/home\/home\?invite=[A-Za-z0-9]{8}$/);
  assert.deepEqual(inv.body.friends, []);
});

test('Idempotency-Key: same body → same stored reply, other body → 422, and it survives a restart', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-idem');
  const a = await p.post('/api/v1/me/consents', { kind: 'marketing', granted: true, policy_version: 'v1' }, 'key-1');
  const b = await p.post('/api/v1/me/consents', { kind: 'marketing', granted: true, policy_version: 'v1' }, 'key-1');
  assert.equal(a.status, 200);
  assert.deepEqual(b.body, a.body);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.equal(a.headers.get('idempotent-replayed'), null);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM consents WHERE member_id = ${p.id} AND kind = 'marketing'`), '1');
  const c = await p.post('/api/v1/me/consents', { kind: 'marketing', granted: false, policy_version: 'v1' }, 'key-1');
  assert.equal(c.status, 422);
  assert.equal(c.body.error.code, 'idempotency_mismatch');
  const ci = await p.post('/api/v1/checkin', undefined, 'ci-key');

  await stack.srv.stop();
  stack.srv = await startServer({ dir: stack.dir, wechatUrl: stack.wx.url, args: [`--test-clock-file=${stack.clockFile}`] });
  p.base = stack.srv.url;
  const again = await p.post('/api/v1/checkin', undefined, 'ci-key');
  assert.equal(again.status, ci.status);
  assert.deepEqual(again.body, ci.body);
  const d = await p.post('/api/v1/me/consents', { kind: 'marketing', granted: true, policy_version: 'v1' }, 'key-1');
  assert.deepEqual(d.body, a.body);
});

test('account deletion erases PII and sessions; the ledger stays, anonymised', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-delete');
  await p.call('PUT', '/api/v1/me/profile', { name: '赵六' });
  const del = await p.call('DELETE', '/api/v1/me');
  assert.equal(del.status, 200);
  assert.equal((await p.get('/api/v1/points')).status, 401);
  assert.equal(sqlite(stack.srv.db, `SELECT openid IS NULL AND name_enc IS NULL FROM members WHERE id = ${p.id}`), '1');
  assert.ok(Number(sqlite(stack.srv.db, `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${p.id}`)) >= 2);
});

test('server-raised errors are one language per response: zh-CN by default, English on request', async () => {
  const p = await Patient.login(stack.srv.url, 'pat-lang');
  const cases = [
    ['GET', '/api/v1/slots?date=2026-13-99', { authorization: `Bearer ${p.token}` }],
    ['GET', '/api/v1/points/ledger', {}],
    ['GET', '/api/v1/no-such-route', {}],
  ];
  for (const [method, path, headers] of cases) {
    const zh = await request(stack.srv.url, method, path, { headers });
    const en = await request(stack.srv.url, method, path, { headers: { ...headers, 'accept-language': 'en' } });
    assert.ok(zh.status >= 400 && zh.status === en.status, `${path}: ${zh.status} / ${en.status}`);
    assert.match(zh.body.error.message, /[\u4e00-\u9fff]/, `${path} zh: ${zh.body.error.message}`);
    assert.doesNotMatch(zh.body.error.message, /\([a-z][a-z ]+/i, `${path} zh carries no English aside: ${zh.body.error.message}`);
    assert.doesNotMatch(en.body.error.message, /[\u4e00-\u9fff]/, `${path} en: ${en.body.error.message}`);
  }
});

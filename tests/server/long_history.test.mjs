// A member with 100,000 ledger entries (issue 16): the rows are written straight into the
// SQLite file (as a database from before member accounts would hold them, no account row),
// the server starts (building the account from the ledger: the migration path), then the
// member checks in, redeems, has a visit confirmed and refunded through the HTTP API, is
// rewarded (and un-rewarded) as the inviter of a friend's first paid visit, redeems in a race
// with itself, and
// the manager's report answers, and `clinic-server verify-accounts` (and the manager route) find
// the stored account equal to the replay of the ledger.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, startServer, Patient, Desk, DAY } from './api_helpers.mjs';
import { serverBin, sqlite, testStore, orgRowCheck } from './helpers.mjs';

let stack;
after(async () => { await stack?.stop(); });

const kEntries = 100_000;
const kStep = 10 * 60_000;  // one entry every 10 minutes: about 694 days of history
// With a database URL the key file is named (on SQLite it sits beside the file).
const keyFile = (dir) => (testStore === 'postgres' ? ['--key-file', join(dir, 'clinic.db.key')] : []);
// `clinic-server verify-accounts` on the stack's store: every stored account, lot fate and spend's
// takes equal the replay of the member's ledger.
function assertAccountsMatchLedgers(s) {
  const out = execFileSync(serverBin, ['verify-accounts', '--db', s.srv.db, ...keyFile(s.dir)], { encoding: 'utf8' });
  assert.match(out, /verify-accounts: \d+ members, \d+ entries, 0 difference\(s\)/);
}

test('a member with 100,000 ledger entries checks in, redeems, has a visit confirmed and refunded', async () => {
  stack = await startStack();
  const url0 = stack.srv.url;
  const p0 = await Patient.login(url0, 'long-history');
  const member = p0.id;
  await stack.srv.stop();

  // Self-test entries, 10 points on every 100th (expiring after 365 days), zero-point markers
  // otherwise (capped): the history of a very active member.
  const end = Date.now() - DAY;
  const start = end - kEntries * kStep;
  // The same rows in each store's dialect (a recursive CTE and json_object on SQLite,
  // generate_series and jsonb_build_object on PostgreSQL).
  const entryFields = (obj) => `${obj}('id', 'hist:' || i || '#1', 'event_id', 'hist:' || i, 'kind', 'earn',
                  'event_type', 'self_test_completed', 'points', CASE WHEN i % 100 = 0 THEN 10 ELSE 0 END,
                  'at_ms', ${start} + i * ${kStep},
                  'expires_at_ms', CASE WHEN i % 100 = 0 THEN ${start} + i * ${kStep} + ${365 * DAY} ELSE 0 END,
                  'rule_version', 'demo-2026.11-1', 'reason', 'base')`;
  const insertRows = `INSERT INTO ledger_entries(member_id, clinic_id, org_id, event_id, kind, points, at_ms, rule_version_id, entry)
    SELECT ${member}, 1, (SELECT org_id FROM members WHERE id = ${member}), 'hist:' || i || '#1', 'earn', CASE WHEN i % 100 = 0 THEN 10 ELSE 0 END, ${start} + i * ${kStep}, NULL,`;
  sqlite(stack.srv.db, {
    sqlite: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${kEntries})
      ${insertRows} ${entryFields('json_object')} FROM n;
      DELETE FROM member_accounts WHERE member_id = ${member};`,
    postgres: `${insertRows} ${entryFields('jsonb_build_object')}::text FROM generate_series(1::bigint, ${kEntries}) AS n(i);
      DELETE FROM member_accounts WHERE member_id = ${member};`,
  });
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM ledger_entries WHERE member_id = ${member}`),
    String(kEntries + 1));

  stack.srv = await startServer({ dir: stack.dir, wechatUrl: stack.wx.url,
    args: [`--test-clock-file=${join(stack.dir, 'clock')}`] });
  const url = stack.srv.url;
  // The start built the account from the ledger.
  assert.equal(sqlite(stack.srv.db, `SELECT json_extract(account, '$.entries') FROM member_accounts WHERE member_id = ${member}`),
    String(kEntries + 1));

  const p = new Patient(url, p0.token, member);
  const before = await p.get('/api/v1/points');
  assert.equal(before.status, 200, JSON.stringify(before.body));
  assert.ok(before.body.available >= 4000, `available ${before.body.available}`);
  assert.ok(before.body.expired > 0, 'credits older than a year expired');

  const ci = await p.post('/api/v1/checkin');
  assert.equal(ci.status, 200, JSON.stringify(ci.body));
  assert.equal(ci.body.points, 5);
  const cal = (await p.get('/api/v1/points')).body;
  assert.ok(cal.checkin.checked_in_today);
  assert.equal(cal.checkin.month_days.length, 1);

  const rd = await p.post('/api/v1/coupons/redeem', { catalogue_id: 'cash_10' });
  assert.equal(rd.status, 201, JSON.stringify(rd.body));
  const afterRedeem = (await p.get('/api/v1/points')).body;
  assert.equal(afterRedeem.available, before.body.available + 5 - 500);
  // Where the 500 points came from (the takes a cancellation would give back) is kept beside
  // the ledger, not in the account row every later op reads.
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM spend_takes WHERE member_id = ${member}`), '1');
  assert.equal(sqlite(stack.srv.db, `SELECT json_extract(account, '$.spends') FROM member_accounts WHERE member_id = ${member}`), '[]');

  const desk = await Desk.login(url, stack.dir, 'desk');
  const v = await desk.post('/visits',
    { member_id: member, visit_ref: 'LONG-1', paid: true, items: [{ sku: 'SVC-CONSULT', qty: 1 }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  assert.ok(v.body.points.points > 0);
  const rf = await desk.post(`/visits/${v.body.visit.id}/refund`, {});
  assert.equal(rf.status, 200, JSON.stringify(rf.body));
  assert.equal(rf.body.entries.length, 1);
  const final = (await p.get('/api/v1/points')).body;
  assert.equal(final.available, afterRedeem.available);
  assert.equal(final.pending, afterRedeem.pending);

  // Newest first: the refund's reversal is the first entry of the first page.
  const page = (await p.get('/api/v1/points/ledger?limit=5')).body;
  assert.equal(page.entries[0].entry.kind, 'reverse');

  // The member invites a friend: the friend's first paid visit settles the rebate on the long
  // history (the inviter's account is version-checked too), the refund reverses it.
  const invite = (await p.get('/api/v1/invite')).body;
  const friend = await Patient.login(url, 'long-history-friend', { invite_code: invite.code });
  assert.equal(friend.login.invite.bound, true, JSON.stringify(friend.login.invite));
  const fv = await desk.post('/visits',
    { member_id: friend.id, visit_ref: 'LONG-FRIEND-1', paid: true, items: [{ sku: 'SVC-CONSULT', qty: 1 }] });
  assert.equal(fv.status, 201, JSON.stringify(fv.body));
  assert.equal(fv.body.referral.rewarded, true, JSON.stringify(fv.body.referral));
  const rewarded = (await p.get('/api/v1/points')).body;
  assert.equal(rewarded.credit_fen, final.credit_fen + fv.body.referral.amount);
  assert.equal(rewarded.available, final.available + fv.body.referral.bonus_points);
  const fr = await desk.post(`/visits/${fv.body.visit.id}/refund`, {});
  assert.equal(fr.status, 200, JSON.stringify(fr.body));
  assert.ok(fr.body.inviter_entries.length >= 1);
  // The campaign's usage kept beside the ledger (migration 8) equals the sum over its entries.
  const usage = sqlite(stack.srv.db, 'SELECT campaign_id || \'=\' || used FROM campaign_usage ORDER BY 1');
  const scanned = sqlite(stack.srv.db, `SELECT json_extract(entry, '$.campaign_id') || '=' ||
    SUM(COALESCE(CAST(json_extract(entry, '$.credit_fen') AS BIGINT), 0) + CASE WHEN kind IN ('rebate','reverse') THEN points ELSE 0 END)
    FROM ledger_entries WHERE json_extract(entry, '$.campaign_id') IS NOT NULL GROUP BY json_extract(entry, '$.campaign_id') ORDER BY 1`);
  assert.ok(usage.length > 0);
  assert.equal(usage, scanned);
  const unrewarded = (await p.get('/api/v1/points')).body;
  assert.equal(unrewarded.credit_fen, final.credit_fen);
  assert.equal(unrewarded.available, final.available);

  // Redemptions racing on the same account: each one is computed from a snapshot and stored only
  // over the account version it read (a loser computes again); none is lost or counted twice.
  const racing = await Promise.all(Array.from({ length: 6 },
    () => p.post('/api/v1/coupons/redeem', { catalogue_id: 'free_bp' })));
  const won = racing.filter((x) => x.status === 201).length;
  for (const x of racing) assert.ok([201, 409].includes(x.status), JSON.stringify(x.body));
  assert.ok(won >= 1, 'at least one racing redemption succeeds');
  assert.equal((await p.get('/api/v1/points')).body.available, unrewarded.available - 300 * won);

  // The manager's report replays the whole ledger in-process (beyond the command API's 1 MiB).
  const manager = await Desk.login(url, stack.dir, 'manager');
  const report = await manager.call('GET', '/api/v1/manager/clinics/1/report');
  assert.equal(report.status, 200, JSON.stringify(report.body));
  const verify = await manager.call('GET', '/api/v1/manager/clinics/1/accounts/verify');
  assert.equal(verify.status, 200, JSON.stringify(verify.body));
  assert.equal(verify.body.ok, true, JSON.stringify(verify.body.differences));

  assertAccountsMatchLedgers(stack);

  // The rows written straight into the store and by the server carry their org_id (migration 11).
  const check = orgRowCheck(stack.srv.db);
  for (const [table, [, bad]] of Object.entries(check)) assert.equal(bad, 0, `${table}: ${bad} rows without their org_id`);
  for (const table of ['lot_fates', 'ledger_reversals', 'member_accounts']) assert.ok(check[table][0] > 0, `${table} has rows`);
});

test('an account stored by an older core (schema_version 1) is rebuilt: on use, and at start', async () => {
  const s = await startStack();
  try {
    const p0 = await Patient.login(s.srv.url, 'old-schema');
    const member = p0.id;
    assert.equal((await p0.post('/api/v1/checkin')).status, 200);
    const schema = () => sqlite(s.srv.db, `SELECT json_extract(account, '$.schema_version') FROM member_accounts WHERE member_id = ${member}`);
    const current = schema();  // the core's schema_version
    assert.ok(Number(current) > 1, current);
    const schemaOne = {
      sqlite: `UPDATE member_accounts SET account = json_set(account, '$.schema_version', 1) WHERE member_id = ${member}`,
      postgres: `UPDATE member_accounts SET account = jsonb_set(account::jsonb, '{schema_version}', '1')::text WHERE member_id = ${member}`,
    };
    // On use: the next read rebuilds it from the ledger.
    sqlite(s.srv.db, schemaOne);
    const pts = await p0.get('/api/v1/points');
    assert.equal(pts.status, 200, JSON.stringify(pts.body));
    assert.equal(pts.body.checkin.checked_in_today, true);
    const again = await p0.post('/api/v1/checkin');  // a write on the rebuilt account
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.already_checked_in, true);
    const rd = await p0.post('/api/v1/coupons/redeem', { catalogue_id: 'cash_10' });
    assert.ok(rd.status < 500, JSON.stringify(rd.body));  // 5 points: refused as insufficient, not broken
    // At start: the server rebuilds every account of another schema before serving.
    await s.srv.stop();
    sqlite(s.srv.db, schemaOne);
    s.srv = await startServer({ dir: s.dir, wechatUrl: s.wx.url, args: [`--test-clock-file=${join(s.dir, 'clock')}`] });
    assert.equal(schema(), current);
    assertAccountsMatchLedgers(s);
  } finally {
    await s.stop();
  }
});

test('a stored account whose chunk the core finds malformed when it decodes it is rebuilt from the ledger', async () => {
  const s = await startStack();
  try {
    const p = await Patient.login(s.srv.url, 'damaged-chunk');
    assert.equal((await p.post('/api/v1/checkin')).status, 200);
    // A token left over after the chunk's items: its summary still reads, so only decoding the
    // chunk finds it (the core checks a chunk's items when an op needs them).
    const chunk = () => sqlite(s.srv.db, `SELECT chunk FROM member_account_chunks WHERE member_id = ${p.id} AND part = 0`);
    const good = chunk();
    assert.ok(good.length > 0);
    sqlite(s.srv.db, `UPDATE member_account_chunks SET chunk = chunk || ' 7' WHERE member_id = ${p.id} AND part = 0`);
    assert.equal(chunk(), `${good} 7`);
    // The next day's check-in joins its credit to that chunk: the core refuses the account at
    // $.account.lots[0], the server rebuilds it from the ledger and the check-in goes through.
    s.setClock(DAY);
    const next = await p.post('/api/v1/checkin');
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.equal(next.body.already_checked_in, false);
    assert.ok(!chunk().endsWith(' 7'), chunk());
    const pts = await p.get('/api/v1/points');
    assert.equal(pts.status, 200, JSON.stringify(pts.body));
    assertAccountsMatchLedgers(s);
  } finally {
    await s.stop();
  }
});

test('damaged stored accounts of a member and of the inviter: the referral settles and the refund goes through', async () => {
  const s = await startStack();
  try {
    const inviter = await Patient.login(s.srv.url, 'damaged-inviter');
    assert.equal((await inviter.post('/api/v1/checkin')).status, 200);
    const invite = (await inviter.get('/api/v1/invite')).body;
    const friend = await Patient.login(s.srv.url, 'damaged-friend', { invite_code: invite.code });
    assert.equal(friend.login.invite.bound, true, JSON.stringify(friend.login.invite));
    assert.equal((await friend.post('/api/v1/checkin')).status, 200);  // the friend's account row
    const damage = (member) =>
      sqlite(s.srv.db, `UPDATE member_account_chunks SET chunk = chunk || ' 7' WHERE member_id = ${member} AND part = 0`);
    damage(inviter.id);
    // A tier index past the rules' levels: every op refuses the account as soon as it reads it
    // (the desk's price preview, the inviter's figures for it, the visit's points, the settlement).
    const badTier = (member) => sqlite(s.srv.db, {
      sqlite: `UPDATE member_accounts SET account = json_set(account, '$.tier.index', 99) WHERE member_id = ${member}`,
      postgres: `UPDATE member_accounts SET account = jsonb_set(account::jsonb, '{tier,index}', '99')::text WHERE member_id = ${member}`,
    });
    badTier(inviter.id);
    badTier(friend.id);
    const desk = await Desk.login(s.srv.url, s.dir, 'desk');
    const v = await desk.post('/visits',
      { member_id: friend.id, visit_ref: 'DAMAGED-1', paid: true, items: [{ sku: 'SVC-CONSULT', qty: 1 }] });
    assert.equal(v.status, 201, JSON.stringify(v.body));
    assert.equal(v.body.referral.rewarded, true, JSON.stringify(v.body.referral));
    // The refund reverses the friend's points and the inviter's reward: both accounts decode
    // every lot chunk, both damaged.
    damage(inviter.id);
    damage(friend.id);
    const rf = await desk.post(`/visits/${v.body.visit.id}/refund`, {});
    assert.equal(rf.status, 200, JSON.stringify(rf.body));
    assert.ok(rf.body.inviter_entries.length >= 1, JSON.stringify(rf.body));
    assertAccountsMatchLedgers(s);
  } finally {
    await s.stop();
  }
});

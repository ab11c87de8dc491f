// Durability: every acknowledged write survives kill -9. 400 concurrent logins (each a
// member + session write through the group-commit writer) are acknowledged, the server
// is killed with SIGKILL, restarted on the same files, and every acknowledged token
// must still be valid. Also checks that commits were actually grouped (SQLite; on PostgreSQL
// each write is its own transaction, CLINIC_TEST_DB=postgres).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeWechat, startServer, tempDir, postJson, getJson, sqlite, apiFetch, testStore } from './helpers.mjs';

let wx, srv;
after(async () => {
  await srv?.stop('SIGKILL');
  await wx?.stop();
});

test('acknowledged writes survive kill -9', async () => {
  wx = await startFakeWechat();
  const dir = tempDir();
  const args = ['--member-logins-per-minute=100000', '--workers=32'];
  srv = await startServer({ dir, wechatUrl: wx.url, args });
  const N = 400;
  const acked = [];
  // Keep writing while the kill lands: the writes that were acknowledged must all be there.
  let killed = false;
  const inflight = [];
  for (let i = 0; i < N; i++) {
    inflight.push(postJson(srv.url, '/api/v1/auth/login', { code: `durable-${i}` }).then((r) => {
      if (r.status === 200) acked.push({ i, ...r.body });
    }).catch(() => {}));
    if (i === 300) {
      await Promise.all(inflight.slice(0, 250));  // 250 settled; ~50 more are in flight when the kill lands
      const metrics = await (await apiFetch(srv.url + '/metrics')).text();
      const batches = Number(/clinic_store_commit_batch_size_count (\d+)/.exec(metrics)[1]);
      const writes = Number(/clinic_store_commit_batch_size_sum (\d+)/.exec(metrics)[1]);
      console.log(`group commit so far: ${writes} writes in ${batches} transactions`);
      if (testStore === 'sqlite') assert.ok(writes > batches, 'concurrent writes were grouped into fewer transactions');
      srv.proc.kill('SIGKILL');
      killed = true;
    }
  }
  await Promise.all(inflight);
  assert.ok(killed);
  const { signal } = await srv.exited;
  assert.equal(signal, 'SIGKILL');
  console.log(`acknowledged before kill -9: ${acked.length} of ${N} attempted`);
  assert.ok(acked.length >= 250, `${acked.length} acknowledged`);

  srv = await startServer({ dir, wechatUrl: wx.url, args });
  let missing = 0;
  for (const a of acked) {
    const s = await getJson(srv.url, '/api/auth/session', { authorization: `Bearer ${a.token}` });
    if (s.status !== 200 || s.body.member_id !== a.member.id) missing++;
  }
  console.log(`after restart: ${acked.length - missing} of ${acked.length} acknowledged sessions present, ${missing} missing`);
  assert.equal(missing, 0);
  // Every member but the two demo ones (openids are stored as keyed hashes only).
  const members = Number(sqlite(srv.db, 'SELECT COUNT(*) - 2 FROM members WHERE openid_hash IS NOT NULL'));
  assert.ok(members >= acked.length, `${members} members stored`);
  if (testStore === 'sqlite') assert.equal(sqlite(srv.db, 'PRAGMA integrity_check'), 'ok');
});

// Operations: health/readiness/metrics, the PII-free access log, static files, graceful
// SIGTERM with a request in flight, online backup, refusing bad config, and the grep
// proving the database holds no plaintext phone number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeWechat, startServer, tempDir, postJson, getJson, sqlite, serverBin, sourceDir, APPID, SECRET, apiFetch,
  accessLogWhen, testStore, storeFiles, databaseFor } from './helpers.mjs';

// The newest migration in native-server/src/store/migrations.cpp (branches add their own).
function latestMigration() {
  const text = readFileSync(join(sourceDir, 'native-server', 'src', 'store', 'migrations.cpp'), 'utf8');
  return Math.max(...[...text.matchAll(/^\s*\{(\d+), "/gm)].map((m) => Number(m[1])));
}

let wx, srv, dir;
before(async () => {
  wx = await startFakeWechat();
  dir = tempDir();
  srv = await startServer({ dir, wechatUrl: wx.url });
});
after(async () => {
  await srv?.stop();
  await wx?.stop();
});

// The files holding `needle` (grep -l -a, one run over all of them: exit 1 = no file matched).
function grepFiles(needle, files) {
  const r = spawnSync('grep', ['-l', '-a', '-F', '--', needle, ...files], { encoding: 'utf8' });
  if (r.status > 1) throw new Error(`grep: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

test('healthz, readyz, metrics', async () => {
  assert.deepEqual((await getJson(srv.url, '/healthz')).body, { status: 'ok' });
  const ready = await getJson(srv.url, '/readyz');
  assert.equal(ready.status, 200);
  assert.equal(ready.body.status, 'ready');
  assert.equal(ready.body.schema_version, latestMigration());
  await postJson(srv.url, '/api/v1/auth/login', { code: 'metrics-user.1' });
  const res = await apiFetch(srv.url + '/metrics');
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /clinic_http_requests_total\{route="\/api\/v1\/auth\/login",method="POST",status="200"\} 1/);
  assert.match(text, /clinic_http_requests_total\{route="\/readyz",method="GET",status="200"\} 1/);
  assert.match(text, /clinic_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  assert.match(text, /clinic_store_commit_batch_size_count [1-9]\d*/);
  // The login committed a session: SQLite's one writer has spent time on jobs and on commits
  // (PostgreSQL's writers run in parallel: nothing to report, 0).
  for (const phase of ['jobs', 'commit']) {
    const m = text.match(new RegExp(`clinic_store_writer_seconds_total\\{phase="${phase}"\\} (\\S+)`));
    assert.ok(m, `writer ${phase} seconds on /metrics`);
    if (testStore === 'postgres') assert.equal(Number(m[1]), 0);
    else assert.ok(Number(m[1]) > 0, `writer ${phase} seconds ${m[1]} > 0`);
  }
  assert.match(text, /clinic_store_db_bytes [1-9]\d*/);
});

test('routing errors: 404 with code, 405 with Allow, the command API keeps the core bytes', async () => {
  const nf = await getJson(srv.url, '/api/nope');
  assert.equal(nf.status, 404);
  assert.deepEqual(nf.body, { error: { code: 'route_not_found', message: '没有这个接口', field: '' } });
  const nfEn = await getJson(srv.url, '/api/nope?lang=en');
  assert.deepEqual(nfEn.body, { error: { code: 'route_not_found', message: 'no such route', field: '' } });
  const na = await apiFetch(srv.url + '/api/staff/login');
  assert.equal(na.status, 405);
  assert.equal(na.headers.get('allow'), 'POST');
  const core = await apiFetch(srv.url + '/api/core', { method: 'POST', body: '{"op":"no.such","v":1,"lang":"en"}' });
  assert.equal(core.status, 404);
  const text = await core.text();
  const cli = process.env.CLINIC_CORE_CLI || join(sourceDir, 'build', 'native-debug', 'cli', 'clinic-core');
  assert.equal(text, execFileSync(cli, { input: '{"op":"no.such","v":1,"lang":"en"}', encoding: 'utf8' }).trim());
  assert.match(text, /"code":"unknown_op"/);
});

test('static files for the front desk', async () => {
  const res = await apiFetch(srv.url + '/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await res.text(), /健康会员/);
  assert.equal((await apiFetch(srv.url + '/../../etc/passwd')).status, 404);
  assert.equal((await apiFetch(srv.url + '/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  assert.equal((await apiFetch(srv.url + '/missing.js')).status, 404);
});

test('the access log is JSON lines without PII or secrets', async () => {
  const { body } = await postJson(srv.url, '/api/v1/auth/login', { code: 'pii-check-user.1' });
  await getJson(srv.url, '/api/auth/session', { authorization: `Bearer ${body.token}` });
  const log = await accessLogWhen(join(dir, 'access.log'), (text) => text.includes('"route":"/api/auth/session"'));
  const lines = log.trim().split('\n');
  assert.ok(lines.length >= 5);
  for (const line of lines) {
    const rec = JSON.parse(line);
    assert.deepEqual(Object.keys(rec).sort(), ['at_ms', 'in', 'method', 'out', 'route', 'status', 'us']);
  }
  const text = lines.join('\n');
  assert.ok(!text.includes(body.token));
  assert.ok(!text.includes('pii-check-user'));
  assert.ok(text.includes('"route":"/api/auth/session"'));
});

test('online backup while serving', async () => {
  if (testStore === 'postgres') {
    // `backup` is SQLite's; it points a PostgreSQL database at pg_dump, which copies it while
    // serving (README "Scaling out": backups) into a database that restores whole.
    const r = spawnSync(serverBin, ['backup', join(dir, 'backup.db'), `--db=${srv.db}`], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /pg_dump/);
    const dump = join(dir, 'backup.pgdump');
    execFileSync('pg_dump', ['-Fc', '-f', dump, srv.db], { stdio: 'pipe' });
    const restored = databaseFor(tempDir());
    execFileSync('pg_restore', ['--exit-on-error', '-d', restored, dump], { stdio: 'pipe' });
    assert.equal(sqlite(restored, 'SELECT COUNT(*) FROM staff'), '4');
    assert.equal(sqlite(restored, 'SELECT MAX(version) FROM schema_migrations'), String(latestMigration()));
    return;
  }
  const dest = join(dir, 'backup.db');
  execFileSync(serverBin, ['backup', dest, `--db=${srv.db}`], { stdio: 'pipe' });
  assert.equal(sqlite(dest, 'SELECT COUNT(*) FROM staff'), '4');
  assert.equal(sqlite(dest, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sqlite(dest, 'SELECT MAX(version) FROM schema_migrations'), String(latestMigration()));
});

test('the database holds no plaintext phone number (grep), while running and after shutdown', async () => {
  const files = storeFiles(srv.db);
  // Positive control: grep does find plain text that is stored in the clear.
  assert.ok(grepFiles('desk-west', files).length > 0);
  // Openids too: stored as keyed hashes only (issue 13).
  for (const needle of ['13812345678', '13987654321', '张三', '李四', 'demo-openid-1']) assert.deepEqual(grepFiles(needle, files), [], needle);
  // The lookup by keyed hash still finds the member.
  assert.equal(sqlite(srv.db, 'SELECT COUNT(*) FROM members WHERE phone_hash IS NOT NULL AND length(phone_enc) > 11'), '2');
});

test('SIGTERM: in-flight request finishes and commits, exit 0', async () => {
  const pending = postJson(srv.url, '/api/v1/auth/login', { code: 'slow.1' });  // the fake answers after 1.5 s
  // SIGTERM once the server is inside the request (it has asked the fake WeChat), not after a guessed delay.
  await wx.waitForOutput(/slow code slow\.1 received/, 'the login reaching the fake WeChat');
  srv.proc.kill('SIGTERM');
  const r = await pending;
  assert.equal(r.status, 200);
  const { code } = await srv.exited;
  assert.equal(code, 0);
  assert.match(srv.stderr(), /received SIGTERM, draining/);
  assert.match(srv.stderr(), /stopped cleanly/);
  const after = storeFiles(srv.db);
  assert.ok(after.length > 0);
  assert.deepEqual(grepFiles('13812345678', after), []);
  srv = await startServer({ dir, wechatUrl: wx.url });
  const s = await getJson(srv.url, '/api/auth/session', { authorization: `Bearer ${r.body.token}` });
  assert.equal(s.status, 200);
});

test('bad configuration: refuses to start with a clear message', () => {
  const run = (...args) => spawnSync(serverBin, args, { encoding: 'utf8', env: { PATH: process.env.PATH } });
  const base = [`--db=${join(dir, 'other.db')}`, `--wechat-appid=${APPID}`, `--wechat-secret=${SECRET}`];
  let r = run(...base, '--port=http');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad configuration: port: expected an integer, got "http"/);
  r = run(...base, '--wechat-api-base=http://api.example.com');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /wechat_api_base: plain http is allowed only to a loopback host/);
  r = run(`--db=${join(dir, 'other.db')}`);
  assert.match(r.stderr, /wechat_appid: required/);
  r = run(...base, '--no-such-flag=1');
  assert.match(r.stderr, /unknown flag --no_such_flag/);
});

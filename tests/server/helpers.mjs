// Shared by the server suites: start the fake WeChat API and clinic-server (debug build)
// on ephemeral ports over real HTTP, read demo credentials, small raw-socket helpers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { assertResponseMatchesSpec } from './openapi_validator.cjs';

export const sourceDir = process.env.CLINIC_SOURCE_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBin = process.env.CLINIC_SERVER_BIN || join(sourceDir, 'build', 'native-debug', 'native-server', 'clinic-server');
export const fakeWechatScript = join(sourceDir, 'native-server', 'fake-wechat', 'server.mjs');
export const APPID = 'wx-test-appid';
export const SECRET = 'test-secret';

// Removed when the suite's process exits (set CLINIC_KEEP_TEST_DIRS=1 to keep them for a post-mortem).
export function tempDir(prefix = 'clinic-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!process.env.CLINIC_KEEP_TEST_DIRS) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// A failure cap, never what a test relies on: the suites also run under ASan on a loaded machine.
export const WAIT_CAP_MS = 120000;

// Resolves with the first stdout/stderr line matching `re` (its match), rejects on exit.
function waitForLine(proc, stream, re, what) {
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no "${re}" within ${WAIT_CAP_MS / 1000} s; output: ${buffered}`)), WAIT_CAP_MS);
    const onData = (chunk) => {
      buffered += chunk.toString();
      const m = re.exec(buffered);
      if (m) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolvePromise(m);
      }
    };
    stream.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before it was ready: ${buffered}`));
    });
  });
}

export async function startFakeWechat() {
  const proc = spawn(process.execPath, [fakeWechatScript, '--port', '0', '--appid', APPID, '--secret', SECRET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  proc.stdout.on('data', (c) => { output += c.toString(); });
  const m = await waitForLine(proc, proc.stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'fake-wechat');
  return {
    url: m[1],
    proc,
    // Resolves once the fake has printed a line matching `re` (e.g. that a request reached it).
    waitForOutput: (re, what) => (re.test(output) ? Promise.resolve() : waitForLine(proc, proc.stdout, re, what)),
    stop: () => new Promise((r) => { if (proc.exitCode !== null) return r(); proc.once('exit', r); proc.kill('SIGTERM'); }),
  };
}

// The store the suites run against: SQLite (a file in the test's folder) by default;
// CLINIC_TEST_DB=postgres runs them on PostgreSQL (issue 18) — one database per test folder
// in the cluster CLINIC_TEST_PG names (the ctest fixture "pg" starts it, scripts/lib/pg-cluster.sh).
export const testStore = process.env.CLINIC_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const pgAdminUrl = process.env.CLINIC_TEST_PG || '';
if (testStore === 'postgres' && !pgAdminUrl) throw new Error('CLINIC_TEST_DB=postgres needs CLINIC_TEST_PG (the cluster URL)');

// postgresql:///postgres?host=… → postgresql:///<name>?host=…
function pgUrlWithDb(url, name) {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)\/?[^?]*(\?.*)?$/.exec(url);
  return `${m[1]}/${name}${m[2] || ''}`;
}

// The database of a test folder (created on first use; a restarted server finds its data again).
function databaseFor(dir) {
  if (testStore !== 'postgres') return join(dir, 'clinic.db');
  const name = 'clinic_' + dir.replace(/[^A-Za-z0-9]/g, '').slice(-24).toLowerCase();
  const exists = execFileSync('psql', [pgAdminUrl, '-Atc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`],
    { encoding: 'utf8' }).trim();
  if (exists !== '1') {
    execFileSync('psql', [pgAdminUrl, '-qc', `CREATE DATABASE ${name}`]);
    if (!process.env.CLINIC_KEEP_TEST_DIRS) {
      process.on('exit', () => {
        try {
          execFileSync('psql', [pgAdminUrl, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'ignore' });
        } catch { /* the cluster may already be stopping */ }
      });
    }
  }
  return pgUrlWithDb(pgAdminUrl, name);
}

// Starts clinic-server; `args` are extra flags. Returns helpers bound to it.
export async function startServer({ dir, wechatUrl, args = [], demo = true }) {
  const db = databaseFor(dir);
  // With a database URL the key and the demo credentials still live in the test folder.
  const storeFlags = testStore === 'postgres'
    ? [`--key-file=${join(dir, 'clinic.db.key')}`, `--demo-credentials-file=${join(dir, 'clinic.db.demo-staff.txt')}`]
    : [];
  const flags = [
    '--port=0', `--db=${db}`, ...storeFlags, `--wechat-appid=${APPID}`, `--wechat-secret=${SECRET}`,
    `--wechat-api-base=${wechatUrl}`, '--log-level=info', `--access-log=${join(dir, 'access.log')}`,
    ...(demo ? ['--demo'] : []), ...args,
  ];
  const proc = spawn(serverBin, flags, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c) => { stderr += c.toString(); });
  const m = await waitForLine(proc, proc.stderr, /listening on http:\/\/127\.0\.0\.1:(\d+)/, 'clinic-server');
  const port = Number(m[1]);
  const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return {
    proc, port, db, dir, url: `http://127.0.0.1:${port}`, exited,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export function demoCredentials(dir) {
  const text = readFileSync(join(dir, 'clinic.db.demo-staff.txt'), 'utf8');
  const out = {};
  for (const line of text.trim().split('\n')) {
    const [username, password, role, clinic] = line.split(' ');
    out[username] = { username, password, role, clinic };
  }
  return out;
}

// fetch() for the server suites: every response is checked against docs/openapi.yaml
// (openapi_validator.cjs) before the test sees it; a contradiction throws SpecMismatch.
// Returns the Response, its body still unread.
export async function apiFetch(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.clone().text();
  let body = text;
  try { if (text !== '') body = JSON.parse(text); } catch { /* not JSON: checked as text */ }
  const u = new URL(url);
  assertResponseMatchesSpec(init.method || 'GET', u.pathname + u.search, res.status, res.headers.get('content-type'), body);
  return res;
}

export async function postJson(base, path, body, headers = {}) {
  const res = await apiFetch(base + path, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export async function getJson(base, path, headers = {}) {
  const res = await apiFetch(base + path, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

// Sends raw bytes on a fresh TCP connection; resolves with everything received until close.
export function rawExchange(port, bytes, { timeoutMs = WAIT_CAP_MS } = {}) {
  return new Promise((resolvePromise, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('raw exchange timed out')); }, timeoutMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => { clearTimeout(timer); resolvePromise(Buffer.concat(chunks).toString('latin1')); });
    sock.on('connect', () => { sock.write(bytes); });
  });
}

// The access log is written in batches by a background thread (native-server/src/log.h):
// reads it until `ready(text)` holds, polling (bounded by WAIT_CAP_MS, not by a guess).
export async function accessLogWhen(file, ready) {
  const start = Date.now();
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (ready(text)) return text;
    if (Date.now() - start > WAIT_CAP_MS) throw new Error(`access log ${file} never became ready`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Runs SQL on the test's database: sqlite3 on a file, psql (same "a|b" row format) on a URL.
// For psql the suites' SQLite dialect is translated where it differs: json_extract(col, '$.k')
// becomes (col::jsonb ->> 'k'), instr(col, X'hex') (a byte search in a blob) becomes
// position('\xhex'::bytea in col), typeof(col) becomes pg_typeof(col) (so 'blob' is 'bytea':
// see blobType), and a boolean answer t/f is printed as SQLite's 1/0. A statement with no
// portable form takes { sqlite, postgres } instead of a string.
export const blobType = testStore === 'postgres' ? 'bytea' : 'blob';
export function sqlite(db, sql) {
  const onPg = /^postgres(ql)?:\/\//.test(db);
  if (typeof sql === 'object') sql = onPg ? sql.postgres : sql.sqlite;
  if (onPg) {
    const pgSql = sql.replace(/json_extract\((\w+(?:\.\w+)?), '\$\.(\w+)'\)/g, "($1::jsonb ->> '$2')")
      .replace(/instr\((\w+), X'([0-9a-fA-F]*)'\)/g, "position('\\x$2'::bytea in $1)")
      .replace(/\btypeof\(/g, 'pg_typeof(');
    const out = execFileSync('psql', [db, '-Atqc', pgSql], { encoding: 'utf8' }).trim();
    return out.split('\n').map((row) => row.split('|').map((v) => (v === 't' ? '1' : v === 'f' ? '0' : v)).join('|')).join('\n');
  }
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();
}

// The files holding the test's database, for a grep of what is stored in the clear: the SQLite
// file and its WAL; on PostgreSQL (after a CHECKPOINT, so the heap files have every commit) the
// files of the database's folder (base/<oid>) and the cluster's WAL segments.
export function storeFiles(db) {
  if (!/^postgres(ql)?:\/\//.test(db)) return [db, `${db}-wal`].filter(existsSync);
  execFileSync('psql', [db, '-qc', 'CHECKPOINT']);
  const [dataDir, oid] = sqlite(db,
    "SELECT current_setting('data_directory') || '|' || oid FROM pg_database WHERE datname = current_database()").split('|');
  const under = (d) => readdirSync(d).map((f) => join(d, f)).filter((f) => statSync(f).isFile());
  return [...under(join(dataDir, 'base', oid)), ...under(join(dataDir, 'pg_wal'))];
}

// Migration 11 (issue 18): every row that belongs to an organisation carries its org_id, the
// same as its owning clinic's or member's. Returns { table: [rows, rows without it or wrong] }.
export const orgRowOwners = {
  departments: 'clinic', doctors: 'clinic', slots: 'clinic', rule_versions: 'clinic', clinic_posters: 'clinic',
  visits: 'clinic', bookings: 'clinic', reviews: 'clinic',
  ledger_entries: 'member', member_accounts: 'member', member_account_chunks: 'member', ledger_reversals: 'member', lot_fates: 'member',
  coupons: 'member', consents: 'member', invite_codes: 'member', invite_qr: 'member', subscriptions: 'member',
  member_code_secrets: 'member', triage_results: 'member', referral_bindings: 'invitee',
  patients: 'member', outbox: 'member',
};
export function orgRowCheck(db) {
  const out = {};
  for (const [table, owner] of Object.entries(orgRowOwners)) {
    const [ownerTable, ownerColumn] = owner === 'clinic' ? ['clinics', 'clinic_id']
      : owner === 'invitee' ? ['members', 'invitee_id'] : ['members', 'member_id'];
    const [rows, bad] = sqlite(db, `SELECT COUNT(*), COUNT(*) - COUNT(CASE WHEN t.org_id = o.org_id THEN 1 END)
      FROM ${table} t LEFT JOIN ${ownerTable} o ON o.id = t.${ownerColumn}`).split('|').map(Number);
    out[table] = [rows, bad];
  }
  return out;
}

export { existsSync, databaseFor };

// kill -9 during write load, N rounds at seeded random moments (CLINIC_FAULT_ROUNDS, default 3;
// scripts/faults runs 20; CLINIC_FAULT_SEED, default 9). Each round starts the ledger writer
// (tests/faults/ledger_writer.cpp: 16 threads appending ledger entries through the server's
// Store, group commit, synchronous=FULL) on the same database, kills it with SIGKILL while
// writes are in flight, then verifies the database as a restart sees it: integrity_check
// ok, every acknowledged entry present, nothing stored that was never attempted, and
// `clinic-server verify-accounts`: every member's stored account equals the replay of its
// ledger (the writes go through the account path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../server/helpers.mjs';

const sourceDir = process.env.CLINIC_SOURCE_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.CLINIC_FAULT_LEDGER_BIN || join(sourceDir, 'build', 'native-debug', 'tests', 'clinic-fault-ledger');
const serverBin = process.env.CLINIC_SERVER_BIN || join(sourceDir, 'build', 'native-debug', 'native-server', 'clinic-server');
const rounds = Number(process.env.CLINIC_FAULT_ROUNDS || 3);
const seed = Number(process.env.CLINIC_FAULT_SEED || 9);

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writeRound(db, round, log, delayMs) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(bin, ['write', db, String(round), '16'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    let acked = 0;
    let armed = false;
    proc.stdout.on('data', (chunk) => {
      const text = pending + chunk.toString();
      const cut = text.lastIndexOf('\n') + 1;
      pending = text.slice(cut);
      const lines = text.slice(0, cut);
      appendFileSync(log, lines);
      acked += (lines.match(/^K /gm) || []).length;
      // The random delay starts at the first acknowledged write (not at READY), so every
      // round kills a writer that has acknowledged something, however slow the machine.
      if (!armed && acked > 0) {
        armed = true;
        sleep(delayMs).then(() => proc.kill('SIGKILL'));
      }
    });
    proc.once('exit', (code, signal) => {
      if (pending) appendFileSync(log, pending + '\n');  // a torn last line is ignored by verify
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself: code ${code}`));
      resolvePromise({ acked });
    });
  });
}

test(`kill -9 during ledger writes, ${rounds} rounds (seed ${seed}): nothing acknowledged is lost`, async () => {
  const dir = tempDir('clinic-fault-kill9-');
  const db = join(dir, 'ledger.db');
  const log = join(dir, 'writes.log');
  writeFileSync(log, '');
  // The writer (ledger_writer.cpp) seals with a fixed test key; verify-accounts reads members
  // (sealed openids included) with the same key from this file.
  writeFileSync(join(dir, 'key'), 'f'.repeat(32), { mode: 0o600 });
  const random = mulberry32(seed);
  let totalAcked = 0;
  for (let round = 1; round <= rounds; round++) {
    const delay = Math.round(150 + random() * 750);
    const { acked } = await writeRound(db, round, log, delay);
    totalAcked += acked;
    let report;
    try {
      report = JSON.parse(execFileSync(bin, ['verify', db, log], { encoding: 'utf8' }));
    } catch (e) {
      throw new Error(`round ${round}: verify failed:\n${e.stderr || ''}${e.stdout || ''}`);
    }
    let accounts;
    try {
      accounts = execFileSync(serverBin, ['verify-accounts', '--db', db, '--key-file', join(dir, 'key')],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new Error(`round ${round}: verify-accounts found differences:\n${e.stdout || ''}${e.stderr || ''}`);
    }
    assert.match(accounts, /verify-accounts: \d+ members, \d+ entries, 0 difference\(s\)/);
    console.log(accounts.trim().split('\n').at(-1));
    console.log(`round ${round}: killed ${delay} ms after the first acknowledged write, ${acked} acknowledged this round; ` +
      `${report.acknowledged_present}/${report.acknowledged} acknowledged present in total, ` +
      `${report.stored_entries} stored (${report.unacknowledged_present} committed but unacknowledged), ` +
      `${report.members} members checked`);
    assert.equal(report.ok, true);
    assert.ok(acked > 0, `round ${round}: some writes were acknowledged before the kill`);
    assert.equal(report.acknowledged_present, report.acknowledged);
  }
  assert.equal(
    execFileSync('sqlite3', [db, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim(), 'ok');
  console.log(`${rounds} rounds, ${totalAcked} acknowledged writes, none lost`);
});

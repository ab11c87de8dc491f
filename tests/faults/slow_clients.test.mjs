// Slow and abandoned clients (slowloris) must not starve others. Many connections hold
// sockets open: some never send a byte, some dribble a header one byte at a time, some
// send half a body and stop. Meanwhile a normal client keeps asking; every answer must
// come within a bound (4 s, under the 6 s read timeout a starved request would wait for),
// and the server must close the dribblers (read timeout) and the silent ones (idle timeout).
// CLINIC_FAULT_SLOW_CONNS (default 200) and CLINIC_FAULT_SLOW_SECONDS (default 4).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startFakeWechat, startServer, tempDir, postJson } from '../server/helpers.mjs';

const conns = Number(process.env.CLINIC_FAULT_SLOW_CONNS || 200);
const seconds = Number(process.env.CLINIC_FAULT_SLOW_SECONDS || 4);
// Starved requests would wait for the read timeout (6 s) to free the server: the bound sits
// below it, with room for an ASan build on a loaded machine.
const readTimeoutMs = 6000;
const boundMs = Number(process.env.CLINIC_FAULT_SLOW_BOUND_MS || 4000);
const CLOSE_CAP_MS = 120000;  // failure cap only: the test waits for the closes themselves
let wx, srv;
const sockets = [];
const timers = [];
after(async () => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  await srv?.stop('SIGKILL');
  await wx?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function open(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.state = { closedByServer: false };
    s.on('close', () => { s.state.closedByServer = true; });
    s.on('connect', () => resolve(s));
    sockets.push(s);
  });
}

test(`${conns} slow/abandoned connections do not starve a normal client`, async () => {
  wx = await startFakeWechat();
  srv = await startServer({
    dir: tempDir('clinic-fault-slow-'), wechatUrl: wx.url, demo: false,
    // No per-address limit on /api/core: this suite measures latency under slow clients, not the limit.
    args: [`--read-timeout-ms=${readTimeoutMs}`, `--idle-timeout-ms=${readTimeoutMs + 2000}`, '--core-requests-per-minute=0'],
  });
  const kinds = { silent: [], dribble: [], half_body: [] };
  for (let i = 0; i < conns; i++) {
    const s = await open(srv.port);
    if (i % 3 === 0) {
      kinds.silent.push(s);  // connects, never sends
    } else if (i % 3 === 1) {
      kinds.dribble.push(s);  // a header, one byte every 200 ms, never finished
      const text = 'POST /api/core HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(4000);
      let k = 0;
      timers.push(setInterval(() => { if (!s.destroyed && k < text.length) s.write(text[k++]); }, 200));
    } else {
      kinds.half_body.push(s);  // promises 10,000 bytes, sends 10, waits
      s.write('POST /api/core HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"op":"cor');
    }
  }
  const latencies = [];
  const body = { op: 'triage.evaluate', v: 1, complaint: 'headache', patient: { age_years: 30, sex: 'female' }, answers: {}, assume_no: true };
  const end = Date.now() + seconds * 1000;
  let errors = 0;
  while (Date.now() < end) {
    const t0 = performance.now();
    try {
      const r = await postJson(srv.url, '/api/core', body);
      if (r.status !== 200 || !r.body.ok) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
    await sleep(20);
  }
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(`${conns} slow connections held; normal client: ${latencies.length} requests, ` +
    `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms, ${errors} errors`);
  assert.equal(errors, 0);
  assert.ok(latencies[latencies.length - 1] < boundMs, `max latency ${latencies[latencies.length - 1]} ms ≥ ${boundMs} ms`);
  // The read timeout closes the dribblers and the half bodies, the idle timeout the silent
  // ones: wait for every close (a connection never closed fails at the cap).
  const closed = (list) => list.filter((s) => s.state.closedByServer).length;
  const all = [...kinds.silent, ...kinds.dribble, ...kinds.half_body];
  await new Promise((resolve) => {
    const cap = setTimeout(resolve, CLOSE_CAP_MS);  // then the asserts below name what stayed open
    const check = () => { if (closed(all) === all.length) { clearTimeout(cap); resolve(); } };
    for (const s of all) s.once('close', check);  // after the listener that sets closedByServer
    check();
  });
  console.log(`closed by the server: silent ${closed(kinds.silent)}/${kinds.silent.length}, ` +
    `dribble ${closed(kinds.dribble)}/${kinds.dribble.length}, half body ${closed(kinds.half_body)}/${kinds.half_body.length}`);
  assert.equal(closed(kinds.dribble), kinds.dribble.length, 'dribbling headers are cut off by the read timeout');
  assert.equal(closed(kinds.half_body), kinds.half_body.length, 'half-sent bodies are cut off by the read timeout');
  assert.equal(closed(kinds.silent), kinds.silent.length, 'silent connections are closed by the idle timeout');
});

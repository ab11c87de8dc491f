// Limits: body and header sizes, slow clients, a flood of malformed requests, keep-alive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startFakeWechat, startServer, tempDir, rawExchange, getJson, apiFetch } from './helpers.mjs';

let wx, srv;
before(async () => {
  wx = await startFakeWechat();
  srv = await startServer({ dir: tempDir(), wechatUrl: wx.url, demo: false, args: ['--read-timeout-ms=1000', '--idle-timeout-ms=2000'] });
});
after(async () => {
  await srv?.stop();
  await wx?.stop();
});

test('a body over 64 KiB → 413 too_large', async () => {
  const body = JSON.stringify({ op: 'core.version', v: 1, pad: 'x'.repeat(70 * 1024) });
  const res = await apiFetch(srv.url + '/api/core', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, 'too_large');
});

test('a body just under the limit is served', async () => {
  const body = JSON.stringify({ op: 'core.version', v: 1 }).padEnd(60 * 1024, ' ');
  const res = await apiFetch(srv.url + '/api/core', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(res.status, 200);
});

test('headers over 8 KiB → 431', async () => {
  const reply = await rawExchange(srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`);
  assert.match(reply, /^HTTP\/1\.1 431 /);
  assert.match(reply, /"code":"headers_too_large"/);
});

test('a slow client is cut off after the read timeout', async () => {
  const started = Date.now();
  const closed = await new Promise((resolve) => {
    const sock = net.connect(srv.port, '127.0.0.1', () => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    let got = '';
    sock.on('data', (c) => { got += c; });
    sock.on('error', () => {});
    sock.on('close', () => resolve(got));
  });
  const elapsed = Date.now() - started;
  assert.equal(closed, '');  // no response to a request that never finished
  // Not before the 1 s read timeout; the upper bound only catches a connection never closed.
  assert.ok(elapsed >= 900 && elapsed < 60000, `closed after ${elapsed} ms`);
});

test('an idle keep-alive connection is closed after the idle timeout', async () => {
  const started = Date.now();
  await new Promise((resolve) => {
    const sock = net.connect(srv.port, '127.0.0.1');
    sock.on('error', () => {});
    sock.on('close', resolve);
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 1900 && elapsed < 60000, `closed after ${elapsed} ms`);
});

test('keep-alive: several requests on one connection', async () => {
  const req = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const reply = await rawExchange(srv.port, req + req + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(reply.match(/HTTP\/1\.1 200 OK/g).length, 3);
});

test('1,000 malformed requests leave it serving', async () => {
  const garbage = [
    'GARBAGE\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'POST /api/core HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/core HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzzzz\r\n',
    'GET /\x00\x01 HTTP/1.1\r\n\r\n',
    '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',  // a TLS ClientHello on the plain port
    // Well-formed HTTP with bad bodies (Connection: close so each exchange ends at once):
    'POST /api/core HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"op":[',
    'POST /api/staff/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi',
  ];
  const batch = 50;
  let answered400 = 0;
  for (let i = 0; i < 1000; i += batch) {
    const replies = await Promise.all(Array.from({ length: batch }, (_, k) => rawExchange(srv.port, garbage[(i + k) % garbage.length])));
    answered400 += replies.filter((r) => /^HTTP\/1\.1 4\d\d /.test(r)).length;
  }
  assert.equal(answered400, 1000, `${answered400} of 1000 got a 4xx`);
  const h = await getJson(srv.url, '/healthz');
  assert.equal(h.status, 200);
  const core = await apiFetch(srv.url + '/api/core', { method: 'POST', body: '{"op":"core.version","v":1}' });
  assert.equal(core.status, 200);
});

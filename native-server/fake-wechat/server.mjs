#!/usr/bin/env node
// Fake WeChat server API for development and tests (the only fake in the project).
// Real HTTP, deterministic answers, no npm dependencies:
//   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
//   POST /cgi-bin/stable_token {grant_type:"client_credential", appid, secret}
//   POST /wxa/business/getuserphonenumber?access_token=… {code}
// Codes that trigger WeChat's errors (login and phone codes alike):
//   "bad-code" → 40029 invalid code        "rate-limit" → 45011 rate limit
//   "high-risk" → 40226 high-risk user     "busy" → -1 system busy
//   a code used twice → 40163 (WeChat codes are single-use)
//   "slow.<n>" → succeeds after 1.5 s (for in-flight requests during shutdown)
// Any other login code "<user>" or "<user>.<n>" → openid derived from <user>, so
// "alice.1" and "alice.2" are two logins of the same person. Phone codes
// "phone-13812345678" → that number.
// Issue 19 (needs an access token from stable_token, like WeChat):
//   POST /cgi-bin/message/subscribe/send {touser, template_id, page, data}
//        users (the <user> of the login code) "refuse…" → 43101 (user refused),
//        "badopenid…" → 40003, "flaky…" → -1 on the first send then ok; a data value
//        containing "BAD-FIELD" → 47003; an unknown openid → 40003.
//   POST /wxa/msg_sec_check {content, version:2, openid} → result.suggest: content with
//        "risky" or "违禁" → risky, "review" or "待审" → review, else pass.
//   POST /wxa/getwxacodeunlimit {scene, page} → a real PNG (a pattern from the scene);
//        scene over 32 characters → 40169, page not under pages/ → 41030.
//   GET  /__fake/messages → {messages:[…], attempts:[…], codes:n} (what the fake received)
// Usage: node server.mjs [--port N] [--appid ID] [--secret S] [--tls-cert PEM --tls-key PEM]
// prints "fake-wechat listening on http(s)://127.0.0.1:PORT" (https when given a certificate).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt('port', process.env.FAKE_WECHAT_PORT || 0));
const appid = opt('appid', process.env.CLINIC_WECHAT_APPID || 'wx-demo-appid');
const secret = opt('secret', process.env.CLINIC_WECHAT_SECRET || 'demo-secret');

const errorCodes = {
  'bad-code': [40029, 'invalid code'],
  'rate-limit': [45011, 'api minute-quota reach limit'],
  'high-risk': [40226, 'high risk user'],
  busy: [-1, 'system error'],
};
const usedCodes = new Set();
const userByOpenid = new Map();
const sent = [];
const attempts = [];
const flakySeen = new Set();
let codesMade = 0;
const tokens = new Set();
const sha = (s) => createHash('sha256').update(s).digest('base64url');

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function codeError(code) {
  if (errorCodes[code]) return { errcode: errorCodes[code][0], errmsg: errorCodes[code][1] };
  if (!code) return { errcode: 41008, errmsg: 'missing code' };
  if (usedCodes.has(code)) return { errcode: 40163, errmsg: 'code been used' };
  return null;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        resolve(null);
      }
    });
  });
}

const tlsCert = opt('tls-cert');
const tlsKey = opt('tls-key');
const handler = async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
    const q = url.searchParams;
    if (q.get('appid') !== appid || q.get('secret') !== secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.get('grant_type') !== 'authorization_code') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.get('js_code') || '';
    const err = codeError(code);
    if (err) return send(res, 200, err);
    usedCodes.add(code);
    const user = code.split('.')[0];
    if (user === 'slow') {
      // Tests wait for this line (not a sleep) before acting on "the request is in flight".
      console.log(`slow code ${code} received, answering in 1.5 s`);
      await new Promise((r) => setTimeout(r, 1500));
    }
    const openid = `o${sha(`${appid}/${user}`).slice(0, 27)}`;
    userByOpenid.set(openid, user);
    return send(res, 200, { openid, session_key: sha(`sk/${code}`).slice(0, 24) });
  }
  if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
    const body = await readBody(req);
    if (!body || body.grant_type !== 'client_credential') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
    if (body.appid !== appid || body.secret !== secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
    const token = `tok-${sha(`${Date.now()}/${Math.random()}`).slice(0, 32)}`;
    tokens.add(token);
    return send(res, 200, { access_token: token, expires_in: 7200 });
  }
  if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
    if (!tokens.has(url.searchParams.get('access_token'))) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
    const body = await readBody(req);
    const code = body && typeof body.code === 'string' ? body.code : '';
    const err = codeError(code);
    if (err) return send(res, 200, err);
    const m = /^phone-(\d{11})$/.exec(code);
    if (!m) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
    usedCodes.add(code);
    return send(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: m[1], purePhoneNumber: m[1], countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid } },
    });
  }
  if (req.method === 'GET' && url.pathname === '/__fake/messages') {
    return send(res, 200, { messages: sent, attempts, codes: codesMade });
  }
  const tokenOk = () => tokens.has(url.searchParams.get('access_token'));
  if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
    if (!tokenOk()) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
    const body = (await readBody(req)) || {};
    const user = userByOpenid.get(body.touser);
    const values = Object.values(body.data || {}).map((v) => String(v && v.value));
    let err = null;
    if (user === undefined || user.startsWith('badopenid')) err = [40003, 'invalid openid'];
    else if (user.startsWith('refuse')) err = [43101, 'user refuse to accept the msg'];
    else if (values.some((v) => v.includes('BAD-FIELD'))) err = [47003, 'argument invalid! data.thing1.value invalid'];
    else if (user.startsWith('flaky') && !flakySeen.has(body.touser)) {
      flakySeen.add(body.touser);
      err = [-1, 'system error'];
    } else if (typeof body.template_id !== 'string' || !body.template_id) err = [40037, 'invalid template id'];
    attempts.push({ touser: body.touser, user, template_id: body.template_id, errcode: err ? err[0] : 0 });
    if (err) return send(res, 200, { errcode: err[0], errmsg: err[1] });
    sent.push({ touser: body.touser, user, template_id: body.template_id, page: body.page, data: body.data });
    return send(res, 200, { errcode: 0, errmsg: 'ok', msgid: sent.length });
  }
  if (req.method === 'POST' && url.pathname === '/wxa/msg_sec_check') {
    if (!tokenOk()) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
    const body = (await readBody(req)) || {};
    if (body.version !== 2 || typeof body.content !== 'string' || !body.openid) return send(res, 200, { errcode: 40003, errmsg: 'invalid args' });
    const c = body.content;
    const suggest = /risky|违禁/.test(c) ? 'risky' : /review|待审/.test(c) ? 'review' : 'pass';
    const label = suggest === 'pass' ? 100 : 20001;
    return send(res, 200, { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label }], trace_id: sha(c).slice(0, 16) });
  }
  if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
    if (!tokenOk()) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
    const body = (await readBody(req)) || {};
    if (typeof body.scene !== 'string' || !body.scene || body.scene.length > 32) return send(res, 200, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
    if (typeof body.page !== 'string' || !body.page.startsWith('pages/')) return send(res, 200, { errcode: 41030, errmsg: 'invalid page hint' });
    codesMade += 1;
    const png = patternPng(`${body.scene}|${body.page}`);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
    return res.end(png);
  }
  send(res, 404, { errcode: 404, errmsg: 'no such fake endpoint' });
};

// A real PNG: a 21×21 grid of 10-pixel cells (grey scale, 8 bits) drawn from the input's hash.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function patternPng(text) {
  const cells = 21;
  const cell = 10;
  const size = cells * cell;
  const bits = createHash('sha512').update(text).digest();
  const on = (x, y) => (bits[(y * cells + x) % bits.length] >> ((x + y) % 8)) & 1;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1);
    for (let x = 0; x < size; x++) row[x + 1] = on(Math.floor(x / cell), Math.floor(y / cell)) ? 0 : 255;
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}
const server = tlsCert
  ? createTlsServer({ cert: readFileSync(tlsCert), key: readFileSync(tlsKey) }, handler)
  : createServer(handler);

server.listen(port, '127.0.0.1', () => {
  console.log(`fake-wechat listening on ${tlsCert ? 'https' : 'http'}://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

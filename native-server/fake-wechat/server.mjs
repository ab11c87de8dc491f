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
// Usage: node server.mjs [--port N] [--appid ID] [--secret S] [--tls-cert PEM --tls-key PEM]
// prints "fake-wechat listening on http(s)://127.0.0.1:PORT" (https when given a certificate).
import { createHash } from 'node:crypto';
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
    return send(res, 200, { openid: `o${sha(`${appid}/${user}`).slice(0, 27)}`, session_key: sha(`sk/${code}`).slice(0, 24) });
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
  send(res, 404, { errcode: 404, errmsg: 'no such fake endpoint' });
};
const server = tlsCert
  ? createTlsServer({ cert: readFileSync(tlsCert), key: readFileSync(tlsKey) }, handler)
  : createServer(handler);

server.listen(port, '127.0.0.1', () => {
  console.log(`fake-wechat listening on ${tlsCert ? 'https' : 'http'}://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

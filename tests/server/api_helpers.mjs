// Shared by the /api/v1 suites: a patient and a desk client over real HTTP, with the
// session token / staff cookie + CSRF token and Idempotency-Key handling.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startFakeWechat, startServer, tempDir, demoCredentials, apiFetch } from './helpers.mjs';

import clinicTime from '../clinic-time.cjs';

// The demo clinics' calendar (UTC+8), shared with the mini-program suites.
export const { DAY, HOUR, CLINIC_OFFSET, clinicDate, localIso, localMidnight, tomorrowAt, eveningBefore, birthDate } =
  clinicTime;

// One API call; the response has been checked against docs/openapi.yaml (apiFetch).
export async function request(base, method, path, { body, headers = {}, key } = {}) {
  const h = { ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (key) h['idempotency-key'] = key;
  const res = await apiFetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, headers: res.headers, body: json };
}

// A clinic-server with the fake WeChat API and a test clock (offset file) of its own.
export async function startStack({ args = [] } = {}) {
  const wx = await startFakeWechat();
  const dir = tempDir('clinic-api-');
  const clockFile = join(dir, 'clock');
  writeFileSync(clockFile, '0');
  const srv = await startServer({ dir, wechatUrl: wx.url, args: [`--test-clock-file=${clockFile}`, ...args] });
  return {
    wx, srv, dir, clockFile,
    setClock: (offsetMs) => writeFileSync(clockFile, String(offsetMs)),
    async stop() { await this.srv.stop(); await wx.stop(); },
  };
}

export class Patient {
  constructor(base, token, id) { this.base = base; this.token = token; this.id = id; }
  static async login(base, code, extra = {}) {
    const r = await request(base, 'POST', '/api/v1/auth/login', { body: { code, ...extra } });
    if (r.status !== 200) throw new Error(`login ${code}: ${r.status} ${JSON.stringify(r.body)}`);
    const p = new Patient(base, r.body.token, r.body.member.id);
    p.login = r.body;
    return p;
  }
  call(method, path, body, key) {
    return request(this.base, method, path, { body, key, headers: { authorization: `Bearer ${this.token}` } });
  }
  get(path) { return this.call('GET', path); }
  post(path, body, key = randomUUID()) { return this.call('POST', path, body, key); }
}

export class Desk {
  constructor(base, cookie, csrf, clinic) { this.base = base; this.cookie = cookie; this.csrf = csrf; this.clinic = clinic; }
  static async login(base, dir, username) {
    const cred = demoCredentials(dir)[username];
    const res = await apiFetch(base + '/api/staff/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: cred.password }),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`staff login ${username}: ${res.status} ${JSON.stringify(body)}`);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    return new Desk(base, cookie, body.csrf_token, Number(cred.clinic) || 1);
  }
  path(p) { return `/api/v1/desk/clinics/${this.clinic}${p}`; }
  call(method, path, body, key) {
    return request(this.base, method, path, { body, key, headers: { cookie: this.cookie, 'x-csrf-token': this.csrf } });
  }
  get(p) { return this.call('GET', this.path(p)); }
  post(p, body, key = randomUUID()) { return this.call('POST', this.path(p), body, key); }
}

// Walks a triage protocol the way the phone does (same core; here through the stateless
// /api/core preview): "no" to yes/no questions, the last option of a choice, nothing of a
// multi-choice, the minimum of a number → the finished state and its outcome.
export async function finishedTriage(base, complaint, patient) {
  const core = async (body) => {
    const r = await request(base, 'POST', '/api/core', { body: { v: 1, ...body } });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    return r.body.ok;
  };
  let step = await core({ op: 'triage.start', complaint, patient });
  for (let i = 0; step.status === 'question' && i < 20; i++) {
    const q = step.question;
    const answer = q.kind === 'yes_no' ? false : q.kind === 'single' ? q.options[q.options.length - 1].id
      : q.kind === 'multi' ? [] : (q.min ?? 0);
    step = await core({ op: 'triage.answer', state: step.state, question: q.id, answer });
  }
  if (step.status !== 'done') throw new Error('triage walk did not finish');
  return { state: step.state, outcome: step.outcome };
}

export { demoCredentials, tempDir, startFakeWechat, startServer };

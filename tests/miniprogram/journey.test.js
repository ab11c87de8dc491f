// END TO END: the mini-program pages, in jsdom, talking to the REAL clinic-server over real
// HTTP (wx.request bridged to node:http; the server started with the fake WeChat API by
// stack.mjs). Two phones (alice, and her friend bob) each with their own storage; the
// front desk through the desk API (staff login + CSRF). Prints a journey summary.
const { spawn } = require('node:child_process');
const http = require('node:http');
const { Buffer } = require('node:buffer');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { openPage, until, text, all, tap, fire, walkToResult, chooseOther } = require('./page-helpers.js');
const { birthDate } = require('../clinic-time.cjs');
const { assertResponseMatchesSpec } = require('../server/openapi_validator.cjs');
const i18n = require('../../miniprogram/lib/i18n.js');

const DAY = 86400000;
const root = join(__dirname, '..', '..');
let stack;
let runner;
const answered = [];  // "METHOD /path" of every request the server has answered (after the page got it)
const wasAnswered = (method, pathEnd) => answered.some((r) => r.startsWith(`${method} `) && r.split('?')[0].endsWith(pathEnd));
const summary = [];
const say = (line) => summary.push(line);
const specMismatches = [];  // responses (to the pages) that contradict docs/openapi.yaml

function httpCall(base, method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(base + path);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const h = { ...headers };
    if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload);
    const req = http.request({ hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let data = raw;
        try { data = JSON.parse(raw); } catch (e) { /* not JSON */ }
        try {
          assertResponseMatchesSpec(method, u.pathname + u.search, res.statusCode, res.headers['content-type'], data);
        } catch (e) {
          reject(e);
          return;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: data });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// wx.request → real HTTP, answering like WeChat: success for any HTTP status, fail when
// no answer arrives.
function httpTransport(opts) {
  const u = new URL(opts.url);
  httpCall(u.origin, opts.method || 'GET', u.pathname + u.search, { body: opts.data, headers: opts.header || {} })
    .then((r) => {
      opts.success({ statusCode: r.status, data: r.body, header: r.headers });
      answered.push(`${opts.method || 'GET'} ${u.pathname}${u.search}`);
    })
    .catch((e) => {
      if (e.name === 'SpecMismatch') specMismatches.push(e.message);  // failed below, not taken for an outage
      opts.fail({ errMsg: `request:fail ${e.message}` });
    });
}

class Desk {
  static async login(username) {
    const cred = stack.staff[username];
    const r = await httpCall(stack.url, 'POST', '/api/staff/login', {
      body: { username, password: cred.password }, headers: { 'content-type': 'application/json' },
    });
    if (r.status !== 200) throw new Error(`staff login: ${r.status} ${JSON.stringify(r.body)}`);
    const d = new Desk();
    d.cookie = String(r.headers['set-cookie']).split(';')[0];
    d.csrf = r.body.csrf_token;
    d.clinic = Number(cred.clinic) || 1;
    return d;
  }
  call(method, p, body) {
    const headers = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return httpCall(stack.url, method, `/api/v1/desk/clinics/${this.clinic}${p}`, { body, headers });
  }
}

// The server's test clock and the phones' clock move together (a phone computes its member
// code from its own time, as a real phone does from the network time the server shares).
const realNow = Date.now.bind(Date);
function setClock(offsetMs) {
  writeFileSync(stack.clockFile, String(offsetMs));
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
}

function usePhone(name) {
  wxShim.useDevice(name, { user: `mp-${name}` });
  wx.setStorageSync('api_base_url', stack.url); // the dev override of config.apiBaseUrl
}

beforeAll(async () => {
  runner = spawn(process.execPath, [join(__dirname, 'stack.mjs')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  stack = await new Promise((resolve, reject) => {
    let buf = '';
    runner.stdout.on('data', (c) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    runner.once('exit', (code) => reject(new Error(`stack.mjs exited with ${code}`)));
  });
  wxShim.reset();
  wxShim.transport = httpTransport;
}, 180000);

afterAll(async () => {
  if (specMismatches.length) console.error(`responses that contradict docs/openapi.yaml:\n${specMismatches.join('\n')}`);
  jest.restoreAllMocks();
  console.log(['mini-program journey (pages → real clinic-server):', ...summary.map((l) => `  ${l}`)].join('\n'));
  if (runner && runner.exitCode === null) {
    const exited = new Promise((r) => runner.once('exit', r));
    runner.stdin.end();
    await exited;
  }
});

test('journey: login, offline self-test submitted later, check-in, coupon, invite, friend visit, reward', async () => {
  // Alice opens the mini-program: wx.login → the server's WeChat login → token in storage.
  usePhone('alice');
  const home = openPage('home');
  await until(() => home.data.checkinText === '每日签到：今天还没签', 'alice home');
  const aliceId = wx.getStorageSync('member_id');
  expect(wx.getStorageSync('session_token')).toMatch(/.{20,}/);
  say(`alice logged in through wx.login + fake WeChat: member ${aliceId}, ${home.data.available} points`);

  // Self-test with no network: the core on the phone does it all; the result waits.
  wxShim.online = false;
  const sentBefore = wxShim.called('request').length;
  const st = openPage('selftest');
  await chooseOther(st, { years: 30, sex: 'female' }); // offline: no patient list, "someone else" still works
  await until(() => st.data.complaints.length > 30, 'complaints from the on-device core');
  await fire(st, '.search', 'input', { value: '嗓子疼' });
  await until(() => st.data.matches.length > 0, 'match');
  await tap(st, '.match');
  await until(() => st.data.phase === 'question', 'first question');
  await walkToResult(st);
  await until(() => st.data.submitText === '结果已保存在手机上，联网后上传', 'saved offline');
  expect(wx.getStorageSync('triage_queue').length).toBe(1);
  const offlineLevel = st.data.outcome.level;
  say(`offline self-test (sore throat, ${st.data.asked} questions on device): ${offlineLevel}, queued on the phone ` +
      `(${wxShim.called('request').length - sentBefore} request(s) attempted, none answered)`);

  // Back online: the waiting result goes up (without consent the server keeps only the
  // complaint, level and date — the answers stay in the phone's history); then consent.
  await home.instance.onShow(); // still offline: the result waits, and home says so
  expect(home.data.pendingText).toBe('有 1 份自测结果等待上传，点此查看');
  wxShim.online = true;
  const consentChecks = answered.filter((r) => r.startsWith('GET /api/v1/me/consents')).length;
  home.instance.onShow();
  await until(() => home.data.pending === 0, 'queued result submitted');
  expect(wx.getStorageSync('triage_queue')).toEqual([]);
  expect(wx.getStorageSync('selftest_history')[0]).toMatchObject({ uploaded: true, answers_stored: false });
  const me = openPage('me');
  await until(() => me.data.state === 'ready', 'me page');
  // the server's consent texts are the ones the app ships (one thing said everywhere)
  expect(me.data.healthText).toBe(i18n.t('consent_health_text'));
  expect(me.data.marketingText).toBe(i18n.t('consent_marketing_text'));
  await fire(me, '.consent-health', 'change', { value: true });
  await until(() => me.data.health, 'consent recorded');

  // Check in from home.
  await tap(home, '.checkin-btn');
  await until(() => home.data.checkedIn, 'checked in');
  expect(text(home, '.checkin-state')).toBe('每日签到：今天已签，连续 1 天');

  const mb = openPage('membership');
  await until(() => mb.data.balance && mb.data.ledger.length >= 3, 'membership');
  const selfTestEntry = mb.data.ledger.find((e) => e.points === '+10');
  expect(selfTestEntry).toBeTruthy();
  expect(mb.data.cells.filter((c) => c.on).length).toBe(1); // today's check-in on the calendar
  say(`online again: the queued result was submitted (without consent the server kept complaint + level only), ` +
      `then health-data consent on "me"; the server re-ran the core and ` +
      `agreed (ledger "${selfTestEntry.text}" ${selfTestEntry.points}), ` +
      `check-in streak ${home.data.streak}; available ${mb.data.balance.available}`);

  // A check-up at the desk (scanning alice's member code page) earns enough for a coupon.
  const mc = openPage('membercode');
  await until(() => mc.data.code && mc.data.qrSrc, 'member code');
  let desk = await Desk.login('desk');
  const found = await desk.call('GET', `/members?code=${encodeURIComponent(mc.data.code)}`);
  expect(found.status).toBe(200);
  expect(found.body.members[0].id).toBe(aliceId);
  mc.detach();
  const checkup = await desk.call('POST', '/visits', { member_id: aliceId, visit_ref: 'MP-A-1', paid: true, items: [{ sku: 'SVC-CHECKUP' }] });
  expect(checkup.status).toBe(201);
  setClock(8 * DAY); // the visit points leave pending after 7 days
  expect(mc.data.onPhone).toBe(true); // computed on the phone by the core (member_code.totp)
  say(`desk scanned alice's QR member code ${mc.data.code} (computed on the phone, ${mc.data.modules}×${mc.data.modules} modules) and confirmed a check-up: ` +
      `+${checkup.body.points.points} points, available after the 7-day window (server clock +8 days)`);

  const cp = openPage('coupons');
  await until(() => cp.data.catalogue.length > 0 && cp.data.available >= 300, 'coupon catalogue');
  const before = cp.data.available;
  await tap(cp, '.redeem-free_bp');
  await until(() => cp.data.mine.length === 1 && cp.data.available === before - 300, 'my coupon and the new balance');
  const couponCode = text(cp, '.coupon-code');
  expect(couponCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(cp.data.available).toBe(before - 300);
  desk = await Desk.login('desk'); // eight days on: a new shift (staff sessions last 12 h)
  const verify = await desk.call('POST', '/coupons/verify', { code: couponCode, items: [{ sku: 'SVC-BP' }] });
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ valid: true, coupon: { code: couponCode, catalogue_id: 'free_bp' } });
  say(`alice redeemed "免费血压测量" for 300 points (${before} → ${cp.data.available}): code ${couponCode}, valid at the desk`);

  // Alice shares her invite.
  const iv = openPage('invite');
  await until(() => iv.data.code, 'invite code');
  const share = iv.instance.onShareAppMessage();
  expect(share.path).toBe(`/pages/home/home?invite=${iv.data.code}`);
  say(`alice shares: onShareAppMessage → ${share.path}`);

  // Bob opens the share on his own phone: home?invite=CODE → his first login binds him.
  usePhone('bob');
  const query = Object.fromEntries(new URL(`https://x${share.path}`).searchParams);
  const bobHome = openPage('home', query);
  await until(() => bobHome.data.checkinText === '每日签到：今天还没签', 'bob home');
  const bobId = wx.getStorageSync('member_id');
  expect(bobId).not.toBe(aliceId);
  const bobCode = openPage('membercode');
  await until(() => bobCode.data.code, 'bob member code');
  bobCode.detach();

  // The front desk confirms bob's paid visit.
  const bob = await desk.call('GET', `/members?code=${encodeURIComponent(bobCode.data.code)}`);
  expect(bob.body.members[0].id).toBe(bobId);
  expect(bob.body.members[0].invited).toBe(true);
  const visit = await desk.call('POST', '/visits', { member_id: bobId, visit_ref: 'MP-B-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  expect(visit.status).toBe(201);
  expect(visit.body.referral.rewarded).toBe(true);
  say(`bob logged in through the share (bound to alice, invited=${bob.body.members[0].invited}); desk confirmed his paid visit: ` +
      `payable ${visit.body.price.payable_fen} fen after the invitee discount ${visit.body.price.discount_fen} fen`);

  // Alice sees the reward on her invite and membership pages.
  usePhone('alice');
  const iv2 = openPage('invite');
  await until(() => iv2.data.friends.length === 1 && iv2.data.friends[0].visited, 'friend visited');
  const rewardFen = visit.body.referral.amount;
  expect(iv2.data.rewardsText).toContain(`${Math.floor(rewardFen / 100)}.${String(rewardFen % 100).padStart(2, '0')} 元`);
  expect(all(iv2, '.friend')[0].dom.textContent).toContain('已到诊');
  expect(JSON.stringify(iv2.data.friends)).not.toMatch(/CONSULT|诊疗/);
  const mb2 = openPage('membership');
  await until(() => mb2.data.balance && mb2.data.balance.credit_fen === rewardFen, 'credit on membership');
  say(`alice's invite page: friend "${iv2.data.friends[0].name}" ${iv2.data.friends[0].state}; ${iv2.data.rewardsText}; ` +
      `membership: ${mb2.data.creditText}, available ${mb2.data.balance.available}`);
  expect(specMismatches).toEqual([]);
}, 300000);

test('family journey: a parent adds a 5-month-old, self-tests and books for the baby; the desk confirms the baby\'s visit', async () => {
  setClock(0); // back to the real time
  usePhone('carol');
  // 就诊人: the first login creates no patient; the parent adds the baby.
  const pt = openPage('patients');
  await until(() => pt.data.state !== 'loading', 'patients page');
  expect([pt.data.state, pt.data.stateText]).toEqual(['ready', '']);
  expect(text(pt, '.state-empty')).toBe('还没有就诊人。添加本人或家人后，可以为 TA 预约和自测。');
  const carolId = wx.getStorageSync('member_id');
  await tap(pt, '.add');
  await fire(pt, '.f-name', 'input', { value: '李小宝' });
  await tap(pt, '.f-male');
  await fire(pt, '.f-birth', 'change', { value: birthDate({ months: 5 }) });
  await fire(pt, '.f-relation', 'change', { value: 1 });
  await tap(pt, '.save');
  await until(() => pt.data.list.length === 1, 'the baby saved on the server');
  const baby = pt.data.list[0];
  expect(baby).toMatchObject({ name: '李小宝', relation: 'child', ageText: '5个月', guardian: true });
  say(`carol (member ${carolId}) added 就诊人 李小宝, 5 months (guardian consent recorded by the server)`);

  // The self-test for the baby: age in months, child questions, a typed temperature.
  const st = openPage('selftest');
  await until(() => st.data.people.length === 1, 'the patient list');
  await tap(st, `.person-${baby.id}`);
  await until(() => st.data.complaints.length > 0, 'complaints for a baby');
  expect(text(st, '.for-text')).toBe('为 李小宝（5个月）自测');
  await fire(st, '.search', 'input', { value: '宝宝发烧' });
  await until(() => st.data.matches.length > 0, 'match');
  expect(text(st, '.match')).toBe('发热（儿童）');
  await tap(st, '.match');
  await until(() => st.data.phase === 'question', 'first question');
  await walkToResult(st, { numbers: { temp: 38.4 }, choose: { days: 0, drinking: 1 } });
  expect(st.data.outcome.level).toBe('consultation_24');
  await until(() => st.data.submitText, 'submitted');
  expect(st.data.needsConsent).toBe(true); // carol has not consented: the answers stay on her phone
  const hs = openPage('history', { patient: String(baby.id) });
  await until(() => hs.data.state === 'ready' && hs.data.rows.length === 1, 'the baby\'s history');
  expect(hs.data.consentText).toBe(i18n.t('consent_health_text')); // the server's one text = the app's
  expect(text(hs, '.selftest .complaint')).toBe('发热（儿童）');
  expect(text(hs, '.selftest .level')).toBe('24 小时内就医');
  expect(text(hs, '.selftest .phone-only')).toBe('回答和原因只保存在这部手机上');
  say(`self-test for 李小宝 on the phone: 宝宝发烧 → 发热（儿童）, 38.4 °C at 5 months, drinking much less → ${st.data.outcome.level}; ` +
      `server history: ${hs.data.rows[0].levelText}, answers on the phone only (no consent)`);

  // Book the suggested department for the baby: today has no slot, the next day is offered.
  await tap(st, '.book');
  const url = wxShim.called('navigateTo').pop().url;
  expect(url).toBe(`/pages/appointments/appointments?department=pediatrics&patient=${baby.id}`);
  const ap = openPage('appointments', Object.fromEntries(new URL(`https://x${url}`).searchParams));
  await until(() => ap.data.nextFree, 'the next day with slots');
  expect(text(ap, '.suggested')).toBe('自测建议：儿科');
  expect(ap.data.patientId).toBe(baby.id);
  await tap(ap, '.go-next-free');
  await until(() => ap.data.slotsState === 'ready' && ap.data.slots.length > 0, 'slots');
  await tap(ap, '.book');
  await until(() => ap.data.upcoming.length === 1, 'booked');
  expect(wxShim.called('showModal').pop().content).toMatch(/儿科 · 李医生\n就诊人：李小宝$/);
  const appt = ap.data.upcoming[0];
  expect(appt).toMatchObject({ patient: '李小宝', department: '儿科', doctor: '李医生', cancellable: true });
  expect(appt.day).toMatch(/^明天 /);
  say(`booked 儿科 李医生 ${appt.day} ${appt.time} for 李小宝 (${appt.clinic})`);

  // The desk scans carol's member code (computed on her phone), sees the baby masked,
  // checks the appointment in and confirms the baby's visit.
  const mc = openPage('membercode');
  await until(() => mc.data.state === 'ready', 'member code');
  const desk = await Desk.login('desk');
  const found = await desk.call('GET', `/members?code=${encodeURIComponent(mc.data.code)}`);
  mc.detach();
  expect(found.status).toBe(200);
  expect(found.body.members[0].id).toBe(carolId);
  expect(found.body.members[0].patients).toEqual([expect.objectContaining({ id: baby.id, name_masked: '李**' })]);
  expect(JSON.stringify(found.body)).not.toContain('李小宝');
  const checkin = await desk.call('POST', `/appointments/${appt.id}/check-in`);
  expect(checkin.status).toBe(200);
  const visit = await desk.call('POST', '/visits', { member_id: carolId, patient_id: baby.id, visit_ref: 'MP-C-1', paid: true, items: [{ sku: 'SVC-CONSULT' }] });
  expect(visit.status).toBe(201);
  expect(visit.body.visit.patient.id).toBe(baby.id);
  expect(visit.body.visit.member_id).toBe(carolId);

  // On carol's phone: the appointment says the baby arrived (到诊签到, not the daily check-in).
  const ap2 = openPage('appointments');
  await until(() => ap2.data.state === 'ready' && ap2.data.upcoming.length === 1 && ap2.data.upcoming[0].status === 'checked_in', 'checked in');
  expect(text(ap2, '.appointment.upcoming .appt-status')).toBe('已到诊签到');
  expect(ap2.querySelector('.cancel')).toBeFalsy();
  say(`desk found carol by her phone-computed code ${mc.data.code}, saw 就诊人 ${found.body.members[0].patients[0].name_masked}, ` +
      `checked the appointment in and confirmed 李小宝's visit (+${visit.body.points.points} points to carol); her phone shows 已到诊签到`);

  // An emergency for someone else (grandpa, 70): 120 first, then the clinic's real phone and map.
  const em = openPage('selftest');
  await chooseOther(em, { years: 70, sex: 'male' });
  await fire(em, '.search', 'input', { value: '胸口痛' });
  await until(() => em.data.matches.length > 0, 'chest pain');
  await tap(em, '.match');
  await until(() => em.data.phase === 'question', 'red flag question');
  await tap(em, '.answer-yes');
  await until(() => em.data.phase === 'result' && em.data.clinicState === 'ready', 'the emergency card with the clinic');
  expect(em.data.outcome.level).toBe('emergency_ambulance');
  expect(text(em, '.act').indexOf('立即拨打 120')).toBe(0);
  await tap(em, '.call-120');
  await tap(em, '.call-clinic');
  await tap(em, '.clinic-map');
  const calls = wxShim.called('makePhoneCall').slice(-2);
  expect(calls).toEqual([{ phoneNumber: '120' }, { phoneNumber: em.data.clinic.phone }]);
  const map = wxShim.called('openLocation').pop();
  expect(map).toMatchObject({ latitude: em.data.clinic.latitude, longitude: em.data.clinic.longitude, address: em.data.clinic.address });
  await until(() => em.data.submitText, 'uploaded');
  expect(em.dom.textContent).not.toMatch(/积分/);
  say(`emergency card (chest pain, 70): 120 first, then ${em.data.clinic.name} ${em.data.clinic.phone}, map at ` +
      `${em.data.clinic.latitude},${em.data.clinic.longitude}; "${em.data.submitText}" (no points message)`);
}, 300000);


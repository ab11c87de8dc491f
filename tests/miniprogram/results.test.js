// Acting on a result, the reason, "不确定/没量", the answerer, history and the consent
// choice (issue 15, findings 4 and 5) — through the page, with a FAKE core answer: the
// fields the triage branch adds (patient.answerer, allow_not_sure, outcome.reason) are
// not in this tree's core yet, and each of the five levels is rendered on purpose. The
// fake answers only the triage ops; everything else goes to the real core.wasm.br.
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, chooseOther } = require('./page-helpers.js');
const { birthDate } = require('../clinic-time.cjs');
const coreLib = require('../../miniprogram/lib/core.js');
const i18n = require('../../miniprogram/lib/i18n.js');

const realCallCore = coreLib.callCore;
let api;
let calls;
let script;

const kOutcomes = {
  emergency_ambulance: { title: '立即拨打 120', departments: [{ id: 'emergency', name: '急诊科' }] },
  emergency: { title: '立即去急诊', departments: [{ id: 'emergency', name: '急诊科' }] },
  consultation_24: { title: '24 小时内就医', departments: [{ id: 'pediatrics', name: '儿科' }] },
  consultation: { title: '尽快预约就诊', departments: [{ id: 'pediatrics', name: '儿科' }] },
  self_care: { title: '可以居家自我护理', departments: [{ id: 'pediatrics', name: '儿科' }] },
};

function outcome(level, withReason = true) {
  const o = {
    level, ...kOutcomes[level], advice: '按建议行动。', go_sooner_if: ['请尽快就医：精神变差'], disclaimer: '本自测不是诊断。',
  };
  if (withReason) {
    o.reason = {
      summary: '体温 39.2 °C，孩子不满 6 个月',
      answers: [{ question: '孩子测到的体温是多少？', text: '39.2 °C', answer: 39.2 }],
    };
  }
  return o;
}

function done(level, req, withReason) {
  return {
    status: 'done', protocol: { id: 'fever_child', name: '发热（儿童）', revision: 2 }, asked: 1,
    state: { protocol: 'fever_child', revision: 2, patient: req ? req.patient : {}, answers: { rf_critical: false } },
    outcome: outcome(level, withReason), path: [],
  };
}

beforeEach(() => {
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = api.transport;
  calls = [];
  script = { start: (req) => done('consultation', req) };
  jest.spyOn(coreLib, 'callCore').mockImplementation(async (req) => {
    calls.push(JSON.parse(JSON.stringify(req)));
    if (req.op === 'triage.catalog') return { complaints: [{ id: 'fever_child', name: '发热（儿童）' }] };
    if (req.op === 'triage.match') return { matches: [{ complaint: 'fever_child', name: '发热（儿童）' }] };
    if (req.op === 'triage.start') return script.start(req);
    if (req.op === 'triage.answer') return script.answer(req);
    return realCallCore(req);
  });
  api.state.patients.push({ id: 1, name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
  api.state.patients.push({ id: 2, name: '张妈妈', sex: 'female', birth_date: birthDate({ months: 34 * 12 }), relation: 'self' });
  api.state.nextPatientId = 3;
});
afterEach(() => jest.restoreAllMocks());

function grantConsent() {
  api.state.consents.health_data = { granted: true, policy_version: '2026-01', at_ms: Date.now() };
}

async function testFor(patientId) {
  const page = openPage('selftest');
  await until(() => page.data.people.length === 2, 'patients');
  await tap(page, `.person-${patientId}`);
  await until(() => page.data.complaints.length === 1, 'complaints');
  await tap(page, '.complaint');
  return page;
}

async function resultFor(level, patientId = 1) {
  script.start = (req) => done(level, req);
  const page = await testFor(patientId);
  await until(() => page.data.phase === 'result', 'the result');
  return page;
}

const pageText = (page) => page.dom.textContent;

describe('each result level (finding 4)', () => {
  test('emergency_ambulance: call 120 first, then the clinic\'s phone and map; no points message; no "go sooner"', async () => {
    grantConsent();
    const page = await resultFor('emergency_ambulance');
    expect(text(page, '.result-title')).toBe('立即拨打 120');
    expect(page.querySelector('.result').dom.getAttribute('style')).toContain('#c62828');
    await until(() => page.data.clinicState === 'ready', 'the clinic');
    const act = text(page, '.act');
    expect(act.indexOf('立即拨打 120')).toBe(0);
    expect(act.indexOf('拨打诊所电话 021-5000 1234')).toBeGreaterThan(0);
    expect(text(page, '.clinic-map')).toBe('📍 健康会员诊所（东院） · 诊所位置：上海市浦东新区张江路 100 号');
    await tap(page, '.call-120');
    await tap(page, '.call-clinic');
    await tap(page, '.clinic-map');
    expect(wxShim.called('makePhoneCall')).toEqual([{ phoneNumber: '120' }, { phoneNumber: '021-5000 1234' }]);
    expect(wxShim.called('openLocation')).toEqual([{ latitude: 31.2, longitude: 121.6, name: '健康会员诊所（东院）', address: '上海市浦东新区张江路 100 号', scale: 16 }]);
    expect(all(page, '.sooner').length).toBe(0);
    expect(page.querySelector('.book')).toBeFalsy();
    await until(() => page.data.submitText, 'uploaded');
    expect(text(page, '.submit-text')).toBe('结果已上传');
    expect(pageText(page)).not.toMatch(/积分/);
  });

  test('emergency: the same actions; the clinic unreachable is said in words, with retry', async () => {
    api.failWith('GET /api/v1/clinics/1', 502, '<html>502 Bad Gateway</html>');
    const page = await resultFor('emergency');
    expect(text(page, '.result-title')).toBe('立即去急诊');
    await until(() => page.data.clinicState === 'error', 'clinic failed');
    expect(text(page, '.clinic-failed')).toContain('诊所电话和地址暂时无法获取：服务器暂时不可用，请稍后重试');
    expect(pageText(page)).not.toMatch(/HTTP|502/);
    expect(text(page, '.act').indexOf('立即拨打 120')).toBe(0);
    await until(() => page.data.submitText, 'uploaded');
    expect(page.querySelector('.consent-box')).toBeFalsy(); // no consent talk on an emergency card
    expect(page.dom.textContent).not.toMatch(/积分/);
    api.heal('GET /api/v1/clinics/1');
    await tap(page, '.retry-clinic');
    await until(() => page.data.clinicState === 'ready', 'clinic after retry');
    expect(text(page, '.call-clinic')).toBe('拨打诊所电话 021-5000 1234');
    expect(all(page, '.sooner').length).toBe(0);
  });

  test('consultation_24: book the suggested department for that patient; points only here', async () => {
    grantConsent();
    const page = await resultFor('consultation_24');
    expect(text(page, '.result-title')).toBe('24 小时内就医');
    expect(page.querySelector('.call-120')).toBeFalsy();
    expect(text(page, '.book')).toBe('预约儿科');
    await until(() => page.data.submitText, 'uploaded');
    expect(text(page, '.submit-text')).toBe('结果已上传，+10 积分');
    expect(api.state.triageSubmits[0].patient_id).toBe(1);
    await tap(page, '.book');
    expect(wxShim.called('navigateTo').pop()).toEqual({ url: '/pages/appointments/appointments?department=pediatrics&patient=1' });
  });

  test('consultation: booking, and what to watch for', async () => {
    const page = await resultFor('consultation', 2);
    expect(text(page, '.result-title')).toBe('尽快预约就诊');
    expect(all(page, '.sooner').length).toBe(1);
    await tap(page, '.book');
    expect(wxShim.called('navigateTo').pop()).toEqual({ url: '/pages/appointments/appointments?department=pediatrics&patient=2' });
  });

  test('self_care: a re-check reminder kept on the phone and shown on home when due; booking', async () => {
    const page = await resultFor('self_care');
    expect(text(page, '.result-title')).toBe('可以居家自我护理');
    expect(text(page, '.recheck .section')).toBe('设置复查提醒');
    await tap(page, '.remind-4h');
    const saved = wx.getStorageSync('recheck_reminders');
    expect(saved.length).toBe(1);
    expect(saved[0].title).toBe('复查 小宝：发热（儿童）');
    expect(saved[0].at_ms - Date.now()).toBeGreaterThan(3.9 * 3600000);
    expect(text(page, '.reminder-text')).toMatch(/^已设置提醒：(今天|明天) \d+月\d+日 周.+ \d\d:\d\d$/);
    await tap(page, '.remind-tonight');
    expect(wx.getStorageSync('recheck_reminders').length).toBe(2);
    await tap(page, '.recheck .book');
    expect(wxShim.called('navigateTo').pop()).toEqual({ url: '/pages/appointments/appointments?patient=1' });
    // home: the next reminder, then (time come) a due one with "知道了"
    const home = openPage('home');
    await until(() => home.data.nextReminder, 'the upcoming reminder');
    expect(text(home, '.reminder-next')).toMatch(/提醒：复查 小宝：发热（儿童）$/);
    const due = wx.getStorageSync('recheck_reminders');
    due[0].at_ms = Date.now() - 1000;
    wx.setStorageSync('recheck_reminders', due);
    home.instance.onShow();
    await until(() => home.data.dueReminders.length === 1, 'the due reminder');
    expect(text(home, '.reminder-due')).toContain('提醒：复查 小宝：发热（儿童）');
    await tap(home, '.reminder-done');
    expect(wx.getStorageSync('recheck_reminders').length).toBe(1);
  });

  test('the reason is shown on the card: "为什么是这个建议"', async () => {
    const page = await resultFor('consultation_24');
    expect(text(page, '.reason-title')).toBe('为什么是这个建议');
    expect(text(page, '.reason-summary')).toBe('体温 39.2 °C，孩子不满 6 个月');
    expect(all(page, '.reason-answer').map((n) => n.dom.textContent.trim())).toEqual(['· 孩子测到的体温是多少？ 39.2 °C']);
  });

  test('an outcome without a reason shows no empty reason section', async () => {
    script.start = (req) => done('consultation', req, false);
    const page = await testFor(1);
    await until(() => page.data.phase === 'result', 'result');
    expect(page.querySelector('.reason-title')).toBeFalsy();
  });
});

describe('answerer and "不确定/没量"', () => {
  test('answerer: parent for a child, self for oneself, relative for an adult someone else', async () => {
    const child = await resultFor('consultation', 1);
    child.detach();
    const self = await resultFor('consultation', 2);
    self.detach();
    const other = openPage('selftest');
    await chooseOther(other, { years: 70, sex: 'male' });
    await tap(other, '.complaint');
    await until(() => other.data.phase === 'result', 'result');
    const starts = calls.filter((r) => r.op === 'triage.start').map((r) => r.patient);
    expect(starts).toEqual([
      { age_years: 0, age_months: 5, sex: 'male', answerer: 'parent' },
      { age_years: 34, age_months: 0, sex: 'female', answerer: 'self' },
      { age_years: 70, age_months: 0, sex: 'male', answerer: 'relative' },
    ]);
    expect(calls.filter((r) => r.op === 'triage.match' || r.op === 'triage.catalog').every((r) => r.patient.answerer)).toBe(true);
  });

  test('a number question that allows it offers "不确定/没量", which answers "not_sure"', async () => {
    const question = {
      status: 'question', protocol: { id: 'fever_child', name: '发热（儿童）', revision: 3 }, asked: 0,
      state: { protocol: 'fever_child', revision: 3, patient: {}, answers: {} },
      question: { id: 'temp', kind: 'number', unit: '°C', min: 35, max: 43, step: 0.1, text: '孩子测到的体温是多少？', allow_not_sure: true },
    };
    script.start = () => question;
    script.answer = (req) => done('consultation', null);
    const page = await testFor(1);
    await until(() => page.data.phase === 'question', 'the number question');
    expect(page.data.numberValue).toBe('');
    expect(page.data.numberReady).toBe(false);
    expect(text(page, '.answer-not-sure')).toBe('不确定/没量');
    await tap(page, '.answer-number-next'); // empty: nothing is sent
    expect(calls.filter((r) => r.op === 'triage.answer')).toEqual([]);
    await tap(page, '.answer-not-sure');
    await until(() => page.data.phase === 'result', 'the result');
    expect(calls.filter((r) => r.op === 'triage.answer').map((r) => [r.question, r.answer])).toEqual([['temp', 'not_sure']]);
    const h = wx.getStorageSync('selftest_history');
    expect(h[0].answers).toEqual([{ question: '孩子测到的体温是多少？', answer: '不确定/没量' }]);
  });

  test('in English the button reads "Not sure / not measured"', async () => {
    i18n.setLang('en');
    script.start = () => ({
      status: 'question', protocol: { id: 'fever_child', name: 'Fever (child)', revision: 3 }, asked: 0, state: {},
      question: { id: 'temp', kind: 'number', unit: '°C', min: 35, max: 43, text: 'What temperature?', allow_not_sure: true },
    });
    const page = await testFor(1);
    await until(() => page.data.phase === 'question', 'question');
    expect(text(page, '.answer-not-sure')).toBe('Not sure / not measured');
  });
});

describe('consent and history (finding 5)', () => {
  test('without consent: the server keeps the level; the card says the answers stay on the phone, in the server\'s words (as on "me")', async () => {
    const page = await resultFor('consultation');
    await until(() => page.data.needsConsent, 'the consent offer');
    expect(text(page, '.submit-text')).toBe('结果已上传，+10 积分');
    expect(text(page, '.phone-only')).toBe('这次的回答和原因只保存在这部手机上。');
    expect(text(page, '.consent-text')).toBe(i18n.t('consent_health_text'));
    expect(api.state.triageSubmits).toMatchObject([{ patient_id: 1, answers_stored: false }]);
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    expect(all(me, '.consent')[0].dom.textContent).toContain(i18n.t('consent_health_text'));
    // the history: the server's row (level, date) joined with the phone's reason and answers
    const h = openPage('history', { patient: '1' });
    await until(() => h.data.state === 'ready' && h.data.rows.length, 'history');
    expect(text(h, '.consent-text')).toBe(i18n.t('consent_health_text')); // the server's text = the app's
    expect(all(h, '.selftest').length).toBe(1);
    expect(text(h, '.selftest .where')).toBe('已保存在诊所');
    expect(text(h, '.selftest .level')).toBe('预约就诊');
    expect(text(h, '.selftest .complaint')).toBe('发热（儿童）');
    expect(text(h, '.selftest .reason')).toBe('为什么是这个建议：体温 39.2 °C，孩子不满 6 个月');
    expect(text(h, '.selftest .phone-only')).toBe('回答和原因只保存在这部手机上');
    expect(text(h, '.selftest .when')).toMatch(/^今天 \d+月\d+日 周. \d\d:\d\d$/);
    // consenting from the card: recorded; the next tests keep their answers on the server
    await tap(page, '.consent');
    await until(() => page.data.consentDone, 'consent recorded');
    expect(api.state.consents.health_data.granted).toBe(true);
    expect(text(page, '.consent-done')).toBe('已同意：以后自测的回答和原因会保存在服务器上');
  });

  test('the consent text is the server\'s: "me" shows it, and the card and home reuse it offline', async () => {
    api.state.consentText = '服务器的说明：同意后保存回答；不同意时只保存等级。';
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    expect(text(me, '.health-text')).toBe('服务器的说明：同意后保存回答；不同意时只保存等级。');
    const page = await resultFor('consultation');
    await until(() => page.data.needsConsent, 'consent offer');
    expect(text(page, '.consent-text')).toBe('服务器的说明：同意后保存回答；不同意时只保存等级。');
  });

  test('with consent: answers and reason are on the server; the history shows them without the phone-only note', async () => {
    grantConsent();
    const page = await resultFor('consultation_24');
    await until(() => page.data.submitText, 'uploaded');
    expect(page.data.needsConsent).toBe(false);
    expect(page.querySelector('.consent')).toBeFalsy();
    const h = openPage('history', { patient: '1' });
    await until(() => h.data.state === 'ready' && h.data.rows.length, 'history');
    expect(text(h, '.selftest .level')).toBe('24 小时内就医');
    expect(text(h, '.selftest .reason')).toBe('为什么是这个建议：体温 39.2 °C，孩子不满 6 个月');
    expect(h.querySelector('.selftest .phone-only')).toBeFalsy();
  });

  test('home: results waiting to upload are tappable and explained; "现在上传" uploads them', async () => {
    wx.setStorageSync('patients_cache', { patients: api.state.patients, max: 6 }); // as saved on an earlier visit
    wxShim.online = false;
    await resultFor('consultation');
    const home = openPage('home');
    await until(() => home.data.state === 'offline', 'offline home');
    expect(text(home, '.pending')).toBe('有 1 份自测结果等待上传，点此查看 ›');
    wxShim.modalAnswer = false;
    await tap(home, '.pending');
    await until(() => wxShim.called('showModal').length === 1, 'the explanation');
    const modal = wxShim.called('showModal')[0];
    expect(modal).toMatchObject({ title: '待上传的自测结果', confirmText: '现在上传', cancelText: '知道了' });
    expect(modal.content).toBe(`这些结果已保存在这部手机上，联网后自动上传。\n${i18n.t('consent_health_text')}`);
    expect(home.data.pending).toBe(1);
    wxShim.online = true;
    wxShim.modalAnswer = true;
    await home.instance.onPending();
    expect(home.data.pending).toBe(0);
    expect(api.state.triageSubmits.map((x) => x.patient_id)).toEqual([1]);
  });

  test('home: a result the server could not take yet (502) waits; tapping offers the consent choice', async () => {
    api.failWith('POST /api/v1/triage/submit', 502, '<html>502</html>');
    const page = await resultFor('consultation_24');
    await until(() => page.data.submitText, 'the failed upload');
    expect(text(page, '.submit-text')).toBe('服务器暂时不可用，请稍后重试');
    const home = openPage('home'); // the server still cannot take it
    await until(() => home.data.pending === 1 && home.data.state === 'error', 'waiting');
    expect(text(home, '.pending')).toBe('有 1 份自测结果等待上传，点此查看 ›');
    api.heal('POST /api/v1/triage/submit');
    await home.instance.onPending();
    expect(wxShim.called('showModal').pop()).toMatchObject({ confirmText: '同意保存', cancelText: '暂不同意' });
    expect(home.data.pending).toBe(0);
    expect(api.state.consents.health_data.granted).toBe(true);
    expect(api.state.triageSubmits).toMatchObject([{ patient_id: 1, answers_stored: true }]);
  });

  test('history offline: says so and still lists what the phone keeps; empty says "还没有自测记录"', async () => {
    const empty = openPage('history', { patient: '2' });
    await until(() => empty.data.state === 'ready', 'empty history');
    expect(text(empty, '.state-empty')).toBe('还没有自测记录');
    wx.setStorageSync('patients_cache', { patients: api.state.patients, max: 6 });
    wxShim.online = false;
    await resultFor('self_care');
    const h = openPage('history', { patient: '1' });
    await until(() => h.data.state === 'offline', 'offline history');
    expect(text(h, '.state-text')).toBe('网络不可用，请稍后再试');
    expect(all(h, '.selftest-local').length).toBe(1);
    expect(text(h, '.selftest-local .where')).toBe('等待上传');
    wxShim.online = true;
    await tap(h, '.retry');
    await until(() => h.data.state === 'ready', 'retried');
  });
});

// Every page renders in jsdom and its main interactions work, against a fake patient API
// (the journey test runs the same pages against the real server). The self-test runs on
// the real core.wasm.br through the path-only WXWebAssembly shim.
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, fire, walkToResult, chooseOther } = require('./page-helpers.js');
const i18n = require('../../miniprogram/lib/i18n.js');
const { DAY, clinicDate } = require('../clinic-time.cjs');

let api;
beforeEach(() => {
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = api.transport;
});

describe('login', () => {
  test('wx.login code → server token in storage; one re-login on 401, then the retry succeeds', async () => {
    const client = require('../../miniprogram/lib/api.js');
    const bal = await client.get('/api/v1/points');
    expect(bal.available).toBe(700);
    expect(wx.getStorageSync('session_token')).toBe('tok-1');
    expect(api.state.logins).toEqual([{ code: 'patient.1' }]);
    api.revokeTokens();
    await client.post('/api/v1/checkin');
    expect(wx.getStorageSync('session_token')).toBe('tok-2');
    expect(api.paths()).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/points', 'POST /api/v1/checkin',
      'POST /api/v1/auth/login', 'POST /api/v1/checkin']);
    // the retry carries the same Idempotency-Key, so the server could never credit twice
    const checkins = api.state.requests.filter((r) => r.path === '/api/v1/checkin');
    expect(checkins[0].header['idempotency-key']).toBeTruthy();
    expect(checkins[1].header['idempotency-key']).toBe(checkins[0].header['idempotency-key']);
    // nothing but our own token is ever stored: no session_key, no openid
    expect([...wxShim.device.storage.keys()].sort()).toEqual(['member_id', 'session_token']);
  });

  test('a second 401 after the re-login is an error, not a loop', async () => {
    const client = require('../../miniprogram/lib/api.js');
    await client.get('/api/v1/points');
    const real = api.transport;
    wxShim.transport = (o) => (o.url.endsWith('/auth/login') ? real(o) : setTimeout(() => o.success({ statusCode: 401, data: { error: { code: 'unauthorized', message: 'x' } } }), 0));
    await expect(client.get('/api/v1/points')).rejects.toMatchObject({ status: 401 });
    expect(api.state.logins.length).toBe(2);
  });
});

describe('home', () => {
  test('shows the entries and today\'s check-in state; check-in updates it; entries navigate', async () => {
    const page = openPage('home');
    await until(() => page.data.checkinText === '每日签到：今天还没签', 'check-in state');
    expect(all(page, '.entry').length).toBe(7);
    expect(text(page, '.entry-0 .entry-title')).toBe('症状自测');
    await until(() => text(page, '.core-status') === '本机引擎 0.1.0', 'engine status');
    await tap(page, '.checkin-btn');
    await until(() => page.data.checkedIn, 'checked in');
    expect(text(page, '.checkin-state')).toBe('每日签到：今天已签，连续 3 天');
    expect(text(page, '.checkin-btn')).toBe('每日签到');
    expect(wxShim.called('showToast').map((t) => t.title)).toContain('每日签到成功 +5 积分');
    await tap(page, '.entry-1');
    expect(wxShim.called('navigateTo')).toEqual([{ url: '/pages/membership/membership' }]);
  });

  test('opened from a share path, the invite code goes with the first login', async () => {
    const page = openPage('home', { invite: 'FRIEND1' });
    await until(() => page.data.available === 700, 'balance');
    expect(api.state.logins).toEqual([{ code: 'patient.1', invite_code: 'FRIEND1' }]);
    expect(wx.getStorageSync('pending_invite')).toBe('');
  });

  test('switches to English from storage', async () => {
    i18n.setLang('en');
    const page = openPage('home');
    await until(() => page.data.checkinText === 'Daily check-in: not yet today', 'English state');
    expect(text(page, '.entry-0 .entry-title')).toBe('Symptom check');
  });
});

describe('self-test (on the device core)', () => {
  async function pickByText(page, words) {
    await until(() => page.data.complaints.length > 30, 'the complaint list from the core');
    await fire(page, '.search', 'input', { value: words });
    await until(() => page.data.matches.length > 0, `a match for ${words}`);
    const shown = text(page, '.match');
    await tap(page, '.match');
    await until(() => page.data.phase === 'question', 'the first question');
    return shown;
  }

  test('search → one question at a time with progress and back → result card → booking', async () => {
    const page = openPage('selftest');
    await chooseOther(page, { years: 30, sex: 'female' });
    expect(await pickByText(page, '嗓子疼')).toBe('喉咙痛');
    expect(page.data.questionNo).toBe(1);
    const first = page.data.question.id;
    await tap(page, '.answer-no');
    await until(() => page.data.asked === 1, 'question 2');
    expect(text(page, '.question-no')).toBe('第 2 题');
    expect(page.data.progress).toBeGreaterThan(0);
    await tap(page, '.back');
    await until(() => page.data.asked === 0, 'back to question 1');
    expect(page.data.question.id).toBe(first);
    await walkToResult(page);
    expect(page.data.outcome.level).toBe('consultation');
    expect(page.querySelector('.result').dom.getAttribute('style')).toContain('#1565c0');
    expect(page.querySelector('.call-120')).toBeFalsy();
    expect(text(page, '.advice').length).toBeGreaterThan(5);
    expect(all(page, '.sooner').length).toBeGreaterThan(0);
    // online, no consent yet: submitted (the server keeps the level), and consent is offered
    await until(() => page.data.needsConsent, 'the consent offer');
    expect(text(page, '.submit-text')).toBe('结果已上传，+10 积分');
    expect(wx.getStorageSync('triage_queue')).toEqual([]);
    await tap(page, '.consent');
    await until(() => page.data.consentDone, 'the consent');
    expect(api.state.triageSubmits[0].outcome.level).toBe('consultation');
    expect(api.state.triageSubmits[0].state.protocol).toBe('sore_throat');
    await tap(page, '.book');
    expect(wxShim.called('navigateTo')).toEqual([{ url: '/pages/appointments/appointments?department=ent' }]);
  });

  test('a red flag ends at once with the 120 call; offline the result waits in storage', async () => {
    wxShim.online = false;
    const page = openPage('selftest');
    await until(() => page.data.peopleState === 'offline' || page.data.peopleState === 'error', 'no patient list offline');
    expect(text(page, '.people-error')).toBe('网络不可用，请稍后再试');
    await chooseOther(page, { years: 30, sex: 'male' });
    await until(() => page.data.complaints.length > 30, 'the complaint list');
    await tap(page, '.complaint'); // the first in the list; back, then search below
    await until(() => page.data.phase === 'question', 'a question');
    await tap(page, '.back');
    await pickByText(page, 'chest pain');
    await tap(page, '.answer-yes');
    await until(() => page.data.phase === 'result', 'the emergency result');
    expect(page.data.outcome.level).toBe('emergency_ambulance');
    expect(page.querySelector('.book')).toBeFalsy();
    await tap(page, '.call-120');
    expect(wxShim.called('makePhoneCall')).toEqual([{ phoneNumber: '120' }]);
    await until(() => page.data.submitText === '结果已保存在手机上，联网后上传', 'offline note');
    expect(wx.getStorageSync('triage_queue').length).toBe(1);
    expect(api.state.requests.length).toBe(0);
  });
});

describe('self-test in English', () => {
  test('the core answers in English: matching, questions, result', async () => {
    i18n.setLang('en');
    const page = openPage('selftest');
    await chooseOther(page, { years: 30, sex: 'female' });
    await until(() => page.data.complaints.length > 30, 'complaints');
    await fire(page, '.search', 'input', { value: 'tummy ache' });
    await until(() => page.data.matches.length > 0, 'match');
    expect(text(page, '.match')).toBe('Abdominal pain');
    await tap(page, '.match');
    await until(() => page.data.phase === 'question', 'question');
    expect(text(page, '.question-no')).toBe('Question 1');
    expect(page.data.question.text).toMatch(/^[\x20-\x7e’–—]+$/);
    await walkToResult(page);
    expect(text(page, '.disclaimer')).toMatch(/not a diagnosis/);
  });
});

describe('membership', () => {
  test('points, tier progress, calendar with streak and badges, ledger', async () => {
    const page = openPage('membership');
    await until(() => page.data.balance && page.data.ledger.length === 3, 'balance and ledger');
    expect(text(page, '.available')).toBe('700');
    expect(text(page, '.pending')).toBe('300');
    expect(text(page, '.expiring')).toBe('40');
    expect(text(page, '.tier-text')).toBe('再获得 100 积分升级到 银卡');
    expect(page.data.tierProgress).toBe(90);
    expect(text(page, '.streak')).toBe('连续签到 2 天');
    expect(all(page, '.badge').length).toBe(1);
    expect(text(page, '.credit')).toBe('账户余额 12.50 元');
    expect(all(page, '.cell.head').length).toBe(7);
    expect(all(page, '.ledger-row')[0].dom.textContent).toContain('获得徽章');
  });

  test('the calendar and badges come from the account: a member with 120 entries sees this month', async () => {
    const now = Date.now();
    const today = clinicDate(now).getUTCDate();
    // 120 entries, oldest first: 100 old ones, then this month's check-ins (the account knows the days).
    const ledger = [];
    for (let i = 1; i <= 100; i++) {
      ledger.push({ id: i, event_id: `old:${i}`, kind: 'earn', event_type: 'self_test_completed', points: 10, at_ms: now - 400 * DAY + i * DAY });
    }
    const days = [];
    for (let d = 1; d <= Math.min(today, 20); d++) days.push(d);
    days.forEach((d, k) => ledger.push({ id: 101 + k, event_id: `checkin:${d}`, kind: 'earn', event_type: 'daily_checkin', points: 5, at_ms: now - (today - d) * DAY }));
    api.state.ledger = ledger;
    api.state.monthDays = days;
    const page = openPage('membership');
    await until(() => page.data.balance && page.data.ledger.length === 50, 'the first (newest) ledger page');
    const on = page.data.cells.filter((c) => c.on).map((c) => c.day);
    expect(on).toEqual(days);
    expect(page.data.badges.map((b) => b.text)).toEqual(['连续签到 7 天']);
    // Newest first: the first row is the latest check-in.
    expect(page.data.ledger[0].id).toBe(ledger[ledger.length - 1].id);
    expect(page.data.nextAfter).toBe(ledger[ledger.length - 50].id);
  });
});

describe('coupons', () => {
  test('redeems from the catalogue and shows my coupon with its code', async () => {
    const page = openPage('coupons');
    await until(() => page.data.catalogue.length === 3, 'catalogue');
    expect(page.data.catalogue.find((c) => c.id === 'gold_checkup').affordable).toBe(false); // the button binds disabled to it
    expect(text(page, '.none')).toBe('还没有优惠券');
    await tap(page, '.redeem-free_bp');
    await until(() => page.data.mine.length === 1, 'my coupon');
    expect(text(page, '.coupon-code')).toBe('ABCD-EFGH-0000');
    expect(text(page, '.available')).toContain('400');
    expect(wxShim.called('showModal')[0]).toMatchObject({
      content: '用 300 积分兑换「免费血压测量」？积分立即扣除，券 90 天内有效，到前台出示券码使用。', confirmText: '确认兑换', cancelText: '再想想',
    });
  });

  test('the server\'s refusal reaches the patient', async () => {
    const page = openPage('coupons');
    await until(() => page.data.catalogue.length === 3, 'catalogue');
    expect(page.data.catalogue.find((c) => c.id === 'gold_checkup').affordable).toBe(false);
    await page.instance.onRedeem({ currentTarget: { dataset: { id: 'gold_checkup' } } });
    expect(wxShim.called('showToast').pop().title).toBe('积分不足');
    expect(page.data.mine.length).toBe(0);
  });

  test('declining the confirmation spends nothing', async () => {
    wxShim.modalAnswer = false;
    const page = openPage('coupons');
    await until(() => page.data.catalogue.length === 3, 'catalogue');
    await page.instance.onRedeem({ currentTarget: { dataset: { id: 'cash_10' } } });
    expect(api.paths('POST')).toEqual(['POST /api/v1/auth/login']);
  });
});

describe('invite', () => {
  test('share path carries the code; friends masked; rewards and rules', async () => {
    const page = openPage('invite');
    await until(() => page.data.code === 'INV123', 'code');
    expect(page.instance.onShareAppMessage()).toEqual({ title: '我在用健康会员，送你新会员礼', path: '/pages/home/home?invite=INV123' });
    const friends = all(page, '.friend').map((f) => f.dom.textContent);
    expect(friends.length).toBe(2);
    expect(friends[0]).toContain('张*');
    expect(friends[0]).toContain('已到诊');
    expect(friends[1]).toContain('微信用户');
    expect(friends[1]).toContain('已加入');
    expect(text(page, '.rewards')).toBe('已获得奖励：200 积分，2.50 元账户余额');
    expect(all(page, '.rule').length).toBe(4);
    // the share button is WeChat's open-type="share", which calls onShareAppMessage
    expect(require('node:fs').readFileSync(require.resolve('../../miniprogram/pages/invite/invite.wxml'), 'utf8')).toMatch(/class="share"[^>]*open-type="share"/);
  });
});

describe('member code', () => {
  test('the code as a QR image (states and offline use: states.test.js)', async () => {
    const page = openPage('membercode');
    await until(() => page.data.qrSrc, 'the QR');
    expect(page.data.qrSrc).toMatch(/^data:image\/gif;base64,/);
    expect(page.data.modules).toBeGreaterThanOrEqual(21);
    page.detach();
  });
});

describe('me', () => {
  test('consents, phone binding via getPhoneNumber, language switch, account deletion', async () => {
    const page = openPage('me');
    await until(() => page.data.state === 'ready', 'profile');
    expect(text(page, '.consent')).toContain('不同意时：服务器只保存主诉、结果等级（及其建议）和日期');
    await fire(page, '.consent-health', 'change', { value: true });
    await until(() => page.data.health, 'health consent');
    expect(api.state.consents.health_data.granted).toBe(true);
    await fire(page, '.bind-phone', 'getphonenumber', { code: 'phone-13812345678' });
    await until(() => page.data.phone, 'phone');
    expect(text(page, '.phone')).toBe('已绑定 138****5678');
    await fire(page, '.lang-picker', 'change', { value: 1 });
    expect(wx.getStorageSync('lang')).toBe('en');
    expect(text(page, '.phone')).toBe('Bound: 138****5678');
    await tap(page, '.delete');
    await until(() => page.data.deleted, 'deleted');
    expect(api.state.deleted).toBe(true);
    expect(wx.getStorageSync('session_token')).toBe('');
    const modal = wxShim.called('showModal').pop();
    expect(modal).toMatchObject({ confirmText: 'Delete', cancelText: 'Keep' });
    expect(modal.content).toMatch(/lose all points and coupons, all appointments, patients and self-test records/);
  });
});

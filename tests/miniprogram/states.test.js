// Honest screens (issue 15, finding 6): every page while loading, offline and with a
// server error says so — never zeros or "none" for what it does not know — and offers a
// retry; a 502 without a message is put into words, never "HTTP 502". Also the member
// code that works offline, large-font mode, and the fresh start after deletion.
const { readFileSync } = require('node:fs');
const { Buffer } = require('node:buffer');
const { join } = require('node:path');
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, fire, simulate } = require('./page-helpers.js');
const coreLib = require('../../miniprogram/lib/core.js');
const app = require('../../miniprogram/app.json');

const realCallCore = coreLib.callCore;
let api;
beforeEach(() => {
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = api.transport;
});
afterEach(() => jest.restoreAllMocks());

const pageText = (page) => page.dom.textContent;

// route: the request whose failure makes the page fail; lies: what must not be shown
// while the page does not know; ready: the page has its data.
const kPages = [
  { name: 'home', route: 'GET /api/v1/points', lies: ['可用 0', '今天还没签', '每日签到：'], ready: (p) => p.data.state === 'ready' },
  { name: 'membership', route: 'GET /api/v1/points', lies: ['还没有徽章', '连续签到 0 天', '待生效'], ready: (p) => p.data.state === 'ready' },
  { name: 'coupons', route: 'GET /api/v1/coupons/catalogue', lies: ['可用 0 积分', '还没有优惠券', '可兑换'], ready: (p) => p.data.state === 'ready' },
  { name: 'invite', route: 'GET /api/v1/invite', lies: ['还没有好友加入', '分享给好友', '已获得奖励'], ready: (p) => p.data.state === 'ready' },
  { name: 'appointments', route: 'GET /api/v1/departments', lies: ['没有即将到来的预约', '没有过去的预约'], ready: (p) => p.data.state === 'ready' },
  { name: 'me', route: 'GET /api/v1/me/profile', lies: ['绑定手机号', '保存健康信息', '注销账户'], ready: (p) => p.data.state === 'ready' },
  { name: 'patients', route: 'GET /api/v1/patients', lies: ['还没有就诊人', '添加本人'], ready: (p) => p.data.state === 'ready' },
];

describe.each(kPages)('$name', ({ name, route, lies, ready }) => {
  test('loading: "加载中…" and nothing it does not know', async () => {
    api.hold();
    const page = openPage(name);
    await until(() => api.state.held.length > 0, 'a request held back');
    expect(pageText(page)).toContain('加载中…');
    for (const lie of lies) expect([name, lie, pageText(page).includes(lie)]).toEqual([name, lie, false]);
    api.release();
    await until(() => ready(page), `${name} loaded`);
    expect(pageText(page)).not.toContain('加载中…');
  });

  test('offline: says so, keeps quiet about the rest, and retries', async () => {
    wxShim.online = false;
    const page = openPage(name);
    await until(() => page.data.state === 'offline', `${name} offline`);
    expect(text(page, '.state-offline .error') || text(page, '.state-offline')).toContain('网络不可用，请稍后再试');
    for (const lie of lies) expect([name, lie, pageText(page).includes(lie)]).toEqual([name, lie, false]);
    wxShim.online = true;
    await tap(page, '.retry');
    await until(() => ready(page), `${name} after retry`);
  });

  test('a 502 without a message is said in words, never "HTTP 502"; retry', async () => {
    api.failWith(route, 502, '<html><body>502 Bad Gateway</body></html>');
    const page = openPage(name);
    await until(() => page.data.state === 'error', `${name} error`);
    expect(pageText(page)).toContain('服务器暂时不可用，请稍后重试');
    expect(pageText(page)).not.toMatch(/HTTP|502/);
    for (const lie of lies) expect([name, lie, pageText(page).includes(lie)]).toEqual([name, lie, false]);
    api.heal(route);
    await tap(page, '.retry');
    await until(() => ready(page), `${name} after retry`);
  });
});

describe('empty states say "none" only once known', () => {
  test('appointments, patients, invite friends, coupons', async () => {
    api.state.appointments = [];
    const ap = openPage('appointments');
    await until(() => ap.data.state === 'ready', 'appointments');
    expect(text(ap, '.none')).toBe('没有即将到来的预约');
    expect(text(ap, '.none-past')).toBe('没有过去的预约');
    const pt = openPage('patients');
    await until(() => pt.data.state === 'ready', 'patients');
    expect(text(pt, '.state-empty')).toBe('还没有就诊人。添加本人或家人后，可以为 TA 预约和自测。');
    const cp = openPage('coupons');
    await until(() => cp.data.state === 'ready', 'coupons');
    expect(text(cp, '.none')).toBe('还没有优惠券');
    expect(text(cp, '.available')).toBe('可用 700 积分');
  });

  test('invite: the share button appears only with the code; a share before carries no empty invite', async () => {
    api.hold();
    const page = openPage('invite');
    await until(() => api.state.held.length > 0, 'a request held back');
    expect(page.querySelector('.share')).toBeFalsy();
    expect(page.instance.onShareAppMessage()).toEqual({ title: '健康会员', path: '/pages/home/home' });
    api.release();
    await until(() => page.data.code === 'INV123', 'code');
    expect(page.querySelector('.share')).toBeTruthy();
  });

  test('membership: badges only once the ledger is known', async () => {
    api.state.ledger = api.state.ledger.filter((e) => !e.badge);
    api.state.badges = [];
    const page = openPage('membership');
    await until(() => page.data.state === 'ready', 'membership');
    expect(pageText(page)).toContain('还没有徽章，连续签到 7 天可获得');
  });
});

describe('member code offline (core op member_code.totp, the real core)', () => {
  test('provisioned online, then computed on the phone with no network; says how long it is valid', async () => {
    const page = openPage('membercode');
    await until(() => page.data.state === 'ready', 'the code');
    expect(api.paths()).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/subscriptions', 'POST /api/v1/member-code/secret']);
    expect(page.data.code).toMatch(/^7\.\d{8}$/);
    expect(page.data.onPhone).toBe(true);
    expect(page.data.qrSrc).toMatch(/^data:image\/gif;base64,/);
    expect(text(page, '.code-text')).toBe(page.data.code);
    expect(text(page, '.valid')).toMatch(/^([1-9]|[12]\d|30) 秒内有效，之后自动更换$/);
    expect(text(page, '.offline-note')).toMatch(/^没有网络也能使用，至 \d+月\d+日 周. \d\d:\d\d$/);
    // the same code the core gives for this secret and time (the desk verifies the same way)
    const secret = wx.getStorageSync('member_code_secret').secret;
    const again = await realCallCore({ op: 'member_code.totp', v: 1, member_id: 7, secret, now_ms: page.data.validToMs - 1 });
    expect(again.code).toBe(page.data.code);
    page.detach();
    // at the front desk, no signal: the page still shows a valid code, asking nobody
    wxShim.online = false;
    const requests = api.state.requests.length;
    const offline = openPage('membercode');
    await until(() => offline.data.state === 'ready', 'the code offline');
    expect(offline.data.code).toMatch(/^7\.\d{8}$/);
    expect(api.state.requests.length).toBe(requests);
    expect(offline.querySelector('.state-text')).toBeFalsy();
    offline.detach();
  });

  test('the code counts down and is replaced when it lapses; hidden, it stops', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const page = openPage('membercode');
      for (let i = 0; i < 200 && page.data.state !== 'ready'; i++) await jest.advanceTimersByTimeAsync(5);
      const first = page.data.code;
      const left = Math.ceil((page.data.validToMs - Date.now()) / 1000);
      await jest.advanceTimersByTimeAsync(1000);
      if (left > 1) expect(text(page, '.valid')).toBe(`${left - 1} 秒内有效，之后自动更换`);
      await jest.advanceTimersByTimeAsync(31000);
      for (let i = 0; i < 200 && page.data.code === first; i++) await jest.advanceTimersByTimeAsync(5);
      expect(page.data.code).not.toBe(first);
      expect(page.data.code).toMatch(/^7\.\d{8}$/);
      page.instance.onHide();
      const code = page.data.code;
      await jest.advanceTimersByTimeAsync(120000);
      expect(page.data.code).toBe(code);
      page.detach();
    } finally {
      jest.useRealTimers();
    }
  });

  test('two askers at once (home and the member-code page) fetch one secret: a second would replace the first', async () => {
    const memberCode = require('../../miniprogram/lib/member-code.js');
    const [a, b] = await Promise.all([memberCode.ensureSecret(), memberCode.ensureSecret()]);
    expect(a).toEqual(b);
    expect(api.state.memberCodeSecrets).toBe(1);
    expect(wx.getStorageSync('member_code_secret').secret).toBe(Buffer.alloc(32, 1).toString('base64url'));
    await memberCode.ensureSecret(); // valid for days: not asked again
    expect(api.state.memberCodeSecrets).toBe(1);
    // the session expires: the re-login drops the old session's secret, the next asks anew
    api.revokeTokens();
    await require('../../miniprogram/lib/api.js').get('/api/v1/points');
    expect(wx.getStorageSync('member_code_secret')).toBe('');
    await memberCode.ensureSecret();
    expect(api.state.memberCodeSecrets).toBe(2);
  });

  test('never provisioned and offline: it says the code needs the network once, with retry — and does not keep asking', async () => {
    wxShim.online = false;
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const page = openPage('membercode');
      for (let i = 0; i < 200 && page.data.state !== 'offline'; i++) await jest.advanceTimersByTimeAsync(5);
      expect(text(page, '.state-text')).toBe('首次使用会员码需要联网一次，请联网后重试');
      expect(text(page, '.refresh')).toBe('重试');
      expect(page.querySelector('.qr')).toBeFalsy();
      const tries = wxShim.called('request').length + wxShim.called('login').length;
      await jest.advanceTimersByTimeAsync(10000); // ten ticks of the countdown: no new attempt
      expect(wxShim.called('request').length + wxShim.called('login').length).toBe(tries);
      wxShim.online = true;
      page.querySelector('.refresh').dispatchEvent('tap'); // (tap() would sleep on the faked clock)
      for (let i = 0; i < 200 && page.data.state !== 'ready'; i++) await jest.advanceTimersByTimeAsync(5);
      expect(page.data.code).toMatch(/^7\.\d{8}$/);
      page.detach();
    } finally {
      jest.useRealTimers();
    }
  });

  test('a core without the op: the server\'s 60 s code, marked as needing the network', async () => {
    jest.spyOn(coreLib, 'callCore').mockImplementation(async (req) => {
      if (req.op === 'member_code.totp') throw Object.assign(new Error('未知操作：member_code.totp'), { code: 'unknown_op', path: '$.op' });
      return realCallCore(req);
    });
    const page = openPage('membercode');
    await until(() => page.data.state === 'ready', 'code');
    expect(page.data.code).toMatch(/^MC1\.7\./);
    expect(text(page, '.offline-note')).toBe('此码需要联网刷新');
    page.detach();
  });
});

describe('large-font mode (finding 7)', () => {
  test('follows WeChat\'s font size, and the switch on "me"', async () => {
    const normal = openPage('coupons');
    expect(normal.data.fc).toBe('');
    wxShim.fontSizeSetting = 20;
    const big = openPage('coupons');
    expect(big.data.fc).toBe('large');
    expect(big.querySelector('.large')).toBeTruthy();
    wxShim.fontSizeSetting = 16;
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    await fire(me, '.large-font', 'change', { value: true });
    expect(me.data.fc).toBe('large');
    expect(wx.getStorageSync('font_large')).toBe('on');
    const home = openPage('home');
    expect(home.data.fc).toBe('large');
    const st = openPage('selftest');
    expect(st.data.fc).toBe('large');
  });

  test('every page has the switchable root, and no text in a large page is below the body size', () => {
    const pkg = join(__dirname, '..', '..', 'miniprogram');
    for (const p of app.pages) {
      expect([p, /^<view class="page \{\{fc\}\}">/.test(readFileSync(join(pkg, `${p}.wxml`), 'utf8'))]).toEqual([p, true]);
    }
    const css = readFileSync(join(pkg, 'app.wxss'), 'utf8');
    const body = Number(/\.page\.large \{[^}]*font-size: (\d+)rpx/.exec(css)[1]);
    const sizes = [...css.matchAll(/\.page\.large[^{]*\{[^}]*font-size: (\d+)rpx/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(2);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(body);
    expect(body).toBeGreaterThan(30); // larger than the normal body (30rpx)
  });
});

describe('"me": privacy policy and the clinic\'s phone', () => {
  test('the privacy link opens WeChat\'s privacy contract; the clinic is one tap away', async () => {
    const me = openPage('me');
    await until(() => me.data.state === 'ready' && me.data.clinic, 'me');
    await tap(me, '.privacy');
    expect(wxShim.called('openPrivacyContract').length).toBe(1);
    expect(text(me, '.clinic-text')).toBe('健康会员诊所（东院） 021-5000 1234');
    await tap(me, '.call-clinic');
    expect(wxShim.called('makePhoneCall')).toEqual([{ phoneNumber: '021-5000 1234' }]);
  });
});

describe('after deleting the account the app stays logged out (finding 7)', () => {
  test('home shows a fresh start, logs nobody in, and starts afresh only when asked', async () => {
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    await tap(me, '.delete');
    await until(() => me.data.deleted, 'deleted');
    const modal = wxShim.called('showModal').pop();
    expect(modal).toMatchObject({ title: '注销账户', confirmText: '确认注销', cancelText: '不注销' });
    expect(modal.content).toContain('注销后您将失去：全部积分和优惠券、所有预约、就诊人和自测记录、邀请奖励，且无法恢复。');
    expect(modal.content.split('\n')[0]).toBe('您现在有 700 积分、0 张未使用的优惠券、0 个即将到来的预约。');
    const logins = api.state.logins.length;
    const requests = api.state.requests.length;
    const home = openPage('home');
    await until(() => home.data.state === 'deleted', 'fresh start');
    expect(text(home, '.deleted .title')).toBe('账户已注销');
    expect(pageText(home)).not.toMatch(/可用 \d+ 积分/);
    const me2 = openPage('me');
    await until(() => me2.data.state === 'deleted', 'me after deletion');
    const cp = openPage('coupons');
    await until(() => cp.data.state === 'error', 'coupons after deletion');
    expect(text(cp, '.state-text')).toBe('账户已注销');
    expect(api.state.logins.length).toBe(logins);
    expect(api.state.requests.length).toBe(requests);
    await tap(home, '.start-afresh');
    await until(() => home.data.state === 'ready', 'a new account');
    expect(api.state.logins.length).toBe(logins + 1);
  });

  test('declining the deletion deletes nothing', async () => {
    wxShim.modalAnswer = false;
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    await me.instance.onDelete();
    expect(api.state.deleted).toBe(false);
    expect(api.paths('DELETE')).toEqual([]);
  });
});

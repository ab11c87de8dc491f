// Issue 19 in the mini-program, against the fake patient API extended here with the
// engagement routes: wx.requestSubscribeMessage at booking / redeeming / the visit's member
// code with the answers reported to the server, the review page (opened from the
// follow-up message), and the home page binding an invite from a scanned code's scene.
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, fire } = require('./page-helpers.js');
const subscribe = require('../../miniprogram/lib/subscribe.js');

const DAY = 86400000;
let api;
let state;
let answers;

function withEngagement(base) {
  state = { reported: [], reviews: [], visitAt: Date.now() - DAY };
  const templates = [
    { kind: 'appointment_reminder', template_id: 'T-APPT' },
    { kind: 'visit_followup', template_id: 'T-FOLLOW' },
    { kind: 'coupon_expiring', template_id: 'T-COUPON' },
    { kind: 'points_expiring', template_id: 'T-POINTS' },
  ];
  const reply = (opts, status, body) => setTimeout(() => opts.success({ statusCode: status, data: body, header: {} }), 0);
  return (opts) => {
    const u = new URL(opts.url);
    const method = opts.method || 'GET';
    const body = typeof opts.data === 'string' && opts.data ? JSON.parse(opts.data) : opts.data;
    const review = /^\/api\/v1\/visits\/(\d+)\/review$/.exec(u.pathname);
    if (u.pathname === '/api/v1/subscriptions' && method === 'GET') return reply(opts, 200, { templates, subscriptions: [] });
    if (u.pathname === '/api/v1/subscriptions' && method === 'POST') {
      state.reported.push(body.results);
      return reply(opts, 200, { subscriptions: [] });
    }
    if (review && method === 'GET') {
      const mine = state.reviews[0] || null;
      return reply(opts, 200, { visit: { id: Number(review[1]), at_ms: state.visitAt, clinic_name: '城东诊所 East Clinic', status: 'confirmed' },
        reviewable: !mine, deadline_ms: state.visitAt + 14 * DAY, review: mine });
    }
    if (review && method === 'POST') {
      if (body.text && body.text.includes('risky')) {
        return reply(opts, 400, { error: { code: 'invalid_field', message: '评价内容未通过微信内容安全检查，请修改后再提交', field: '$.text' } });
      }
      const r = { id: 1, stars: body.stars, text: body.text || null, status: 'published', doctor_id: 10, department_id: 1, at_ms: Date.now() };
      state.reviews.push(r);
      return reply(opts, 201, { review: r, points: 20 });
    }
    return base(opts);
  };
}

beforeEach(() => {
  wxShim.reset();
  subscribe.reset();
  api = createFakeApi();
  wxShim.transport = withEngagement(api.transport);
  answers = {};
  wx.requestSubscribeMessage = (opts) => {
    wxShim.calls.push(['requestSubscribeMessage', opts]);
    const res = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of opts.tmplIds) res[id] = answers[id] || 'accept';
    setTimeout(() => opts.success(res), 0);
  };
});

test('booking asks for the appointment reminder and reports the answer before booking', async () => {
  const page = openPage('appointments', { department: 'respiratory' });
  // The fake's slots are tomorrow: today offers the next free day (issue 15), then its slots.
  await until(() => page.data.nextFree, 'the next free day');
  await tap(page, '.go-next-free');
  await until(() => page.data.slots.length === 3, 'slots');
  await until(() => api.state.requests.length && wxShim.called('request').some((r) => r.url.endsWith('/api/v1/subscriptions')), 'templates');
  await tap(page, '.book');
  await until(() => page.data.upcoming.length === 1, 'booked');
  expect(wxShim.called('requestSubscribeMessage').map((o) => o.tmplIds)).toEqual([['T-APPT']]);
  expect(state.reported).toEqual([{ 'T-APPT': 'accept' }]);
});

test('redeeming asks for coupon and points reminders; a rejection is reported as such', async () => {
  answers['T-POINTS'] = 'reject';
  const page = openPage('coupons');
  await until(() => page.data.catalogue.length === 3, 'catalogue');
  await until(() => wxShim.called('request').some((r) => r.url.endsWith('/api/v1/subscriptions')), 'templates');
  await new Promise((r) => setTimeout(r, 0));
  await tap(page, '.redeem-free_bp');
  await until(() => page.data.mine.length === 1, 'my coupon');
  expect(state.reported).toEqual([{ 'T-COUPON': 'accept', 'T-POINTS': 'reject' }]);
});

test('the member code at the visit asks for the follow-up message', async () => {
  await subscribe.prefetch();
  const page = openPage('membercode');
  await until(() => page.data.code, 'member code');
  await tap(page, '.refresh');
  await until(() => state.reported.length === 1, 'reported');
  expect(state.reported[0]).toEqual({ 'T-FOLLOW': 'accept' });
  page.instance.onUnload();
});

test('review page: stars and words, the content check\'s refusal shown, then stored with points', async () => {
  const page = openPage('review', { visit_id: '42' });
  await until(() => page.data.reviewable, 'reviewable');
  expect(text(page, '.visit')).toContain('城东诊所');
  expect(text(page, '.deadline')).toMatch(/前可评价$/);
  await tap(page, all(page, '.star')[3]);
  expect(page.data.stars).toBe(4);
  await fire(page, '.text', 'input', { value: 'risky words' });
  await tap(page, '.submit');
  await until(() => page.data.error, 'refusal');
  expect(page.data.error).toContain('内容安全');
  await fire(page, '.text', 'input', { value: '医生很耐心' });
  await tap(page, '.submit');
  await until(() => page.data.review, 'stored');
  expect(text(page, '.result')).toBe('感谢您的评价 · 获得 20 积分');
  expect(page.querySelector('.submit')).toBeFalsy();
});

test('home opened from a scanned invite code binds the invite with the first login; a desk poster does not', async () => {
  const page = openPage('home', { scene: encodeURIComponent('INVQR123') });
  await until(() => page.data.available === 700, 'balance');
  expect(api.state.logins).toEqual([{ code: 'patient.1', invite_code: 'INVQR123' }]);
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = withEngagement(api.transport);
  const poster = openPage('home', { scene: encodeURIComponent('clinic=1') });
  await until(() => poster.data.available === 700, 'balance');
  expect(api.state.logins).toEqual([{ code: 'patient.1' }]);
});

test('invite page: the invite code picture (downloaded with the session token) and "save to album"', async () => {
  const downloads = [];
  wx.downloadFile = (opts) => {
    downloads.push(opts);
    setTimeout(() => opts.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/invite-qr.png' }), 0);
  };
  const saved = [];
  wx.saveImageToPhotosAlbum = (opts) => { saved.push(opts.filePath); setTimeout(() => opts.success({}), 0); };
  try {
    const page = openPage('invite');
    await until(() => page.data.qrPath, 'the picture');
    expect(downloads[0].url).toMatch(/\/api\/v1\/invite\/qr$/);
    expect(downloads[0].header.authorization).toBe(`Bearer ${wx.getStorageSync('session_token')}`);
    expect(page.querySelector('.invite-qr')).toBeTruthy();
    await tap(page, '.save-qr');
    await until(() => saved.length === 1, 'saved');
    expect(saved).toEqual(['wxfile://tmp/invite-qr.png']);
    await until(() => wxShim.called('showToast').some((t) => t.title === '已保存到相册'), 'toast');
  } finally {
    delete wx.downloadFile;
    delete wx.saveImageToPhotosAlbum;
  }
});

// A small in-memory stand-in for the clinic-server's patient API, for the page tests
// (the journey test uses the real server). Shapes follow docs/openapi.yaml and what the
// real routes return; every request is recorded; `revokeTokens()` makes the next
// authenticated request answer 401 like an expired session.
const DAY = 86400000;

function createFakeApi() {
  const now = Date.now();
  const s = {
    requests: [],
    tokens: new Set(),
    logins: [],
    nextToken: 1,
    consents: { health_data: null, marketing: null },
    phone: null,
    deleted: false,
    checkedInToday: false,
    streak: 2,
    monthDays: [new Date(now - DAY + 8 * 3600000).getUTCDate()],  // the account's check-in days this month
    available: 700,
    coupons: [],
    triageSubmits: [],
    appointments: [],
    slots: [1, 2, 3].map((i) => ({ id: 100 + i, doctor_id: 11, starts_at_ms: now + DAY + i * 1800000, ends_at_ms: now + DAY + i * 1800000 + 1800000, capacity: 4, available: 4 })),
    memberCodes: 0,
    ledger: [
      { id: 1, event_id: 'register', kind: 'earn', event_type: 'register', points: 100, at_ms: now - 3 * DAY, available_at_ms: now - 3 * DAY, text_zh: '注册', text_en: 'Registration' },
      { id: 2, event_id: 'checkin:a', kind: 'earn', event_type: 'daily_checkin', points: 5, at_ms: now - DAY, available_at_ms: now - DAY, text_zh: '每日签到', text_en: 'Daily check-in' },
      { id: 3, event_id: 'badge:streak_7', kind: 'earn', event_type: 'badge', points: 30, badge: 'streak_7', at_ms: now - DAY, available_at_ms: now - DAY, text_zh: '获得徽章：连续签到 7 天', text_en: 'badge earned: 7-day streak' },
    ],
  };
  const catalogue = [
    { id: 'cash_10', name_zh: '10 元抵扣券', name_en: '10 yuan off', kind: 'amount_off_fen', price_points: 500, valid_days: 30 },
    { id: 'free_bp', name_zh: '免费血压测量', name_en: 'Free blood-pressure check', kind: 'free_service', price_points: 300, valid_days: 90 },
    { id: 'gold_checkup', name_zh: '金卡专享：免费基础体检', name_en: 'Gold exclusive: free basic check-up', kind: 'free_service', price_points: 2000, valid_days: 90 },
  ];
  const balance = () => ({
    available: s.available, pending: 300, expired: 0, debt: 0, lifetime_earned: 900, credit_fen: 1250,
    expiring: { within_days: 30, points: 40 },
    tier: { id: 'standard', name: '普通会员', earned_in_window: 900, exclusive_coupons: [], next: { id: 'silver', name: '银卡', min_earned: 1000, points_needed: 100 } },
    checkin: { checked_in_today: s.checkedInToday, streak_days: s.streak, month_days: s.monthDays },
    badges: [{ id: 'streak_7', name: '连续签到 7 天' }],
  });
  const err = (status, code, message) => ({ status, body: { error: { code, message } } });

  const routes = {
    'POST /api/v1/auth/login': (b) => {
      const token = `tok-${s.nextToken++}`;
      s.tokens.add(token);
      s.logins.push(b);
      return { status: 200, body: { token, expires_at_ms: now + 30 * DAY, member: { id: 7, created: s.logins.length === 1 } } };
    },
    'GET /api/v1/points': () => ({ status: 200, body: balance() }),
    'GET /api/v1/points/ledger': (b, q) => {
      const limit = Number(q.limit || 50);
      if (q.after !== undefined) {
        const after = Number(q.after);
        const page = s.ledger.filter((e) => e.id > after).slice(0, limit);
        return { status: 200, body: { entries: page.map((e) => ({ id: e.id, entry: e })), next_after: page.length === limit ? page[page.length - 1].id : null } };
      }
      // Newest first, as the server pages for people.
      const before = Number(q.before || 0) || Infinity;
      const page = s.ledger.filter((e) => e.id < before).sort((x, y) => y.id - x.id).slice(0, limit);
      return { status: 200, body: { entries: page.map((e) => ({ id: e.id, entry: e })), next_before: page.length === limit ? page[page.length - 1].id : null } };
    },
    'POST /api/v1/checkin': () => {
      const already = s.checkedInToday;
      if (!already) { s.checkedInToday = true; s.streak += 1; s.available += 5; }
      return { status: 200, body: { points: already ? 0 : 5, streak_days: s.streak, already_checked_in: already, duplicate: false, badges: [] } };
    },
    'GET /api/v1/me/consents': () => ({ status: 200, body: { consents: s.consents } }),
    'POST /api/v1/me/consents': (b) => {
      s.consents[b.kind] = { granted: b.granted, policy_version: b.policy_version, at_ms: now };
      return { status: 200, body: { consents: s.consents } };
    },
    'GET /api/v1/me/profile': () => ({ status: 200, body: { id: 7, name: null, phone: s.phone, id_number: null, consents: s.consents } }),
    'POST /api/v1/me/phone': (b) => {
      if (!/^phone-1\d{10}$/.test(b.code)) return err(400, 'wechat_invalid_code', 'invalid code');
      const n = b.code.slice(6);
      s.phone = `${n.slice(0, 3)}****${n.slice(7)}`;
      return { status: 200, body: { phone: s.phone } };
    },
    'DELETE /api/v1/me': () => { s.deleted = true; s.tokens.clear(); return { status: 200, body: { deleted: true } }; },
    'POST /api/v1/triage/submit': (b) => {
      s.triageSubmits.push(b);
      return { status: 200, body: { result_id: s.triageSubmits.length, outcome: b.outcome, answers_stored: !!(s.consents.health_data && s.consents.health_data.granted), points: 10 } };
    },
    'GET /api/v1/coupons/catalogue': () => ({ status: 200, body: { catalogue, available: s.available, tier: balance().tier } }),
    'POST /api/v1/coupons/redeem': (b) => {
      const c = catalogue.find((x) => x.id === b.catalogue_id);
      if (!c) return err(404, 'not_found', 'no such coupon');
      if (s.available < c.price_points) return err(422, 'insufficient_points', '积分不足');
      s.available -= c.price_points;
      const coupon = { code: `ABCD-EFGH-${String(s.coupons.length).padStart(4, '0')}`, catalogue_id: c.id, name_zh: c.name_zh, name_en: c.name_en, valid_from_ms: now, valid_to_ms: now + c.valid_days * DAY, status: 'issued' };
      s.coupons.push(coupon);
      return { status: 201, body: { coupon, balance: balance() } };
    },
    'GET /api/v1/coupons/mine': () => ({ status: 200, body: { coupons: s.coupons } }),
    'GET /api/v1/invite': () => ({ status: 200, body: { code: 'INV123', share_path: '/pages/home/home?invite=INV123', friends: [{ name: '张*', joined_at_ms: now - DAY, visited: true, reward_points: 200, reward_fen: 250 }, { name: '微信用户', joined_at_ms: now, visited: false, reward_points: 0, reward_fen: 0 }], rewards: { points: 200, credit_fen: 250 } } }),
    'GET /api/v1/member-code': () => ({ status: 200, body: { code: `MC1.7.${now + s.memberCodes++}.tag${s.memberCodes}`, expires_at_ms: now + 60000 } }),
    'GET /api/v1/departments': () => ({ status: 200, body: { departments: [{ id: 1, code: 'general', name: '全科' }, { id: 2, code: 'pediatrics', name: '儿科' }, { id: 3, code: 'internal', name: '内科' }] } }),
    'GET /api/v1/doctors': () => ({ status: 200, body: { doctors: [{ id: 10, department_id: 1, name: '王医生', title: '主治医师' }, { id: 11, department_id: 3, name: '张医生', title: '主治医师' }, { id: 12, department_id: 2, name: '李医生', title: '主治医师' }] } }),
    'GET /api/v1/slots': (b, q) => ({ status: 200, body: { slots: s.slots.filter((x) => !q.doctor_id || x.doctor_id === Number(q.doctor_id)) } }),
    'GET /api/v1/appointments': () => ({ status: 200, body: { appointments: s.appointments } }),
    'POST /api/v1/appointments': (b) => {
      const slot = s.slots.find((x) => x.id === b.slot_id);
      if (!slot || slot.available <= 0) return err(409, 'slot_full', 'full');
      slot.available -= 1;
      const a = { id: 500 + s.appointments.length, slot_id: slot.id, clinic_id: 1, doctor_id: slot.doctor_id, starts_at_ms: slot.starts_at_ms, status: 'booked', created_at_ms: now };
      s.appointments.push(a);
      return { status: 201, body: { appointment: a } };
    },
  };

  function handle(method, url, header, data) {
    const u = new URL(url);
    const q = Object.fromEntries(u.searchParams);
    const body = typeof data === 'string' && data ? JSON.parse(data) : data;
    s.requests.push({ method, path: u.pathname, query: q, body, header });
    const cancel = /^\/api\/v1\/appointments\/(\d+)\/cancel$/.exec(u.pathname);
    const key = `${method} ${u.pathname}`;
    const route = cancel && method === 'POST' ? 'cancel' : key;
    if (route !== 'POST /api/v1/auth/login') {
      const auth = (header.authorization || '').replace(/^Bearer /, '');
      if (!s.tokens.has(auth)) return err(401, 'unauthorized', '请先登录');
    }
    if (route === 'cancel') {
      const a = s.appointments.find((x) => x.id === Number(cancel[1]));
      if (!a) return err(404, 'not_found', 'no such appointment');
      a.status = 'cancelled';
      s.slots.find((x) => x.id === a.slot_id).available += 1;
      return { status: 200, body: { appointment: a } };
    }
    const fn = routes[route];
    if (!fn) return err(404, 'not_found', `no route ${key}`);
    return fn(body, q);
  }

  return {
    state: s,
    revokeTokens() { s.tokens.clear(); },
    paths: (method) => s.requests.filter((r) => !method || r.method === method).map((r) => `${r.method} ${r.path}`),
    transport(opts) {
      const r = handle(opts.method || 'GET', opts.url, opts.header || {}, opts.data);
      setTimeout(() => opts.success({ statusCode: r.status, data: JSON.parse(JSON.stringify(r.body)), header: {} }), 0);
    },
  };
}

module.exports = { createFakeApi, DAY };

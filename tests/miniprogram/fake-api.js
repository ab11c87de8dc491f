// A small in-memory stand-in for the clinic-server's patient API, for the page tests
// (the journey test uses the real server). Shapes follow docs/openapi.yaml and what the
// real routes return (the families contract for patients, appointments with patient and
// cancellable, clinics, the member-code secret, self-test history); every request is
// recorded; `revokeTokens()` makes the next authenticated request answer 401 like an
// expired session; `failWith(route, status, body)` answers a route with an error (a 502
// from a proxy has no JSON body); `hold()` keeps answers back until `release()` (loading).
const { Buffer } = require('node:buffer');

// The clinics' calendar is +08:00. Slots are placed at fixed local times tomorrow
// (`tomorrowAt`) so that "tomorrow's slots" stay on tomorrow's date whatever the hour the
// tests run (slots at now + 1 day + k × 30 min crossed into the day after from 22:30 local).
const { DAY, clinicDate, localIso, tomorrowAt } = require('../clinic-time.cjs');

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
    monthDays: [clinicDate(now - DAY).getUTCDate()],  // the account's check-in days this month
    available: 700,
    coupons: [],
    triageSubmits: [],
    appointments: [],
    slots: [1, 2, 3].map((i) => ({ id: 100 + i, doctor_id: 11, starts_at_ms: tomorrowAt(9, 30 * i, now), ends_at_ms: tomorrowAt(9, 30 * i + 30, now), capacity: 4, available: 4 })),
    memberCodes: 0,
    memberCodeSecrets: 0,
    patients: [],
    nextPatientId: 1,
    maxPatients: 6,
    fail: {},
    held: null,
    clinic: { id: 1, name: '健康会员诊所（东院）', address: '上海市浦东新区张江路 100 号', phone: '021-5000 1234', latitude: 31.2, longitude: 121.6 },
    badges: [{ id: 'streak_7', name: '连续签到 7 天' }], // the account's badges (GET /api/v1/points)
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
    badges: s.badges,
  });
  const err = (status, code, message, field) => ({ status, body: { error: { code, message, field } } });
  const CONSENT_TEXT = '同意后：每次自测的回答、结果等级、原因和日期保存在服务器上，您和就诊人的自测记录里都能看到，可随时撤回。不同意时：服务器只保存主诉、结果等级（及其建议）和日期，用于积分和就诊参考；回答和原因只保存在您的手机上。为未满 14 周岁的孩子自测时，您作为监护人的同意即为孩子的同意。';
  const DOCTORS = [{ id: 10, department_id: 1, name: '王医生', title: '主治医师' }, { id: 11, department_id: 3, name: '张医生', title: '主治医师' }, { id: 12, department_id: 2, name: '李医生', title: '主治医师' }];
  const DEPTS = [{ id: 1, code: 'general', name: '全科' }, { id: 2, code: 'pediatrics', name: '儿科' }, { id: 3, code: 'internal', name: '内科' }];
  // Ages by the calendar (UTC is close enough for the fake).
  function ageOf(birth) {
    const [y, m, d] = birth.split('-').map(Number);
    const t = clinicDate(Date.now());
    let months = (t.getUTCFullYear() - y) * 12 + (t.getUTCMonth() + 1 - m);
    if (t.getUTCDate() < d) months -= 1;
    return { years: Math.floor(months / 12), months: months % 12 };
  }
  const patientOut = (p) => {
    const age = ageOf(p.birth_date);
    const out = { id: p.id, name: p.name, sex: p.sex, birth_date: p.birth_date, relation: p.relation, age, guardian_consent: age.years < 14 };
    if (p.id_number) out.id_number_masked = `${p.id_number.slice(0, 3)}***********${p.id_number.slice(-4)}`;
    if (p.phone) out.phone_masked = `${p.phone.slice(0, 3)}****${p.phone.slice(7)}`;
    return out;
  };
  function checkPatient(b, partial) {
    const need = (k) => !partial || b[k] !== undefined;
    if (need('name') && !(typeof b.name === 'string' && b.name.trim())) return err(400, 'invalid_field', '请填写姓名', '$.name');
    if (need('sex') && !['male', 'female'].includes(b.sex)) return err(400, 'invalid_field', '性别应为 male 或 female', '$.sex');
    if (need('birth_date') && !(/^\d{4}-\d{2}-\d{2}$/.test(b.birth_date || '') && ageOf(b.birth_date).years >= 0 && ageOf(b.birth_date).months >= 0)) return err(400, 'invalid_field', '出生日期应为不晚于今天的 YYYY-MM-DD', '$.birth_date');
    if (need('relation') && !['self', 'child', 'parent', 'spouse', 'other'].includes(b.relation)) return err(400, 'invalid_field', '关系不正确', '$.relation');
    if (b.id_number !== undefined && !/^\d{17}[\dX]$/.test(b.id_number)) return err(400, 'invalid_field', '身份证号格式不正确', '$.id_number');
    return null;
  }
  const appointmentOut = (a) => {
    const doc = DOCTORS.find((d) => d.id === a.doctor_id);
    const dept = DEPTS.find((d) => d.id === doc.department_id);
    const p = s.patients.find((x) => x.id === a.patient_id);
    return {
      ...a, doctor: { id: doc.id, name: doc.name }, department: { id: dept.id, name: dept.name }, clinic: { id: 1, name: s.clinic.name },
      patient: p ? { id: p.id, name: p.name } : null,
      cancellable: a.status === 'booked' && a.starts_at_ms - 2 * 3600000 > Date.now(),
    };
  };

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
    'GET /api/v1/me/consents': () => ({ status: 200, body: { consents: s.consents, texts: { health_data: s.consentText || CONSENT_TEXT, marketing: '同意后，我们可以向您发送优惠和健康活动信息；不同意不影响任何服务，可随时撤回。' } } }),
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
    'DELETE /api/v1/me': () => { s.deleted = true; s.tokens.clear(); s.patients = []; return { status: 200, body: { deleted: true } }; },
    'POST /api/v1/triage/submit': (b) => {
      const stored = !!(s.consents.health_data && s.consents.health_data.granted);
      s.triageSubmits.push({ ...b, at_ms: Date.now(), answers_stored: stored });
      return { status: 200, body: { result_id: s.triageSubmits.length, outcome: b.outcome, answers_stored: stored, points: 10 } };
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
    'GET /api/v1/departments': () => ({ status: 200, body: { departments: DEPTS } }),
    'GET /api/v1/doctors': () => ({ status: 200, body: { doctors: DOCTORS } }),
    'GET /api/v1/slots': (b, q) => ({ status: 200, body: { slots: s.slots.filter((x) => (!q.doctor_id || x.doctor_id === Number(q.doctor_id)) && (!q.date || localIso(x.starts_at_ms) === q.date)) } }),
    'GET /api/v1/appointments': (b, q) => {
      const t = Date.now();
      let list = s.appointments;
      if (q.when === 'upcoming') list = list.filter((a) => a.starts_at_ms > t);
      if (q.when === 'past') list = list.filter((a) => a.starts_at_ms <= t);
      return { status: 200, body: { appointments: list.map(appointmentOut) } };
    },
    'POST /api/v1/appointments': (b) => {
      if (s.patients.length && b.patient_id === undefined) return err(400, 'missing_field', '请选择就诊人', '$.patient_id');
      if (b.patient_id !== undefined && !s.patients.some((p) => p.id === b.patient_id)) return err(404, 'not_found', '没有这个就诊人', '$.patient_id');
      const slot = s.slots.find((x) => x.id === b.slot_id);
      if (!slot || slot.available <= 0) return err(409, 'slot_full', 'full');
      slot.available -= 1;
      const a = { id: 500 + s.appointments.length, slot_id: slot.id, clinic_id: 1, doctor_id: slot.doctor_id, patient_id: b.patient_id, starts_at_ms: slot.starts_at_ms, status: 'booked', created_at_ms: now };
      s.appointments.push(a);
      return { status: 201, body: { appointment: appointmentOut(a) } };
    },
    'GET /api/v1/patients': () => ({ status: 200, body: { patients: s.patients.map(patientOut), max: s.maxPatients } }),
    'POST /api/v1/patients': (b) => {
      const bad = checkPatient(b, false);
      if (bad) return bad;
      if (s.patients.length >= s.maxPatients) return err(422, 'limit_reached', `最多 ${s.maxPatients} 位就诊人`);
      if (b.relation === 'self' && s.patients.some((x) => x.relation === 'self')) return err(409, 'conflict', '已有“本人”', '$.relation');
      const p = { id: s.nextPatientId++, name: b.name, sex: b.sex, birth_date: b.birth_date, relation: b.relation, id_number: b.id_number, phone: b.phone };
      s.patients.push(p);
      return { status: 201, body: patientOut(p) };
    },
    'GET /api/v1/clinics/1': () => ({ status: 200, body: s.clinic }),
    'POST /api/v1/member-code/secret': () => {
      s.memberCodeSecrets += 1;
      const secret = Buffer.alloc(32, s.memberCodeSecrets).toString('base64url'); // 32 bytes, as the server's
      return { status: 200, body: { secret, period_s: 30, digits: 8, valid_until_ms: Date.now() + 7 * DAY, member_id: 7 } };
    },
  };

  // /api/v1/patients/:id (PUT, DELETE) and /api/v1/patients/:id/selftests (GET).
  function patientRoute(method, path, body) {
    const m = /^\/api\/v1\/patients\/(\d+)(\/selftests)?$/.exec(path);
    if (!m) return null;
    const p = s.patients.find((x) => x.id === Number(m[1]));
    if (!p) return err(404, 'not_found', '没有这个就诊人');
    if (m[2] && method === 'GET') {
      // Like the server: answers and reason only while the member consents (and only
      // for results submitted with consent); newest first; the server's one consent text.
      const consent = !!(s.consents.health_data && s.consents.health_data.granted);
      const list = s.triageSubmits.map((x, i) => ({ x, id: i + 1 })).filter(({ x }) => x.patient_id === p.id).map(({ x, id }) => {
        const o = { id, at_ms: x.at_ms, complaint: x.state.protocol, level: x.outcome.level };
        if (consent && x.outcome.reason) o.reason = x.outcome.reason;
        if (consent && x.answers_stored) o.answers = x.state.answers || {};
        return o;
      }).reverse();
      return { status: 200, body: { selftests: list, answers_stored: consent, consent_text: s.consentText || CONSENT_TEXT } };
    }
    if (m[2]) return err(404, 'not_found', 'no route');
    if (method === 'PUT') {
      const bad = checkPatient(body, true);
      if (bad) return bad;
      Object.assign(p, body);
      return { status: 200, body: patientOut(p) };
    }
    if (method === 'DELETE') {
      if (s.appointments.some((a) => a.patient_id === p.id && a.status === 'booked' && a.starts_at_ms > Date.now())) {
        return err(409, 'conflict', '该就诊人还有未结束的预约，请先取消');
      }
      s.patients = s.patients.filter((x) => x !== p);
      return { status: 200, body: { deleted: true } };
    }
    return err(404, 'not_found', 'no route');
  }

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
    const failure = s.fail[`${method} ${u.pathname}`];
    if (failure) return failure;
    const pr = patientRoute(method, u.pathname, body);
    if (pr) return pr;
    if (route === 'cancel') {
      const a = s.appointments.find((x) => x.id === Number(cancel[1]));
      if (!a) return err(404, 'not_found', 'no such appointment');
      if (a.starts_at_ms - 2 * 3600000 <= Date.now()) return err(409, 'conflict', '就诊前 2 小时内不能取消');
      a.status = 'cancelled';
      s.slots.find((x) => x.id === a.slot_id).available += 1;
      return { status: 200, body: { appointment: appointmentOut(a) } };
    }
    const fn = routes[route];
    if (!fn) return err(404, 'not_found', `no route ${key}`);
    return fn(body, q);
  }

  return {
    state: s,
    revokeTokens() { s.tokens.clear(); },
    failWith(route, status, body = { error: { code: 'x', message: '服务器出错了' } }) { s.fail[route] = { status, body }; },
    heal(route) { delete s.fail[route]; },
    hold() { s.held = s.held || []; },
    release() { const h = s.held || []; s.held = null; for (const f of h) f(); },
    paths: (method) => s.requests.filter((r) => !method || r.method === method).map((r) => `${r.method} ${r.path}`),
    transport(opts) {
      const answer = () => {
        const r = handle(opts.method || 'GET', opts.url, opts.header || {}, opts.data);
        setTimeout(() => opts.success({ statusCode: r.status, data: JSON.parse(JSON.stringify(r.body)), header: {} }), 0);
      };
      if (s.held) s.held.push(answer);
      else answer();
    },
  };
}

module.exports = { createFakeApi };

// Families (issue 15) over real HTTP: 就诊人 CRUD with field errors, the per-account limit,
// another member's patient is 404, the guardian consent of an under-14 child, sealed ID
// numbers and phones, account deletion erases the patients; a child's appointment (list
// items with patient, department, clinic, doctor, cancellable), the desk picking the child
// and confirming the child's visit, self-test history with and without consent, the clinic
// card, and the offline member code (TOTP) at the desk lookup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startStack, Patient, Desk, request, finishedTriage, DAY, localIso, birthDate } from './api_helpers.mjs';
import { sqlite, orgRowCheck } from './helpers.mjs';

let stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.stop(); });

// A valid resident ID for a birth date and sex (GB 11643 check digit), for tests only.
function residentId(birth, sex, area = '110101', seq = '12') {
  const body = area + birth.replaceAll('-', '') + seq + (sex === 'male' ? '1' : '2');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

const adult = (extra = {}) => ({ name: '王小明', sex: 'male', birth_date: birthDate({ years: 35 }), relation: 'self', ...extra });

test('add, list, change and remove patients; ID number and phone are sealed and masked', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-crud');
  let list = await p.get('/api/v1/patients');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.patients, [], 'the first login creates no patient');
  assert.equal(list.body.max, 6);

  const id = residentId(birthDate({ years: 35 }), 'male');
  const me = await p.post('/api/v1/patients', adult({ id_number: id, phone: '+86 139 1234 5678' }));
  assert.equal(me.status, 201, JSON.stringify(me.body));
  assert.equal(me.body.name, '王小明');
  assert.equal(me.body.relation, 'self');
  assert.equal(me.body.age.years, 35);
  assert.equal(me.body.guardian_consent, false);
  assert.equal(me.body.id_number_masked, id.slice(0, 3) + '*'.repeat(11) + id.slice(-4));
  assert.equal(me.body.phone_masked, '139****5678');
  assert.equal(me.body.id_number, undefined, 'the full ID number never leaves the server');
  const hex = (text) => Buffer.from(text, 'utf8').toString('hex');  // a byte search in the sealed blobs
  const rows = sqlite(stack.srv.db, `SELECT COUNT(*) FROM patients WHERE instr(id_number_enc, X'${hex(id.slice(6, 14))}') > 0 OR instr(phone_enc, X'${hex('13912345678')}') > 0 OR instr(name_enc, X'${hex('王小明')}') > 0`);
  assert.equal(rows, '0', 'name, ID number and phone are sealed at rest');

  const changed = await p.call('PUT', `/api/v1/patients/${me.body.id}`, { name: '  王明  ', phone: null });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.name, '王明', 'surrounding spaces are trimmed');
  assert.equal(changed.body.phone_masked, undefined, 'null removes the phone');
  assert.equal(changed.body.id_number_masked, me.body.id_number_masked, 'fields not given are kept');

  const second = await p.post('/api/v1/patients', adult({ name: '又一个本人' }));
  assert.equal(second.status, 409);
  assert.equal(second.body.error.field, '$.relation', 'at most one self');

  const del = await p.call('DELETE', `/api/v1/patients/${me.body.id}`);
  assert.equal(del.status, 200);
  assert.deepEqual(del.body, { deleted: true });
  list = await p.get('/api/v1/patients');
  assert.deepEqual(list.body.patients, []);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM patients WHERE id = ${me.body.id}`), '0');
});

test('validation names the field: name, sex, birth_date, relation, id_number, phone', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-valid');
  const cases = [
    [{ name: '   ' }, '$.name', /name must not be empty/],
    [{ name: 'Bob\u202Eevil' }, '$.name', /control or invisible direction/],
    [{ name: 'a\u0007b' }, '$.name', /control/],
    [{ name: 'x'.repeat(65) }, '$.name', /too long/],
    [{ sex: 'x' }, '$.sex', /male/],
    [{ birth_date: '2020-02-30' }, '$.birth_date', /real date/],
    [{ birth_date: birthDate({ days: -1 }) }, '$.birth_date', /future/],
    [{ birth_date: birthDate({ years: 121 }) }, '$.birth_date', /120 years/],
    [{ relation: 'cousin' }, '$.relation', /self, child, parent, spouse, other/],
    [{ id_number: '11010119900307123' }, '$.id_number', /18 characters/],
    [{ id_number: residentId(birthDate({ years: 35 }), 'male').slice(0, 17) + 'Y' }, '$.id_number', /digit or X/],
    [{ id_number: (() => { const v = residentId(birthDate({ years: 35 }), 'male'); return v.slice(0, 17) + (v[17] === '0' ? '1' : '0'); })() }, '$.id_number', /check character/],
    [{ id_number: residentId(birthDate({ years: 34 }), 'male') }, '$.id_number', /does not match birth_date/],
    [{ id_number: residentId(birthDate({ years: 35 }), 'female') }, '$.id_number', /does not match sex/],
    [{ phone: '12345' }, '$.phone', /11 digits/],
    [{ extra: 1 }, '$.extra', /unknown field/],
  ];
  for (const [patch, field, message] of cases) {
    const r = await request(stack.srv.url, 'POST', '/api/v1/patients?lang=en', {
      body: adult(patch), headers: { authorization: `Bearer ${p.token}` },
    });
    assert.equal(r.status, 400, `${JSON.stringify(patch)} → ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field, JSON.stringify(patch));
    assert.match(r.body.error.message, message, JSON.stringify(patch));
  }
  const missing = await p.post('/api/v1/patients', { name: '缺字段' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, '$.sex');
  assert.match(missing.body.error.message, /[\u4e00-\u9fff]/, 'zh-CN by default');
  assert.deepEqual((await p.get('/api/v1/patients')).body.patients, [], 'refused input stores nothing');
});

test('a child under 14 records the guardian consent; a baby gets months; under 14 cannot be self', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-child');
  const baby = await p.post('/api/v1/patients', { name: '小宝', sex: 'female', birth_date: birthDate({ months: 5 }), relation: 'child' });
  assert.equal(baby.status, 201, JSON.stringify(baby.body));
  assert.deepEqual(baby.body.age, { years: 0, months: 5 });
  assert.equal(baby.body.guardian_consent, true);
  assert.equal(typeof baby.body.guardian_consent_at_ms, 'number');
  const toddler = await p.post('/api/v1/patients', { name: '小明', sex: 'male', birth_date: birthDate({ years: 2, months: 3 }), relation: 'child' });
  assert.deepEqual(toddler.body.age, { years: 2, months: 27 }, 'months are whole months since birth');
  const teen = await p.post('/api/v1/patients', { name: '大明', sex: 'male', birth_date: birthDate({ years: 14 }), relation: 'child' });
  assert.equal(teen.body.guardian_consent, false, '14 and over consent for themselves');
  const selfChild = await p.post('/api/v1/patients', { name: '我', sex: 'male', birth_date: birthDate({ years: 10 }), relation: 'self' });
  assert.equal(selfChild.status, 400);
  assert.equal(selfChild.body.error.field, '$.relation');
  assert.equal(sqlite(stack.srv.db, `SELECT guardian_consent_at_ms IS NOT NULL FROM patients WHERE id = ${baby.body.id}`), '1');
});

test('the per-account limit is 6 by default (config max_patients_per_member)', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-limit');
  for (let i = 0; i < 6; i++) {
    const r = await p.post('/api/v1/patients', { name: `孩子${i}`, sex: 'male', birth_date: birthDate({ years: i + 1 }), relation: 'child' });
    assert.equal(r.status, 201);
  }
  const seventh = await p.post('/api/v1/patients', { name: '第七个', sex: 'male', birth_date: birthDate({ years: 9 }), relation: 'child' });
  assert.equal(seventh.status, 422);
  assert.equal(seventh.body.error.code, 'limit_reached');
  assert.equal((await p.get('/api/v1/patients')).body.patients.length, 6);
});

test('the limit follows the config (max_patients_per_member=2)', async () => {
  const small = await startStack({ args: ['--max-patients-per-member=2'] });
  try {
    const p = await Patient.login(small.srv.url, 'fam-limit-2');
    assert.equal((await p.get('/api/v1/patients')).body.max, 2);
    for (let i = 0; i < 2; i++) {
      assert.equal((await p.post('/api/v1/patients', { name: `孩子${i}`, sex: 'female', birth_date: birthDate({ years: i + 2 }), relation: 'child' })).status, 201);
    }
    const third = await request(small.srv.url, 'POST', '/api/v1/patients?lang=en', {
      body: { name: '第三个', sex: 'female', birth_date: birthDate({ years: 8 }), relation: 'child' }, headers: { authorization: `Bearer ${p.token}` },
    });
    assert.equal(third.status, 422);
    assert.equal(third.body.error.message, 'at most 2 patients per account');
  } finally {
    await small.stop();
  }
});

test("another member's patient is 404 for every route", async () => {
  const a = await Patient.login(stack.srv.url, 'fam-owner');
  const b = await Patient.login(stack.srv.url, 'fam-other');
  const child = await a.post('/api/v1/patients', { name: '甲的孩子', sex: 'male', birth_date: birthDate({ years: 4 }), relation: 'child' });
  for (const [method, path, body] of [
    ['PUT', `/api/v1/patients/${child.body.id}`, { name: '改名' }],
    ['DELETE', `/api/v1/patients/${child.body.id}`],
    ['GET', `/api/v1/patients/${child.body.id}/selftests`],
    ['PUT', '/api/v1/patients/999999', { name: '不存在' }],
  ]) {
    const r = await b.call(method, path, body);
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal(r.body.error.code, 'not_found');
  }
  assert.equal((await a.get('/api/v1/patients')).body.patients[0].name, '甲的孩子', 'unchanged');
});

test('deleting the account erases its patients', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-delete');
  await p.post('/api/v1/patients', adult({ id_number: residentId(birthDate({ years: 35 }), 'male') }));
  await p.post('/api/v1/patients', { name: '孩子', sex: 'female', birth_date: birthDate({ years: 3 }), relation: 'child', phone: '13700001111' });
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM patients WHERE member_id = ${p.id}`), '2');
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  const byPatientPhone = await desk.post('/members/search', { phone: '137 0000 1111' });
  assert.deepEqual(byPatientPhone.body.members.map((m) => m.id), [p.id], "the desk finds the family by a patient's phone");
  const del = await p.call('DELETE', '/api/v1/me');
  assert.equal(del.status, 200);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM patients WHERE member_id = ${p.id}`), '0');
  assert.deepEqual((await desk.post('/members/search', { phone: '13700001111' })).body.members, [], 'gone with the account');
  assert.equal((await p.get('/api/v1/patients')).status, 401, 'the session ended with the account');
});

test("a child's appointment: patient required, list items with names and cancellable, the desk confirms the child's visit", async () => {
  const url = stack.srv.url;
  const parent = await Patient.login(url, 'fam-booking');
  const other = await Patient.login(url, 'fam-booking-other');
  const child = (await parent.post('/api/v1/patients', { name: '李小宝', sex: 'male', birth_date: birthDate({ years: 3 }), relation: 'child' })).body;
  const stranger = (await other.post('/api/v1/patients', { name: '别人', sex: 'male', birth_date: birthDate({ years: 30 }), relation: 'self' })).body;
  const tomorrow = localIso(Date.now() + DAY);
  const slots = (await parent.get(`/api/v1/slots?date=${tomorrow}`)).body.slots;
  const slot = slots[slots.length - 1];

  const noPatient = await parent.post('/api/v1/appointments', { slot_id: slot.id });
  assert.equal(noPatient.status, 400);
  assert.equal(noPatient.body.error.field, '$.patient_id', 'once the member has patients, the booking names one');
  const notMine = await parent.post('/api/v1/appointments', { slot_id: slot.id, patient_id: stranger.id });
  assert.equal(notMine.status, 404);
  assert.equal(notMine.body.error.field, '$.patient_id');
  const booked = await parent.post('/api/v1/appointments', { slot_id: slot.id, patient_id: child.id });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  assert.deepEqual(booked.body.appointment.patient, { id: child.id, name: '李小宝' });
  const twice = await parent.post('/api/v1/appointments', { slot_id: slot.id, patient_id: child.id });
  assert.equal(twice.status, 409, 'the same patient cannot take the slot twice');
  // A sibling may have the same slot (one member, two patients).
  const sibling = (await parent.post('/api/v1/patients', { name: '李小贝', sex: 'female', birth_date: birthDate({ years: 3 }), relation: 'child' })).body;
  const siblingBooking = await parent.post('/api/v1/appointments', { slot_id: slot.id, patient_id: sibling.id });
  assert.equal(siblingBooking.status, 201, JSON.stringify(siblingBooking.body));
  assert.equal((await parent.post(`/api/v1/appointments/${siblingBooking.body.appointment.id}/cancel`)).status, 200);

  const upcoming = (await parent.get('/api/v1/appointments?when=upcoming')).body.appointments;
  assert.equal(upcoming.length, 2, 'the cancelled sibling booking is listed too (status cancelled)');
  const item = upcoming.find((a) => a.status === 'booked');
  assert.deepEqual(item.patient, { id: child.id, name: '李小宝' });
  assert.equal(typeof item.department.name, 'string');
  assert.ok(item.department.name.length > 0);
  assert.match(item.clinic.name, /诊所/);
  assert.match(item.doctor.name, /医生/);
  assert.equal(item.cancellable, true);
  assert.deepEqual((await parent.get('/api/v1/appointments?when=past')).body.appointments, []);
  assert.equal((await parent.get('/api/v1/appointments?when=soon')).status, 400);
  const english = await request(url, 'GET', '/api/v1/appointments?lang=en', { headers: { authorization: `Bearer ${parent.token}` } });
  assert.doesNotMatch(english.body.appointments[0].department.name, /[\u4e00-\u9fff]/, 'department names in English');

  // An hour before the start: inside the 2 h cut-off, not cancellable (and the server refuses).
  stack.setClock(slot.starts_at_ms - Date.now() - 3_600_000);
  try {
    const inside = (await parent.get('/api/v1/appointments')).body.appointments.find((a) => a.id === item.id);
    assert.equal(inside.cancellable, false);
    const refused = await parent.post(`/api/v1/appointments/${item.id}/cancel`);
    assert.equal(refused.status, 409);

    // The desk: the day's list and the member context show the child (masked); the visit names the child.
    const desk = await Desk.login(url, stack.dir, 'desk');
    desk.clinic = item.clinic.id;
    const day = (await desk.get('/appointments')).body.appointments.find((a) => a.id === item.id);
    assert.equal(day.patient.id, child.id);
    assert.equal(day.patient.name_masked, '李**');
    const ctx = (await desk.get(`/members/${parent.id}/context`)).body;
    assert.deepEqual(ctx.patients.map((p) => [p.id, p.name_masked, p.age.years, p.relation]), [[child.id, '李**', 3, 'child'], [sibling.id, '李**', 3, 'child']]);
    assert.equal(ctx.appointments_today.find((a) => a.id === item.id).patient.id, child.id);
    assert.equal(JSON.stringify(ctx).includes('李小宝'), false, 'the desk never sees the full name');
    const lookup = await desk.get(`/members?code=${encodeURIComponent((await parent.get('/api/v1/member-code')).body.code)}`);
    assert.equal(lookup.body.members[0].patients[0].name_masked, '李**');

    const cart = { member_id: parent.id, paid: true, items: [{ sku: 'SVC-CONSULT' }] };
    const missing = await desk.post('/visits', { ...cart, visit_ref: 'FAM-1' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, '$.patient_id');
    const wrong = await desk.post('/visits', { ...cart, visit_ref: 'FAM-1', patient_id: stranger.id });
    assert.equal(wrong.status, 404, "another member's patient");
    const visit = await desk.post('/visits', { ...cart, visit_ref: 'FAM-1', patient_id: child.id });
    assert.equal(visit.status, 201, JSON.stringify(visit.body));
    assert.equal(visit.body.visit.patient.id, child.id);
    assert.equal(visit.body.visit.member_id, parent.id, 'points stay with the member');
    assert.equal(sqlite(stack.srv.db, `SELECT patient_id FROM visits WHERE id = ${visit.body.visit.id}`), String(child.id));
    assert.ok(visit.body.points.points > 0);

    // A patient with an open appointment cannot be removed.
    const del = await parent.call('DELETE', `/api/v1/patients/${child.id}`);
    assert.equal(del.status, 409);
  } finally {
    stack.setClock(0);
  }
});

test('self-test history per patient: answers and reason only with consent; the consent text says what is kept', async () => {
  const url = stack.srv.url;
  const p = await Patient.login(url, 'fam-selftest');
  const child = (await p.post('/api/v1/patients', { name: '小华', sex: 'female', birth_date: birthDate({ years: 5 }), relation: 'child' })).body;
  const { state, outcome } = await finishedTriage(url, 'fever_child', { age_years: 5, sex: 'female' });
  const noConsent = await p.post('/api/v1/triage/submit', { state, outcome, patient_id: child.id });
  assert.equal(noConsent.status, 200, JSON.stringify(noConsent.body));
  assert.equal(noConsent.body.answers_stored, false);
  let hist = (await p.get(`/api/v1/patients/${child.id}/selftests`)).body;
  assert.equal(hist.answers_stored, false);
  assert.match(hist.consent_text, /只保存主诉、结果等级/);
  const texts = (await p.get('/api/v1/me/consents')).body.texts;
  assert.equal(texts.health_data, hist.consent_text, 'one text for the consent, wherever it is shown');
  assert.equal(hist.selftests.length, 1);
  assert.deepEqual(Object.keys(hist.selftests[0]).sort(), ['at_ms', 'complaint', 'id', 'level']);
  assert.equal(hist.selftests[0].complaint, 'fever_child');
  assert.equal(hist.selftests[0].level, outcome.level);

  await p.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
  const withConsent = await p.post('/api/v1/triage/submit', { state, outcome, patient_id: child.id });
  assert.equal(withConsent.body.answers_stored, true);
  hist = (await p.get(`/api/v1/patients/${child.id}/selftests`)).body;
  assert.equal(hist.selftests.length, 2);
  assert.equal(hist.selftests[0].id, withConsent.body.result_id, 'newest first');
  assert.deepEqual(hist.selftests[0].answers, state.answers, 'answers with consent');
  assert.equal(hist.selftests[1].answers, undefined, 'what was stored without consent stays without answers');
  assert.ok(hist.selftests[0].reason && typeof hist.selftests[0].reason.summary === 'string', 'the reason with consent');
  assert.equal(hist.selftests[1].reason, undefined, 'no reason stored without consent');

  await p.post('/api/v1/me/consents', { kind: 'health_data', granted: false, policy_version: '2026-01' });
  hist = (await p.get(`/api/v1/patients/${child.id}/selftests`)).body;
  assert.equal(hist.selftests[0].answers, undefined, 'withdrawn consent hides the answers');

  const other = await Patient.login(url, 'fam-selftest-other');
  const notMine = await other.post('/api/v1/triage/submit', { state, outcome, patient_id: child.id });
  assert.equal(notMine.status, 404);
  // Deleting the patient erases the stored answers.
  await p.call('DELETE', `/api/v1/patients/${child.id}`);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM triage_results WHERE id = ${withConsent.body.result_id} AND answers IS NULL AND patient_id IS NULL`), '1');
});

test('the clinic card: address, phone and coordinates for the emergency screens', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-clinic');
  const c = await p.get('/api/v1/clinics/1');
  assert.equal(c.status, 200);
  assert.match(c.body.name, /诊所/);
  assert.match(c.body.address, /上海/);
  assert.match(c.body.phone, /^021-/);
  assert.ok(c.body.latitude > 30 && c.body.latitude < 32, String(c.body.latitude));
  assert.ok(c.body.longitude > 120 && c.body.longitude < 122, String(c.body.longitude));
  assert.equal((await p.get('/api/v1/clinics/999')).status, 404);
});

// RFC 6238 with HMAC-SHA256, written again here with Node's crypto (an independent implementation).
function totp(secret, memberId, atMs) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha256', Buffer.from(secret, 'base64url')).update(counter).digest();
  const off = mac[mac.length - 1] & 15;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 100_000_000;
  return `${memberId}.${String(bin).padStart(8, '0')}`;
}

test('offline member code: the core op, the desk lookup (current and previous step), stale and revoked codes refused', async () => {
  const url = stack.srv.url;
  const p = await Patient.login(url, 'fam-totp');
  await p.post('/api/v1/patients', adult());
  const s = await p.post('/api/v1/member-code/secret');
  assert.equal(s.status, 200);
  assert.equal(Buffer.from(s.body.secret, 'base64url').length, 32);
  assert.equal(s.body.period_s, 30);
  assert.equal(s.body.digits, 8);
  assert.ok(s.body.valid_until_ms - Date.now() <= 7 * DAY + 60_000);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM member_code_secrets WHERE member_id = ${p.id} AND instr(secret_enc, X'${Buffer.from(s.body.secret, 'base64url').toString('hex')}') > 0`), '0', 'sealed at rest');

  const now = Date.now();
  const op = await request(url, 'POST', '/api/core', { body: { op: 'member_code.totp', v: 1, member_id: p.id, secret: s.body.secret, now_ms: now } });
  assert.equal(op.body.ok.code, totp(s.body.secret, p.id, now), 'the core op = RFC 6238 computed by Node');

  const desk = await Desk.login(url, stack.dir, 'desk');
  const current = totp(s.body.secret, p.id, Date.now());
  const found = await desk.get(`/members?code=${current}`);
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(found.body.members[0].id, p.id);
  assert.equal(found.body.members[0].patients.length, 1);
  const again = await desk.post('/members/search', { code: current });
  assert.equal(again.body.members[0].id, p.id, 'a lookup may repeat within the step');
  const previous = await desk.get(`/members?code=${totp(s.body.secret, p.id, Date.now() - 30_000)}`);
  assert.equal(previous.body.members[0].id, p.id, 'the previous step still scans');

  const stale = await desk.get(`/members?code=${totp(s.body.secret, p.id, Date.now() - 120_000)}`);
  assert.equal(stale.body.error.code, 'token_expired');
  const forged = await desk.get(`/members?code=${p.id}.12345678`);
  assert.equal(forged.status, 400);
  assert.equal(forged.body.error.code, 'invalid_field');
  const otherMember = await desk.get(`/members?code=${totp(s.body.secret, p.id + 1, Date.now())}`);
  assert.equal(otherMember.status, 400, "a code computed for another member's id does not match their secrets");

  // Logout ends the session, and the secret with it.
  const out = await request(url, 'POST', '/api/auth/logout', { headers: { authorization: `Bearer ${p.token}` } });
  assert.equal(out.status, 200);
  const revoked = await desk.get(`/members?code=${totp(s.body.secret, p.id, Date.now())}`);
  assert.equal(revoked.status, 400);
  assert.equal(revoked.body.error.code, 'invalid_field');
});

test('one member-code secret per session; account deletion removes them', async () => {
  const p = await Patient.login(stack.srv.url, 'fam-totp-delete');
  const first = (await p.post('/api/v1/member-code/secret')).body.secret;
  const second = (await p.post('/api/v1/member-code/secret')).body.secret;
  assert.notEqual(first, second);
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM member_code_secrets WHERE member_id = ${p.id}`), '1', 'one secret per session');
  const desk = await Desk.login(stack.srv.url, stack.dir, 'desk');
  assert.equal((await desk.get(`/members?code=${totp(first, p.id, Date.now())}`)).status, 400, 'the replaced secret no longer scans');
  assert.equal((await desk.get(`/members?code=${totp(second, p.id, Date.now())}`)).body.members[0].id, p.id);
  await p.call('DELETE', '/api/v1/me');
  assert.equal(sqlite(stack.srv.db, `SELECT COUNT(*) FROM member_code_secrets WHERE member_id = ${p.id}`), '0');
});

test('every row written here that belongs to an organisation carries its org_id (migration 11)', () => {
  const check = orgRowCheck(stack.srv.db);
  for (const [table, [, bad]] of Object.entries(check)) assert.equal(bad, 0, `${table}: ${bad} rows without their org_id`);
  for (const table of ['patients', 'bookings', 'member_code_secrets', 'triage_results']) assert.ok(check[table][0] > 0, `${table} has rows`);
});

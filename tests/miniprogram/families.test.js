// 就诊人 management and appointments for a family (issue 15, deliverables 1 and 6, finding 8).
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, fire } = require('./page-helpers.js');
const { DAY, tomorrowAt, birthDate } = require('../clinic-time.cjs');
const { localDate } = require('../../miniprogram/lib/util.js');

let api;
beforeEach(() => {
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = api.transport;
});

function addPatient(p) {
  const id = api.state.nextPatientId++;
  api.state.patients.push({ id, ...p });
  return id;
}

const rowText = (n) => n.dom.textContent.replace(/\s+/g, ' ').trim();

describe('就诊人 page', () => {
  test('empty: offers "add myself"; adding oneself and a 5-month-old child; the guardian note for under-14s', async () => {
    const page = openPage('patients');
    await until(() => page.data.state === 'ready', 'patients');
    expect(text(page, '.state-empty')).toBe('还没有就诊人。添加本人或家人后，可以为 TA 预约和自测。');
    expect(text(page, '.max')).toBe('最多可添加 6 位就诊人');
    await tap(page, '.add-self');
    expect(page.data.relationText).toBe('本人');
    await fire(page, '.f-name', 'input', { value: '张妈妈' });
    await tap(page, '.f-female');
    await fire(page, '.f-birth', 'change', { value: '1990-05-01' });
    expect(page.querySelector('.f-guardian')).toBeFalsy();
    await fire(page, '.f-id', 'input', { value: '11010519900501002X' });
    await tap(page, '.save');
    await until(() => page.data.list.length === 1, 'saved');
    expect(api.state.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/patients')[0].body).toEqual({
      name: '张妈妈', sex: 'female', birth_date: '1990-05-01', relation: 'self', id_number: '11010519900501002X',
    });
    expect(text(page, '.patient-1')).toContain('身份证 110***********002X'); // masked by the server
    expect(page.querySelector('.add-self')).toBeFalsy(); // one "self" only

    await tap(page, '.add');
    await fire(page, '.f-name', 'input', { value: '小宝' });
    await tap(page, '.f-male');
    const birth = birthDate({ months: 5 });
    await fire(page, '.f-birth', 'change', { value: birth });
    expect(text(page, '.f-age')).toBe('5个月');
    expect(text(page, '.f-guardian')).toBe('未满 14 周岁：您作为监护人的同意即为 TA 的同意（《个人信息保护法》第 31 条），请确认您是 TA 的监护人。');
    await fire(page, '.f-relation', 'change', { value: 1 });
    expect(page.data.form.relation).toBe('child');
    await tap(page, '.save');
    await until(() => page.data.list.length === 2, 'child saved');
    expect(rowText(page.querySelector('.patient-2'))).toContain('小宝 子女 · 男 · 5个月');
    expect(text(page, '.patient-2 .guardian')).toContain('监护人');
    expect(page.querySelector('.patient-1 .guardian')).toBeFalsy();
  });

  test('missing fields are named before sending; the server\'s refusal is shown in words', async () => {
    const page = openPage('patients');
    await until(() => page.data.state === 'ready', 'patients');
    await tap(page, '.add');
    await tap(page, '.save');
    expect(text(page, '.form-error')).toBe('请填写姓名、性别、出生日期和关系');
    expect(api.paths('POST')).toEqual(['POST /api/v1/auth/login']);
    await fire(page, '.f-name', 'input', { value: '王爷爷' });
    await tap(page, '.f-male');
    await fire(page, '.f-birth', 'change', { value: '1950-01-01' });
    await fire(page, '.f-relation', 'change', { value: 2 });
    await fire(page, '.f-id', 'input', { value: '12345' });
    await tap(page, '.save');
    await until(() => page.data.formError === '身份证号格式不正确', 'server error');
    expect(text(page, '.form-error')).toBe('身份证号格式不正确');
    expect(page.data.form).toBeTruthy(); // nothing lost: the form stays
  });

  test('edit and delete (the confirm names who and what follows; declining keeps them)', async () => {
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 30 }), relation: 'child' });
    const page = openPage('patients');
    await until(() => page.data.list.length === 1, 'patients');
    expect(text(page, '.patient-age')).toBe('2岁');
    await tap(page, '.edit');
    expect(page.data.form).toMatchObject({ id: 1, name: '小宝', relation: 'child' });
    await fire(page, '.f-name', 'input', { value: '李小宝' });
    await tap(page, '.save');
    await until(() => page.data.list[0].name === '李小宝', 'renamed');
    expect(api.state.requests.find((r) => r.method === 'PUT').path).toBe('/api/v1/patients/1');
    wxShim.modalAnswer = false;
    await page.instance.onDelete({ currentTarget: { dataset: { id: 1 } } });
    expect(wxShim.called('showModal').pop()).toMatchObject({
      content: '删除就诊人「李小宝」？删除后不能再为 TA 预约和自测，TA 的就诊人信息将从本账户移除。', confirmText: '确认删除', cancelText: '不删除',
    });
    expect(api.paths('DELETE')).toEqual([]);
    wxShim.modalAnswer = true;
    await tap(page, '.delete');
    await until(() => page.data.list.length === 0, 'deleted');
    expect(api.paths('DELETE')).toEqual(['DELETE /api/v1/patients/1']);
  });

  test('nothing the server refuses: a child as "self", deleting a patient with an appointment ahead', async () => {
    const id = addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    api.state.appointments.push({ id: 700, slot_id: 101, clinic_id: 1, doctor_id: 12, patient_id: id, starts_at_ms: Date.now() + 2 * DAY, status: 'booked' });
    const page = openPage('patients');
    await until(() => page.data.list.length === 1, 'patients');
    expect(page.querySelector('.delete')).toBeFalsy();
    expect(text(page, '.open-booking')).toBe('有尚未就诊的预约：取消或就诊后才能删除');
    await tap(page, '.add-self');
    await fire(page, '.f-name', 'input', { value: '小明' });
    await tap(page, '.f-male');
    await fire(page, '.f-birth', 'change', { value: birthDate({ months: 10 * 12 }) });
    await tap(page, '.save');
    expect(text(page, '.form-error')).toBe('未满 14 周岁的就诊人不能选“本人”，请选择 TA 与您的关系');
    expect(api.paths('POST')).toEqual(['POST /api/v1/auth/login']);
  });

  test('at the limit "add" is refused on the phone with the reason', async () => {
    api.state.maxPatients = 1;
    addPatient({ name: '张妈妈', sex: 'female', birth_date: '1990-05-01', relation: 'self' });
    const page = openPage('patients');
    await until(() => page.data.list.length === 1, 'patients');
    expect(page.data.full).toBe(true);
    page.instance.onAdd();
    expect(wxShim.called('showToast').pop().title).toBe('已达到 1 位上限');
    expect(page.data.form).toBe(null);
  });

  test('in English', async () => {
    require('../../miniprogram/lib/i18n.js').setLang('en');
    addPatient({ name: 'Bao', sex: 'male', birth_date: birthDate({ months: 17 }), relation: 'child' });
    const page = openPage('patients');
    await until(() => page.data.list.length === 1, 'patients');
    expect(rowText(page.querySelector('.patient-1'))).toContain('Bao Child · Male · 1 y 5 m');
    expect(text(page, '.patient-1 .guardian')).toBe('Under 14: your consent as the guardian is their consent (PIPL art. 31); please make sure you are their guardian.');
    wxShim.modalAnswer = false;
    await tap(page, '.delete');
    await until(() => wxShim.called('showModal').length === 1, 'confirm');
    expect(wxShim.called('showModal')[0]).toMatchObject({ confirmText: 'Delete', cancelText: 'Keep' });
  });

  test('reachable from "me"', async () => {
    const me = openPage('me');
    await until(() => me.data.state === 'ready', 'me');
    await tap(me, '.patients-link');
    expect(wxShim.called('navigateTo').pop()).toEqual({ url: '/pages/patients/patients' });
  });
});

describe('appointments for a family', () => {
  function pediatricsTomorrow() {
    for (let i = 0; i < 2; i++) {
      api.state.slots.push({ id: 200 + i, doctor_id: 12, starts_at_ms: tomorrowAt(14, 30 * i), ends_at_ms: tomorrowAt(14, 30 * i + 30), capacity: 2, available: 2 });
    }
  }

  test('after "自测建议：儿科" a day without slots offers the next day with slots; booking summary; for that patient', async () => {
    pediatricsTomorrow();
    addPatient({ name: '张妈妈', sex: 'female', birth_date: '1990-05-01', relation: 'self' });
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const page = openPage('appointments', { department: 'pediatrics', patient: '2' });
    await until(() => page.data.nextFree, 'the next free day');
    expect(text(page, '.suggested')).toBe('自测建议：儿科');
    expect(page.data.patientId).toBe(2);
    expect(page.data.dates[0].label).toMatch(/^今天 \d+月\d+日 周.$/);
    expect(page.data.dates[1].label).toMatch(/^明天 \d+月\d+日 周.$/);
    expect(text(page, '.next-free-text')).toBe(`当天已无号，最近有号：${page.data.dates[1].label}`);
    await tap(page, '.go-next-free');
    await until(() => page.data.slots.length === 2, 'tomorrow\'s slots');
    expect(text(page, '.slot-left')).toBe('剩 2 个号');
    await tap(page, '.book');
    await until(() => page.data.upcoming.length === 1, 'booked');
    const modal = wxShim.called('showModal')[0];
    expect(modal).toMatchObject({ title: '确认预约', confirmText: '确认预约', cancelText: '再想想' });
    expect(modal.content).toMatch(/^明天 \d+月\d+日 周. \d\d:\d\d\n儿科 · 李医生\n就诊人：小宝$/);
    expect(api.state.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/appointments').body).toMatchObject({ slot_id: 200, patient_id: 2 });
    const row = page.querySelector('.appointment.upcoming');
    expect(text(page, '.appt-when')).toMatch(/^明天 \d+月\d+日 周. \d\d:\d\d$/);
    expect(text(page, '.appt-what')).toBe('儿科 · 李医生');
    expect(text(page, '.appt-where')).toBe('健康会员诊所（东院）');
    expect(text(page, '.appt-patient')).toBe('就诊人：小宝');
    expect(row).toBeTruthy();
  });

  test('with several patients and none chosen, booking asks for one; declining the summary books nothing', async () => {
    pediatricsTomorrow();
    addPatient({ name: '张妈妈', sex: 'female', birth_date: '1990-05-01', relation: 'self' });
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const page = openPage('appointments');
    await until(() => page.data.state === 'ready' && page.data.people.length === 2, 'ready');
    await tap(page, '.dept-pediatrics');
    await until(() => page.data.nextFree, 'next free');
    await tap(page, '.go-next-free');
    await until(() => page.data.slots.length === 2, 'slots');
    await tap(page, '.book');
    expect(wxShim.called('showToast').pop().title).toBe('请先选择就诊人');
    await tap(page, '.person-2');
    wxShim.modalAnswer = false;
    await page.instance.onBook({ currentTarget: { dataset: { id: 200 } } });
    expect(api.state.appointments).toEqual([]);
  });

  test('no slot in 7 days: said plainly, no dead end', async () => {
    api.state.slots = [];
    const page = openPage('appointments', { department: 'pediatrics' });
    await until(() => page.data.noneWeek, 'none this week');
    expect(text(page, '.none-week')).toBe('7 天内都没有可预约的时间，请换一位医生或致电诊所');
  });

  test('upcoming and past apart; cancel only where the server allows it, with a confirm naming date and doctor', async () => {
    const id = addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const now = Date.now();
    const soon = now + 3600000; // inside the 2 h cut-off
    const later = now + 3 * DAY;
    api.state.appointments.push(
      { id: 601, slot_id: 101, clinic_id: 1, doctor_id: 12, patient_id: id, starts_at_ms: soon, status: 'booked' },
      { id: 602, slot_id: 102, clinic_id: 1, doctor_id: 12, patient_id: id, starts_at_ms: later, status: 'booked' },
      { id: 603, slot_id: 103, clinic_id: 1, doctor_id: 10, patient_id: id, starts_at_ms: now - 2 * DAY, status: 'checked_in' },
    );
    const page = openPage('appointments');
    await until(() => page.data.upcoming.length === 2 && page.data.past.length === 1, 'lists');
    const up = all(page, '.appointment.upcoming');
    expect(up[0].dom.textContent).toContain('距就诊不足 2 小时，不能在线取消，如需改期请致电诊所');
    expect(page.data.upcoming[0].cancellable).toBe(false);
    expect(page.data.upcoming[1].cancellable).toBe(true);
    expect(all(page, '.cancel').length).toBe(1); // only the later one
    expect(text(page, '.appointment.past .appt-status')).toBe('已到诊签到');
    expect(text(page, '.appointment.past .appt-what')).toBe('全科 · 王医生 · 小宝');
    const d = localDate(later);
    wxShim.modalAnswer = false;
    await tap(page, '.cancel');
    await until(() => wxShim.called('showModal').length === 1, 'confirm');
    expect(wxShim.called('showModal')[0]).toMatchObject({ content: `确认取消 ${d.m}月${d.d}日 李医生 的预约？`, confirmText: '确认取消', cancelText: '不取消' });
    expect(api.state.appointments.find((a) => a.id === 602).status).toBe('booked');
    wxShim.modalAnswer = true;
    await tap(page, '.cancel');
    await until(() => page.data.past.length === 2, 'cancelled');
    expect(api.state.appointments.find((a) => a.id === 602).status).toBe('cancelled');
    // the one inside the cut-off is not offered, even through the handler
    expect(await page.instance.onCancel({ currentTarget: { dataset: { id: 601 } } })).toBe(null);
  });

  test('in English: weekday and Today/Tomorrow, the cancel confirm in words', async () => {
    require('../../miniprogram/lib/i18n.js').setLang('en');
    const id = addPatient({ name: 'Bao', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const later = Date.now() + 3 * DAY;
    api.state.appointments.push({ id: 602, slot_id: 102, clinic_id: 1, doctor_id: 12, patient_id: id, starts_at_ms: later, status: 'booked' });
    const page = openPage('appointments');
    await until(() => page.data.upcoming.length === 1, 'list');
    expect(page.data.dates[0].label).toMatch(/^Today (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ [A-Z][a-z]{2}$/);
    wxShim.modalAnswer = false;
    await tap(page, '.cancel');
    await until(() => wxShim.called('showModal').length === 1, 'confirm');
    const d = localDate(later);
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.m - 1];
    expect(wxShim.called('showModal')[0]).toMatchObject({ content: `Cancel the appointment with 李医生 on ${mon} ${d.d}?`, confirmText: 'Cancel it', cancelText: 'Keep it' });
  });
});

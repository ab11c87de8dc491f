// The self-test start and its number questions on the REAL on-device core (issue 15,
// findings 1–3): "为谁自测" with the member's patients, a baby's age in months, no silent
// reuse of the last person, number boxes that start empty and send only what was typed.
const { createFakeApi } = require('./fake-api.js');
const { openPage, until, text, all, tap, fire, walkToResult, chooseOther } = require('./page-helpers.js');
const { birthDate } = require('../clinic-time.cjs');
const coreLib = require('../../miniprogram/lib/core.js');

const realCallCore = coreLib.callCore;
const wxml = require('node:fs').readFileSync(require.resolve('../../miniprogram/pages/selftest/selftest.wxml'), 'utf8');

let api;
let coreCalls;
beforeEach(() => {
  wxShim.reset();
  api = createFakeApi();
  wxShim.transport = api.transport;
  coreCalls = [];
  // Records what the page asks the real core (no answer is changed).
  jest.spyOn(coreLib, 'callCore').mockImplementation((req) => {
    coreCalls.push(JSON.parse(JSON.stringify(req)));
    return realCallCore(req);
  });
});
afterEach(() => jest.restoreAllMocks());

const answersSent = () => coreCalls.filter((r) => r.op === 'triage.answer');

function addPatient(p) {
  api.state.patients.push({ id: api.state.nextPatientId++, ...p });
}

async function pickByText(page, words) {
  await fire(page, '.search', 'input', { value: words });
  await until(() => page.data.matches.length > 0, `a match for ${words}`);
  const shown = text(page, '.match');
  await tap(page, '.match');
  await until(() => page.data.phase === 'question', 'the first question');
  return shown;
}

async function answerNoUntilNumber(page) {
  while (page.data.question.kind !== 'number') {
    const asked = page.data.asked;
    await tap(page, '.answer-no');
    await until(() => page.data.phase !== 'question' || page.data.asked > asked, 'the next question');
  }
}

describe('为谁自测 (finding 1)', () => {
  test('the start screen asks who the test is for, with the member\'s patients; nothing is preset', async () => {
    addPatient({ name: '张妈妈', sex: 'female', birth_date: birthDate({ months: 36 * 12 + 2 }), relation: 'self' });
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const page = openPage('selftest');
    expect(page.data.phase).toBe('who');
    expect(text(page, '.state-loading')).toBe('加载中…');
    await until(() => page.data.peopleState === 'ready', 'patients');
    expect(text(page, '.who .section')).toBe('为谁自测');
    const people = all(page, '.person').map((n) => n.dom.textContent.replace(/\s+/g, ' ').trim());
    expect(people).toEqual(['张妈妈 本人 · 女 · 36岁', '小宝 子女 · 男 · 5个月', '其他人']);
    // no complaint search and no age box before a person is chosen
    expect(page.querySelector('.search')).toBeFalsy();
    expect(coreCalls.filter((r) => r.op.startsWith('triage.'))).toEqual([]);
  });

  test('"孩子发烧" for a 3-year-old child matches the child fever protocol, with child questions', async () => {
    addPatient({ name: '乐乐', sex: 'female', birth_date: birthDate({ months: 3 * 12 + 2 }), relation: 'child' });
    const page = openPage('selftest');
    await until(() => page.data.people.length === 1, 'patients');
    await tap(page, '.person-1');
    await until(() => page.data.complaints.length > 0, 'complaints');
    expect(text(page, '.for-text')).toBe('为 乐乐（3岁）自测');
    expect(await pickByText(page, '孩子发烧')).toBe('发热（儿童）');
    const start = coreCalls.find((r) => r.op === 'triage.start');
    expect(start.patient).toMatchObject({ age_years: 3, age_months: 0, sex: 'female' });
    // A parent answers for a child: the core takes answerer "parent" and speaks about the child.
    const cats = coreCalls.filter((r) => r.op === 'triage.catalog');
    expect(cats[0].patient.answerer).toBe('parent');
    expect(start.patient.answerer).toBe('parent');
    expect(page.data.question.text).toMatch(/孩子/);
  });

  test('after a test for a child, the next self-test starts again at "为谁自测" (no silent reuse)', async () => {
    const first = openPage('selftest');
    await chooseOther(first, { years: 3, sex: 'male' });
    await pickByText(first, '发烧');
    await walkToResult(first);
    first.detach();
    const next = openPage('selftest');
    expect(next.data.phase).toBe('who');
    expect(next.data.forText).toBe('');
    await until(() => next.data.peopleState === 'ready', 'patients');
    expect(next.querySelector('.search')).toBeFalsy();
    expect(wx.getStorageSync('triage_patient')).toBe(''); // the old silently reused key is gone
  });

  test('"someone else" needs an age and a sex; months are taken for babies', async () => {
    const page = openPage('selftest');
    await until(() => page.data.peopleState === 'ready', 'patients');
    await tap(page, '.other-open');
    await tap(page, '.other-start');
    expect(text(page, '.other-error')).toBe('请填写年龄并选择性别');
    expect(page.data.phase).toBe('who');
    await fire(page, '.other-years', 'input', { value: '0' });
    await fire(page, '.other-months', 'input', { value: '2' });
    await tap(page, '.other-form .sex-male');
    await tap(page, '.other-start');
    await until(() => page.data.phase === 'pick' && page.data.complaints.length > 0, 'pick');
    expect(text(page, '.for-text')).toBe('为 其他人（2个月）自测');
    const cat = coreCalls.filter((r) => r.op === 'triage.catalog').pop();
    expect(cat.patient).toMatchObject({ age_years: 0, age_months: 2, sex: 'male' });
  });

  test('offline: the patients saved on the phone are offered, marked as such', async () => {
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const first = openPage('selftest');
    await until(() => first.data.peopleState === 'ready', 'patients online');
    first.detach();
    wxShim.online = false;
    const page = openPage('selftest');
    await until(() => page.data.peopleState === 'offline', 'offline');
    expect(text(page, '.people-error')).toBe('网络不可用，显示的是上次保存的内容');
    expect(all(page, '.person-1').length).toBe(1);
  });
});

describe('a baby of 5 months (finding 2)', () => {
  test('age in months reaches the core; "宝宝发烧" → child fever rules for under 6 months', async () => {
    addPatient({ name: '小宝', sex: 'male', birth_date: birthDate({ months: 5 }), relation: 'child' });
    const page = openPage('selftest');
    await until(() => page.data.people.length === 1, 'patients');
    expect(page.data.people[0].ageText).toBe('5个月');
    await tap(page, '.person-1');
    await until(() => page.data.complaints.length > 0, 'complaints');
    expect(text(page, '.for-text')).toBe('为 小宝（5个月）自测');
    expect(await pickByText(page, '宝宝发烧')).toBe('发热（儿童）');
    expect(coreCalls.find((r) => r.op === 'triage.start').patient).toMatchObject({ age_years: 0, age_months: 5, sex: 'male' });
    await answerNoUntilNumber(page);
    await fire(page, '.answer-number', 'input', { value: '39.2' });
    await tap(page, '.answer-number-next');
    await walkToResult(page);
    // 39 °C at 3–6 months: this protocol sends it to the emergency department today (NICE NG143
    // lists it amber, same-day assessment; README "Known gaps" notes the open question)
    expect(page.data.outcome.level).toBe('emergency');
    expect(wx.getStorageSync('triage_queue')[0]).toMatchObject({ patient_id: 1, state: { patient: { age_years: 0, age_months: 5 } } });
  });
});

describe('untouched number fields (finding 3)', () => {
  test('an infant\'s temperature box starts empty; 下一题 is disabled and sends nothing until a value is typed', async () => {
    const page = openPage('selftest');
    await chooseOther(page, { years: 0, months: 1, sex: 'female' });
    expect(await pickByText(page, '宝宝发烧')).toBe('发热（3 个月以下婴儿）');
    await answerNoUntilNumber(page);
    const q = page.data.question;
    expect(q.id).toBe('temp');
    expect(page.querySelector('.answer-number').dom.getAttribute('value') || '').toBe('');
    expect(page.data.numberValue).toBe('');
    // jsdom does not render a built-in button's attributes: the binding is checked in the
    // WXML, the value it binds in the page's data
    expect(wxml).toMatch(/class="answer-number-next"[^>]*disabled="\{\{!numberReady\}\}"/);
    expect(page.data.numberReady).toBe(false);
    const before = answersSent().length;
    await tap(page, '.answer-number-next'); // tapped anyway: nothing is sent
    await page.instance.onNumberNext();
    expect(answersSent().length).toBe(before);
    expect(page.data.question.id).toBe('temp');
    expect(page.data.phase).toBe('question');
    // the core offers "not sure" for a temperature (allow_not_sure): the button is there
    expect(page.data.question.allow_not_sure).toBe(true);
    expect(page.querySelector('.answer-not-sure')).toBeTruthy();
    await fire(page, '.answer-number', 'input', { value: '37.2' });
    expect(page.data.numberReady).toBe(true);
    await tap(page, '.answer-number-next');
    await until(() => page.data.question && page.data.question.id !== 'temp', 'the next question');
    expect(answersSent().pop()).toMatchObject({ question: 'temp', answer: 37.2 });
  });

  test('a value outside the range is refused by the core in words and the question stays', async () => {
    const page = openPage('selftest');
    await chooseOther(page, { years: 0, months: 1, sex: 'male' });
    await pickByText(page, '宝宝发烧');
    await answerNoUntilNumber(page);
    await fire(page, '.answer-number', 'input', { value: '50' });
    await tap(page, '.answer-number-next');
    await until(() => page.data.error, 'the range error');
    expect(text(page, '.error')).toBe('应在 34 到 43 之间');
    expect(page.data.question.id).toBe('temp');
  });

  test('the wet-nappy hours box is empty too: only typed values reach the answers', async () => {
    const page = openPage('selftest');
    await chooseOther(page, { years: 0, months: 1, sex: 'male' });
    await pickByText(page, '宝宝发烧');
    await walkToResult(page, { numbers: { temp: 37.0, hours_dry: 3 } });
    const sent = answersSent().filter((r) => r.question === 'temp' || r.question === 'hours_dry').map((r) => [r.question, r.answer]);
    expect(sent).toEqual(expect.arrayContaining([['temp', 37]]));
    const typed = { temp: 37, hours_dry: 3 };
    for (const [q, v] of sent) expect([q, v]).toEqual([q, typed[q]]);
    expect(page.data.outcome.level).not.toBe('emergency'); // no "hypothermia" from an untouched 34
  });
});

// Symptom self-test, entirely on the phone: the complaint list, the matching of free text
// and every question come from the same C++ core as the server (core.wasm.br), so it works
// with no network. It starts with "为谁自测": a saved patient (age from the birth date, in
// months under 2 years) or a quick "someone else"; nothing is carried over from the last
// test. Number questions start empty and only a typed value (or "不确定/没量" where the
// protocol allows it) is ever sent. The result card helps to act: 120, the clinic's phone
// and map for emergencies, booking for that patient, a re-check reminder for self-care.
// The finished result is kept in the phone's history and uploaded (server re-runs the
// core) only with consent to store health information.
const coreLib = require('../../lib/core.js');
const api = require('../../lib/api.js');
const config = require('../../config.js');
const i18n = require('../../lib/i18n.js');
const queue = require('../../lib/triage-queue.js');
const patients = require('../../lib/patients.js');
const history = require('../../lib/selftest-history.js');
const reminders = require('../../lib/reminders.js');
const display = require('../../lib/display.js');
const consents = require('../../lib/consents.js');
const { kLevelColors, errorText, failState, dayLabel, clock, localDate, clinicInstant, toast } = require('../../lib/util.js');

const kTypicalLength = 8; // questions in a typical walk, for the progress bar until the end is known
const kEmergency = { emergency_ambulance: true, emergency: true };
const kHourMs = 3600000;

// Whether the core on this phone takes patient.answerer (newer cores do; an older one
// rejects the unknown field, and then the test runs without it).
let answererSupported = null;

function core(req) {
  const r = { v: 1, ...req };
  if (i18n.isEnglish()) r.lang = 'en';
  return coreLib.callCore(r);
}

function rejectsAnswerer(e) {
  return !!e && (String(e.path || '').indexOf('answerer') >= 0 || /answerer/.test(e.message || ''));
}

// "not_sure" → the button's words; a list → its option texts; yes/no → 是/否.
function answerText(q, value, s) {
  if (value === 'not_sure') return s.st_not_sure;
  if (q.kind === 'yes_no') return value ? s.st_yes : s.st_no;
  if (q.kind === 'single') return ((q.options || []).find((o) => o.id === value) || {}).text || String(value);
  if (q.kind === 'multi') {
    const names = (q.options || []).filter((o) => value.indexOf(o.id) >= 0).map((o) => o.text);
    return names.length ? names.join('、') : s.st_none;
  }
  return `${value} ${q.unit || ''}`.trim();
}

Component({
  data: {
    s: {}, fc: '', phase: 'who',
    // who
    people: [], peopleState: 'loading', peopleError: '', otherOpen: false, otherYears: '', otherMonths: '', otherSex: '',
    otherError: '', forText: '', pregnant: false, canBePregnant: false,
    // pick
    query: '', matches: [], noMatch: false, complaints: [],
    // question
    protocolName: '', question: null, questionText: '', asked: 0, progress: 0, questionNo: 1,
    numberValue: '', numberReady: false, notSureAllowed: false, multi: {},
    // result
    outcome: null, levelColor: '', isEmergency: false, isAmbulance: false, showSooner: true, reason: null,
    bookable: false, bookDept: null, bookText: '', selfCare: false,
    clinic: null, clinicState: '', clinicText: '', callClinicText: '', mapText: '', hasMap: false, reminderText: '',
    submitText: '', needsConsent: false, consentText: '', consentDone: '', error: '',
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('st_title');
      this.history = [];
      this.answered = [];
      this.who = null;
      this.setData({ s: i18n.strings(), fc: display.fontClass() });
      this.ready = this.loadPeople();
      return this.ready;
    },
  },
  methods: {
    // ---- 为谁自测 ----
    async loadPeople() {
      const show = (r, state) => this.setData({
        people: r.patients.map((p) => patients.describe(p)), peopleState: state, peopleError: state === 'offline' ? i18n.t('offline_stale') : '',
      });
      try {
        show(await patients.load(), 'ready');
      } catch (e) {
        const c = patients.cached();
        if (c) show(c, e.offline ? 'offline' : 'ready');
        else this.setData({ people: [], peopleState: failState(e), peopleError: errorText(e) });
      }
    },
    onRetryPeople() {
      this.setData({ peopleState: 'loading' });
      this.ready = this.loadPeople();
      return this.ready;
    },
    onChoosePatient(e) {
      const p = this.data.people.find((x) => String(x.id) === String(e.currentTarget.dataset.id));
      if (!p || !p.age) return null;
      return this.startFor({ id: p.id, name: p.name, age: p.age, sex: p.sex, answerer: p.answerer });
    },
    onOtherOpen() {
      this.setData({ otherOpen: true, otherYears: '', otherMonths: '', otherSex: '', otherError: '' });
    },
    onOtherYears(e) { this.setData({ otherYears: e.detail.value }); },
    onOtherMonths(e) { this.setData({ otherMonths: e.detail.value }); },
    onOtherSex(e) { this.setData({ otherSex: e.currentTarget.dataset.sex }); },
    onOtherStart() {
      const y = String(this.data.otherYears).trim();
      const m = String(this.data.otherMonths).trim();
      const years = y === '' ? NaN : Number(y);
      const months = m === '' ? 0 : Number(m);
      const valid = Number.isInteger(years) && years >= 0 && years <= 120 && Number.isInteger(months) && months >= 0 && months <= 11 &&
        (years > 0 || m !== '') && !!this.data.otherSex;
      if (!valid) {
        this.setData({ otherError: i18n.t('st_other_need') });
        return null;
      }
      const age = { years, months };
      return this.startFor({ id: null, name: i18n.t('st_other'), age, sex: this.data.otherSex, answerer: patients.answererFor('other', age) });
    },
    startFor(who) {
      this.who = who;
      this.setData({
        phase: 'pick', otherOpen: false, otherError: '', pregnant: false, query: '', matches: [], noMatch: false, error: '',
        canBePregnant: who.sex === 'female' && who.age.years >= 12 && who.age.years <= 55,
        forText: i18n.t('st_for', { name: who.name, age: patients.ageText(who.age) }),
      });
      this.ready = this.loadCatalog();
      return this.ready;
    },
    onChangeWho() {
      this.who = null;
      this.history = [];
      this.setData({ phase: 'who', outcome: null, question: null, complaints: [], forText: '' });
    },
    patient(withAnswerer = answererSupported !== false) {
      const w = this.who;
      const p = patients.triagePatient(w.age, w.sex);
      if (p.sex === 'female' && this.data.pregnant) p.pregnant = true;
      if (withAnswerer && w.answerer) p.answerer = w.answerer;
      return p;
    },
    // A core op that carries the patient; an older core that does not know "answerer" is
    // asked again without it (once; remembered).
    async withPatient(req) {
      try {
        const r = await core({ ...req, patient: this.patient() });
        if (this.patient().answerer) answererSupported = true;
        return r;
      } catch (e) {
        if (answererSupported === true || !rejectsAnswerer(e)) throw e;
        answererSupported = false;
        return core({ ...req, patient: this.patient(false) });
      }
    },
    async loadCatalog() {
      try {
        const cat = await this.withPatient({ op: 'triage.catalog' });
        this.setData({ complaints: cat.complaints.map((c) => ({ id: c.id, name: c.name })), error: '' });
      } catch (e) {
        this.setData({ error: i18n.t('st_engine_failed', { message: e.message }) });
      }
    },
    onPregnant(e) {
      this.setData({ pregnant: !!(e.detail.value && e.detail.value.length) });
      this.ready = this.loadCatalog().then(() => (this.data.query ? this.search(this.data.query) : null));
      return this.ready;
    },
    // ---- complaint ----
    async search(text) {
      const q = String(text || '').trim();
      if (!q) {
        this.setData({ matches: [], noMatch: false });
        return;
      }
      const r = await this.withPatient({ op: 'triage.match', text: q, limit: 6 });
      if (q !== this.data.query.trim()) return; // a newer keystroke won
      this.setData({ matches: r.matches, noMatch: r.matches.length === 0 });
    },
    onSearchInput(e) {
      this.setData({ query: e.detail.value });
      this.pendingSearch = this.search(e.detail.value).catch((err) => this.setData({ error: err.message }));
      return this.pendingSearch;
    },
    async onPick(e) {
      const complaint = e.currentTarget.dataset.id;
      try {
        const step = await this.withPatient({ op: 'triage.start', complaint });
        this.history = [];
        this.answered = [];
        this.show(step);
      } catch (err) {
        this.setData({ error: err.message });
      }
    },
    // ---- questions ----
    show(step) {
      this.step = step;
      if (step.status === 'done') return this.finish(step);
      const q = step.question;
      const total = Math.max(kTypicalLength, step.asked + 2);
      this.setData({
        phase: 'question', protocolName: step.protocol.name, question: q, asked: step.asked,
        questionNo: step.asked + 1, questionText: i18n.t('st_question', { n: step.asked + 1 }), progress: Math.round((step.asked * 100) / total),
        numberValue: '', numberReady: false, notSureAllowed: q.kind === 'number' && q.allow_not_sure === true, multi: {}, error: '',
      });
      return null;
    },
    async answer(value) {
      const step = this.step;
      let next;
      try {
        next = await core({ op: 'triage.answer', state: step.state, question: step.question.id, answer: value });
      } catch (e) {
        this.setData({ error: e.message }); // e.g. "应在 34 到 43 之间": the patient corrects it
        return null;
      }
      this.history.push(step);
      this.answered.push({ question: step.question.text, answer: answerText(step.question, value, this.data.s) });
      return this.show(next);
    },
    onYesNo(e) {
      return this.answer(e.currentTarget.dataset.value === 'yes');
    },
    onOption(e) {
      return this.answer(e.currentTarget.dataset.id);
    },
    onToggle(e) {
      const id = e.currentTarget.dataset.id;
      this.setData({ [`multi.${id}`]: !this.data.multi[id] });
    },
    onMultiNext() {
      const picked = this.data.question.options.filter((o) => this.data.multi[o.id]).map((o) => o.id);
      return this.answer(picked);
    },
    onNumberInput(e) {
      const v = String(e.detail.value || '').trim();
      this.setData({ numberValue: e.detail.value, numberReady: v !== '' && Number.isFinite(Number(v)), error: '' });
    },
    // Only what the patient typed: an empty or unreadable box sends nothing.
    onNumberNext() {
      const v = String(this.data.numberValue || '').trim();
      if (v === '' || !Number.isFinite(Number(v))) return null;
      return this.answer(Number(v));
    },
    onNotSure() {
      if (!this.data.notSureAllowed) return null;
      return this.answer('not_sure');
    },
    onBack() {
      if (this.history.length === 0) {
        this.setData({ phase: 'pick', question: null, outcome: null });
        return;
      }
      this.answered.pop();
      this.show(this.history.pop());
    },
    // ---- result ----
    async finish(step) {
      const o = step.outcome;
      const s = this.data.s;
      const dept = (o.departments && o.departments[0]) || null;
      const emergency = !!kEmergency[o.level];
      const bookable = (o.level === 'consultation' || o.level === 'consultation_24' || o.level === 'self_care');
      const reason = o.reason && (o.reason.summary || (o.reason.answers && o.reason.answers.length)) ? {
        summary: o.reason.summary || '',
        answers: (o.reason.answers || []).map((a, i) => ({ key: i, question: a.question || '', text: a.text || a.answer_text || String(a.answer) })),
      } : null;
      this.setData({
        phase: 'result', protocolName: step.protocol.name, outcome: o, levelColor: kLevelColors[o.level] || '#555', progress: 100,
        isEmergency: emergency, isAmbulance: o.level === 'emergency_ambulance', showSooner: !emergency, reason,
        bookable, bookDept: dept, selfCare: o.level === 'self_care',
        bookText: dept && o.level !== 'self_care' ? i18n.t('st_book', { dept: dept.name }) : s.st_book_doctor,
        submitText: '', needsConsent: false, consentText: '', consentDone: '', reminderText: '',
        clinic: null, clinicState: emergency ? 'loading' : '', clinicText: emergency ? s.st_clinic_loading : '',
      });
      const patientId = this.who ? this.who.id : null;
      const item = queue.enqueue(step.state, o, Date.now(), patientId);
      history.add({
        key: item.key, at_ms: item.finished_at_ms, patient_id: patientId, patient_name: this.who ? this.who.name : '',
        complaint: step.protocol.name, level: o.level, title: o.title, reason, answers: this.answered.slice(), uploaded: false,
      });
      if (emergency) this.clinicLoading = this.loadClinic();
      return this.submit();
    },
    // The clinic's phone and address for the emergency card (GET /api/v1/clinics/:id).
    async loadClinic() {
      try {
        const c = await api.get(`/api/v1/clinics/${config.clinicId}`);
        this.setData({
          clinic: c, clinicState: 'ready', clinicText: '',
          callClinicText: i18n.t('st_call_clinic', { phone: c.phone }), mapText: i18n.t('st_clinic_map', { address: c.address }),
          hasMap: c.latitude != null && c.longitude != null,
        });
      } catch (e) {
        this.setData({ clinic: null, clinicState: failState(e), clinicText: i18n.t('st_clinic_failed', { message: errorText(e) }) });
      }
    },
    // Uploads what waits (this result and any earlier offline ones). Without consent the
    // server keeps complaint, level and date only: the card says so in the server's words
    // and offers the consent for the next tests.
    async submit() {
      const emergency = this.data.isEmergency;
      try {
        const r = await queue.flush();
        if (r.submitted.length) {
          const points = r.submitted.reduce((sum, x) => sum + (x.points || 0), 0);
          const stored = r.submitted[r.submitted.length - 1].answers_stored;
          // No points message on an emergency card: that is not the moment.
          const done = emergency || !points ? i18n.t('st_submitted_plain') : i18n.t('st_submitted', { points });
          // On an emergency card nothing but acting: the consent can wait for "me" or the next test.
          const ask = !stored && !emergency;
          this.setData({ submitText: done, needsConsent: ask, consentText: ask ? consents.text('health_data') : '' });
        } else if (r.waiting) {
          this.setData({ submitText: i18n.t('st_saved_offline') });
        }
        return r;
      } catch (e) {
        this.setData({ submitText: e.offline ? i18n.t('st_saved_offline') : errorText(e) });
        return null;
      }
    },
    async onConsent() {
      try {
        await api.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
      } catch (e) {
        toast(errorText(e));
        return false;
      }
      this.setData({ needsConsent: false, consentText: '', consentDone: i18n.t('st_consent_done') });
      return true;
    },
    onCall120() {
      wx.makePhoneCall({ phoneNumber: '120' });
    },
    onCallClinic() {
      if (this.data.clinic && this.data.clinic.phone) wx.makePhoneCall({ phoneNumber: this.data.clinic.phone });
    },
    onClinicMap() {
      const c = this.data.clinic;
      if (!c || !this.data.hasMap) return;
      wx.openLocation({ latitude: Number(c.latitude), longitude: Number(c.longitude), name: c.name, address: c.address, scale: 16 });
    },
    onRetryClinic() {
      this.setData({ clinicState: 'loading', clinicText: this.data.s.st_clinic_loading });
      this.clinicLoading = this.loadClinic();
      return this.clinicLoading;
    },
    onBook() {
      const d = this.data.outcome.level === 'self_care' ? null : this.data.bookDept;
      const q = [];
      if (d) q.push(`department=${encodeURIComponent(d.id)}`);
      if (this.who && this.who.id != null) q.push(`patient=${encodeURIComponent(this.who.id)}`);
      wx.navigateTo({ url: `/pages/appointments/appointments${q.length ? `?${q.join('&')}` : ''}` });
    },
    // A local re-check reminder (shown on home when due): tonight at 21:00 or in 4 hours.
    onRemind(e) {
      const now = Date.now();
      let at = now + 4 * kHourMs;
      if (e.currentTarget.dataset.when === 'tonight') {
        const d = localDate(now);
        at = clinicInstant(d.y, d.m, d.d, 21, 0); // 21:00 clinic time
        if (at <= now) at += 86400000;
      }
      const name = this.who ? this.who.name : '';
      reminders.add({ atMs: at, title: i18n.t('st_remind_title', { name, complaint: this.data.protocolName }), patientName: name });
      this.setData({ reminderText: i18n.t('st_remind_set', { when: `${dayLabel(at, now)} ${clock(at)}` }) });
      return at;
    },
    onHistory() {
      const id = this.who && this.who.id != null ? this.who.id : 'other';
      wx.navigateTo({ url: `/pages/history/history?patient=${encodeURIComponent(id)}` });
    },
    onManage() {
      wx.navigateTo({ url: '/pages/patients/patients' });
    },
    onRestart() {
      this.history = [];
      this.answered = [];
      this.setData({ phase: 'pick', outcome: null, question: null, query: '', matches: [], noMatch: false });
    },
  },
});

// Symptom self-test, entirely on the phone: the complaint list, the matching of free text
// and every question come from the same C++ core as the server (core.wasm.br), so it works
// with no network. The finished result is queued and goes to the server (which re-runs the
// core and keeps its own verdict) once online and once the patient consents.
const { callCore } = require('../../lib/core.js');
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const queue = require('../../lib/triage-queue.js');
const { kLevelColors, toast } = require('../../lib/util.js');

const kPatientKey = 'triage_patient';
const kTypicalLength = 8; // questions in a typical walk, for the progress bar until the end is known

function core(req) {
  const r = { v: 1, ...req };
  if (i18n.isEnglish()) r.lang = 'en';
  return callCore(r);
}

Component({
  data: {
    s: {}, phase: 'pick', age: 30, sex: 'female', pregnant: false,
    query: '', matches: [], noMatch: false, complaints: [],
    protocolName: '', question: null, questionText: '', asked: 0, progress: 0, questionNo: 1, numberValue: '', multi: {},
    outcome: null, levelColor: '', isAmbulance: false, bookable: false, bookDept: null, bookText: '',
    submitText: '', needsConsent: false, error: '',
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('st_title');
      const p = wx.getStorageSync(kPatientKey);
      if (p && typeof p === 'object') this.setData({ age: p.age_years, sex: p.sex, pregnant: !!p.pregnant });
      this.history = [];
      this.setData({ s: i18n.strings() });
      this.ready = this.loadCatalog();
      return this.ready;
    },
  },
  methods: {
    patient() {
      const p = { age_years: Number(this.data.age) || 0, sex: this.data.sex };
      if (p.sex === 'female' && this.data.pregnant) p.pregnant = true;
      return p;
    },
    async loadCatalog() {
      try {
        const cat = await core({ op: 'triage.catalog', patient: this.patient() });
        this.setData({ complaints: cat.complaints.map((c) => ({ id: c.id, name: c.name })), error: '' });
      } catch (e) {
        this.setData({ error: i18n.t('st_engine_failed', { message: e.message }) });
      }
    },
    savePatient() {
      wx.setStorageSync(kPatientKey, this.patient());
      this.ready = this.loadCatalog().then(() => (this.data.query ? this.search(this.data.query) : null));
      return this.ready;
    },
    onAge(e) {
      const age = Math.max(0, Math.min(120, parseInt(e.detail.value, 10) || 0));
      this.setData({ age });
      return this.savePatient();
    },
    onSex(e) {
      this.setData({ sex: e.currentTarget.dataset.sex, pregnant: false });
      return this.savePatient();
    },
    onPregnant(e) {
      this.setData({ pregnant: !!(e.detail.value && e.detail.value.length) });
      return this.savePatient();
    },
    async search(text) {
      const q = String(text || '').trim();
      if (!q) {
        this.setData({ matches: [], noMatch: false });
        return;
      }
      const r = await core({ op: 'triage.match', text: q, patient: this.patient(), limit: 6 });
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
        const step = await core({ op: 'triage.start', complaint, patient: this.patient() });
        this.history = [];
        this.show(step);
      } catch (err) {
        this.setData({ error: err.message });
      }
    },
    show(step) {
      this.step = step;
      if (step.status === 'done') return this.finish(step);
      const q = step.question;
      const total = Math.max(kTypicalLength, step.asked + 2);
      this.setData({
        phase: 'question', protocolName: step.protocol.name, question: q, asked: step.asked,
        questionNo: step.asked + 1, questionText: i18n.t('st_question', { n: step.asked + 1 }), progress: Math.round((step.asked * 100) / total),
        numberValue: q.kind === 'number' ? String(q.min) : '', multi: {}, error: '',
      });
      return null;
    },
    async answer(value) {
      const step = this.step;
      const next = await core({ op: 'triage.answer', state: step.state, question: step.question.id, answer: value });
      this.history.push(step);
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
      this.setData({ numberValue: e.detail.value });
    },
    onNumberNext() {
      const q = this.data.question;
      let n = Number(this.data.numberValue);
      if (!Number.isFinite(n)) n = q.min;
      return this.answer(Math.max(q.min, Math.min(q.max, n)));
    },
    onBack() {
      if (this.history.length === 0) {
        this.setData({ phase: 'pick', question: null, outcome: null });
        return;
      }
      this.show(this.history.pop());
    },
    // Result: coloured by level, 120 for an ambulance, booking for consultations; queued
    // for the server and submitted at once when that is possible.
    async finish(step) {
      const o = step.outcome;
      const dept = o.departments[0] || null;
      const bookable = (o.level === 'consultation' || o.level === 'consultation_24') && !!dept;
      this.setData({
        phase: 'result', outcome: o, levelColor: kLevelColors[o.level] || '#555', progress: 100,
        isAmbulance: o.level === 'emergency_ambulance', bookable, bookDept: dept,
        bookText: dept ? i18n.t('st_book', { dept: dept.name }) : '', submitText: '', needsConsent: false,
      });
      queue.enqueue(step.state, o);
      return this.submit();
    },
    async submit() {
      try {
        const r = await queue.flush();
        if (r.submitted.length) {
          const points = r.submitted.reduce((sum, x) => sum + (x.points || 0), 0);
          this.setData({ submitText: i18n.t('st_submitted', { points }), needsConsent: false });
        } else if (r.needsConsent) {
          this.setData({ submitText: i18n.t('st_consent_needed'), needsConsent: true });
        } else if (r.waiting) {
          this.setData({ submitText: i18n.t('st_saved_offline') });
        }
        return r;
      } catch (e) {
        this.setData({ submitText: e.offline ? i18n.t('st_saved_offline') : e.message });
        return null;
      }
    },
    async onConsent() {
      try {
        await api.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
      } catch (e) {
        this.setData({ submitText: e.offline ? i18n.t('st_saved_offline') : e.message });
        return null;
      }
      return this.submit();
    },
    onCall120() {
      wx.makePhoneCall({ phoneNumber: '120' });
    },
    onBook() {
      const d = this.data.bookDept;
      wx.navigateTo({ url: `/pages/appointments/appointments?department=${encodeURIComponent(d.id)}` });
    },
    onRestart() {
      this.history = [];
      this.setData({ phase: 'pick', outcome: null, question: null, query: '', matches: [], noMatch: false });
    },
  },
});

// Appointments: patient → department → doctor → date → slot → a summary to confirm → book;
// my appointments, upcoming and past apart, each with weekday/今天/明天, department, clinic,
// doctor and patient; cancel only where the server allows it (`cancellable`: not inside
// the 2 h cut-off), with a confirm naming the date and the doctor. The self-test's "book
// this department" opens this page with ?department=<triage id>&patient=<id>; a day with
// no free slot offers the next day that has one.
const api = require('../../lib/api.js');
const subscribe = require('../../lib/subscribe.js');
const i18n = require('../../lib/i18n.js');
const patients = require('../../lib/patients.js');
const display = require('../../lib/display.js');
const { localDate, clock, dayLabel, toast, confirm, errorText, failState, kDayMs } = require('../../lib/util.js');

const kDays = 7;
const kCancelCutoffMs = 2 * 3600000; // the server's cut-off, for answers without `cancellable`
const kRecentMs = 3600000;          // an appointment stays "upcoming" until an hour after its start

// Triage departments are specialties; a clinic may run fewer. Exact code first, then the
// clinic department that covers the specialty, then general practice.
const kCoveredBy = {
  general_practice: 'general', internal_medicine: 'internal', respiratory: 'internal', cardiology: 'internal',
  gastroenterology: 'internal', neurology: 'internal', nephrology: 'internal', endocrinology: 'internal',
  rheumatology: 'internal', infectious_disease: 'internal', fever_clinic: 'internal', pediatrics: 'pediatrics',
};

function pickDepartment(depts, triageId) {
  if (!triageId) return null;
  return depts.find((d) => d.code === triageId) || depts.find((d) => d.code === kCoveredBy[triageId]) ||
    depts.find((d) => d.code === 'general') || null;
}

Component({
  data: {
    s: {}, fc: '', state: 'loading', stateText: '',
    departments: [], deptId: null, doctors: [], doctorId: null, dates: [], date: '',
    slots: [], slotsState: '', slotsText: '', nextFree: null, nextFreeText: '', goNextText: '', noneWeek: false,
    people: [], patientId: null, patientsText: '',
    upcoming: [], past: [], suggested: '',
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('ap_title');
      // Loading starts in onLoad, which WeChat calls right after with the page's query.
      this.setData({ s: i18n.strings(), fc: display.fontClass(), dates: this.nextDates() });
    },
  },
  methods: {
    onLoad(query) {
      subscribe.prefetch(); // so the booking tap can ask for reminders at once
      this.query = query || {};
      this.triageDept = this.query.department ? decodeURIComponent(this.query.department) : null;
      this.loading = this.load();
      return this.loading;
    },
    nextDates() {
      const out = [];
      const now = Date.now();
      for (let i = 0; i < kDays; i++) {
        const ms = now + i * kDayMs;
        out.push({ iso: localDate(ms).iso, label: dayLabel(ms, now) });
      }
      return out;
    },
    async load() {
      try {
        const [deps, docs] = await Promise.all([api.get('/api/v1/departments'), api.get('/api/v1/doctors')]);
        this.allDoctors = docs.doctors;
        this.allDepartments = deps.departments;
        this.setData({ departments: deps.departments, state: 'ready', stateText: '' });
        await this.loadPeople();
        const d = pickDepartment(deps.departments, this.triageDept);
        if (d) {
          this.setData({ suggested: i18n.t('ap_suggested', { dept: d.name }) });
          await this.selectDepartment(d.id);
        }
        await this.loadMine();
      } catch (e) {
        this.setData({ state: failState(e), stateText: errorText(e) });
      }
    },
    // The member's patients; the one the self-test was for is preselected.
    async loadPeople() {
      let r = null;
      try {
        r = await patients.load();
      } catch (e) {
        if (e.offline) throw e;
        r = patients.cached() || { patients: [] }; // a server without patients: book as before
      }
      const people = r.patients.map((p) => patients.describe(p));
      const wanted = this.query.patient != null ? Number(this.query.patient) : null;
      let patientId = people.some((p) => p.id === wanted) ? wanted : null;
      if (patientId == null && people.length === 1) patientId = people[0].id;
      this.setData({ people, patientId });
    },
    onPatient(e) {
      this.setData({ patientId: Number(e.currentTarget.dataset.id) });
    },
    onAddPatient() {
      wx.navigateTo({ url: '/pages/patients/patients' });
    },
    async loadMine() {
      const r = await api.get('/api/v1/appointments');
      const docs = {};
      for (const d of this.allDoctors || []) docs[d.id] = d;
      const depts = {};
      for (const d of this.allDepartments || []) depts[d.id] = d.name;
      const status = i18n.strings().appt_status;
      const months = i18n.strings().month_names;
      const now = Date.now();
      const rows = r.appointments.map((a) => {
        const doc = (a.doctor && a.doctor.name) || (docs[a.doctor_id] && docs[a.doctor_id].name) || '';
        const deptName = (a.department && a.department.name) || (docs[a.doctor_id] && depts[docs[a.doctor_id].department_id]) || '';
        const cancellable = typeof a.cancellable === 'boolean' ? a.cancellable : a.status === 'booked' && a.starts_at_ms - kCancelCutoffMs > now;
        return {
          id: a.id, starts: a.starts_at_ms, day: dayLabel(a.starts_at_ms, now), time: clock(a.starts_at_ms),
          department: deptName, clinic: (a.clinic && a.clinic.name) || '', doctor: doc, patient: (a.patient && a.patient.name) || '',
          status: a.status, statusText: status[a.status] || a.status, cancellable,
          closedText: a.status === 'booked' && !cancellable ? i18n.t('ap_cancel_closed') : '',
          cancelText: i18n.t('ap_cancel_confirm', { doctor: doc, m: localDate(a.starts_at_ms).m, d: localDate(a.starts_at_ms).d, mon: months[localDate(a.starts_at_ms).m - 1] }),
        };
      });
      const isUpcoming = (x) => (x.status === 'booked' || x.status === 'checked_in') && x.starts + kRecentMs > now;
      this.setData({
        upcoming: rows.filter(isUpcoming).sort((a, b) => a.starts - b.starts),
        past: rows.filter((x) => !isUpcoming(x)).sort((a, b) => b.starts - a.starts),
      });
    },
    async selectDepartment(id) {
      const doctors = (this.allDoctors || []).filter((d) => d.department_id === id);
      this.setData({ deptId: id, doctors, doctorId: null, slots: [], slotsState: '', nextFree: null, noneWeek: false });
      if (doctors.length === 1) await this.selectDoctor(doctors[0].id);
    },
    onDepartment(e) {
      return this.selectDepartment(Number(e.currentTarget.dataset.id));
    },
    async selectDoctor(id) {
      this.setData({ doctorId: id, date: this.data.date || this.data.dates[0].iso });
      await this.loadSlots();
    },
    onDoctor(e) {
      return this.selectDoctor(Number(e.currentTarget.dataset.id));
    },
    onDate(e) {
      this.setData({ date: e.currentTarget.dataset.date });
      return this.loadSlots();
    },
    fetchSlots(date) {
      return api.get(`/api/v1/slots?date=${date}&doctor_id=${this.data.doctorId}`).then((r) => r.slots);
    },
    async loadSlots() {
      if (!this.data.doctorId) return;
      const date = this.data.date;
      this.setData({ slotsState: 'loading', nextFree: null, nextFreeText: '', noneWeek: false });
      let slots;
      try {
        slots = await this.fetchSlots(date);
      } catch (e) {
        this.setData({ slots: [], slotsState: failState(e), slotsText: errorText(e) });
        return;
      }
      const now = Date.now();
      const open = slots.filter((x) => x.starts_at_ms > now);
      this.setData({
        slotsState: 'ready',
        slots: open.map((x) => ({
          id: x.id, time: clock(x.starts_at_ms), starts: x.starts_at_ms, available: x.available,
          left: x.available > 0 ? i18n.t('ap_left', { n: x.available }) : i18n.t('ap_full'),
        })),
      });
      if (!open.some((x) => x.available > 0)) await this.findNextFree(date);
    },
    // A day without free slots is not a dead end: the next day (of the 7 shown) with one.
    async findNextFree(fromIso) {
      const later = this.data.dates.filter((d) => d.iso > fromIso);
      for (const d of later) {
        let slots;
        try {
          slots = await this.fetchSlots(d.iso);
        } catch (e) {
          return; // the page already says what it knows; the patient can pick a day
        }
        if (slots.some((x) => x.available > 0 && x.starts_at_ms > Date.now())) {
          if (this.data.date === fromIso) {
            this.setData({ nextFree: d, nextFreeText: i18n.t('ap_next_free', { day: d.label }), goNextText: i18n.t('ap_go_next', { day: d.label }) });
          }
          return;
        }
      }
      if (this.data.date === fromIso) this.setData({ noneWeek: true });
    },
    onGoNextFree() {
      if (!this.data.nextFree) return null;
      this.setData({ date: this.data.nextFree.iso });
      return this.loadSlots();
    },
    async onBook(e) {
      const slot = this.data.slots.find((x) => x.id === Number(e.currentTarget.dataset.id));
      if (!slot || slot.available <= 0) return null;
      const person = this.data.people.find((p) => p.id === this.data.patientId);
      if (this.data.people.length > 0 && !person) {
        toast(i18n.t('ap_patient_need'));
        return null;
      }
      const doctor = this.data.doctors.find((d) => d.id === this.data.doctorId) || {};
      const dept = this.data.departments.find((d) => d.id === this.data.deptId) || {};
      const ok = await confirm({
        title: i18n.t('ap_book_title'),
        content: i18n.t('ap_book_confirm', { day: dayLabel(slot.starts), time: slot.time, dept: dept.name || '', doctor: doctor.name || '', patient: person ? person.name : '—' }),
        confirmText: i18n.t('ap_book_ok'), cancelText: i18n.t('ap_book_no'),
      });
      if (!ok) return null;
      const body = { slot_id: slot.id };
      if (person) body.patient_id = person.id;
      try {
        await subscribe.askFor(['appointment_reminder']);
        const r = await api.post('/api/v1/appointments', body);
        toast(i18n.t('ap_booked'), 'success');
        await Promise.all([this.loadSlots(), this.loadMine()]);
        return r.appointment;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
    async onCancel(e) {
      const a = this.data.upcoming.find((x) => x.id === Number(e.currentTarget.dataset.id));
      if (!a || !a.cancellable) return null;
      const ok = await confirm({ content: a.cancelText, confirmText: i18n.t('ap_cancel_ok'), cancelText: i18n.t('ap_cancel_no'), danger: true });
      if (!ok) return null;
      try {
        const r = await api.post(`/api/v1/appointments/${a.id}/cancel`);
        toast(i18n.t('ap_cancelled'));
        await Promise.all([this.loadSlots(), this.loadMine()]);
        return r.appointment;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
  },
});

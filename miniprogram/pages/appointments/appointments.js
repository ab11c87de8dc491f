// Appointments: department → doctor → date → slot → book; my appointments with cancel.
// The self-test's "book this department" opens this page with ?department=<triage id>.
const api = require('../../lib/api.js');
const subscribe = require('../../lib/subscribe.js');
const i18n = require('../../lib/i18n.js');
const { localDate, formatTime, toast, confirm, errorText } = require('../../lib/util.js');

const kDays = 7;
const kDayMs = 86400000;

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
    s: {}, departments: [], deptId: null, doctors: [], doctorId: null, dates: [], date: '', slots: [],
    mine: [], suggested: '', error: '',
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('ap_title');
      // Loading starts in onLoad, which WeChat calls right after with the page's query.
      this.setData({ s: i18n.strings(), dates: this.nextDates() });
    },
  },
  methods: {
    onLoad(query) {
      subscribe.prefetch(); // so the booking tap can ask for reminders at once
      this.triageDept = query && query.department ? decodeURIComponent(query.department) : null;
      this.loading = this.load(this.triageDept);
      return this.loading;
    },
    nextDates() {
      const out = [];
      for (let i = 0; i < kDays; i++) {
        const d = localDate(Date.now() + i * kDayMs);
        out.push({ iso: d.iso, label: `${d.m}/${d.d}` });
      }
      return out;
    },
    async load(triageDept) {
      try {
        const [deps, docs] = await Promise.all([api.get('/api/v1/departments'), api.get('/api/v1/doctors')]);
        this.allDoctors = docs.doctors;
        this.setData({ departments: deps.departments, error: '' });
        const d = pickDepartment(deps.departments, triageDept);
        if (d) {
          this.setData({ suggested: i18n.t('ap_suggested', { dept: d.name }) });
          await this.selectDepartment(d.id);
        }
        await this.loadMine();
      } catch (e) {
        this.setData({ error: errorText(e) });
      }
    },
    async loadMine() {
      const r = await api.get('/api/v1/appointments');
      const names = {};
      for (const d of this.allDoctors || []) names[d.id] = d.name;
      const status = i18n.strings().appt_status;
      this.setData({
        mine: r.appointments.map((a) => ({
          id: a.id, when: formatTime(a.starts_at_ms), doctor: names[a.doctor_id] || '', status: a.status,
          statusText: status[a.status] || a.status, cancellable: a.status === 'booked',
        })),
      });
    },
    async selectDepartment(id) {
      const doctors = (this.allDoctors || []).filter((d) => d.department_id === id);
      this.setData({ deptId: id, doctors, doctorId: null, slots: [] });
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
    async loadSlots() {
      if (!this.data.doctorId) return;
      const r = await api.get(`/api/v1/slots?date=${this.data.date}&doctor_id=${this.data.doctorId}`);
      this.setData({
        slots: r.slots.map((s) => ({
          id: s.id, time: formatTime(s.starts_at_ms).slice(11), available: s.available,
          left: i18n.t('ap_left', { n: s.available }),
        })),
      });
    },
    async onBook(e) {
      const id = Number(e.currentTarget.dataset.id);
      try {
        await subscribe.askFor(['appointment_reminder']);
        const r = await api.post('/api/v1/appointments', { slot_id: id });
        toast(i18n.t('ap_booked'), 'success');
        await Promise.all([this.loadSlots(), this.loadMine()]);
        return r.appointment;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
    async onCancel(e) {
      const id = Number(e.currentTarget.dataset.id);
      if (!(await confirm(i18n.t('ap_cancel')))) return null;
      try {
        const r = await api.post(`/api/v1/appointments/${id}/cancel`);
        toast(i18n.t('ap_cancelled'));
        await Promise.all([this.loadSlots(), this.loadMine()]);
        return r.appointment;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
  },
});

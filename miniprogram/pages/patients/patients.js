// 就诊人 management: the people this member books and self-tests for. List, add, edit,
// delete (a confirm naming the consequence); birth date (ages in months for babies);
// relation; optional ID number and phone, which the server seals and only ever shows
// masked; the guardian-consent note for children under 14 (PIPL art. 31).
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const patients = require('../../lib/patients.js');
const display = require('../../lib/display.js');
const { toast, confirm, errorText, failState, localDate } = require('../../lib/util.js');

const kRelations = ['self', 'child', 'parent', 'spouse', 'other'];

function emptyForm(relation = '') {
  return { id: null, name: '', sex: '', birth_date: '', relation, id_number: '', phone: '' };
}

Component({
  data: {
    s: {}, fc: '', state: 'loading', stateText: '', hasList: false, list: [], max: 0, maxText: '', full: false, hasSelf: false,
    form: null, formError: '', formGuardian: false, relationNames: [], relationIndex: -1, relationText: '', today: '',
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('pt_title');
      const s = i18n.strings();
      this.setData({
        s, fc: display.fontClass(), today: localDate(Date.now()).iso,
        relationNames: kRelations.map((r) => s.relations[r]),
      });
      this.loading = this.load();
      return this.loading;
    },
  },
  methods: {
    onShow() {
      if (this.data.fc !== display.fontClass()) this.setData({ fc: display.fontClass() });
    },
    async load() {
      try {
        const [r, open] = await Promise.all([patients.load(), this.openBookings()]);
        this.open = open;
        this.show(r, 'ready', '');
      } catch (e) {
        const c = patients.cached();
        if (c && e.offline) this.show(c, 'offline', i18n.t('offline_stale'));
        else this.setData({ state: failState(e), stateText: errorText(e) });
      }
    },
    // Patients with a booked appointment still ahead: the server refuses to delete them,
    // so the page says why instead of offering "delete".
    async openBookings() {
      try {
        const r = await api.get('/api/v1/appointments?when=upcoming');
        const open = {};
        for (const a of r.appointments || []) if (a.status === 'booked' && a.patient) open[a.patient.id] = true;
        return open;
      } catch (e) {
        if (e.offline) throw e;
        return {};
      }
    },
    show(r, state, stateText) {
      const open = this.open || {};
      const list = r.patients.map((p) => ({
        ...patients.describe(p), hasOpen: !!open[p.id],
        idText: p.id_number_masked ? i18n.t('pt_id_masked', { v: p.id_number_masked }) : '',
        phoneText: p.phone_masked ? i18n.t('pt_phone_masked', { v: p.phone_masked }) : '',
      }));
      this.setData({
        state, stateText, list, hasList: true, max: r.max, maxText: r.max ? i18n.t('pt_max', { max: r.max }) : '',
        full: !!r.max && list.length >= r.max, hasSelf: list.some((p) => p.relation === 'self'),
      });
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
    openForm(form) {
      const idx = kRelations.indexOf(form.relation);
      this.setData({ form, formError: '', relationIndex: idx, relationText: idx >= 0 ? this.data.relationNames[idx] : '' });
      this.updateGuardian();
    },
    onAdd() {
      if (this.data.full) {
        toast(i18n.t('pt_limit', { max: this.data.max }));
        return;
      }
      this.openForm(emptyForm());
    },
    onAddSelf() {
      this.openForm(emptyForm('self'));
    },
    onEdit(e) {
      const p = this.data.list.find((x) => String(x.id) === String(e.currentTarget.dataset.id));
      if (!p) return;
      this.openForm({ id: p.id, name: p.name, sex: p.sex, birth_date: p.birth_date, relation: p.relation, id_number: '', phone: '' });
    },
    onCancelEdit() {
      this.setData({ form: null, formError: '' });
    },
    onFormName(e) { this.setData({ 'form.name': e.detail.value }); },
    onFormSex(e) { this.setData({ 'form.sex': e.currentTarget.dataset.sex }); },
    onFormBirth(e) {
      this.setData({ 'form.birth_date': e.detail.value });
      this.updateGuardian();
    },
    onFormRelation(e) {
      const idx = Number(e.detail.value);
      this.setData({ 'form.relation': kRelations[idx], relationIndex: idx, relationText: this.data.relationNames[idx] });
      this.updateGuardian();
    },
    onFormIdNumber(e) { this.setData({ 'form.id_number': e.detail.value }); },
    onFormPhone(e) { this.setData({ 'form.phone': e.detail.value }); },
    updateGuardian() {
      const f = this.data.form;
      const age = f && f.birth_date ? patients.ageOf(f.birth_date) : null;
      this.setData({ formGuardian: patients.underGuardian(age), formAgeText: age ? patients.ageText(age) : '' });
    },
    async onSave() {
      const f = this.data.form;
      if (!f) return null;
      if (!String(f.name).trim() || !f.sex || !f.birth_date || !f.relation) {
        this.setData({ formError: i18n.t('pt_need') });
        return null;
      }
      if (f.relation === 'self' && patients.underGuardian(patients.ageOf(f.birth_date))) {
        this.setData({ formError: i18n.t('pt_self_minor') }); // the server refuses it too
        return null;
      }
      this.setData({ formError: '' });
      const body = { name: String(f.name).trim(), sex: f.sex, birth_date: f.birth_date, relation: f.relation };
      if (String(f.id_number).trim()) body.id_number = String(f.id_number).trim();
      if (String(f.phone).trim()) body.phone = String(f.phone).trim();
      try {
        const saved = f.id == null ? await api.post('/api/v1/patients', body) : await api.put(`/api/v1/patients/${f.id}`, body);
        toast(i18n.t('pt_saved'), 'success');
        this.setData({ form: null, formError: '' });
        await this.load();
        return saved;
      } catch (e) {
        this.setData({ formError: errorText(e) }); // e.g. 400 birth_date / id_number in words, 409 limit
        return null;
      }
    },
    async onDelete(e) {
      const p = this.data.list.find((x) => String(x.id) === String(e.currentTarget.dataset.id));
      if (!p || p.hasOpen) return false;
      const ok = await confirm({
        content: i18n.t('pt_delete_confirm', { name: p.name }), confirmText: i18n.t('pt_delete_ok'), cancelText: i18n.t('pt_delete_no'), danger: true,
      });
      if (!ok) return false;
      try {
        await api.del(`/api/v1/patients/${p.id}`);
        toast(i18n.t('pt_deleted'));
        await this.load();
        return true;
      } catch (err) {
        toast(errorText(err));
        return false;
      }
    },
    onHistory(e) {
      wx.navigateTo({ url: `/pages/history/history?patient=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },
  },
});

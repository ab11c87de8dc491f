// Me: consents explained in plain words (each switch records a decision on the server,
// history kept), phone binding through WeChat's getPhoneNumber button (the one-time code
// goes to the server, which asks WeChat for the number), account deletion, language.
// Also: 就诊人 management, large-font mode, the privacy policy and the clinic's phone.
const api = require('../../lib/api.js');
const config = require('../../config.js');
const i18n = require('../../lib/i18n.js');
const display = require('../../lib/display.js');
const consents = require('../../lib/consents.js');
const { toast, confirm, errorText, failState } = require('../../lib/util.js');

const kPolicyVersion = '2026-01';

Component({
  data: { s: {}, lang: 'zh-CN', langIndex: 0, langNames: ['简体中文', 'English'], health: false, marketing: false,
    phone: '', phoneText: '', healthText: '', marketingText: '', deleted: false, state: 'loading', stateText: '', fc: '', large: false,
    clinic: null, clinicText: '' },
  lifetimes: {
    attached() {
      i18n.applyTitle('me_title');
      this.applyLang();
      this.loading = this.load();
      this.clinicLoading = this.loadClinic();
      return this.loading;
    },
  },
  methods: {
    applyLang() {
      const lang = i18n.lang();
      this.setData({ s: i18n.strings(), lang, langIndex: i18n.kLangs.indexOf(lang), fc: display.fontClass(), large: display.largeFont() });
      if (this.data.phone) this.setData({ phoneText: i18n.t('me_phone_bound', { phone: this.data.phone }) });
    },
    async load() {
      if (api.isDeleted()) {
        this.setData({ deleted: true, state: 'deleted' });
        return;
      }
      try {
        const [p, c] = await Promise.all([api.get('/api/v1/me/profile'), api.get('/api/v1/me/consents')]);
        consents.remember(c.texts);
        this.setData({ healthText: consents.text('health_data'), marketingText: consents.text('marketing') });
        this.showConsents(p.consents);
        this.setPhone(p.phone || '');
        this.setData({ state: 'ready', stateText: '' });
      } catch (e) {
        this.setData({ state: failState(e), stateText: errorText(e) });
      }
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      this.clinicLoading = this.loadClinic();
      return this.loading;
    },
    async loadClinic() {
      if (api.isDeleted()) return;
      this.setData({ clinicText: i18n.t('me_clinic_loading') });
      try {
        const c = await api.get(`/api/v1/clinics/${config.clinicId}`);
        this.setData({ clinic: c, clinicText: `${c.name} ${c.phone}` });
      } catch (e) {
        this.setData({ clinic: null, clinicText: errorText(e) });
      }
    },
    onCallClinic() {
      if (this.data.clinic && this.data.clinic.phone) wx.makePhoneCall({ phoneNumber: this.data.clinic.phone });
    },
    // WeChat's own page for the mini-program's privacy policy (registered in the console).
    onPrivacy() {
      wx.openPrivacyContract({});
    },
    onPatients() {
      wx.navigateTo({ url: '/pages/patients/patients' });
    },
    onLargeFont(e) {
      display.setLargeFont(!!e.detail.value);
      this.setData({ fc: display.fontClass(), large: display.largeFont() });
    },
    showConsents(c) {
      this.setData({
        health: !!(c && c.health_data && c.health_data.granted),
        marketing: !!(c && c.marketing && c.marketing.granted),
      });
    },
    setPhone(phone) {
      this.setData({ phone, phoneText: phone ? i18n.t('me_phone_bound', { phone }) : '' });
    },
    async setConsent(kind, granted) {
      try {
        const r = await api.post('/api/v1/me/consents', { kind, granted, policy_version: kPolicyVersion });
        this.showConsents(r.consents);
        return r.consents;
      } catch (e) {
        toast(errorText(e));
        await this.load(); // the switch shows the server's state again
        return null;
      }
    },
    onHealthConsent(e) { return this.setConsent('health_data', !!e.detail.value); },
    onMarketingConsent(e) { return this.setConsent('marketing', !!e.detail.value); },
    // open-type="getPhoneNumber": WeChat hands us a one-time code (never the number itself).
    async onGetPhoneNumber(e) {
      const code = e.detail && e.detail.code;
      if (!code) return null; // the patient declined
      try {
        const r = await api.post('/api/v1/me/phone', { code });
        this.setPhone(r.phone);
        return r.phone;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
    onLanguage(e) {
      i18n.setLang(i18n.kLangs[Number(e.detail.value)]);
      this.applyLang();
      wx.setNavigationBarTitle({ title: i18n.t('me_title') });
    },
    // What this account would lose, in numbers where the server answers (else the list alone).
    async lossText() {
      try {
        const [bal, mine, appts] = await Promise.all([
          api.get('/api/v1/points'), api.get('/api/v1/coupons/mine'), api.get('/api/v1/appointments?when=upcoming'),
        ]);
        return i18n.t('me_delete_counts', {
          points: bal.available,
          coupons: (mine.coupons || []).filter((c) => c.status === 'issued').length,
          appointments: (appts.appointments || []).filter((a) => a.status === 'booked').length,
        });
      } catch (e) {
        return '';
      }
    },
    async onDelete() {
      const counts = await this.lossText();
      const ok = await confirm({
        title: i18n.t('me_delete'), content: counts ? `${counts}\n${i18n.t('me_delete_confirm')}` : i18n.t('me_delete_confirm'),
        confirmText: i18n.t('me_delete_ok'), cancelText: i18n.t('me_delete_no'), danger: true,
      });
      if (!ok) return false;
      try {
        await api.del('/api/v1/me');
      } catch (e) {
        toast(errorText(e));
        return false;
      }
      api.forgetDeletedAccount(); // stays logged out: home shows a fresh start, no silent login
      this.setData({ deleted: true, state: 'deleted', health: false, marketing: false, phone: '', phoneText: '', clinic: null });
      toast(i18n.t('me_deleted'));
      return true;
    },
  },
});

// Me: consents explained in plain words (each switch records a decision on the server,
// history kept), phone binding through WeChat's getPhoneNumber button (the one-time code
// goes to the server, which asks WeChat for the number), account deletion, language.
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const { toast, confirm, errorText } = require('../../lib/util.js');

const kPolicyVersion = '2026-01';

Component({
  data: { s: {}, lang: 'zh-CN', langIndex: 0, langNames: ['简体中文', 'English'], health: false, marketing: false,
    phone: '', phoneText: '', deleted: false, error: '' },
  lifetimes: {
    attached() {
      i18n.applyTitle('me_title');
      this.applyLang();
      this.loading = this.load();
      return this.loading;
    },
  },
  methods: {
    applyLang() {
      const lang = i18n.lang();
      this.setData({ s: i18n.strings(), lang, langIndex: i18n.kLangs.indexOf(lang) });
      if (this.data.phone) this.setData({ phoneText: i18n.t('me_phone_bound', { phone: this.data.phone }) });
    },
    async load() {
      try {
        const p = await api.get('/api/v1/me/profile');
        this.showConsents(p.consents);
        this.setPhone(p.phone || '');
      } catch (e) {
        this.setData({ error: errorText(e) });
      }
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
    async onDelete() {
      if (!(await confirm(i18n.t('me_delete_confirm')))) return false;
      try {
        await api.del('/api/v1/me');
      } catch (e) {
        toast(errorText(e));
        return false;
      }
      api.logout();
      wx.clearStorageSync();
      this.setData({ deleted: true, health: false, marketing: false, phone: '', phoneText: '' });
      toast(i18n.t('me_deleted'));
      return true;
    },
  },
});

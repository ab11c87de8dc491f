// Home: the entries, today's check-in state, and the on-device engine status. Opening the
// app from a friend's share (/pages/home/home?invite=CODE) remembers the code for login.
const { callCore } = require('../../lib/core.js');
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const queue = require('../../lib/triage-queue.js');
const { toast, errorText } = require('../../lib/util.js');

const kEntries = [
  { key: 'home_selftest', url: '/pages/selftest/selftest', icon: '🩺' },
  { key: 'home_membership', url: '/pages/membership/membership', icon: '⭐' },
  { key: 'home_coupons', url: '/pages/coupons/coupons', icon: '🎫' },
  { key: 'home_invite', url: '/pages/invite/invite', icon: '🤝' },
  { key: 'home_code', url: '/pages/membercode/membercode', icon: '🔳' },
  { key: 'home_appointments', url: '/pages/appointments/appointments', icon: '📅' },
  { key: 'home_me', url: '/pages/me/me', icon: '👤' },
];

Component({
  data: {
    s: {}, entries: [], coreStatus: '', checkedIn: false, streak: 0, checkinText: '', available: null,
    pending: 0, pendingText: '', message: '',
  },
  lifetimes: {
    attached() {
      this.applyLang();
      this.setData({ coreStatus: i18n.t('core_loading') });
      this.corePromise = callCore({ op: 'core.version', v: 1 })
        .then((v) => this.setData({ coreStatus: i18n.t('core_ready', { version: v.version }) }))
        .catch((e) => this.setData({ coreStatus: i18n.t('core_failed', { message: e.message }) }));
      return this.corePromise;
    },
  },
  // A page built with Component keeps its page lifecycle (onLoad, onShow, …) in methods.
  methods: {
    onLoad(query) {
      // Runs before the first show, so the invite goes with the first login.
      if (query && query.invite) api.rememberInvite(query.invite);
      // Scanned mini-program codes: scene = an invite code, or "clinic=<id>" for a desk poster.
      const scene = query && query.scene ? decodeURIComponent(query.scene) : '';
      if (scene && !scene.startsWith('clinic=')) api.rememberInvite(scene);
    },
    // Every show: the language may have changed on "me", and queued self-tests may go up.
    onShow() {
      this.applyLang();
      return this.refresh();
    },
    applyLang() {
      const s = i18n.strings();
      this.setData({ s, entries: kEntries.map((e) => ({ ...e, title: s[e.key] })) });
    },
    // Today's state from the balance (a replay of the ledger, so it is the server's truth).
    async refresh() {
      this.setPending(queue.list().length);
      try {
        const bal = await api.get('/api/v1/points');
        const ci = bal.checkin || {};
        this.applyCheckin(!!ci.checked_in_today, ci.streak_days || 0);
        this.setData({ available: bal.available });
        const flushed = await queue.flush(); // results finished offline go up once possible
        this.setPending(flushed.waiting);
      } catch (e) {
        this.setData({ message: errorText(e) });
      }
    },
    setPending(n) {
      this.setData({ pending: n, pendingText: n ? i18n.t('pending_results', { n }) : '' });
    },
    applyCheckin(done, streak) {
      this.setData({
        checkedIn: done, streak,
        checkinText: done ? i18n.t('checkin_today_done', { days: streak }) : i18n.t('checkin_today_todo'),
      });
    },
    async onCheckin() {
      try {
        const r = await api.post('/api/v1/checkin');
        this.applyCheckin(true, r.streak_days);
        if (!r.already_checked_in) toast(i18n.t('checkin_got', { points: r.points }), 'success');
        const bal = await api.get('/api/v1/points');
        this.setData({ available: bal.available });
        return r;
      } catch (e) {
        toast(errorText(e));
        return null;
      }
    },
    go(e) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});

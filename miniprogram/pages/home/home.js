// Home: the entries, today's daily check-in (每日签到; arriving for an appointment is
// 到诊签到 at the desk), due re-check reminders, self-tests waiting to upload (tappable: it
// explains what happens to them) and the on-device engine status. While loading or offline
// it says so instead of showing zeros. After the account was deleted it shows a fresh
// start screen and logs nobody in until the patient chooses to start afresh. Opening the
// app from a friend's share (/pages/home/home?invite=CODE) remembers the code for login.
const { callCore } = require('../../lib/core.js');
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const queue = require('../../lib/triage-queue.js');
const reminders = require('../../lib/reminders.js');
const memberCode = require('../../lib/member-code.js');
const display = require('../../lib/display.js');
const consents = require('../../lib/consents.js');
const { toast, errorText, failState, confirm, dayLabel, clock } = require('../../lib/util.js');

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
    s: {}, fc: '', entries: [], coreStatus: '', state: 'loading', stateText: '', deleted: false,
    checkedIn: false, streak: 0, checkinText: '', available: null, availableText: '',
    pending: 0, pendingText: '', dueReminders: [], nextReminder: '',
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
    // Every show: the language or font may have changed on "me", queued self-tests may go up.
    onShow() {
      this.applyLang();
      this.loading = this.refresh();
      return this.loading;
    },
    applyLang() {
      const s = i18n.strings();
      this.setData({ s, fc: display.fontClass(), entries: kEntries.map((e) => ({ ...e, title: s[e.key] })) });
    },
    // Today's state from the balance (a replay of the ledger, so it is the server's truth).
    async refresh() {
      this.showReminders();
      this.setPending(queue.list().length);
      if (api.isDeleted()) {
        this.setData({ deleted: true, state: 'deleted', available: null });
        return;
      }
      this.setData({ deleted: false });
      if (this.data.available === null) this.setData({ state: 'loading', checkinText: i18n.t('loading') });
      try {
        const bal = await api.get('/api/v1/points');
        const ci = bal.checkin || {};
        this.applyCheckin(!!ci.checked_in_today, ci.streak_days || 0);
        this.setData({ available: bal.available, availableText: `${i18n.t('mb_available')} ${bal.available} ${i18n.t('points_unit')}`, state: 'ready', stateText: '' });
        memberCode.ensureSecret().catch(() => null); // so the member code works offline later
        const flushed = await queue.flush(); // results finished offline go up once possible
        this.setPending(flushed.waiting);
      } catch (e) {
        this.setData({ state: failState(e), stateText: errorText(e) });
        if (this.data.available === null) this.setData({ checkinText: '' });
      }
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.refresh();
      return this.loading;
    },
    showReminders() {
      const now = Date.now();
      const next = reminders.upcoming(now)[0];
      this.setData({
        dueReminders: reminders.due(now).map((r) => ({ id: r.id, text: i18n.t('reminder_due', { title: r.title }) })),
        nextReminder: next ? i18n.t('reminder_upcoming', { when: `${dayLabel(next.at_ms, now)} ${clock(next.at_ms)}`, title: next.title }) : '',
      });
    },
    onReminderDone(e) {
      reminders.remove(e.currentTarget.dataset.id);
      this.showReminders();
    },
    setPending(n) {
      this.setData({ pending: n, pendingText: n ? i18n.t('pending_results', { n }) : '' });
    },
    // Tapping the waiting results explains them: saved on this phone, uploaded once online,
    // and what the server keeps with and without consent (the same text as "me" and the
    // result card). Without consent yet, that is the choice offered: "同意保存" uploads them
    // with their answers, "暂不同意" with complaint and level only; otherwise "现在上传".
    async onPending() {
      let consent = null; // unknown offline
      try {
        consent = await queue.healthConsent();
      } catch (e) {
        consent = null;
      }
      const choose = consent === false;
      const ok = await confirm({
        title: i18n.t('pending_title'), content: `${i18n.t('pending_explain')}\n${consents.text('health_data')}`,
        confirmText: i18n.t(choose ? 'pending_consent' : 'pending_upload'), cancelText: i18n.t(choose ? 'pending_no_consent' : 'pending_keep'),
      });
      if (!ok && !choose) return null;
      try {
        if (ok && choose) await api.post('/api/v1/me/consents', { kind: 'health_data', granted: true, policy_version: '2026-01' });
        const r = await queue.flush();
        this.setPending(r.waiting);
        if (r.offline) toast(i18n.t('offline'));
        return r;
      } catch (e) {
        toast(errorText(e));
        return null;
      }
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
        this.setData({ available: bal.available, availableText: `${i18n.t('mb_available')} ${bal.available} ${i18n.t('points_unit')}` });
        return r;
      } catch (e) {
        toast(errorText(e));
        return null;
      }
    },
    // The fresh start after deletion: a new account only when the patient asks for it.
    onStartAfresh() {
      api.startAfresh();
      return this.onRetry();
    },
    go(e) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});

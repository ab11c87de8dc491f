// Invite: my code, the share card (onShareAppMessage carries the code in the path, so a
// friend who opens it lands on home with ?invite=CODE), masked friends, rewards and the
// rules in plain words. Rewards come only from a friend's confirmed paid visit. The share
// button waits for the code: a share without it would invite nobody.
const api = require('../../lib/api.js');
const inviteQr = require('../../lib/invite-qr.js');
const i18n = require('../../lib/i18n.js');
const display = require('../../lib/display.js');
const { yuan, formatFen, localDate, errorText, failState } = require('../../lib/util.js');

Component({
  data: { s: {}, fc: '', state: 'loading', stateText: '', qrPath: '', code: '', sharePath: '', friends: [], rewardsText: '', rules: [] },
  lifetimes: {
    attached() {
      i18n.applyTitle('iv_title');
      this.setData({ s: i18n.strings(), fc: display.fontClass(), rules: i18n.strings().iv_rules });
      this.loading = this.load();
      this.qrLoading = this.loadQr(); // the desk-poster style code to show or save (issue 19)
      return this.loading;
    },
  },
  methods: {
    async load() {
      try {
        const r = await api.get('/api/v1/invite');
        const s = i18n.strings();
        this.setData({
          code: r.code, sharePath: r.share_path,
          friends: r.friends.map((f, i) => ({
            key: i, name: f.name, joined: localDate(f.joined_at_ms).iso, visited: f.visited,
            state: f.visited ? s.iv_visited : s.iv_joined,
            reward: f.reward_points || f.reward_fen ? `+${f.reward_points} / ${formatFen(f.reward_fen)}` : '',
          })),
          rewardsText: i18n.t('iv_rewards', { points: r.rewards.points, yuan: yuan(r.rewards.credit_fen) }),
          state: 'ready', stateText: '',
        });
      } catch (e) {
        this.setData({ state: failState(e), stateText: errorText(e) });
      }
    },
    async loadQr() {
      // The QR is extra: offline or on an error the page keeps its own state and shows no QR.
      try {
        this.setData({ qrPath: await inviteQr.downloadInviteQr() });
      } catch (e) {
        this.setData({ qrPath: '' });
      }
    },
    async onSaveQr() {
      const ok = await inviteQr.saveToAlbum(this.data.qrPath);
      wx.showToast({ title: i18n.t(ok ? 'iv_qr_saved' : 'iv_qr_failed'), icon: ok ? 'success' : 'none' });
      return ok;
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
    // WeChat calls this for the share button (open-type="share") and the menu's share.
    // Without a code (not loaded yet) the menu's share is a plain share of the app.
    onShareAppMessage() {
      if (!this.data.code) return { title: i18n.t('app_name'), path: '/pages/home/home' };
      return {
        title: i18n.t('iv_share_title'),
        path: this.data.sharePath || `/pages/home/home?invite=${encodeURIComponent(this.data.code)}`,
      };
    },
  },
});

// Membership: available / pending / expiring points, tier and progress to the next, the
// check-in calendar of this clinic-local month with the streak and badges, and the ledger.
// Until both have arrived it shows loading (or offline/error with retry), never "还没有徽章"
// to a member who may have one.
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const display = require('../../lib/display.js');
const { yuan, formatFen, localDate, formatTime, errorText, failState } = require('../../lib/util.js');

const kPage = 50;

// A month grid (weeks of 7 cells, Sunday first) with the checked-in days marked.
function monthGrid(y, m, checkedDays, todayD) {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells = [];
  for (let i = 0; i < first; i++) cells.push({ key: `b${i}`, day: '', on: false, today: false });
  for (let d = 1; d <= days; d++) cells.push({ key: `d${d}`, day: d, on: !!checkedDays[d], today: d === todayD });
  return cells;
}

Component({
  data: {
    s: {}, fc: '', state: 'loading', stateText: '', balance: null, tierName: '', tierProgress: 0, tierText: '', streakText: '', creditText: '',
    monthTitle: '', weekdays: [], cells: [], badges: [], ledger: [], nextAfter: null,
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('mb_title');
      this.entries = [];
      this.setData({ s: i18n.strings(), fc: display.fontClass(), weekdays: i18n.strings().weekdays });
      this.loading = this.load();
      return this.loading;
    },
  },
  methods: {
    async load() {
      try {
        const bal = await api.get('/api/v1/points');
        this.entries = [];
        this.calendar = bal;  // the month's check-in days and the badges come from the account
        await this.loadLedger(0);
        this.showBalance(bal);
        this.setData({ state: 'ready', stateText: '' });
      } catch (e) {
        this.setData({ state: failState(e), stateText: errorText(e) });
      }
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
    showBalance(bal) {
      const tier = bal.tier || {};
      const next = tier.next;
      const progress = next ? Math.min(100, Math.floor(((next.min_earned - next.points_needed) * 100) / next.min_earned)) : 100;
      this.setData({
        balance: bal, tierName: tier.name, tierProgress: progress,
        tierText: next ? i18n.t('mb_progress', { points: next.points_needed, tier: next.name }) : i18n.t('mb_top_tier'),
        streakText: i18n.t('mb_streak', { days: (bal.checkin && bal.checkin.streak_days) || 0 }),
        creditText: bal.credit_fen ? i18n.t('mb_credit', { yuan: yuan(bal.credit_fen) }) : '',
      });
    },
    // Ledger pages come newest first; nextAfter holds the server's next_before cursor.
    async loadLedger(before) {
      const page = await api.get(`/api/v1/points/ledger?before=${before}&limit=${kPage}`);
      this.entries = this.entries.concat(page.entries.map((e) => e.entry));
      this.setData({ nextAfter: page.next_before === undefined ? null : page.next_before });
      this.showLedger();
    },
    onMore() {
      if (this.data.nextAfter === null) return null;
      return this.loadLedger(this.data.nextAfter).catch((e) => wx.showToast({ title: errorText(e), icon: 'none' }));
    },
    showLedger() {
      const en = i18n.isEnglish();
      const now = localDate(Date.now());
      const checked = {};
      const bal = this.calendar || {};
      for (const d of (bal.checkin && bal.checkin.month_days) || []) checked[d] = true;
      const badges = (bal.badges || []).map((b) => ({ id: b.id, text: b.name || b.id }));
      const ledger = this.entries.map((e) => ({
        id: e.id,
        text: (en ? e.text_en : e.text_zh) || e.event_type,
        points: e.points > 0 ? `+${e.points}` : String(e.points),
        credit: e.credit_fen ? formatFen(e.credit_fen) : '',
        when: formatTime(e.at_ms),
        pending: e.available_at_ms > Date.now(),
      }));
      this.setData({
        monthTitle: i18n.t('mb_calendar', { month: `${now.y}-${String(now.m).padStart(2, '0')}` }),
        cells: monthGrid(now.y, now.m, checked, now.d), badges, ledger,
      });
    },
  },
});

// Member code for the desk to scan, as a QR. The code is computed on the phone by the core
// from a per-device secret provisioned at login (lib/member-code.js), so it keeps working
// offline — at the front desk signal is often weak — until the secret lapses; the page
// says how long the code shown is valid and replaces it when it lapses. A core without
// that op falls back to the server's signed 60 s code. The QR comes from qrcode-generator
// (npm, copied into vendor/ by the build) as a GIF data URL, which <image> shows directly.
const subscribe = require('../../lib/subscribe.js');
const i18n = require('../../lib/i18n.js');
const memberCode = require('../../lib/member-code.js');
const display = require('../../lib/display.js');
const { errorText, failState, dayLabel, clock } = require('../../lib/util.js');
const qrcode = require('../../vendor/qrcode.js');

const kTickMs = 1000;

function qrDataUrl(text) {
  const qr = qrcode(0, 'M'); // type 0 = smallest version that fits
  qr.addData(text);
  qr.make();
  return { src: qr.createDataURL(6, 4), modules: qr.getModuleCount() };
}

Component({
  data: {
    s: {}, fc: '', state: 'loading', stateText: '', code: '', qrSrc: '', modules: 0, validToMs: 0,
    validText: '', offlineText: '', onPhone: false,
  },
  lifetimes: {
    attached() {
      i18n.applyTitle('mc_title');
      this.setData({ s: i18n.strings(), fc: display.fontClass() });
      subscribe.prefetch();
    },
    detached() {
      this.stop();
    },
  },
  methods: {
    onShow() { this.start(); }, // WeChat shows a page right after opening it
    onHide() { this.stop(); },
    onUnload() { this.stop(); },
    start() {
      this.stop();
      this.loading = this.refresh();
      this.timer = setInterval(() => this.tick(), kTickMs);
    },
    stop() {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    },
    // Counts down the validity; a lapsed code is replaced (one refresh at a time). Without
    // a code (offline before the first secret, or an error) it waits for "重试" instead of
    // asking again every second.
    tick() {
      if (!this.data.code) return;
      const left = Math.ceil((this.data.validToMs - Date.now()) / 1000);
      if (left > 0) {
        this.setData({ validText: i18n.t('mc_expires', { s: left }) });
        return;
      }
      if (!this.refreshing) this.loading = this.refresh();
    },
    async refresh() {
      this.refreshing = true;
      try {
        const now = Date.now();
        const c = await memberCode.current(now);
        const qr = c.code === this.data.code ? { src: this.data.qrSrc, modules: this.data.modules } : qrDataUrl(c.code);
        this.setData({
          state: 'ready', stateText: '', code: c.code, qrSrc: qr.src, modules: qr.modules, validToMs: c.validToMs, onPhone: c.onPhone,
          validText: i18n.t('mc_expires', { s: Math.max(1, Math.ceil((c.validToMs - now) / 1000)) }),
          offlineText: c.onPhone ? i18n.t('mc_offline_ok', { date: `${dayLabel(c.secretUntilMs, now)} ${clock(c.secretUntilMs)}` }) : i18n.t('mc_online_only'),
        });
      } catch (e) {
        const stillValid = this.data.code && this.data.validToMs > Date.now();
        if (stillValid) return; // keep showing a code the desk still accepts
        this.setData({
          state: failState(e), code: '', qrSrc: '', validText: '', offlineText: '',
          stateText: e.offline ? i18n.t('mc_need_network') : errorText(e),
        });
      } finally {
        this.refreshing = false;
      }
    },
    onRefresh() {
      // Shown at the desk for the visit: the natural moment to allow the follow-up messages.
      subscribe.askFor(['visit_followup', 'points_released']);
      this.start();
      return this.loading;
    },
  },
});

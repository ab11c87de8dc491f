// Member code: the server's signed code (valid 60 s) as a QR for the desk to scan, fetched
// again every 60 s while the page is shown. The QR comes from qrcode-generator (npm,
// copied into vendor/ by the build) as a GIF data URL, which <image> shows directly.
const api = require('../../lib/api.js');
const subscribe = require('../../lib/subscribe.js');
const i18n = require('../../lib/i18n.js');
const { errorText } = require('../../lib/util.js');
const qrcode = require('../../vendor/qrcode.js');

const kRefreshMs = 60000;

function qrDataUrl(text) {
  const qr = qrcode(0, 'M'); // type 0 = smallest version that fits
  qr.addData(text);
  qr.make();
  return { src: qr.createDataURL(6, 4), modules: qr.getModuleCount() };
}

Component({
  data: { s: {}, code: '', qrSrc: '', modules: 0, expiresAt: 0, error: '' },
  lifetimes: {
    attached() {
      i18n.applyTitle('mc_title');
      this.setData({ s: i18n.strings() });
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
      this.timer = setInterval(() => { this.loading = this.refresh(); }, kRefreshMs);
    },
    stop() {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    },
    async refresh() {
      try {
        const r = await api.get('/api/v1/member-code');
        const qr = qrDataUrl(r.code);
        this.setData({ code: r.code, qrSrc: qr.src, modules: qr.modules, expiresAt: r.expires_at_ms, error: '' });
      } catch (e) {
        this.setData({ qrSrc: '', error: errorText(e) });
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

// Small helpers shared by the pages: money, dates in the clinic's local calendar, levels.
const i18n = require('./i18n.js');

const kClinicOffsetMin = 480; // Asia/Shanghai, the server's default clinic offset

function yuan(fen) {
  const f = Number(fen) || 0;
  const sign = f < 0 ? '-' : '';
  const a = Math.abs(f);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

// The clinic-local civil date of an epoch-ms instant: {y, m (1-12), d, iso}.
function localDate(ms, offsetMin = kClinicOffsetMin) {
  const t = new Date(ms + offsetMin * 60000);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return { y, m, d, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function formatTime(ms, offsetMin = kClinicOffsetMin) {
  const t = new Date(ms + offsetMin * 60000);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${localDate(ms, offsetMin).iso} ${hh}:${mm}`;
}

// Card colours per triage level (red → green), shared by the result card and the legend.
const kLevelColors = {
  emergency_ambulance: '#c62828',
  emergency: '#e65100',
  consultation_24: '#f9a825',
  consultation: '#1565c0',
  self_care: '#2e7d32',
};

function toast(title, icon = 'none') {
  wx.showToast({ title, icon });
}

// What to tell the patient about a failed request: no network, or the server's own message
// (already in the patient's language: requests carry Accept-Language).
function errorText(e) {
  if (e && e.offline) return i18n.t('offline');
  return (e && e.message) || i18n.t('error');
}

module.exports = { yuan, localDate, formatTime, kLevelColors, kClinicOffsetMin, toast, errorText };

// wx.showModal as a promise of "confirmed?".
function confirm(content) {
  return new Promise((resolve) => {
    wx.showModal({ content, success: (r) => resolve(!!r.confirm), fail: () => resolve(false) });
  });
}

module.exports.confirm = confirm;

// Small helpers shared by the pages: money, dates in the clinic's local calendar, levels,
// errors in words, confirmations that name the action.
const i18n = require('./i18n.js');
// Money, points and clinic-local dates: the one module the desk page shares (wasm/format.mjs).
const { kDefaultClinicOffsetMin, formatYuan, formatFen, formatPoints, clinicDate, clinicTime, clinicInstant } =
  require('../core/format.js');

const kDayMs = 86400000;

// "12.50" (integer fen in; the texts add 元 / ¥).
const yuan = formatYuan;
// The clinic-local civil date of an epoch-ms instant: {y, m (1-12), d, iso, wd (0 = Sunday), hm}.
const localDate = clinicDate;
// "HH:MM" and "YYYY-MM-DD HH:MM" in the clinic's local time.
function clock(ms, offsetMin = kDefaultClinicOffsetMin) {
  return clinicTime(ms, offsetMin, false);
}
const formatTime = clinicTime;

// Days between two clinic-local dates (b - a), by their civil dates.
function dayDiff(aMs, bMs) {
  const a = localDate(aMs);
  const b = localDate(bMs);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / kDayMs);
}

// "12月2日 周三" / "Wed 2 Dec", with 今天/明天 (today/tomorrow) in front when it is.
function dayLabel(ms, nowMs = Date.now()) {
  const d = localDate(ms);
  const s = i18n.strings();
  const base = i18n.t('day_format', { m: d.m, d: d.d, wd: s.weekday_names[d.wd], mon: s.month_names[d.m - 1] });
  const diff = dayDiff(nowMs, ms);
  if (diff === 0) return `${s.today} ${base}`;
  if (diff === 1) return `${s.tomorrow} ${base}`;
  return base;
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

// What to tell the patient about a failed request, always in words: no network, the
// server's own message (already in the patient's language: requests carry
// Accept-Language), or what the status means when the server sent no message.
function errorText(e) {
  if (!e) return i18n.t('error');
  if (e.offline) return i18n.t('offline');
  if (e.code === 'account_deleted') return i18n.t('account_deleted');
  if (e.message) return e.message;
  if (e.status === 429) return i18n.t('error_busy');
  if (e.status >= 500) return i18n.t('error_server');
  return i18n.t('error');
}

// The state a page shows for a failed load: offline and error look different (offline
// keeps what the phone knows), both with a retry.
function failState(e) {
  return e && e.offline ? 'offline' : 'error';
}

// wx.showModal naming the action: confirm({content, confirmText, cancelText, title}) or
// confirm(text) → promise of "confirmed?".
function confirm(opts) {
  const o = typeof opts === 'string' ? { content: opts } : opts;
  return new Promise((resolve) => {
    const m = { content: o.content, success: (r) => resolve(!!r.confirm), fail: () => resolve(false) };
    if (o.title) m.title = o.title;
    if (o.confirmText) m.confirmText = o.confirmText;
    if (o.cancelText) m.cancelText = o.cancelText;
    if (o.danger) m.confirmColor = '#c62828';
    wx.showModal(m);
  });
}

module.exports = {
  yuan, formatFen, formatPoints, localDate, clock, formatTime, clinicInstant, dayDiff, dayLabel, kLevelColors,
  kDefaultClinicOffsetMin, kDayMs,
  toast, errorText, failState, confirm,
};

// What each consent means, in the server's own words: GET /api/v1/me/consents returns one
// text per consent ({health_data, marketing}) and the self-test history the health-data
// one. The phone keeps the last texts per language, so the result card, home and "me"
// say the same thing offline; before the first answer the packaged copy (i18n, the same
// words as native-server/src/domain/consent_texts.h) stands in.
const i18n = require('./i18n.js');

const kKey = 'consent_texts';
const kI18nKeys = { health_data: 'consent_health_text', marketing: 'consent_marketing_text' };

function remember(texts) {
  if (!texts || typeof texts !== 'object') return;
  const all = wx.getStorageSync(kKey) || {};
  all[i18n.lang()] = { ...(all[i18n.lang()] || {}), ...texts };
  wx.setStorageSync(kKey, all);
}

function text(kind) {
  const all = wx.getStorageSync(kKey) || {};
  const mine = all[i18n.lang()] || {};
  return mine[kind] || i18n.t(kI18nKeys[kind]);
}

module.exports = { remember, text, kKey };

// The member code that keeps working offline: at login (and whenever it is missing or
// about to lapse) the phone asks POST /api/v1/member-code/secret for a per-device secret
// (valid 7 days, revoked at logout/deletion); the code itself is computed on the phone by
// the core ({"op":"member_code.totp"}, RFC 6238 style) and the desk verifies it. A core
// without that op falls back to the server-signed 60 s code (needs the network).
const api = require('./api.js');
const coreLib = require('./core.js');

const kSecretKey = 'member_code_secret';
const kRenewBeforeMs = 86400000; // renew a day before it lapses, when online

function stored(nowMs = Date.now()) {
  const s = wx.getStorageSync(kSecretKey);
  return s && s.secret && s.valid_until_ms > nowMs ? s : null;
}

// A secret the phone can use offline later; resolves the stored secret. Asking again
// replaces the session's secret on the server, so one request at a time (home and the
// member-code page may both ask) and only when there is none or it is about to lapse.
let pending = null;
function ensureSecret(nowMs = Date.now()) {
  const have = stored(nowMs);
  if (have && have.valid_until_ms - nowMs > kRenewBeforeMs) return Promise.resolve(have);
  if (!pending) {
    pending = api.post('/api/v1/member-code/secret', {})
      .then((r) => {
        wx.setStorageSync(kSecretKey, r);
        return r;
      })
      .catch((e) => {
        if (have) return have;
        throw e;
      })
      .finally(() => { pending = null; });
  }
  return pending;
}

function forget() {
  wx.removeStorageSync(kSecretKey);
}

// One secret per session: a new login (first, or after the session expired) needs a new one.
api.onLogin(forget);

function isUnknownOp(e) {
  return !!e && (e.code === 'unknown_op' || /unknown op|未知操作/.test(e.message || ''));
}

// → {code, validFromMs, validToMs, onPhone (computed here, works offline), secretUntilMs}
async function current(nowMs = Date.now()) {
  let secret = stored(nowMs);
  if (!secret || !wx.getStorageSync(api.kMemberKey)) {
    try {
      await api.ensureLogin();
      secret = await ensureSecret(nowMs);
    } catch (e) {
      if (e.offline || e.code === 'account_deleted' || e.status >= 500) throw e;
      secret = null; // a server without the secret route: its signed code below
    }
  }
  if (secret) {
    try {
      const r = await coreLib.callCore({
        op: 'member_code.totp', v: 1, member_id: Number(wx.getStorageSync(api.kMemberKey)), secret: secret.secret, now_ms: nowMs,
      });
      return { code: r.code, validFromMs: r.valid_from_ms, validToMs: r.valid_to_ms, onPhone: true, secretUntilMs: secret.valid_until_ms };
    } catch (e) {
      if (!isUnknownOp(e)) throw e;
    }
  }
  const r = await api.get('/api/v1/member-code');
  return { code: r.code, validFromMs: nowMs, validToMs: r.expires_at_ms, onPhone: false, secretUntilMs: 0 };
}

module.exports = { ensureSecret, stored, forget, current, kSecretKey };

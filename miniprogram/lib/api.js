// The one way the pages talk to the server: wx.request with the session token, and a
// single re-login + retry when the server answers 401 (expired or revoked session).
// Login is wx.login → POST /api/v1/auth/login {code}; the server exchanges the code with
// WeChat and keeps session_key to itself; the phone only ever holds our own token.
const config = require('../config.js');

const kTokenKey = 'session_token';
const kInviteKey = 'pending_invite';
const kMemberKey = 'member_id';
// Set after the account was deleted: nothing logs in again until the patient chooses to
// start afresh (otherwise the next page would silently create a new account).
const kDeletedKey = 'account_deleted';

let loginPromise = null;
// Called after every successful login with the new session (e.g. lib/member-code.js drops
// the secret of the previous session, which the server no longer honours).
const loginListeners = [];
function onLogin(fn) {
  loginListeners.push(fn);
}

function baseUrl() {
  return wx.getStorageSync('api_base_url') || config.apiBaseUrl;
}

// Errors carry the HTTP status and the server's error code; offline = no answer at all.
class ApiError extends Error {
  constructor(status, body, offline) {
    const err = body && body.error;
    // No server message (a proxy's 502 page, a dropped connection): the pages put the
    // status into words (util.errorText), never "HTTP 502".
    super((err && err.message) || (offline ? 'network unavailable' : ''));
    this.name = 'ApiError';
    this.status = status;
    this.code = err ? err.code : offline ? 'offline' : `http_${status}`;
    this.offline = !!offline;
    this.body = body;
  }
}

// Idempotency keys for writes: no crypto on every phone, so time + random is enough to
// keep one user's retries apart (the server scopes keys per member).
function newKey() {
  return `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
}

function rawRequest(method, path, { body, token, key } = {}) {
  return new Promise((resolve, reject) => {
    const header = {};
    if (body !== undefined) header['content-type'] = 'application/json';
    if (token) header.authorization = `Bearer ${token}`;
    if (key) header['idempotency-key'] = key;
    if (wx.getStorageSync('lang') === 'en') header['accept-language'] = 'en';
    wx.request({
      url: baseUrl() + path,
      method,
      header,
      data: body === undefined ? undefined : JSON.stringify(body),
      dataType: 'json',
      success(res) {
        let data = res.data;
        if (typeof data === 'string' && data) {
          try { data = JSON.parse(data); } catch (e) { /* leave as text */ }
        }
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(data);
        else reject(new ApiError(res.statusCode, data, false));
      },
      fail() { reject(new ApiError(0, null, true)); },
    });
  });
}

function wxLogin() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (r) => (r.code ? resolve(r.code) : reject(new ApiError(0, null, false))),
      fail: () => reject(new ApiError(0, null, true)),
    });
  });
}

// One login at a time; pages that ask concurrently share it. An invite code remembered
// from the share path goes with the first login (the server binds only new members).
function login() {
  if (wx.getStorageSync(kDeletedKey)) return Promise.reject(new ApiError(0, { error: { code: 'account_deleted', message: '' } }, false));
  if (!loginPromise) {
    loginPromise = (async () => {
      const code = await wxLogin();
      const body = { code };
      const invite = wx.getStorageSync(kInviteKey);
      if (invite) body.invite_code = invite;
      const res = await rawRequest('POST', '/api/v1/auth/login', { body });
      wx.setStorageSync(kTokenKey, res.token);
      wx.setStorageSync(kMemberKey, res.member.id);
      if (invite) wx.removeStorageSync(kInviteKey);
      for (const fn of loginListeners) fn(res);
      return res;
    })().finally(() => { loginPromise = null; });
  }
  return loginPromise;
}

async function ensureLogin() {
  const token = wx.getStorageSync(kTokenKey);
  if (token) return token;
  await login();
  return wx.getStorageSync(kTokenKey);
}

async function request(method, path, body, { key } = {}) {
  let token = await ensureLogin();
  const idem = method === 'GET' || method === 'DELETE' ? undefined : key || newKey();
  try {
    return await rawRequest(method, path, { body, token, key: idem });
  } catch (e) {
    if (e.status !== 401) throw e;
    wx.removeStorageSync(kTokenKey);
    await login();
    token = wx.getStorageSync(kTokenKey);
    return rawRequest(method, path, { body, token, key: idem });
  }
}

function rememberInvite(code) {
  if (code && !wx.getStorageSync(kTokenKey)) wx.setStorageSync(kInviteKey, code);
}

function logout() {
  wx.removeStorageSync(kTokenKey);
  wx.removeStorageSync(kMemberKey);
}

// After DELETE /api/v1/me: everything on the phone goes, and the app stays logged out.
function forgetDeletedAccount() {
  wx.clearStorageSync();
  wx.setStorageSync(kDeletedKey, true);
}

function isDeleted() {
  return !!wx.getStorageSync(kDeletedKey);
}

// The patient chose "start afresh" on the fresh start screen: the next request logs in
// (WeChat creates a new member; the old account stays deleted).
function startAfresh() {
  wx.removeStorageSync(kDeletedKey);
}

module.exports = {
  ApiError, login, onLogin, ensureLogin, request, rememberInvite, logout, newKey, forgetDeletedAccount, isDeleted, startAfresh,
  get: (path) => request('GET', path),
  post: (path, body, opts) => request('POST', path, body, opts),
  put: (path, body, opts) => request('PUT', path, body, opts),
  del: (path) => request('DELETE', path),
  kTokenKey, kInviteKey, kMemberKey, kDeletedKey,
};

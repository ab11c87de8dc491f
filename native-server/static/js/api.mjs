// The one place the page talks to clinic-server: JSON in and out, the staff cookie (sent
// by the browser), X-CSRF-Token + Idempotency-Key on every write, the UI language, and
// the API's {"error":{code,message,field}} turned into ApiError. A 401 while signed in
// means the session ended: onSessionEnd() sends the page back to the login screen.
export class ApiError extends Error {
  constructor(status, error) {
    super(error.message || error.code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code || 'http_' + status;
    this.field = error.field || null;
  }
}

const session = { csrf: null, lang: 'zh-CN', clinic: null, onSessionEnd: null };

export function configure(options) { Object.assign(session, options); }
export function csrfToken() { return session.csrf; }

function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function request(method, path, body, { key } = {}) {
  const headers = { accept: 'application/json', 'accept-language': session.lang === 'en' ? 'en' : 'zh-CN' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (session.csrf) headers['x-csrf-token'] = session.csrf;
    headers['idempotency-key'] = key || newKey();
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: e.message });
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : {}; } catch { json = { error: { code: 'bad_response', message: text.slice(0, 200) } }; }
  if (!res.ok) {
    const err = new ApiError(res.status, (json && json.error) || {});
    if (res.status === 401 && session.csrf && session.onSessionEnd) session.onSessionEnd(err);
    throw err;
  }
  return json;
}

export const get = (path) => request('GET', path);
export const post = (path, body, options) => request('POST', path, body === undefined ? {} : body, options);

// Clinic-scoped route helpers.
export const desk = (suffix) => `/api/v1/desk/clinics/${session.clinic}${suffix}`;
export const manager = (suffix) => `/api/v1/manager/clinics/${session.clinic}${suffix}`;

// Self-test results finished on the phone (possibly offline) wait here, in storage, until
// the phone is online AND the patient has consented to storing health information; then
// they go to POST /api/v1/triage/submit, where the server re-runs the same core and stores
// its own verdict. Each entry keeps its Idempotency-Key so a retry never double-credits.
const api = require('./api.js');

const kQueueKey = 'triage_queue';

function list() {
  const q = wx.getStorageSync(kQueueKey);
  return Array.isArray(q) ? q : [];
}

function save(q) {
  wx.setStorageSync(kQueueKey, q);
}

// The same finished walk (e.g. back from the result and forward again) is queued once.
function enqueue(state, outcome, nowMs = Date.now()) {
  const q = list();
  const same = q.find((x) => JSON.stringify(x.state) === JSON.stringify(state));
  if (same) return same;
  const item = { key: api.newKey(), state, outcome, finished_at_ms: nowMs };
  q.push(item);
  save(q);
  return item;
}

async function healthConsent() {
  const r = await api.get('/api/v1/me/consents');
  const c = r.consents && r.consents.health_data;
  return !!(c && (c.granted === true || c === true));
}

// → {submitted: [server answers], waiting, needsConsent, offline}
async function flush() {
  const out = { submitted: [], rejected: [], waiting: list().length, needsConsent: false, offline: false };
  if (!out.waiting) return out;
  try {
    if (!(await healthConsent())) {
      out.needsConsent = true;
      return out;
    }
    for (const item of list()) {
      try {
        const res = await api.post('/api/v1/triage/submit', { state: item.state, outcome: item.outcome }, { key: item.key });
        out.submitted.push(res);
      } catch (e) {
        if (e.offline || e.status >= 500 || e.status === 429) throw e;
        out.rejected.push({ item, code: e.code }); // e.g. 409 result_mismatch: the server recorded it
      }
      save(list().filter((x) => x.key !== item.key));
    }
  } catch (e) {
    if (!e.offline) throw e;
    out.offline = true;
  }
  out.waiting = list().length;
  return out;
}

module.exports = { list, enqueue, flush, kQueueKey };

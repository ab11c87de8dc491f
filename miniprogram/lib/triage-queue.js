// Self-test results finished on the phone (possibly offline) wait here, in storage, until
// the phone is online; then they go to POST /api/v1/triage/submit (with the patient), where
// the server re-runs the same core and stores its own verdict. What the server keeps
// depends on the member's health-data consent, in the server's one text (i18n
// consent_health_text): with it, answers and reason too; without it, only the complaint,
// the level and the date — the answers and the reason stay in the phone's history
// (selftest-history.js). Each entry keeps its Idempotency-Key so a retry never double-credits.
const api = require('./api.js');
const history = require('./selftest-history.js');

const kQueueKey = 'triage_queue';

function list() {
  const q = wx.getStorageSync(kQueueKey);
  return Array.isArray(q) ? q : [];
}

function save(q) {
  wx.setStorageSync(kQueueKey, q);
}

// The same finished walk (e.g. back from the result and forward again) is queued once.
function enqueue(state, outcome, nowMs = Date.now(), patientId = null) {
  const q = list();
  const same = q.find((x) => JSON.stringify(x.state) === JSON.stringify(state) && x.patient_id === patientId);
  if (same) return same;
  const item = { key: api.newKey(), state, outcome, finished_at_ms: nowMs, patient_id: patientId };
  q.push(item);
  save(q);
  return item;
}

async function healthConsent() {
  const r = await api.get('/api/v1/me/consents');
  const c = r.consents && r.consents.health_data;
  return !!(c && (c.granted === true || c === true));
}

// → {submitted: [server answers], rejected, waiting, offline}
async function flush() {
  const out = { submitted: [], rejected: [], waiting: list().length, offline: false };
  if (!out.waiting) return out;
  try {
    for (const item of list()) {
      try {
        const body = { state: item.state, outcome: item.outcome };
        if (item.patient_id != null) body.patient_id = item.patient_id;
        const res = await api.post('/api/v1/triage/submit', body, { key: item.key });
        out.submitted.push(res);
        history.markUploaded(item.key, res.result_id, !!res.answers_stored);
      } catch (e) {
        if (e.offline || e.status >= 500 || e.status === 429 || e.code === 'account_deleted') throw e;
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

module.exports = { list, enqueue, flush, healthConsent, kQueueKey };

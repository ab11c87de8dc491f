// Self-test results finished on the phone (possibly offline) wait here, in storage, until
// the phone is online AND the patient has consented to storing health information; then
// they go to POST /api/v1/triage/submit, where the server re-runs the same core and stores
// its own verdict. Each entry keeps its Idempotency-Key so a retry never double-credits.
// Without consent nothing leaves the phone: the patient may also choose keepOnPhone(),
// which empties the queue (the results stay in the phone's history, selftest-history.js).
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
        const body = { state: item.state, outcome: item.outcome };
        if (item.patient_id != null) body.patient_id = item.patient_id;
        const res = await api.post('/api/v1/triage/submit', body, { key: item.key });
        out.submitted.push(res);
        history.markUploaded(item.key);
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

// "Keep on this phone only": nothing waits for upload any more.
function keepOnPhone() {
  save([]);
}

module.exports = { list, enqueue, flush, keepOnPhone, healthConsent, kQueueKey };

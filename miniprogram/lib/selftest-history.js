// Self-tests finished on this phone, per patient: what was answered, the level, the reason
// and the date. Once uploaded they are marked with the server's result id; without consent
// the server keeps only complaint, level and date, so the answers and the reason of those
// live only here and the history page joins them to the server's rows.
const kKey = 'selftest_history';
const kMax = 50; // per phone; the oldest go first

function list() {
  const h = wx.getStorageSync(kKey);
  return Array.isArray(h) ? h : [];
}

function add(entry) {
  const h = list().filter((x) => x.key !== entry.key);
  h.push(entry);
  wx.setStorageSync(kKey, h.slice(-kMax));
  return entry;
}

function markUploaded(key, resultId, answersStored) {
  wx.setStorageSync(kKey, list().map((x) => (x.key === key ? { ...x, uploaded: true, result_id: resultId, answers_stored: answersStored } : x)));
}

// patientId null = "someone else" (a quick test without a saved patient).
function forPatient(patientId) {
  return list().filter((x) => (patientId == null ? x.patient_id == null : x.patient_id === patientId));
}

module.exports = { list, add, markUploaded, forPatient, kKey };

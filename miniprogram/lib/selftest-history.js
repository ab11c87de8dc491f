// Self-tests finished on this phone, per patient: what was answered, the level, the reason
// and the date. Without consent to store health information they stay only here; once
// uploaded (with consent) the server keeps them and they are marked so, and the history
// page shows the server's list instead of this copy.
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

function markUploaded(key) {
  wx.setStorageSync(kKey, list().map((x) => (x.key === key ? { ...x, uploaded: true } : x)));
}

// patientId null = "someone else" (a quick test without a saved patient).
function forPatient(patientId) {
  return list().filter((x) => (patientId == null ? x.patient_id == null : x.patient_id === patientId));
}

module.exports = { list, add, markUploaded, forPatient, kKey };

// Re-check reminders from a self-care result ("今晚再看看孩子"), kept on this phone and shown
// on home when due. A local stand-in until the server's subscription messages exist
// (wx.requestSubscribeMessage); nothing here leaves the phone.
const kKey = 'recheck_reminders';

function list() {
  const r = wx.getStorageSync(kKey);
  return Array.isArray(r) ? r : [];
}

function add({ atMs, title, patientName }) {
  const r = list();
  const item = { id: `r${Date.now().toString(36)}${r.length}`, at_ms: atMs, title, patient_name: patientName || '' };
  r.push(item);
  r.sort((a, b) => a.at_ms - b.at_ms);
  wx.setStorageSync(kKey, r);
  return item;
}

function remove(id) {
  wx.setStorageSync(kKey, list().filter((x) => x.id !== id));
}

function due(nowMs = Date.now()) {
  return list().filter((x) => x.at_ms <= nowMs);
}

function upcoming(nowMs = Date.now()) {
  return list().filter((x) => x.at_ms > nowMs);
}

module.exports = { list, add, remove, due, upcoming, kKey };

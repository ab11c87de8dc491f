// Self-test history of one patient: what was answered, the level, the reason, the date.
// The server's rows (GET /api/v1/patients/:id/selftests) come first; it returns answers
// and reason only with the member's health-data consent, so for results uploaded without
// it the answers and reason come from this phone's own copy (joined by the result id) and
// say so. Results still waiting to upload are listed from the phone. ?patient=<id>, or
// "other" for quick tests for someone without a profile (the phone's copy only).
const api = require('../../lib/api.js');
const coreLib = require('../../lib/core.js');
const i18n = require('../../lib/i18n.js');
const history = require('../../lib/selftest-history.js');
const display = require('../../lib/display.js');
const consents = require('../../lib/consents.js');
const { kLevelColors, dayLabel, clock, errorText, failState } = require('../../lib/util.js');

// Complaint names by protocol id from the on-device core (the server sends the id).
const namesByLang = {};
function complaintNames() {
  const lang = i18n.lang();
  if (!namesByLang[lang]) {
    const req = { op: 'triage.catalog', v: 1 };
    if (i18n.isEnglish()) req.lang = 'en';
    namesByLang[lang] = coreLib.callCore(req)
      .then((c) => Object.fromEntries(c.complaints.map((x) => [x.id, x.name])))
      .catch(() => { delete namesByLang[lang]; return {}; });
  }
  return namesByLang[lang];
}

function answersOf(list) {
  if (Array.isArray(list)) return list.map((a, i) => ({ key: i, question: a.question || '', text: a.text || a.answer || '' }));
  if (list && typeof list === 'object') return Object.keys(list).map((k, i) => ({ key: i, question: k, text: JSON.stringify(list[k]) }));
  return [];
}

Component({
  data: { s: {}, fc: '', state: 'loading', stateText: '', rows: [], consentText: '' },
  lifetimes: {
    attached() {
      i18n.applyTitle('hs_title');
      this.setData({ s: i18n.strings(), fc: display.fontClass() });
    },
  },
  methods: {
    onLoad(query) {
      const p = query && query.patient;
      this.patientId = !p || p === 'other' ? null : Number(p);
      this.loading = this.load();
      return this.loading;
    },
    row(e, where, names) {
      const s = this.data.s;
      return {
        key: `${where}-${e.key || e.id}`, at_ms: e.at_ms, when: `${dayLabel(e.at_ms)} ${clock(e.at_ms)}`,
        complaint: names[e.complaint] || e.complaint || '', level: e.level, levelText: s.level_names[e.level] || e.level,
        color: kLevelColors[e.level] || '#555', reason: (e.reason && e.reason.summary) || '', answers: answersOf(e.answers),
        where, whereText: where === 'local' ? s.hs_local : s.hs_server, phoneOnly: !!e.phoneOnly,
      };
    },
    async load() {
      const names = await complaintNames();
      const mine = history.forPatient(this.patientId);
      const byResult = {};
      for (const e of mine) if (e.result_id != null) byResult[e.result_id] = e;
      let server = [];
      let state = 'ready';
      let stateText = '';
      let consentText = '';
      if (this.patientId != null) {
        try {
          const r = await api.get(`/api/v1/patients/${this.patientId}/selftests`);
          if (r.consent_text) consents.remember({ health_data: r.consent_text });
          consentText = consents.text('health_data');
          server = (r.selftests || []).map((t) => {
            const local = byResult[t.id];
            const phoneOnly = !t.answers && !!local;
            // the phone's answers carry the question texts; the server's only ids
            return this.row({ ...t, reason: t.reason || (local && local.reason), answers: local ? local.answers : t.answers, phoneOnly }, 'server', names);
          });
        } catch (e) {
          state = failState(e);
          stateText = errorText(e);
        }
      }
      // The phone's copies not on the server list: waiting to upload, or (offline, or
      // "someone else") everything this phone has.
      const local = mine
        .filter((e) => !e.uploaded || this.patientId == null || state !== 'ready')
        .map((e) => this.row(e, e.uploaded ? 'server' : 'local', {}));
      const rows = server.concat(local).sort((a, b) => b.at_ms - a.at_ms);
      this.setData({ rows, state, stateText, consentText });
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
  },
});

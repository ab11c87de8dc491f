// Self-test history of one patient: what was answered, the level, the reason, the date.
// Results uploaded with consent come from the server (GET /api/v1/patients/:id/selftests;
// answers only with consent); results kept on this phone come from its own history and
// say so. ?patient=<id>, or "other" for quick tests for someone without a profile.
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const history = require('../../lib/selftest-history.js');
const display = require('../../lib/display.js');
const { kLevelColors, dayLabel, clock, errorText, failState } = require('../../lib/util.js');

function row(e, where, s) {
  return {
    key: `${where}-${e.key || e.id}`, at_ms: e.at_ms, when: `${dayLabel(e.at_ms)} ${clock(e.at_ms)}`,
    complaint: e.complaint || '', level: e.level, levelText: s.level_names[e.level] || e.level, color: kLevelColors[e.level] || '#555',
    title: e.title || '', reason: (e.reason && e.reason.summary) || '',
    answers: (e.answers || []).map((a, i) => ({ key: i, question: a.question || '', text: a.text || a.answer || '' })),
    where, whereText: where === 'local' ? s.hs_local : s.hs_server,
  };
}

Component({
  data: { s: {}, fc: '', state: 'loading', stateText: '', rows: [] },
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
    async load() {
      const s = i18n.strings();
      const local = history.forPatient(this.patientId).filter((e) => !e.uploaded).map((e) => row(e, 'local', s));
      let server = [];
      let state = 'ready';
      let stateText = '';
      if (this.patientId != null) {
        try {
          const r = await api.get(`/api/v1/patients/${this.patientId}/selftests`);
          server = (r.selftests || []).map((e) => row(e, 'server', s));
        } catch (e) {
          state = failState(e);
          stateText = errorText(e);
        }
      }
      const rows = server.concat(local).sort((a, b) => b.at_ms - a.at_ms);
      this.setData({ rows, state, stateText });
    },
    onRetry() {
      this.setData({ state: 'loading', stateText: '' });
      this.loading = this.load();
      return this.loading;
    },
  },
});

// Manager: points-rule versions. A JSON editor checked instantly in the browser by the
// same core (rules.validate), errors shown with their JSON path and the offending text
// selected; upload (the server validates again), activate, and simulate the document
// against the last N days of stored events with a results table.
import { formatFen, formatPoints, clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, flash, errorText, clinicOffset } from '../ui.mjs';
import { callCore, coreReady } from '../core.mjs';
import { locate } from '../jsonpath.mjs';

export async function renderRules(main) {
  const off = clinicOffset();
  const list = h('div', { id: 'rule-versions' }, h('p.muted', t('loading')));
  const editor = h('textarea.json', { id: 'rules-editor', spellcheck: false, 'aria-label': t('editor'), 'aria-describedby': 'rules-message' });
  const message = h('div', { id: 'rules-message', role: 'alert' });
  const days = h('input', { id: 'sim-days', type: 'number', min: '1', max: '366', value: '30' });
  const sim = h('div', { id: 'sim-result' });

  clear(main, h('h1', t('nav_rules')),
    h('section.card', h('h2', t('versions')), list),
    h('section.card', h('h2', t('editor')), editor, message,
      h('div.row',
        h('button', { type: 'button', id: 'rules-validate', onclick: () => checkLocally(true) }, t('validate')),
        h('button.primary', { type: 'button', id: 'rules-upload', onclick: upload }, t('upload')),
        h('label', { for: 'sim-days', class: 'inline' }, t('days')), days,
        h('button', { type: 'button', id: 'rules-simulate', onclick: simulate }, t('simulate')))),
    sim);

  editor.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); checkLocally(true); } });

  // Shows an error at its path: message + path, and selects the named part of the text.
  function showAt(err, prefix) {
    const path = (err.field || err.path || '').replace(prefix, '$');
    const span = path ? locate(editor.value, path) : null;
    const line = span ? editor.value.slice(0, span.start).split('\n').length : 0;
    clear(message, h('p.error', { id: 'rules-error', dataset: { path, line } },
      t('invalid_doc', { p: path || '$', m: errorText({ message: err.message }) }), line ? ` (${t('line_no', { n: line })})` : ''));
    if (span) {
      // Select the offending text and scroll it into view (a textarea does not follow its selection).
      editor.focus();
      editor.setSelectionRange(span.start, span.end);
      const lh = parseFloat(getComputedStyle(editor).lineHeight) || 18;
      editor.scrollTop = Math.max(0, (line - 1) * lh - editor.clientHeight / 3);
    }
  }

  function parsed() {
    try { return JSON.parse(editor.value); } catch (e) {
      clear(message, h('p.error', { id: 'rules-error', dataset: { path: '$' } }, t('json_error', { m: e.message })));
      return undefined;
    }
  }

  function checkLocally(report) {
    const doc = parsed();
    if (doc === undefined || !coreReady()) return doc;
    try {
      const ok = callCore({ op: 'rules.validate', rules: doc });
      if (report) clear(message, h('p.same', { id: 'rules-valid' }, t('valid_doc', { s: ok.schema, v: ok.schema_version })));
      return doc;
    } catch (err) {
      showAt(err, /^\$\.rules/);
      return undefined;
    }
  }

  async function upload() {
    // The server is the authority: the document goes up even when the local check refuses
    // it, so the manager sees the server's own answer (same core, same path).
    const doc = parsed();
    if (doc === undefined) return;
    try {
      const res = await api.post(api.manager('/rules'), { document: doc });
      clear(message, h('p.same', { id: 'rules-uploaded' }, t('uploaded', { v: res.version })));
      await loadList();
    } catch (err) { showAt(err, /^\$\.document/); }
  }

  async function activate(version) {
    try {
      await api.post(api.manager(`/rules/${version}/activate`));
      flash(t('activated', { v: version }), 'ok');
      await loadList();
    } catch (err) { showError(err); }
  }

  async function open(version) {
    try {
      const res = await api.get(api.manager(`/rules/${version}`));
      editor.value = JSON.stringify(res.document, null, 2);
      clear(message);
      editor.focus();
    } catch (err) { showError(err, message); }
  }

  async function simulate() {
    const doc = parsed();
    if (doc === undefined) return;
    clear(sim, h('p.muted', t('loading')));
    try {
      const res = await api.post(api.manager('/rules/simulate'), { document: doc, days: parseInt(days.value, 10) || 30 });
      clear(sim, simulationTable(res));
    } catch (err) { clear(sim); showAt(err, /^\$\.document/); }
  }

  async function loadList() {
    try {
      const { versions } = await api.get(api.manager('/rules'));
      clear(list, h('table', h('thead', h('tr', [t('version'), t('label'), t('active'), t('created'), t('actions')].map((x) => h('th', x)))),
        h('tbody', versions.map((v) => h('tr', { dataset: { version: v.version } },
          h('td', String(v.version)), h('td', String(v.label ?? '—')), h('td', v.active ? h('span.badge.ok', t('active')) : ''),
          h('td', clinicTime(v.created_at_ms, off)),
          h('td', h('button.link', { type: 'button', class: 'link open', onclick: () => open(v.version) }, t('open')),
            v.active ? null : h('button.link', { type: 'button', class: 'link activate', onclick: () => activate(v.version) }, t('activate'))))))));
      return versions;
    } catch (err) { showError(err, list); return []; }
  }

  const versions = await loadList();
  const active = versions.find((v) => v.active);
  if (active && !editor.value) await open(active.version);
}

function simulationTable(res) {
  const totals = res.totals || {};
  const pts = (o, k) => formatPoints(o && typeof o[k] === 'number' ? o[k] : 0);
  const fen = (o) => formatFen(o && typeof o.rebates_fen === 'number' ? o.rebates_fen : 0);
  return h('section.card', { id: 'sim-table' },
    h('h2', t('sim_title', { d: res.days, v: res.active_version })),
    h('div.figures',
      fig(t('events'), String(res.events)),
      fig(t('members_changed', { c: res.members_changed, t: res.members_total }), String(res.members_changed)),
      fig(`${t('points_issued')} · ${t('current')}`, pts(totals.current, 'points_issued')),
      fig(`${t('points_issued')} · ${t('candidate')}`, pts(totals.candidate, 'points_issued')),
      fig(`${t('points_issued')} · ${t('diff')}`, pts(totals.diff, 'points')),
      fig(`${t('rebate_fen')} · ${t('diff')}`, fen(totals.diff))),
    res.members.length === 0 ? h('p.muted', t('no_changes'))
      : h('table', h('thead', h('tr', h('th', t('member')), h('th.num', t('current')), h('th.num', t('candidate')), h('th.num', t('diff')),
        h('th.num', `${t('rebate_fen')} · ${t('diff')}`))),
        h('tbody', res.members.map((m) => h('tr', h('td', m.member_id), h('td.num', pts(m.current, 'points_issued')),
          h('td.num', pts(m.candidate, 'points_issued')), h('td.num', pts(m.diff, 'points')), h('td.num', fen(m.diff)))))),
    (res.budget_used || []).length ? h('table', h('thead', h('tr', h('th', t('campaign')), h('th.num', t('current')), h('th.num', t('candidate')))),
      h('tbody', res.budget_used.map((b) => h('tr', h('td', b.campaign_id), h('td.num', JSON.stringify(b.current)), h('td.num', JSON.stringify(b.candidate)))))) : null);
}

function fig(label, value) { return h('div.figure', h('div.k', label), h('div.v', value)); }

// Boot and navigation: restores the staff session (GET /api/staff/me), shows the login
// screen otherwise, loads core.wasm in parallel, and switches views by the URL hash
// (#/lookup, #/visit, …: view names only, never personal data).
import * as api from './api.mjs';
import { t, lang, setLang } from './i18n.mjs';
import { h, clear } from './dom.mjs';
import { state, flash, isManager } from './ui.mjs';
import { loadCore } from './core.mjs';
import { loadMember } from './member.mjs';
import { renderLogin } from './views/login.mjs';
import { renderLookup } from './views/lookup.mjs';
import { renderAppointments } from './views/appointments.mjs';
import { renderVisit } from './views/visit.mjs';
import { renderRefund } from './views/refund.mjs';
import { renderCoupons } from './views/coupons.mjs';
import { renderRules } from './views/rules.mjs';
import { renderReport } from './views/report.mjs';
import { renderStaff } from './views/staff.mjs';
import { renderAudit } from './views/audit.mjs';
import { renderEngagement } from './views/engagement.mjs';

const views = [
  { id: 'lookup', key: 'nav_lookup', render: renderLookup, hotkey: 'F2' },
  { id: 'appointments', key: 'nav_appointments', render: renderAppointments, hotkey: 'F3' },
  { id: 'visit', key: 'nav_visit', render: renderVisit, hotkey: 'F4' },
  { id: 'refund', key: 'nav_refund', render: renderRefund, hotkey: 'F6' },
  { id: 'coupons', key: 'nav_coupons', render: renderCoupons, hotkey: 'F7' },
  { id: 'rules', key: 'nav_rules', render: renderRules, manager: true },
  { id: 'report', key: 'nav_report', render: renderReport, manager: true },
  { id: 'staff', key: 'nav_staff', render: renderStaff, manager: true },
  { id: 'audit', key: 'nav_audit', render: renderAudit, manager: true },
  { id: 'engagement', key: 'nav_engagement', render: renderEngagement, manager: true },
];

const main = document.getElementById('main');
const coreStatus = document.getElementById('core-status');

function currentView() {
  const id = location.hash.replace(/^#\/?/, '') || 'lookup';
  const v = views.find((x) => x.id === id && (!x.manager || isManager()));
  return v || views[0];
}

export function go(id) {
  if (location.hash === '#/' + id) show();
  else location.hash = '#/' + id;
}

function renderChrome() {
  document.title = t('app_title');
  document.getElementById('brand').textContent = t('app_title');
  document.getElementById('lang').textContent = t('lang_switch');
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.hidden = !state.staff;
  document.getElementById('who').textContent = state.staff
    ? `${state.staff.display_name} · ${state.staff.role}${state.clinic ? ' · ' + state.clinic.name : ''}` : '';
  const nav = document.getElementById('nav');
  nav.hidden = !state.staff;
  const active = state.staff ? currentView().id : null;
  clear(nav, views.filter((v) => !v.manager || isManager()).map((v) =>
    h('a', { href: '#/' + v.id, 'aria-current': v.id === active ? 'page' : null, dataset: { view: v.id } },
      t(v.key), v.hotkey ? h('span.hint', ` ${v.hotkey}`) : null)));
  renderCoreStatus();
}

let coreState = { status: 'loading', message: '' };
function renderCoreStatus() {
  coreStatus.textContent = coreState.status === 'ready' ? t('core_ready')
    : coreState.status === 'failed' ? t('core_failed', { m: coreState.message }) : t('core_loading');
  coreStatus.dataset.state = coreState.status;
}

function show() {
  main.onkeydown = null;  // a view's own shortcuts end with the view
  renderChrome();
  if (!state.staff) {
    renderLogin(main, { onLogin: signedIn });
    return;
  }
  const v = currentView();
  v.render(main, { go });
}

async function signedIn(me) {
  state.staff = me.staff;
  api.configure({ csrf: me.csrf_token });
  const { clinics } = await api.get('/api/staff/clinics');
  state.clinic = clinics.find((c) => c.id === me.staff.clinic_id) || clinics[0] || null;
  api.configure({ clinic: state.clinic ? state.clinic.id : null });
  flash('');
  show();
}

function sessionEnded(message) {
  state.staff = null;
  state.member = null;
  api.configure({ csrf: null, clinic: null });
  flash(message, 'error');
  show();
}

function bindGlobalKeys() {
  document.addEventListener('keydown', (e) => {
    if (!state.staff) return;
    const v = views.find((x) => x.hotkey === e.key && (!x.manager || isManager()));
    if (v) { e.preventDefault(); go(v.id); return; }
    // A scanner types like a keyboard: printable keys typed while no text field has focus
    // go to the lookup field (rendered at once, so no character is lost), so a scan always
    // lands there. Space stays with the focused button or checkbox.
    const el = document.activeElement;
    const textField = el && ((el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)) ||
      el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
    if (!textField && e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (currentView().id !== 'lookup') {
        history.pushState(null, '', '#/lookup');
        show();
      }
      const field = document.getElementById('lookup-input');
      if (field) field.focus();
    }
  });
}

async function boot() {
  setLang(lang());
  api.configure({ lang: lang(), onSessionEnd: () => sessionEnded(t('session_expired')) });
  document.getElementById('lang').addEventListener('click', async () => {
    setLang(lang() === 'en' ? 'zh-CN' : 'en');
    api.configure({ lang: lang() });
    flash('');
    show();
    // Texts the server wrote in the old language (tier names, reasons) come again.
    if (state.member && state.staff) {
      try { await loadMember(state.member.member.id); show(); } catch { /* the view keeps what it has */ }
    }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api.post('/api/staff/logout'); } catch { /* the session may be gone already */ }
    sessionEnded(t('logged_out'));
  });
  window.addEventListener('hashchange', show);
  bindGlobalKeys();
  loadCore().then(() => { coreState = { status: 'ready' }; renderCoreStatus(); document.dispatchEvent(new Event('core-ready')); },
    (e) => { coreState = { status: 'failed', message: e.message }; renderCoreStatus(); });
  try {
    const me = await api.get('/api/staff/me');
    await signedIn(me);
  } catch {
    show();
  }
}

boot();

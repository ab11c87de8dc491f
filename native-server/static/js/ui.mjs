// Shared page state and the message line: what is signed in, which clinic, the member
// the desk is serving, and how errors from the API are shown (message + field path).
import { kDefaultClinicOffsetMin } from '/core/format.mjs';
import { t } from './i18n.mjs';
import { h, clear } from './dom.mjs';

export const state = {
  staff: null,          // {id, username, display_name, role, clinic_id}
  clinic: null,         // {id, name, utc_offset_min}
  member: null,         // the member context (GET …/members/:id/context) being served
  memberFetchedAt: 0,   // performance.now() when the context arrived (preview clock)
  lastVisit: null,      // the last confirmed visit (for the refund shortcut)
  patientId: null,      // the member's patient being seen (issue 15); null when the member has none
};

export function isManager() { return state.staff && (state.staff.role === 'manager' || state.staff.role === 'admin'); }

export function flash(message, kind = 'info') {
  const el = document.getElementById('flash');
  el.className = `flash ${kind}`;
  el.hidden = !message;
  el.textContent = message || '';
}

// An ApiError or CoreError as one readable line: message, then the JSON path if any.
export function errorText(err) {
  const path = err.field || err.path;
  return `${err.message}${path ? ` (${path})` : ''}${err.code ? ` [${err.code}]` : ''}`;
}

export function showError(err, where) {
  // A 401 already sent the page back to the login screen with its own message.
  if (err.status === 401 && !state.staff) return;
  const text = `${t('error')}: ${errorText(err)}`;
  if (where) clear(where, h('p.error', { role: 'alert' }, text));
  else flash(text, 'error');
}

export function statusText(status) { return t('st_' + status); }

// The signed-in clinic's offset from UTC (minutes), for clinicTime/clinicDate (/core/format.mjs).
export function clinicOffset() { return state.clinic ? state.clinic.utc_offset_min : kDefaultClinicOffsetMin; }

// The member's patients (就诊人, issue 15) at the desk: masked names, sex, age and relation,
// and the picker for who is being seen (the visit is confirmed for that patient).
import { t } from './i18n.mjs';
import { h } from './dom.mjs';
import { state } from './ui.mjs';

// Babies in months (under 2 years), everyone else in years.
export function ageText(age) {
  if (!age) return '—';
  return age.years < 2 ? t('age_months', { n: age.months }) : t('age_years', { n: age.years });
}

export function patientLabel(p) {
  if (!p) return '—';
  return `${p.name_masked} · ${t('sex_' + p.sex)} · ${ageText(p.age)}${p.relation ? ' · ' + t('rel_' + p.relation) : ''}`;
}

export function currentPatient() {
  const list = (state.member && state.member.patients) || [];
  return list.find((p) => p.id === state.patientId) || null;
}

// True when a visit may start: the member has no patients, or one is picked.
export function patientReady() {
  const list = (state.member && state.member.patients) || [];
  return list.length === 0 || currentPatient() !== null;
}

export function patientPicker(onChange) {
  const list = state.member.patients || [];
  if (list.length === 0) return h('p.muted', { id: 'patient-pick' }, t('no_patients'));
  return h('fieldset', { id: 'patient-pick' }, h('legend', t('pick_patient')),
    list.map((p) => {
      const radio = h('input', { type: 'radio', name: 'patient', id: `patient-${p.id}`, value: String(p.id), checked: p.id === state.patientId });
      radio.addEventListener('change', () => { state.patientId = p.id; onChange(); });
      return h('div', radio, ' ', h('label', { for: radio.id, class: 'inline' }, patientLabel(p)));
    }));
}

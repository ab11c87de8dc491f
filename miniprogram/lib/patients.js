// 就诊人: the people a member books and self-tests for (self, children, parents). The list
// comes from GET /api/v1/patients and is kept on the phone so the self-test can still ask
// "为谁自测" offline. Ages are computed here from the birth date (the clinic's calendar),
// in months under 2 years, as the triage core needs for babies.
const api = require('./api.js');
const i18n = require('./i18n.js');
const { localDate } = require('./util.js');

const kCacheKey = 'patients_cache';
const kGuardianAge = 14; // PIPL art. 31: under 14 the guardian consents

function cached() {
  const c = wx.getStorageSync(kCacheKey);
  return c && Array.isArray(c.patients) ? c : null;
}

// → {patients, max}; throws ApiError (the caller may fall back to cached()).
async function load() {
  const r = await api.get('/api/v1/patients');
  const out = { patients: r.patients || [], max: r.max || 0 };
  wx.setStorageSync(kCacheKey, out);
  return out;
}

// Whole years and months between a birth date "YYYY-MM-DD" and now (clinic calendar).
function ageOf(birthIso, nowMs = Date.now()) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(birthIso || ''));
  if (!m) return null;
  const by = Number(m[1]);
  const bm = Number(m[2]);
  const bd = Number(m[3]);
  const t = localDate(nowMs);
  let months = (t.y - by) * 12 + (t.m - bm);
  if (t.d < bd) months -= 1;
  if (months < 0) return null; // born in the future
  return { years: Math.floor(months / 12), months: months % 12 };
}

// "5个月", "1岁3个月", "34岁" (months shown under 2 years).
function ageText(age) {
  if (!age) return '';
  if (age.years < 2) {
    return age.years === 0 ? i18n.t('age_months', { m: age.months }) : i18n.t('age_years_months', { y: age.years, m: age.months });
  }
  return i18n.t('age_years', { y: age.years });
}

// From the birth date; else the server's age, whose months are the TOTAL whole months.
function ageOfPatient(p, nowMs) {
  if (p.birth_date) {
    const a = ageOf(p.birth_date, nowMs);
    if (a) return a;
  }
  return p.age ? { years: p.age.years, months: p.age.months % 12 } : null;
}

// Who answers the questions: the patient, a parent (for a child), or another relative.
function answererFor(relation, age) {
  if (relation === 'self') return 'self';
  if (relation === 'child' || (age && age.years < kGuardianAge)) return 'parent';
  return 'relative';
}

// The triage core's patient: {age_years, age_months, sex}.
function triagePatient(age, sex) {
  return { age_years: age.years, age_months: age.years < 2 ? age.months : 0, sex };
}

function underGuardian(age) {
  return !!age && age.years < kGuardianAge;
}

// One line per patient for lists: "小明 · 儿子/女儿 · 男 · 5个月".
function describe(p, nowMs) {
  const s = i18n.strings();
  const age = ageOfPatient(p, nowMs);
  return {
    id: p.id, name: p.name, sex: p.sex, relation: p.relation, birth_date: p.birth_date, age,
    ageText: ageText(age), relationText: s.relations[p.relation] || p.relation, sexText: p.sex === 'male' ? s.st_male : s.st_female,
    guardian: underGuardian(age) || !!p.guardian_consent,
    answerer: answererFor(p.relation, age),
  };
}

module.exports = { cached, load, ageOf, ageText, ageOfPatient, answererFor, triagePatient, underGuardian, describe, kCacheKey, kGuardianAge };

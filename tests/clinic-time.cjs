// The demo clinics' calendar (UTC+08:00) for every test suite: the ESM server and browser
// suites (through tests/server/api_helpers.mjs) and the CommonJS mini-program suites under
// jest. One copy, so "today", "tomorrow" and "this month" mean the same on both sides at
// any hour (tests/clock/sweep.sh runs them at the instants where they could differ).
const DAY = 86_400_000;
const HOUR = 3_600_000;
const CLINIC_OFFSET = 8 * HOUR;

// The clinic's wall clock at `t`, read with getUTC* (getUTCDate() is the local day).
const clinicDate = (t) => new Date(t + CLINIC_OFFSET);
// The clinic's local date of `t` as YYYY-MM-DD.
const localIso = (t) => clinicDate(t).toISOString().slice(0, 10);
// Clinic-local midnight that starts the day holding `t`.
const localMidnight = (t) => Math.floor((t + CLINIC_OFFSET) / DAY) * DAY - CLINIC_OFFSET;
// Tomorrow at hh:mm clinic time.
const tomorrowAt = (hours, minutes = 0, nowMs = Date.now()) => localMidnight(nowMs) + DAY + (hours * 60 + minutes) * 60_000;
// Clinic-local 20:00 of the day before `startsAt`: when an appointment reminder is due.
const eveningBefore = (startsAt) => localMidnight(startsAt) - DAY + 20 * HOUR;
// A birth date (YYYY-MM-DD) `years`/`months` before the clinic's today: the same day of the month
// (the month's last day when it is shorter: on 31 December, 2 years 3 months back is 30 September),
// then `days` earlier. The age is then exactly that many years and months.
function birthDate({ years = 0, months = 0, days = 0 } = {}, nowMs = Date.now()) {
  const local = clinicDate(nowMs);
  const year = local.getUTCFullYear() - years;
  const month = local.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(local.getUTCDate(), lastDay) - days)).toISOString().slice(0, 10);
}

module.exports = { DAY, HOUR, CLINIC_OFFSET, clinicDate, localIso, localMidnight, tomorrowAt, eveningBefore, birthDate };

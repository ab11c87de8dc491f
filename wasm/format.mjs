// How the phone and the desk show what the core computes: money in fen, points, and instants
// in the clinic's local calendar. ONE source for both screens: the desk page loads it as
// /core/format.mjs, the mini-program as core/format.js (derived by make-cjs.mjs, like the
// loader). No imports, no I/O: plain functions of their arguments.

// The clinic's offset from UTC in minutes when nothing more specific is known (Asia/Shanghai,
// the server's default clinic offset; a clinic's own comes with it as utc_offset_min).
export const kDefaultClinicOffsetMin = 480;

function groupThousands(n) {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Integer fen → "1,234.56" / "-0.05" (integer arithmetic only, no floats for money); "—" for
// anything that is not a safe integer (amounts stay within ±2^53 like everything the core returns).
export function formatYuan(fen) {
  if (!Number.isSafeInteger(fen)) return '—';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${groupThousands((abs - cents) / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

// Integer fen → "¥1,234.56" / "-¥0.05"; "¥—" for a value that is not a safe integer.
export function formatFen(fen) {
  if (!Number.isSafeInteger(fen)) return '¥—';
  return `${fen < 0 ? '-' : ''}¥${formatYuan(Math.abs(fen))}`;
}

// Points are integers too; grouped for reading at a glance.
export function formatPoints(points) {
  if (!Number.isSafeInteger(points)) return '—';
  return (points < 0 ? '-' : '') + groupThousands(Math.abs(points));
}

const pad2 = (n) => String(n).padStart(2, '0');

// The clinic-local civil date and time of an epoch-ms instant:
// {y, m (1-12), d, wd (0 = Sunday), iso "YYYY-MM-DD", hm "HH:MM"}.
export function clinicDate(ms, offsetMin = kDefaultClinicOffsetMin) {
  const t = new Date(ms + offsetMin * 60000);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return { y, m, d, wd: t.getUTCDay(), iso: `${y}-${pad2(m)}-${pad2(d)}`, hm: `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}` };
}

// "YYYY-MM-DD HH:MM" (or "HH:MM" without the date) in the clinic's local time.
export function clinicTime(ms, offsetMin = kDefaultClinicOffsetMin, withDate = true) {
  const c = clinicDate(ms, offsetMin);
  return withDate ? `${c.iso} ${c.hm}` : c.hm;
}

// The instant at which a clinic-local wall-clock time occurs: (2026, 12, 2, 21, 0) → epoch ms.
export function clinicInstant(y, m, d, hour = 0, minute = 0, offsetMin = kDefaultClinicOffsetMin) {
  return Date.UTC(y, m - 1, d, hour, minute) - offsetMin * 60000;
}

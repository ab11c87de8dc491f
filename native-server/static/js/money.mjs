// Money on screen: integer fen in, "¥12.34" out. Integer arithmetic only (no floats for
// money); amounts stay within ±2^53 like everything the core returns.
export function formatFen(fen) {
  if (!Number.isSafeInteger(fen)) return '¥—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = (abs - (abs % 100)) / 100;
  const cents = abs % 100;
  return `${sign}¥${groupThousands(yuan)}.${cents < 10 ? '0' : ''}${cents}`;
}

function groupThousands(n) {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Points are integers too; grouped for reading at a glance.
export function formatPoints(points) {
  if (!Number.isSafeInteger(points)) return '—';
  return (points < 0 ? '-' : '') + groupThousands(Math.abs(points));
}

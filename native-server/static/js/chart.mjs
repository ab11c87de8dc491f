// A bar chart as inline SVG (no library): one bar per day, value labels in ¥.
import { formatFen } from '/core/format.mjs';
import { svg } from './dom.mjs';

export function barChart(points, { title, width = 640, height = 220 } = {}) {
  const pad = { top: 24, right: 12, bottom: 28, left: 12 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const barW = Math.max(4, slot * 0.6);
  const plotH = height - pad.top - pad.bottom;
  const bars = points.map((p, i) => {
    const bh = Math.round((p.value / max) * plotH);
    const x = pad.left + i * slot + (slot - barW) / 2;
    const y = pad.top + plotH - bh;
    return [
      svg('rect', { class: 'bar', x, y, width: barW, height: Math.max(bh, 1) }, svg('title', {}, `${p.label}: ${formatFen(p.value)}`)),
      svg('text', { x: x + barW / 2, y: y - 4, 'text-anchor': 'middle' }, formatFen(p.value)),
      svg('text', { x: x + barW / 2, y: height - 8, 'text-anchor': 'middle' }, p.label),
    ];
  });
  return svg('svg', { class: 'chart', id: 'report-chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title },
    svg('title', {}, title),
    svg('line', { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, stroke: '#9aa5b1' }),
    bars);
}

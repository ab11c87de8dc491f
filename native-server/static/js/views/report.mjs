// Manager: the daily report (one local day) with big figures, and a 7-day takings chart.
import { formatFen, formatPoints, clinicDate } from '/core/format.mjs';
import * as api from '../api.mjs';
import { t } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, clinicOffset } from '../ui.mjs';
import { barChart } from '../chart.mjs';

const DAY = 86400000;

export async function renderReport(main) {
  const off = clinicOffset();
  const date = h('input', { id: 'report-date', type: 'date' });
  const body = h('div', { id: 'report-body' }, h('p.muted', t('loading')));
  const form = h('form.row', { onsubmit: (e) => { e.preventDefault(); load(date.value); } },
    h('div', h('label', { for: 'report-date' }, t('date')), date), h('button.primary', { type: 'submit' }, t('reload')));
  clear(main, h('h1', t('report_title')), h('section.card', form), body);

  async function load(day) {
    try {
      const q = day ? `?date=${encodeURIComponent(day)}` : '';
      const rep = await api.get(api.manager('/report' + q));
      const today = clinicDate(rep.from_ms, off).iso;
      if (!date.value) date.value = today;
      // The 7 days ending on the chosen one, fetched together.
      const days = [];
      for (let i = 6; i >= 0; i--) days.push(clinicDate(rep.from_ms - i * DAY + 12 * 3600000, off).iso);
      const series = await Promise.all(days.map((d) => (d === today ? rep : api.get(api.manager(`/report?date=${d}`)))));
      clear(body,
        h('section.card', h('div.figures',
          fig(t('payable_total'), formatFen(rep.payable_fen), 'main', 'rep-payable'),
          fig(t('visits'), formatPoints(rep.visits), '', 'rep-visits'),
          fig(t('refunds'), formatPoints(rep.refunds), '', 'rep-refunds'),
          fig(t('points_issued'), formatPoints(rep.points_issued)),
          fig(t('points_redeemed'), formatPoints(rep.points_redeemed)),
          fig(t('points_reversed_r'), formatPoints(rep.points_reversed)),
          fig(t('points_expired'), formatPoints(rep.points_expired)),
          fig(t('conversions'), formatPoints(rep.referral_conversions)),
          fig(t('rebate_fen'), formatFen(rep.rebate_fen)),
          fig(t('checkins'), formatPoints(rep.checkins)),
          fig(t('coupons_redeemed'), formatPoints(rep.coupons_redeemed)),
          fig(t('coupons_used'), formatPoints(rep.coupons_used)))),
        h('section.card', h('h2', t('chart_title')),
          barChart(series.map((r, i) => ({ label: days[i].slice(5), value: r.payable_fen })), { title: t('chart_title') })),
        (rep.budget_used || []).length ? h('section.card', h('h2', t('budget')), h('table',
          h('thead', h('tr', h('th', t('campaign')), h('th.num', t('campaign_budget')), h('th.num', t('used')))),
          h('tbody', rep.budget_used.map((b) => h('tr', h('td', b.campaign_id), h('td.num', JSON.stringify(b.budget)), h('td.num', String(b.used))))))) : null);
    } catch (err) { showError(err, body); }
  }
  await load('');
}

function fig(label, value, cls = '', id) {
  return h(`div.figure${cls ? '.' + cls : ''}`, h('div.k', label), h('div.v', { id }, value));
}

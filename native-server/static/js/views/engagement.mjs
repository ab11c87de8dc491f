// Manager (issue 19): subscribe messages (the last ones and the failures), reviews per
// doctor and department (held ones can be published; no reviewer identities exist here),
// and the retention view: a cohort chart (cells shaded by the share) with its numbers, and
// per reminder kind the share followed by its action. Strings are local to this view.
import { clinicTime } from '/core/format.mjs';
import * as api from '../api.mjs';
import { lang } from '../i18n.mjs';
import { h, clear } from '../dom.mjs';
import { state, showError, flash, clinicOffset } from '../ui.mjs';

const kText = {
  'zh-CN': {
    title: '消息与留存', messages: '订阅消息', failures_only: '只看失败与重试', time: '时间', member: '会员', kind: '类型',
    status: '状态', attempts: '尝试', error: '原因', reviews: '评价', by_doctor: '按医生', by_department: '按科室',
    name: '名称', count: '条数', average: '平均星级', latest: '最新评价', stars: '星级', text: '内容', publish: '发布',
    published: '已发布', retention: '留存（按注册月份）', cohort: '注册月', members: '人数', reminders: '提醒效果',
    sent: '已发送', followed: '已行动', share: '比例', none: '暂无', poster: '前台海报（扫码进入小程序）', download: '下载海报',
    k_appointment_reminder: '就诊提醒', k_visit_followup: '就诊回访', k_coupon_expiring: '优惠券到期',
    k_points_expiring: '积分到期', k_points_released: '积分到账', k_referral_reward: '邀请奖励',
  },
  en: {
    title: 'Messages & retention', messages: 'Subscribe messages', failures_only: 'Failures and retries only', time: 'Time',
    member: 'Member', kind: 'Kind', status: 'Status', attempts: 'Attempts', error: 'Reason', reviews: 'Reviews',
    by_doctor: 'By doctor', by_department: 'By department', name: 'Name', count: 'Reviews', average: 'Average stars',
    latest: 'Latest reviews', stars: 'Stars', text: 'Text', publish: 'Publish', published: 'Published',
    retention: 'Retention (by month of joining)', cohort: 'Joined', members: 'Members', reminders: 'Reminders followed',
    sent: 'Sent', followed: 'Followed', share: 'Share', none: 'None yet',
    poster: 'Desk poster (scan to open the mini-program)', download: 'Download the poster',
    k_appointment_reminder: 'Appointment', k_visit_followup: 'Visit follow-up', k_coupon_expiring: 'Coupon expiring',
    k_points_expiring: 'Points expiring', k_points_released: 'Points released', k_referral_reward: 'Referral reward',
  },
};
const tx = (k) => (kText[lang()] || kText['zh-CN'])[k] || k;
const pct = (bp) => `${(bp / 100).toFixed(1)}%`;

export async function renderEngagement(main) {
  const off = clinicOffset();
  const failures = h('input', { id: 'msg-failures', type: 'checkbox' });
  const msgBody = h('tbody', { id: 'msg-body' });
  const reviews = h('div', { id: 'eng-reviews' });
  const retention = h('div', { id: 'eng-retention' });
  const msg = h('div');
  clear(main, h('h1', tx('title')), msg,
    h('section.card', h('h2', tx('messages')), h('label', failures, ' ', tx('failures_only')),
      h('table', { id: 'msg-table' }, h('thead', h('tr', [tx('time'), tx('member'), tx('kind'), tx('status'), tx('attempts'), tx('error')].map((x) => h('th', x)))), msgBody)),
    h('section.card', h('h2', tx('reviews')), reviews),
    h('section.card', h('h2', tx('retention')), retention),
    h('section.card', h('h2', tx('poster')),
      h('img', { id: 'eng-poster', src: api.desk('/poster.png'), alt: tx('poster'), width: '210', height: '210' }),
      h('div', h('a', { href: api.desk('/poster.png'), download: 'poster.png' }, tx('download')))));
  failures.addEventListener('change', () => loadMessages());

  async function loadMessages() {
    try {
      const { messages } = await api.get(api.manager(`/messages?limit=50${failures.checked ? '&failures=1' : ''}`));
      clear(msgBody, messages.length ? messages.map((m) => h(`tr.msg-${m.status}`, h('td', clinicTime(m.updated_at_ms, off)),
        h('td', String(m.member_id)), h('td', tx('k_' + m.kind)), h('td.status', m.status), h('td.num', String(m.attempts)),
        h('td', m.error))) : h('tr', h('td', { colspan: '6' }, tx('none'))));
    } catch (err) { showError(err, msg); }
  }

  async function loadReviews() {
    try {
      const r = await api.get(api.manager('/reviews?limit=50'));
      const groups = (list, title, id) => h('div', h('h3', title), h('table', { id },
        h('thead', h('tr', h('th', tx('name')), h('th.num', tx('count')), h('th.num', tx('average')))),
        h('tbody', list.map((g) => h('tr', h('td', g.name), h('td.num', String(g.count)),
          h('td.num', g.count ? (g.average_stars_x100 / 100).toFixed(2) : '—'))))));
      clear(reviews, groups(r.by_doctor, tx('by_doctor'), 'rev-doctors'), groups(r.by_department, tx('by_department'), 'rev-departments'),
        h('h3', tx('latest')), h('table', { id: 'rev-latest' },
          h('thead', h('tr', h('th', tx('time')), h('th.num', tx('stars')), h('th', tx('text')), h('th', tx('status')))),
          h('tbody', r.reviews.map((v) => h('tr', h('td', clinicTime(v.at_ms, off)), h('td.num', '★'.repeat(v.stars)),
            h('td', v.text || '—'),
            h('td', v.status === 'held' ? h('button', { type: 'button', class: 'publish', onclick: () => publish(v.id) }, tx('publish')) : tx('published')))))));
    } catch (err) { showError(err, msg); }
  }

  async function publish(id) {
    try {
      await api.post(api.manager(`/reviews/${id}/publish`));
      flash(tx('published'));
      await loadReviews();
    } catch (err) { showError(err, msg); }
  }

  async function loadRetention() {
    try {
      const r = await api.get(api.manager('/retention?months=6'));
      const width = Math.max(...r.cohorts.map((c) => c.active.length), 1);
      const cell = (a) => {
        const td = h('td.num.cohort-cell', a ? `${pct(a.share_bp)} (${a.members})` : '');
        // The chart: each cell shaded by its share (CSSOM, allowed by the page's CSP).
        if (a) td.style.backgroundColor = `rgba(11, 122, 90, ${(a.share_bp / 10000) * 0.85 + 0.05})`;
        return td;
      };
      clear(retention,
        h('table', { id: 'cohort-table' },
          h('thead', h('tr', h('th', tx('cohort')), h('th.num', tx('members')), Array.from({ length: width }, (_, i) => h('th.num', `+${i}`)))),
          h('tbody', r.cohorts.map((c) => h('tr', h('td', c.month), h('td.num', String(c.members)),
            Array.from({ length: width }, (_, i) => cell(c.active[i])))))),
        h('h3', tx('reminders')),
        h('table', { id: 'reminder-table' },
          h('thead', h('tr', h('th', tx('kind')), h('th.num', tx('sent')), h('th.num', tx('followed')), h('th.num', tx('share')))),
          h('tbody', r.reminders.map((k) => h('tr', h('td', tx('k_' + k.kind)), h('td.num', String(k.sent)),
            h('td.num', String(k.followed)), h('td.num', pct(k.share_bp)))))));
    } catch (err) { showError(err, msg); }
  }

  await Promise.all([loadMessages(), loadReviews(), loadRetention()]);
}

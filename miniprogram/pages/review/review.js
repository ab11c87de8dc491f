// Review (就诊评价): opened from the follow-up message (pages/review/review?visit_id=N) the
// day after a visit. Stars 1–5 and optional words, once per visit within 14 days; the
// server sends the words through WeChat's content check and credits the review points.
const api = require('../../lib/api.js');
const i18n = require('../../lib/i18n.js');
const display = require('../../lib/display.js');
const { localDate, errorText, toast } = require('../../lib/util.js');

Component({
  data: { s: {}, fc: '', visitId: 0, visitText: '', reviewable: false, deadline: '', stars: 0, starList: [1, 2, 3, 4, 5],
    text: '', review: null, result: '', error: '' },
  lifetimes: {
    attached() {
      i18n.applyTitle('rv_title');
      this.setData({ s: i18n.strings(), fc: display.fontClass() });
    },
  },
  methods: {
    onLoad(query) {
      const id = Number(query && query.visit_id);
      this.setData({ visitId: id });
      this.loading = this.load();
      return this.loading;
    },
    async load() {
      if (!this.data.visitId) return;
      try {
        const r = await api.get(`/api/v1/visits/${this.data.visitId}/review`);
        this.setData({
          visitText: `${r.visit.clinic_name} · ${localDate(r.visit.at_ms).iso}`,
          reviewable: r.reviewable,
          deadline: r.reviewable ? i18n.t('rv_until', { date: localDate(r.deadline_ms).iso }) : r.review ? '' : i18n.t('rv_closed'),
          review: r.review,
        });
      } catch (e) {
        this.setData({ error: errorText(e) });
      }
    },
    onStar(e) { this.setData({ stars: Number(e.currentTarget.dataset.n) }); },
    onText(e) { this.setData({ text: e.detail.value }); },
    async onSubmit() {
      if (!this.data.stars) { toast(i18n.t('rv_pick')); return null; }
      const body = { stars: this.data.stars };
      if (this.data.text.trim()) body.text = this.data.text.trim();
      try {
        const r = await api.post(`/api/v1/visits/${this.data.visitId}/review`, body);
        const done = i18n.t('rv_done');
        const result = r.review.status === 'held' ? i18n.t('rv_held') : r.points ? `${done} · ${i18n.t('rv_points', { points: r.points })}` : done;
        this.setData({ review: r.review, reviewable: false, result, error: '' });
        toast(done, 'success');
        return r;
      } catch (e) {
        this.setData({ error: errorText(e) });
        return null;
      }
    },
  },
});

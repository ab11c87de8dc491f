// Coupons: the catalogue priced in points (redeem → an issued coupon with a code the front
// desk verifies), and my coupons with their codes and status.
const api = require('../../lib/api.js');
const subscribe = require('../../lib/subscribe.js');
const i18n = require('../../lib/i18n.js');
const { localDate, toast, confirm, errorText } = require('../../lib/util.js');

Component({
  data: { s: {}, available: 0, catalogue: [], mine: [], error: '' },
  lifetimes: {
    attached() {
      subscribe.prefetch();
      i18n.applyTitle('cp_title');
      this.setData({ s: i18n.strings() });
      this.loading = this.load();
      return this.loading;
    },
  },
  methods: {
    async load() {
      try {
        const [cat, mine] = await Promise.all([api.get('/api/v1/coupons/catalogue'), api.get('/api/v1/coupons/mine')]);
        const en = i18n.isEnglish();
        const exclusive = {};
        for (const id of (cat.tier && cat.tier.exclusive_coupons) || []) exclusive[id] = true;
        const status = i18n.strings().coupon_status;
        this.setData({
          available: cat.available,
          catalogue: cat.catalogue.map((c) => ({
            id: c.id, name: en ? c.name_en : c.name_zh, price: c.price_points,
            cost: i18n.t('cp_cost', { points: c.price_points }),
            affordable: cat.available >= c.price_points, exclusive: !!exclusive[c.id],
          })),
          mine: mine.coupons.slice().reverse().map((c) => ({
            code: c.code, name: en ? c.name_en : c.name_zh, status: c.status, statusText: status[c.status] || c.status,
            validText: i18n.t('cp_valid_until', { date: localDate(c.valid_to_ms - 1).iso }),
          })),
          error: '',
        });
      } catch (e) {
        this.setData({ error: errorText(e) });
      }
    },
    async onRedeem(e) {
      const item = this.data.catalogue.find((c) => c.id === e.currentTarget.dataset.id);
      if (!item) return null;
      if (!(await confirm(i18n.t('cp_confirm', { name: item.name, points: item.price })))) return null;
      try {
        await subscribe.askFor(['coupon_expiring', 'points_expiring']);
        const r = await api.post('/api/v1/coupons/redeem', { catalogue_id: item.id });
        toast(i18n.t('cp_redeemed'), 'success');
        await this.load();
        return r;
      } catch (err) {
        toast(errorText(err));
        return null;
      }
    },
  },
});

/**
 * 街道总览 (street and community admins): every enclosure's 居住 / 返回 / 隔离 / 红 / 黄 /
 * 今日未申报 and their sum, busiest first (most red, then most isolated); tapping one opens its
 * 防疫地图.
 */
import type { EnclosureTally, Tally } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

const byConcern = (a: EnclosureTally, b: EnclosureTally) =>
  b.red - a.red || b.isolated - a.isolated || b.yellow - a.yellow || a.name.localeCompare(b.name);

Component({
  behaviors: [pageLife],
  data: {
    enclosures: [] as EnclosureTally[],
    totals: null as Tally | null,
  },
  methods: {
    async load() {
      const res = await call('estate', 'overview', {});
      if (res.code === 0)
        this.setData({
          totals: res.data.totals,
          enclosures: res.data.enclosures.filter((e) => !e.retired).sort(byConcern),
        });
      return res;
    },
    openMap(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/map/map?enclosureId=${String(e.currentTarget.dataset.id)}` });
    },
  },
});

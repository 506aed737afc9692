/**
 * 街道总览 (street and community admins): every enclosure's 居住 / 返回 / 隔离 / 红 / 黄 /
 * 今日未申报 and their sum, busiest first (most red, then most isolated); tapping one opens its
 * 防疫地图. Above the list, the street as a picture: a tile per enclosure coloured as its worst
 * (red, then isolated, then yellow), to see at a glance where the trouble is.
 */
import type { EnclosureTally, Tally } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

/** The tile's colour, as a building's on the 防疫地图 (core/site-plan.ts), by the enclosure's sums. */
const toneOf = (t: EnclosureTally) =>
  t.red ? 'red' : t.isolated ? 'isolated' : t.yellow ? 'yellow' : t.residents ? 'green' : 'empty';

const byConcern = (a: EnclosureTally, b: EnclosureTally) =>
  b.red - a.red || b.isolated - a.isolated || b.yellow - a.yellow || a.name.localeCompare(b.name);

Component({
  behaviors: [pageLife],
  data: {
    enclosures: [] as (EnclosureTally & { tone: string })[],
    totals: null as Tally | null,
  },
  methods: {
    async load() {
      const res = await call('estate', 'overview', {});
      if (res.code === 0)
        this.setData({
          totals: res.data.totals,
          enclosures: res.data.enclosures
            .filter((e) => !e.retired)
            .sort(byConcern)
            .map((e) => ({ ...e, tone: toneOf(e) })),
        });
      return res;
    },
    openMap(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/map/map?enclosureId=${String(e.currentTarget.dataset.id)}` });
    },
  },
});

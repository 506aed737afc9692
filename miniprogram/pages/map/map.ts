/** 防疫地图 (grid workers): my buildings' counts at a glance, isolated units highlighted; export. */
import type { MapBuilding } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

Component({
  behaviors: [pageLife],
  data: {
    totals: { residents: 0, isolated: 0, red: 0, yellow: 0, returned: 0 },
    buildings: [] as (MapBuilding & { units: string })[],
    message: '',
  },
  methods: {
    async load() {
      const res = await call('grid', 'map', {});
      if (res.code === 0)
        this.setData({
          totals: res.data.totals,
          buildings: res.data.buildings.map((b) => ({
            ...b,
            units: b.isolatedUnits.map((u) => `${u}单元`).join('、'),
          })),
        });
      return res;
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/building/building?buildingId=${String(e.currentTarget.dataset.id)}` });
    },
    async exportMap() {
      const res = await call('grid', 'export', { kind: 'map' });
      if (res.code !== 0) {
        this.setData({ message: res.message });
        return;
      }
      wx.setClipboardData({ data: res.data.url });
      this.setData({ message: `已导出 ${res.data.rows} 栋楼（姓名已脱敏），下载链接已复制` });
    },
  },
});

/** 楼栋详情 (from 防疫地图): floor by floor, with the building's isolated units. */
import { pageLife, type PageQuery } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

interface FloorRow {
  floor: string;
  residents: number;
  isolated: number;
  red: number;
  yellow: number;
}

Component({
  behaviors: [pageLife],
  data: { name: '', units: '', floors: [] as FloorRow[] },
  methods: {
    async load(query: PageQuery) {
      const res = await call('grid', 'building', { buildingId: query.buildingId ?? '' });
      if (res.code !== 0) return res;
      const b = res.data;
      const floors = Object.entries(b.byFloor)
        .map(([floor, c]) => ({ floor, residents: c.residents, isolated: c.isolated, red: c.red, yellow: c.yellow }))
        .sort((x, y) => Number(y.floor) - Number(x.floor));
      this.setData({
        name: b.buildingName,
        units: b.isolatedUnits.map((u) => `${u}单元`).join('、'),
        floors,
      });
      return res;
    },
  },
});

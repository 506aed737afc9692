/** 楼栋详情 (from 防疫地图): floor by floor, with the building's isolated units. */
import { call } from '../../services/cloud';

interface FloorRow {
  floor: string;
  residents: number;
  isolated: number;
  red: number;
  yellow: number;
}

Component({
  data: { loading: true, error: '', name: '', units: '', floors: [] as FloorRow[] },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      void this.load(options.buildingId ?? '');
    },
    async load(buildingId: string) {
      const res = await call('grid', 'building', { buildingId });
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      const b = res.data;
      const floors = Object.entries(b.byFloor)
        .map(([floor, c]) => ({ floor, residents: c.residents, isolated: c.isolated, red: c.red, yellow: c.yellow }))
        .sort((x, y) => Number(y.floor) - Number(x.floor));
      this.setData({
        loading: false,
        name: b.buildingName,
        units: b.isolatedUnits.map((u) => `${u}单元`).join('、'),
        floors,
      });
    },
  },
});

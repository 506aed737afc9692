/**
 * 防疫地图 (平面图): the enclosure's buildings on its site plan, each coloured by its state. A grid
 * worker taps one for its counts, who to call, and — for a building of their grids — its
 * elevation, floors by units with the sealed units marked. `?public=1` is the residents' version
 * (counts only, none under five), which anyone may save as a picture to print at the gate.
 */
import type { PlanBuilding, PublicPlan, SitePlan } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { POSTER_HEIGHT, POSTER_WIDTH, drawPublicPlan } from '../../utils/plan-image';
import { saveDrawing } from '../../utils/save-image';
import { showDone, showProblem } from '../../utils/toast';

const TONE_NAMES = { isolated: '有封闭单元', red: '有红码', yellow: '有黄码', green: '正常', empty: '无人居住' };

interface Cell {
  unit: number;
  sealed: boolean;
}
interface Floor {
  floor: number;
  isolated: number;
  cells: Cell[];
}

Component({
  behaviors: [pageLife, careMode],
  data: {
    public: false,
    plan: null as SitePlan | null,
    shown: null as PublicPlan | null,
    when: '',
    legend: Object.entries(TONE_NAMES).map(([tone, name]) => ({ tone, name })),
    picked: null as (PlanBuilding & { toneName: string }) | null,
    floors: [] as Floor[],
    elevationNote: '',
    saving: false,
    /** How a group under five shows (a literal `<` cannot stand in WXML text). */
    smallMark: '<5',
  },
  methods: {
    async load(query: PageQuery) {
      if (query.public === '1' && !this.data.public) this.setData({ public: true });
      if (this.data.public) {
        const res = await call('grid', 'publicPlan', {});
        if (res.code === 0)
          this.setData({ shown: res.data, when: res.data.computedAt ? formatMoment(res.data.computedAt) : '' });
        return res;
      }
      const res = await call('grid', 'plan', {});
      if (res.code === 0)
        this.setData({ plan: res.data, when: res.data.computedAt ? formatMoment(res.data.computedAt) : '' });
      return res;
    },
    async pick(e: WechatMiniprogram.TouchEvent) {
      const building = this.data.plan?.buildings.find((b) => b.id === e.currentTarget.dataset.id);
      if (!building) return;
      this.setData({
        picked: { ...building, toneName: TONE_NAMES[building.tone] },
        floors: [],
        elevationNote: building.mine ? '正在加载楼层…' : '非本人网格的楼栋，只显示合计',
      });
      if (!building.mine) return;
      const res = await call('grid', 'building', { buildingId: building.id });
      if (res.code !== 0) {
        this.setData({ elevationNote: res.message });
        return;
      }
      this.setData({ floors: elevationOf(building, res.data.byFloor), elevationNote: '' });
    },
    closePicked() {
      this.setData({ picked: null, floors: [] });
    },
    openPublic() {
      wx.navigateTo({ url: '/pages/siteplan/siteplan?public=1' });
    },
    async savePoster() {
      const shown = this.data.shown;
      if (!shown || this.data.saving) return;
      this.setData({ saving: true });
      const problem = await saveDrawing(POSTER_WIDTH, POSTER_HEIGHT, (pen) => drawPublicPlan(pen, shown));
      this.setData({ saving: false });
      if (problem) showProblem(problem);
      else showDone('已保存到相册');
    },
  },
});

/** Floors top down, each with its units; a sealed unit is marked on every floor. */
function elevationOf(building: PlanBuilding, byFloor: Record<string, { isolated: number }>): Floor[] {
  const floors = building.floors || Math.max(0, ...Object.keys(byFloor).map(Number));
  const units = building.units || 1;
  const sealed = new Set(building.isolatedUnits);
  return Array.from({ length: floors }, (_, i) => floors - i).map((floor) => ({
    floor,
    isolated: byFloor[String(floor)]?.isolated ?? 0,
    cells: Array.from({ length: units }, (_, u) => ({ unit: u + 1, sealed: sealed.has(u + 1) })),
  }));
}

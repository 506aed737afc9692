/**
 * 标注平面图 (street and 社区 admins): each building of an enclosure placed where it stands, so
 * that the 防疫地图 picture looks like the estate. Tap a building, move it with the arrows (5% a
 * step), save; only the buildings moved are sent.
 */
import type { PlanPosition } from '../../../typings';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showDone, showProblem } from '../../utils/toast';

const STEP = 5;
const clamp = (n: number) => Math.min(97, Math.max(3, n));
const MOVES: Record<string, PlanPosition> = {
  left: { x: -STEP, y: 0 },
  right: { x: STEP, y: 0 },
  up: { x: 0, y: -STEP },
  down: { x: 0, y: STEP },
};

interface Placed {
  id: string;
  name: string;
  position: PlanPosition;
  moved: boolean;
}

Component({
  behaviors: [pageLife],
  data: {
    enclosureId: '',
    enclosureName: '',
    buildings: [] as Placed[],
    selected: '',
    busy: false,
  },
  methods: {
    async load(query: PageQuery) {
      if (!this.data.enclosureId) this.setData({ enclosureId: query.enclosureId ?? '' });
      const res = await call('estate', 'placement', { enclosureId: this.data.enclosureId });
      if (res.code === 0)
        this.setData({
          enclosureName: res.data.enclosureName,
          buildings: res.data.buildings.map((b) => ({ id: b.id, name: b.name, position: b.position, moved: false })),
        });
      return res;
    },
    select(e: WechatMiniprogram.TouchEvent) {
      this.setData({ selected: String(e.currentTarget.dataset.id) });
    },
    move(e: WechatMiniprogram.TouchEvent) {
      const step = MOVES[String(e.currentTarget.dataset.dir)];
      const i = this.data.buildings.findIndex((b) => b.id === this.data.selected);
      if (i < 0 || !step) return showProblem('请先点选一栋楼');
      const { x, y } = this.data.buildings[i].position;
      this.setData({
        [`buildings[${i}].position`]: { x: clamp(x + step.x), y: clamp(y + step.y) },
        [`buildings[${i}].moved`]: true,
      });
    },
    async save() {
      const moved = this.data.buildings.filter((b) => b.moved);
      if (!moved.length) return showProblem('没有移动过的楼栋');
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('estate', 'place', {
        enclosureId: this.data.enclosureId,
        positions: moved.slice(0, 100).map((b) => ({ buildingId: b.id, ...b.position })),
      });
      this.setData({ busy: false });
      if (res.code !== 0) return showProblem(res.message);
      showDone('已保存');
      await this.refresh();
    },
  },
});

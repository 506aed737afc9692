/**
 * 防疫地图: a grid worker's own buildings (counts at a glance, isolated units highlighted, export),
 * who to call (the enclosure's 联系人 and 包干责任人, each building's 包干责任人), and each building's
 * floors a tap away; opened from the street console with `?enclosureId=`, any enclosure the admin manages.
 */
import type { BuildingPeople, MapBuilding } from '../../../typings';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

const ROLES = { contact: '联系人', responsible: '包干责任人' } as const;

type Callable = { role: string; name: string; phone: string };

function peopleOf(people: BuildingPeople | undefined): Callable[] {
  const out: Callable[] = [];
  for (const role of ['contact', 'responsible'] as const) {
    const person = people?.[role];
    if (person) out.push({ role: ROLES[role], name: person.name, phone: person.phone });
  }
  return out;
}

Component({
  behaviors: [pageLife],
  data: {
    totals: { residents: 0, isolated: 0, red: 0, yellow: 0, returned: 0 },
    buildings: [] as (MapBuilding & { units: string })[],
    people: [] as Callable[],
    message: '',
    /** Set when an admin opened the map of an enclosure from the console. */
    enclosureName: '',
    byAdmin: false,
  },
  methods: {
    async load(query: PageQuery) {
      const res = query.enclosureId
        ? await call('estate', 'map', { enclosureId: query.enclosureId })
        : await call('grid', 'map', {});
      if (res.code === 0)
        this.setData({
          byAdmin: !!query.enclosureId,
          enclosureName: (res.data as { enclosureName?: string }).enclosureName ?? '',
          totals: res.data.totals,
          people: peopleOf(res.data.enclosurePeople),
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
    dial(e: WechatMiniprogram.TouchEvent) {
      wx.makePhoneCall({ phoneNumber: String(e.currentTarget.dataset.phone) });
    },
    async exportMap() {
      const res = await call('grid', 'export', { kind: 'map' });
      if (res.code !== 0 || !res.data.done) {
        this.setData({ message: res.code !== 0 ? res.message : '' }); // the map is one call: always done
        return;
      }
      wx.setClipboardData({ data: res.data.url });
      this.setData({ message: `已导出 ${res.data.rows} 栋楼（姓名已脱敏），下载链接已复制` });
    },
  },
});

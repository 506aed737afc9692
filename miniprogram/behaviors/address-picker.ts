/**
 * Picking one's flat, shared by 住户登记 and 认领住户信息: the estate directory (loaded once per
 * visit), the 围合区 / 楼栋 / 单元 pickers (changing one resets those below it) and whether the
 * chosen building names its rooms as on the door (A12, a 城中村 rental) or by floor (501), which
 * the room field's placeholder and hint follow.
 *
 * A page composes it after pageLife (`behaviors: [pageLife, addressPicker]`), returns
 * `loadDirectory()` from its `load()` (or its own refusal first), and sends `pickedAddress()` with
 * the form. WXML cannot be shared, so each page draws the pickers itself: `picker.pick-enclosure`
 * bound to `onEnclosure`, the building and unit pickers to `onBuilding` / `onUnit`, and the room
 * input writing `room` (the page's `onField` with `data-field="room"`), its hint from `labelledRooms`.
 */
import type { DirectoryView } from '../../typings';
import { call } from '../services/cloud';
import type { LoadAnswer } from './page-life';

export type Enclosure = DirectoryView['enclosures'][number];
type Building = Enclosure['buildings'][number];

/** What a form sends for the flat picked, as RegisterRequest and ClaimRequest both name it. */
export interface PickedAddress {
  enclosureId: string;
  buildingId: string;
  unit: number;
  room: string;
}

const unitNamesOf = (building: Building | undefined) =>
  building ? Array.from({ length: building.units }, (_, i) => `${i + 1}单元`) : [];

export const addressPicker = Behavior({
  data: {
    enclosures: [] as Enclosure[],
    enclosureNames: [] as string[],
    buildingNames: [] as string[],
    unitNames: [] as string[],
    enclosureIndex: 0,
    buildingIndex: 0,
    unitIndex: 0,
    /** Rooms named as on the door (A12, a 城中村 rental) rather than numbered by floor (501). */
    labelledRooms: false,
    room: '',
  },
  methods: {
    /** The directory, fetched on the first load only, and the first enclosure picked. */
    async loadDirectory(): Promise<LoadAnswer> {
      // The directory does not change while one fills the form; fetching it again on each show
      // would reset the address already picked.
      if (this.data.enclosures.length) return { code: 0, message: '' };
      const res = await call('residents', 'directory', {});
      if (res.code !== 0) return res;
      this.setData({
        enclosures: res.data.enclosures,
        enclosureNames: res.data.enclosures.map((e) => e.name),
      });
      this.pickEnclosure(0);
      return res;
    },
    pickEnclosure(index: number) {
      const enclosure = this.data.enclosures[index];
      this.setData({
        enclosureIndex: index,
        buildingNames: enclosure ? enclosure.buildings.map((b) => b.name) : [],
      });
      this.pickBuilding(0);
    },
    pickBuilding(index: number) {
      const building = this.data.enclosures[this.data.enclosureIndex]?.buildings[index];
      this.setData({
        buildingIndex: index,
        unitIndex: 0,
        unitNames: unitNamesOf(building),
        labelledRooms: building?.roomScheme === 'labelled',
      });
    },
    onEnclosure(e: WechatMiniprogram.PickerChange) {
      this.pickEnclosure(Number(e.detail.value));
    },
    onBuilding(e: WechatMiniprogram.PickerChange) {
      this.pickBuilding(Number(e.detail.value));
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitIndex: Number(e.detail.value) });
    },
    /** The flat as picked; null while there is nothing to pick (an empty directory or enclosure). */
    pickedAddress(): PickedAddress | null {
      const enclosure = this.data.enclosures[this.data.enclosureIndex];
      const building = enclosure?.buildings[this.data.buildingIndex];
      if (!building) return null;
      return {
        enclosureId: enclosure.id,
        buildingId: building.id,
        unit: this.data.unitIndex + 1,
        room: this.data.room,
      };
    },
  },
});

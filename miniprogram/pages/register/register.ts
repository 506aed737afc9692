/**
 * 住户登记: a newcomer gives name, ID number, phone and address. The ID number is only matched
 * (kept as a keyed hash) and the phone is kept encrypted; both are shown masked everywhere.
 * After registering the resident is yellow until a grid worker verifies them.
 */
import type { DirectoryView } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';

type Enclosure = DirectoryView['enclosures'][number];

Component({
  behaviors: [pageLife],
  data: {
    enclosures: [] as Enclosure[],
    enclosureNames: [] as string[],
    buildingNames: [] as string[],
    unitNames: [] as string[],
    enclosureIndex: 0,
    buildingIndex: 0,
    unitIndex: 0,
    name: '',
    idNumber: '',
    phone: '',
    room: '',
    errors: {} as Record<string, string>,
    submitting: false,
    requestId: '',
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
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
      const building = enclosure?.buildings[0];
      this.setData({
        enclosureIndex: index,
        buildingIndex: 0,
        unitIndex: 0,
        buildingNames: enclosure ? enclosure.buildings.map((b) => b.name) : [],
        unitNames: building ? Array.from({ length: building.units }, (_, i) => `${i + 1}单元`) : [],
      });
    },
    onEnclosure(e: WechatMiniprogram.PickerChange) {
      this.pickEnclosure(Number(e.detail.value));
    },
    onBuilding(e: WechatMiniprogram.PickerChange) {
      const building = this.data.enclosures[this.data.enclosureIndex].buildings[Number(e.detail.value)];
      this.setData({
        buildingIndex: Number(e.detail.value),
        unitIndex: 0,
        unitNames: Array.from({ length: building.units }, (_, i) => `${i + 1}单元`),
      });
    },
    onUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitIndex: Number(e.detail.value) });
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    async submit() {
      if (this.data.submitting) return;
      const enclosure = this.data.enclosures[this.data.enclosureIndex];
      const building = enclosure.buildings[this.data.buildingIndex];
      this.setData({ submitting: true, errors: {} });
      const res = await call('residents', 'register', {
        requestId: this.data.requestId,
        name: this.data.name,
        idNumber: this.data.idNumber,
        phone: this.data.phone,
        enclosureId: enclosure.id,
        buildingId: building.id,
        unit: this.data.unitIndex + 1,
        room: this.data.room,
      });
      if (res.code !== 0) {
        this.setData({ submitting: false, errors: fieldErrors(res) });
        return;
      }
      this.setData({ submitting: false });
      wx.redirectTo({ url: '/pages/pass/pass' });
    },
  },
});

/**
 * 车辆登记 (grid workers): the enclosure's registered vehicles — supply vehicles first, with their
 * supplier, masked driver and days — each removable with a reason; and the form to register one:
 * a household's car by its flat (in my grid), or a supply vehicle (supplier, driver, from which
 * day, for how long). The gate refuses every plate not on this list.
 */
import type { VehicleEntry } from '../../../typings';
import { addressPicker } from '../../behaviors/address-picker';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { visitDays } from '../../shared/visits';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { showOutcome } from '../../utils/toast';
import { askReason } from '../../utils/ask-reason';

const KINDS = [
  { code: 'resident', label: '住户车辆' },
  { code: 'supply', label: '保供车辆' },
] as const;
const SPANS = [1, 3, 7, 14, 31];

Component({
  behaviors: [pageLife, addressPicker],
  data: {
    vehicles: [] as VehicleEntry[],
    kindNames: KINDS.map((k) => k.label),
    kindIndex: 0,
    plate: '',
    supplier: '',
    driverName: '',
    driverPhone: '',
    days: visitDays(Date.now(), 8),
    dayIndex: 0,
    spanNames: SPANS.map((n) => `${n} 天`),
    spanIndex: 2,
    errors: {} as Record<string, string>,
    submitting: false,
  },
  methods: {
    async load() {
      this.setData({ days: visitDays(Date.now(), 8) });
      const [list, directory] = await Promise.all([call('gate', 'vehicles', {}), this.loadDirectory()]);
      if (list.code !== 0) return list;
      this.setData({ vehicles: list.data });
      return directory;
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ kindIndex: Number(e.detail.value), errors: {} });
    },
    onDay(e: WechatMiniprogram.PickerChange) {
      this.setData({ dayIndex: Number(e.detail.value) });
    },
    onSpan(e: WechatMiniprogram.PickerChange) {
      this.setData({ spanIndex: Number(e.detail.value) });
    },
    async submit() {
      if (this.data.submitting) return;
      const plate = this.data.plate.trim();
      if (!plate) {
        this.setData({ errors: { plate: '请填写车牌号' } });
        return;
      }
      const kind = KINDS[this.data.kindIndex].code;
      let res;
      this.setData({ submitting: true });
      if (kind === 'resident') {
        const address = this.pickedAddress();
        if (!address || !address.room.trim()) {
          this.setData({ submitting: false, errors: { room: '请填写房号' } });
          return;
        }
        const { buildingId, unit, room } = address;
        res = await call('gate', 'registerVehicle', { kind, plate, buildingId, unit, room: room.trim() });
      } else {
        const from = this.data.days[this.data.dayIndex];
        const span = SPANS[this.data.spanIndex];
        const to = visitDays(from.start, span)[span - 1];
        res = await call('gate', 'registerVehicle', {
          kind,
          plate,
          supplier: this.data.supplier,
          driverName: this.data.driverName,
          driverPhone: this.data.driverPhone,
          fromDate: from.date,
          toDate: to.date,
        });
      }
      this.setData({ submitting: false });
      if (res.code !== 0) {
        this.setData({ errors: placedErrors(fieldErrors(res), SHOWN) });
        return;
      }
      this.setData({ errors: {}, plate: '', supplier: '', driverName: '', driverPhone: '', room: '' });
      showOutcome(res, '车辆已登记');
      await this.refresh();
    },
    async remove(e: WechatMiniprogram.TouchEvent) {
      const vehicle = this.data.vehicles.find((v) => v.id === e.currentTarget.dataset.id);
      if (!vehicle) return;
      const reason = await askReason({
        title: `注销 ${vehicle.plate}`,
        placeholder: '请填写原因，如 住户已搬离',
        confirmText: '注销',
        tooShort: '请填写注销原因（至少 2 个字）',
      });
      if (reason === null) return;
      const res = await call('gate', 'removeVehicle', { vehicleId: vehicle.id, reason });
      if (showOutcome(res, '已注销，卡口不再放行')) await this.refresh();
    },
  },
});

const SHOWN = ['plate', 'room', 'supplier', 'driverName', 'driverPhone', 'fromDate', 'toDate'];

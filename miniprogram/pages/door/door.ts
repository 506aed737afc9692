/**
 * 上门登记 (grid workers): registering a household at its door or the gate — the flat, then each
 * person (name, relation, birth year; ID number and phone when they have them), the resident's
 * consent, and where it happened. Confirmed first; everyone registered is verified at once, and
 * those without a phone can be given a 爱心码 next.
 */
import type { DoorPerson } from '../../../typings';
import { addressPicker } from '../../behaviors/address-picker';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showProblem } from '../../utils/toast';

const RELATIONS = [
  { code: 'head', label: '户主' },
  { code: 'member', label: '家庭成员' },
  { code: 'elder', label: '老人' },
  { code: 'child', label: '子女' },
] as const;
const PLACES = [
  { code: 'door', label: '上门' },
  { code: 'gate', label: '卡口' },
] as const;

interface PersonForm {
  name: string;
  relationIndex: number;
  birthYear: string;
  idNumber: string;
  phone: string;
}
const blank = (relationIndex: number): PersonForm => ({
  name: '',
  relationIndex,
  birthYear: '',
  idNumber: '',
  phone: '',
});

/** What the form can say about a person before sending: the server checks the rest. */
function personProblems(p: PersonForm, i: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (p.name.trim().length < 2) errors[`people.${i}.name`] = '请填写姓名';
  if (!/^\d{4}$/.test(p.birthYear.trim())) errors[`people.${i}.birthYear`] = '请填写出生年份，如 1950';
  return errors;
}

Component({
  behaviors: [pageLife, addressPicker],
  data: {
    people: [blank(0)] as PersonForm[],
    relationNames: RELATIONS.map((r) => r.label),
    placeNames: PLACES.map((p) => p.label),
    placeIndex: 0,
    consent: false,
    errors: {} as Record<string, string>,
    submitting: false,
    /** Kept until the household is registered: a retry after a lost answer registers it once. */
    requestId: '',
    registered: [] as { residentId: string; maskedName: string }[],
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      return this.loadDirectory();
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    onPerson(e: WechatMiniprogram.Input) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: keyof PersonForm };
      this.setData({ [`people[${index}].${field}`]: e.detail.value });
    },
    onRelation(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`people[${Number(e.currentTarget.dataset.index)}].relationIndex`]: Number(e.detail.value) });
    },
    onPlace(e: WechatMiniprogram.PickerChange) {
      this.setData({ placeIndex: Number(e.detail.value) });
    },
    onConsent(e: WechatMiniprogram.CheckboxGroupChange) {
      this.setData({ consent: e.detail.value.includes('yes') });
    },
    addPerson() {
      if (this.data.people.length >= 8) return;
      this.setData({ people: [...this.data.people, blank(2)] });
    },
    removePerson(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ people: this.data.people.filter((_, i) => i !== index), errors: {} });
    },
    async submit() {
      if (this.data.submitting) return;
      const address = this.pickedAddress();
      const errors: Record<string, string> = Object.assign({}, ...this.data.people.map(personProblems));
      if (!address) errors.form = '暂无可选择的楼栋，请联系街道管理员';
      else if (!address.room.trim()) errors.room = '请填写房号';
      if (!this.data.consent) errors.consent = '请先告知登记用途并征得住户同意';
      this.setData({ errors });
      if (Object.keys(errors).length || !address) return;
      const place = PLACES[this.data.placeIndex];
      const flat = `${this.data.buildingNames[this.data.buildingIndex]}${address.unit}单元${address.room}室`;
      const { confirm } = await wx.showModal({
        title: '确认登记',
        content: `${place.label}登记 ${flat} 共 ${this.data.people.length} 人，登记后即为已核实（核实人为您）。`,
        confirmText: '登记',
        cancelText: '再看看',
      });
      if (!confirm) return;
      this.setData({ submitting: true });
      const people: DoorPerson[] = this.data.people.map((p) => ({
        name: p.name.trim(),
        relation: RELATIONS[p.relationIndex].code,
        birthYear: Number(p.birthYear),
        ...(p.idNumber.trim() ? { idNumber: p.idNumber.trim() } : {}),
        ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
      }));
      const res = await call('residents', 'registerAtDoor', {
        requestId: this.data.requestId,
        buildingId: address.buildingId,
        unit: address.unit,
        room: address.room.trim(),
        place: place.code,
        consent: true,
        people,
      });
      this.setData({ submitting: false });
      if (res.code !== 0) {
        const errors = fieldErrors(res);
        this.setData({ errors });
        if (!res.field && !res.errors) showProblem(res.message);
        return;
      }
      // Done: the next household starts from an empty form and a new request.
      this.setData({
        registered: res.data.residents,
        people: [blank(0)],
        room: '',
        consent: false,
        requestId: newRequestId(),
      });
    },
    toCards() {
      wx.navigateTo({ url: '/pages/cards/cards' });
    },
  },
});

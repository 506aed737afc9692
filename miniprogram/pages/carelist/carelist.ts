/**
 * 关爱对象 (grid workers): the vulnerable of one's grid who are not isolated — elders living alone,
 * disabled people, pregnant women, the chronically ill — each with a visit or call plan for a
 * volunteer, the overdue first. A new one is found by their flat (the members registered there),
 * then given categories, a way and how often; 结束关爱 asks why. Plans and checks are the cloud's.
 */
import type { CareCategory, CareSubject, CareWay, FlatMember } from '../../../typings';
import { addressPicker } from '../../behaviors/address-picker';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { CATEGORY_NAMES, WAY_NAMES } from '../../shared/care-names';
import { askReason } from '../../utils/ask-reason';
import { fieldErrors } from '../../utils/errors';
import { showOutcome } from '../../utils/toast';
import { dueText } from '../../utils/care-due';

const CATEGORIES = Object.entries(CATEGORY_NAMES).map(([key, label]) => ({ key: key as CareCategory, label }));
const WAYS = Object.entries(WAY_NAMES).map(([key, label]) => ({ key: key as CareWay, label }));
const EVERY = [
  { days: 1, label: '每天' },
  { days: 2, label: '每 2 天' },
  { days: 3, label: '每 3 天' },
  { days: 7, label: '每周' },
];

type Shown = CareSubject & { due: string; kinds: string };

Component({
  behaviors: [pageLife, addressPicker],
  data: {
    subjects: [] as Shown[],
    members: [] as FlatMember[],
    chosen: '' as string,
    categories: CATEGORIES.map((c) => ({ ...c, checked: false })),
    wayNames: WAYS.map((w) => w.label),
    wayIndex: 0,
    everyNames: EVERY.map((e) => e.label),
    everyIndex: 0,
    note: '',
    errors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async load() {
      const res = await call('care', 'subjects', {});
      if (res.code !== 0) return res;
      this.setData({ subjects: res.data.map((s) => ({ ...s, due: dueText(s), kinds: s.categories.join('、') })) });
      return this.loadDirectory();
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    async find() {
      const address = this.pickedAddress();
      if (!address || !address.room.trim()) {
        this.setData({ errors: { room: '请填写房号' } });
        return;
      }
      const { buildingId, unit, room } = address;
      const res = await call('care', 'flat', { buildingId, unit, room: room.trim() });
      this.setData({
        errors: res.code === 0 ? {} : fieldErrors(res),
        members: res.code === 0 ? res.data : [],
        chosen: '',
      });
    },
    choose(e: WechatMiniprogram.TouchEvent) {
      this.setData({ chosen: String(e.currentTarget.dataset.id) });
    },
    onCategories(e: WechatMiniprogram.CheckboxGroupChange) {
      const picked = new Set(e.detail.value);
      this.setData({ categories: this.data.categories.map((c) => ({ ...c, checked: picked.has(c.key) })) });
    },
    onWay(e: WechatMiniprogram.PickerChange) {
      this.setData({ wayIndex: Number(e.detail.value) });
    },
    onEvery(e: WechatMiniprogram.PickerChange) {
      this.setData({ everyIndex: Number(e.detail.value) });
    },
    async enrol() {
      if (this.data.busy) return;
      const categories = this.data.categories.filter((c) => c.checked).map((c) => c.key);
      const errors: Record<string, string> = {};
      if (!this.data.chosen) errors.residentId = '请先查找房屋并选择住户';
      if (!categories.length) errors.categories = '请至少选择一个关爱类别';
      this.setData({ errors });
      if (Object.keys(errors).length) return;
      this.setData({ busy: true });
      const res = await call('care', 'enrol', {
        residentId: this.data.chosen,
        categories,
        way: WAYS[this.data.wayIndex].key,
        everyDays: EVERY[this.data.everyIndex].days,
        ...(this.data.note.trim() ? { note: this.data.note.trim() } : {}),
      });
      this.setData({ busy: false, errors: res.code === 0 ? {} : fieldErrors(res) });
      if (!showOutcome(res, '已登记')) return;
      this.setData({
        members: [],
        chosen: '',
        note: '',
        categories: CATEGORIES.map((c) => ({ ...c, checked: false })),
      });
      await this.refresh();
    },
    async end(e: WechatMiniprogram.TouchEvent) {
      const residentId = String(e.currentTarget.dataset.id);
      const reason = await askReason({
        title: '结束关爱',
        placeholder: '原因，如：子女接回同住',
        confirmText: '结束',
        tooShort: '请填写结束原因（至少 2 个字）',
      });
      if (!reason) return;
      const res = await call('care', 'unenrol', { residentId, reason });
      if (showOutcome(res, '已结束')) await this.refresh();
    },
  },
});

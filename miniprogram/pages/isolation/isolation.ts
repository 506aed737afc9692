/**
 * 隔离打卡: why I am isolated and until when, today's check-in (twice a day, in its window), and
 * help from our volunteer. Opened from 首页 or 我的家庭 (for a member, with residentId).
 */
import type { MyIsolation } from '../../../typings';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { formatUntil } from '../../utils/status';

const CARE = [
  { kind: 'supplies', label: '代购生活物资' },
  { kind: 'meal', label: '送餐' },
  { kind: 'medicine', label: '代购药品' },
  { kind: 'rubbish', label: '上门收垃圾' },
] as const;

Component({
  behaviors: [pageLife],
  data: {
    residentId: '',
    isolated: false,
    orders: [] as (MyIsolation['orders'][number] & { endText: string })[],
    windowText: '',
    canCheckIn: false,
    checkedIn: false,
    temperature: '',
    errors: {} as Record<string, string>,
    message: '',
    care: CARE.map((c) => ({ ...c })),
    reminderTemplateId: '',
  },
  methods: {
    async load(query: PageQuery) {
      this.setData({ residentId: query.residentId ?? '' });
      const res = await call('quarantine', 'mine', this.data.residentId ? { residentId: this.data.residentId } : {});
      if (res.code !== 0) return res;
      const mine = res.data;
      this.setData({
        isolated: mine.isolated,
        orders: mine.orders.map((o) => ({
          ...o,
          endText: `预计 ${formatUntil(o.plannedEnd)} 解除，还剩 ${o.daysLeft} 天${o.awaitingDecision ? '（待网格员确认）' : ''}`,
        })),
        windowText: mine.window
          ? `本次打卡时段至 ${formatUntil(mine.window.end).slice(-5)}`
          : `下次打卡：${formatUntil(mine.next)}`,
        canCheckIn: !!mine.window && !mine.checkedIn,
        checkedIn: mine.checkedIn,
        reminderTemplateId: mine.reminderTemplateId ?? '',
      });
      return res;
    },
    onTemperature(e: WechatMiniprogram.Input) {
      this.setData({ temperature: e.detail.value });
    },
    async checkIn() {
      const temperature = Number(this.data.temperature);
      if (!this.data.temperature || Number.isNaN(temperature)) {
        this.setData({ errors: { temperature: '请填写体温' } });
        return;
      }
      const res = await call('quarantine', 'checkin', {
        temperature,
        symptoms: [],
        ...(this.data.residentId ? { residentId: this.data.residentId } : {}),
      });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      this.setData({ errors: {}, message: res.data.alerted ? '体温或症状异常，网格员将尽快联系您' : '打卡成功' });
      await this.refresh();
    },
    /** One tap grants one reminder (WeChat's rule for ordinary mini-programs). */
    async subscribe() {
      const templateId = this.data.reminderTemplateId;
      const res = await wx.requestSubscribeMessage({ tmplIds: [templateId] }).catch(() => null);
      if (!res || (res as unknown as Record<string, string>)[templateId] !== 'accept') return;
      const saved = await call('quarantine', 'subscribe', { accepted: 1 });
      this.setData({
        message: saved.code === 0 ? `将在下次打卡时段提醒您（剩余 ${saved.data.remaining} 次）` : saved.message,
      });
    },
    async askForHelp(e: WechatMiniprogram.TouchEvent) {
      const kind = e.currentTarget.dataset.kind as (typeof CARE)[number]['kind'];
      const res = await call('care', 'request', { requestId: newRequestId(), kind });
      this.setData({ message: res.code === 0 ? `已通知志愿者${res.data.volunteerName}，物品将放在门口` : res.message });
    },
  },
});

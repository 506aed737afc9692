/**
 * 亲友来访 (the host household): ask for a visitor — name, phone, the day they come, how many days
 * they stay (at most 3), why — and follow each request: 待审批, 已批准 (the visitor gives the guard
 * their phone number at a gate of our enclosure on those days), 未批准 with the grid worker's
 * reason, or cancel it. Days are offered as a list (今天, 明天, …) rather than a calendar: no
 * date the rules refuse can be picked.
 */
import type { VisitEntry } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showOutcome } from '../../utils/toast';
import { VISIT_AHEAD_DAYS, VISIT_MAX_DAYS, VISIT_STATE_NAMES, visitDays } from '../../shared/visits';

const SHOWN = ['visitorName', 'visitorPhone', 'fromDate', 'toDate', 'reason'];
const STAYS = Array.from({ length: VISIT_MAX_DAYS }, (_, i) => i + 1);

type Row = VisitEntry & { stateName: string; days: string; open: boolean };

Component({
  behaviors: [careMode, pageLife],
  data: {
    form: { visitorName: '', visitorPhone: '', reason: '' },
    dayIndex: 1,
    stayIndex: 0,
    // Today and the 7 days after it, as the server allows.
    days: visitDays(Date.now(), VISIT_AHEAD_DAYS + 1),
    stayNames: STAYS.map((n) => `${n} 天`),
    errors: {} as Record<string, string>,
    requestId: '',
    submitting: false,
    visits: [] as Row[],
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      this.setData({ days: visitDays(Date.now(), VISIT_AHEAD_DAYS + 1) });
      const res = await call('gate', 'myVisits', {});
      if (res.code === 0)
        this.setData({
          visits: res.data.map((v) => ({
            ...v,
            stateName: VISIT_STATE_NAMES[v.state],
            days: v.fromDate === v.toDate ? v.fromDate : `${v.fromDate} 至 ${v.toDate}`,
            open: v.state === 'pending' || v.state === 'approved',
          })),
        });
      return res;
    },
    onField(e: WechatMiniprogram.Input) {
      this.setData({ [`form.${String(e.currentTarget.dataset.field)}`]: e.detail.value });
    },
    chooseDay(e: WechatMiniprogram.PickerChange) {
      this.setData({ dayIndex: Number(e.detail.value) });
    },
    chooseStay(e: WechatMiniprogram.PickerChange) {
      this.setData({ stayIndex: Number(e.detail.value) });
    },
    async submit() {
      if (this.data.submitting) return;
      const { days, dayIndex, stayIndex, form } = this.data;
      const from = days[dayIndex];
      // The last day the visitor stays: as many days on from the first as chosen.
      const to = visitDays(from.start, STAYS[stayIndex])[STAYS[stayIndex] - 1];
      this.setData({ submitting: true });
      const res = await call('gate', 'requestVisit', {
        requestId: this.data.requestId,
        visitorName: form.visitorName,
        visitorPhone: form.visitorPhone,
        fromDate: from.date,
        toDate: to.date,
        reason: form.reason,
      });
      this.setData({ submitting: false });
      if (res.code !== 0) {
        this.setData({ errors: placedErrors(fieldErrors(res), SHOWN) });
        return;
      }
      this.setData({
        errors: {},
        form: { visitorName: '', visitorPhone: '', reason: '' },
        requestId: newRequestId(),
      });
      showOutcome(res, '已提交，待网格员审批');
      await this.refresh();
    },
    async cancel(e: WechatMiniprogram.TouchEvent) {
      const visit = this.data.visits.find((v) => v.id === e.currentTarget.dataset.id);
      if (!visit) return;
      const { confirm } = await wx.showModal({
        title: '取消来访',
        content: `取消${visit.visitorMaskedName}（${visit.days}）的来访？取消后卡口不再放行。`,
        confirmText: '取消来访',
        cancelText: '不取消',
      });
      if (!confirm) return;
      const res = await call('gate', 'cancelVisit', { visitId: visit.id });
      if (showOutcome(res, '已取消')) await this.refresh();
    },
  },
});

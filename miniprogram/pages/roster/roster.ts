/**
 * 隔离名单 (grid workers): who missed a check-in and for how long, abnormal check-ins, and
 * isolations waiting for a decision; a call button per person; and putting a building unit under
 * isolation after a confirmed case.
 */
import type { Roster } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';

Component({
  behaviors: [pageLife],
  data: {
    roster: { missed: [], alerts: [], awaitingDecision: [] } as Roster,
    /** order:decision → the request id of a decision not yet confirmed. */
    decisionRequests: {} as Record<string, string | undefined>,
    unitForm: { buildingId: '', unit: '', reason: '' },
    errors: {} as Record<string, string>,
    message: '',
  },
  methods: {
    async load() {
      const res = await call('quarantine', 'roster', {});
      if (res.code === 0) this.setData({ roster: res.data });
      return res;
    },
    onUnitField(e: WechatMiniprogram.Input) {
      this.setData({ [`unitForm.${String(e.currentTarget.dataset.field)}`]: e.detail.value });
    },
    async isolateUnit() {
      const { buildingId, unit, reason } = this.data.unitForm;
      const res = await call('quarantine', 'isolateUnit', {
        requestId: newRequestId(),
        buildingId,
        unit: Number(unit),
        reason,
      });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      this.setData({ errors: {}, message: `已对该单元 ${res.data.isolated} 名住户下达隔离` });
      await this.refresh();
    },
    async call(e: WechatMiniprogram.TouchEvent) {
      const res = await call('quarantine', 'callResident', { residentId: String(e.currentTarget.dataset.id) });
      if (res.code !== 0) {
        this.setData({ message: res.message });
        return;
      }
      wx.makePhoneCall({ phoneNumber: res.data.phone });
    },
    async decide(e: WechatMiniprogram.TouchEvent) {
      const { id, decision } = e.currentTarget.dataset as { id: string; decision: 'end' | 'extend' };
      // Kept until the decision lands: tapping again after a failed network resends the same decision.
      const key = `${id}:${decision}`;
      const requestId = this.data.decisionRequests[key] ?? newRequestId();
      this.setData({ [`decisionRequests.${key}`]: requestId });
      const res = await call('quarantine', 'decide', {
        requestId,
        orderId: id,
        decision,
        why: decision === 'end' ? '网格员核实后解除' : '测温异常，延长观察',
        ...(decision === 'extend' ? { days: 3 } : {}),
      });
      if (res.code === 0) this.setData({ [`decisionRequests.${key}`]: undefined });
      this.setData({ message: res.code === 0 ? (decision === 'end' ? '已解除隔离' : '已延长隔离 3 天') : res.message });
      await this.refresh();
    },
  },
});

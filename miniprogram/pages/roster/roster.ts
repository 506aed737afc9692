/**
 * 隔离名单 (grid workers): isolations waiting for a decision first, then abnormal temperatures, then
 * who missed a check-in and for how long; a call button per person; and putting a building unit
 * under isolation after a confirmed case, picked from the worker's buildings and confirmed first
 * (it isolates everyone registered in the unit). Outcomes show as toasts, not at the list's end.
 */
import { dialResident } from '../../behaviors/dial-resident';
import type { Roster } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { overdueText } from '../../utils/status';
import { showDone, showOutcome, showProblem } from '../../utils/toast';

type Shown = Omit<Roster, 'missed'> & { missed: (Roster['missed'][number] & { overdue: string })[] };

Component({
  behaviors: [pageLife, dialResident],
  data: {
    roster: { missed: [], alerts: [], awaitingDecision: [], buildings: [] } as Shown,
    buildingNames: [] as string[],
    buildingIndex: -1,
    unitNames: [] as string[],
    unitIndex: -1,
    /** order:decision → the request id of a decision not yet confirmed. */
    decisionRequests: {} as Record<string, string | undefined>,
    unitForm: { reason: '' },
    errors: {} as Record<string, string>,
  },
  methods: {
    async load() {
      const res = await call('quarantine', 'roster', {});
      if (res.code === 0) {
        const missed = res.data.missed.map((m) => ({ ...m, overdue: overdueText(m.overdueHours) }));
        const still = res.data.buildings.findIndex((b) => b.id === this.chosenBuilding()?.id);
        this.setData({
          roster: { ...res.data, missed },
          buildingNames: res.data.buildings.map((b) => b.name),
          buildingIndex: still,
          ...(still < 0 ? { unitNames: [], unitIndex: -1 } : {}),
        });
      }
      return res;
    },
    chosenBuilding() {
      return this.data.roster.buildings[this.data.buildingIndex];
    },
    chooseBuilding(e: WechatMiniprogram.PickerChange) {
      const building = this.data.roster.buildings[Number(e.detail.value)];
      this.setData({
        buildingIndex: Number(e.detail.value),
        unitNames: Array.from({ length: building.units }, (_, i) => `${i + 1}单元`),
        unitIndex: building.units === 1 ? 0 : -1,
      });
    },
    chooseUnit(e: WechatMiniprogram.PickerChange) {
      this.setData({ unitIndex: Number(e.detail.value) });
    },
    onUnitField(e: WechatMiniprogram.Input) {
      this.setData({ [`unitForm.${String(e.currentTarget.dataset.field)}`]: e.detail.value });
    },
    async isolateUnit() {
      const building = this.chosenBuilding();
      const unit = this.data.unitIndex + 1;
      const reason = this.data.unitForm.reason.trim();
      const errors: Record<string, string> = {};
      if (!building) errors.buildingId = '请选择楼栋';
      else if (unit < 1) errors.unit = '请选择单元';
      if (reason.length < 2) errors.reason = '请填写原因，如出现确诊病例';
      this.setData({ errors });
      if (!building || unit < 1 || Object.keys(errors).length) return;
      // Everyone registered in the unit is isolated at once: the worker says so before it happens.
      const { confirm } = await wx.showModal({
        title: '确认单元隔离',
        content: `${building.name}${unit}单元的全部登记住户将居家隔离。原因：${reason}`,
        confirmText: '下达隔离',
        cancelText: '再想想',
      });
      if (!confirm) return;
      const res = await call('quarantine', 'isolateUnit', {
        requestId: newRequestId(),
        buildingId: building.id,
        unit,
        reason,
      });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        if (!res.field) showProblem(res.message);
        return;
      }
      showDone(`已隔离 ${res.data.isolated} 人`);
      await this.refresh();
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
      if (showOutcome(res, decision === 'end' ? '已解除隔离' : '已延长隔离 3 天')) await this.refresh();
    },
  },
});

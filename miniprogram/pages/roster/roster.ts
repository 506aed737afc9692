/**
 * 隔离名单 (grid workers), one tab per list with its count: isolations waiting for a decision,
 * abnormal temperatures, who missed a check-in and for how long, overdue 随访 and 关爱对象 contacts,
 * and 单元隔离 — putting a building
 * unit under isolation after a confirmed case, picked from the worker's buildings. A search box
 * narrows the lists by name or address. Every decision is confirmed with a reason, which the
 * resident is shown; outcomes show as toasts, not at the list's end.
 */
import { dialResident } from '../../behaviors/dial-resident';
import type { Roster } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { searchBox } from '../../behaviors/search-box';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { overdueText } from '../../utils/status';
import { showDone, showOutcome, showProblem } from '../../utils/toast';
import { askReason } from '../../utils/ask-reason';

type Shown = Omit<Roster, 'missed'> & { missed: (Roster['missed'][number] & { overdue: string })[] };
type Lists = Pick<Shown, 'awaitingDecision' | 'alerts' | 'missed' | 'overdueVisits' | 'overdueCare'>;
type Tab = 'decision' | 'alerts' | 'missed' | 'visits' | 'care' | 'unit';

const TABS: { key: Tab; label: string; list?: keyof Lists }[] = [
  { key: 'decision', label: '待确认解除', list: 'awaitingDecision' },
  // Fevers at the gate, abnormal check-ins, positive tests, 随访 outcomes, offline mismatches.
  { key: 'alerts', label: '健康异常', list: 'alerts' },
  { key: 'missed', label: '未打卡', list: 'missed' },
  { key: 'visits', label: '随访逾期', list: 'overdueVisits' },
  // 关爱对象 no volunteer reached on their day (未联系上 the same day is under 健康异常).
  { key: 'care', label: '关爱逾期', list: 'overdueCare' },
  { key: 'unit', label: '单元隔离' },
];
const EXTEND_DAYS = [3, 7, 14];

Component({
  behaviors: [pageLife, dialResident, searchBox],
  data: {
    roster: {
      missed: [],
      alerts: [],
      awaitingDecision: [],
      overdueVisits: [],
      overdueCare: [],
      buildings: [],
    } as Shown,
    /** The lists as the search narrows them. */
    shown: { missed: [], alerts: [], awaitingDecision: [], overdueVisits: [], overdueCare: [] } as Lists,
    tab: '' as Tab | '',
    tabs: TABS.map((t) => ({ key: t.key, label: t.label, count: null as number | null })),
    extendNames: EXTEND_DAYS.map((d) => `延长 ${d} 天`),
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
        const roster = { ...res.data, missed };
        // Opened, the first list with anyone in it; refreshed, the tab the worker is on.
        const tab = this.data.tab || (TABS.find((t) => t.list && roster[t.list].length)?.key ?? 'decision');
        this.setData({
          roster,
          tab,
          tabs: TABS.map((t) => ({ key: t.key, label: t.label, count: t.list ? roster[t.list].length : null })),
          buildingNames: res.data.buildings.map((b) => b.name),
          buildingIndex: still,
          ...(still < 0 ? { unitNames: [], unitIndex: -1 } : {}),
        });
        this.narrow();
      }
      return res;
    },
    chooseTab(e: WechatMiniprogram.TouchEvent) {
      this.setData({ tab: e.currentTarget.dataset.key as Tab });
    },
    narrow() {
      const { roster } = this.data;
      this.setData({
        shown: {
          awaitingDecision: this.searched(roster.awaitingDecision),
          alerts: this.searched(roster.alerts),
          missed: this.searched(roster.missed),
          overdueVisits: this.searched(roster.overdueVisits),
          overdueCare: this.searched(roster.overdueCare),
        },
      });
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
    end(e: WechatMiniprogram.TouchEvent) {
      return this.decide(String(e.currentTarget.dataset.id), 'end', 0);
    },
    extend(e: WechatMiniprogram.PickerChange) {
      return this.decide(String(e.currentTarget.dataset.id), 'extend', EXTEND_DAYS[Number(e.detail.value)]);
    },
    /** Confirmed with a reason first: the resident is shown who decided and why. */
    async decide(orderId: string, decision: 'end' | 'extend', days: number) {
      const person = this.data.roster.awaitingDecision.find((p) => p.orderId === orderId);
      if (!person) return;
      const why = await askReason({
        title: decision === 'end' ? `解除${person.maskedName}的隔离` : `${person.maskedName}延长隔离 ${days} 天`,
        placeholder: decision === 'end' ? '请填写理由，如 满14天且测温正常' : '请填写理由，如 测温缺报，延长观察',
        confirmText: decision === 'end' ? '解除隔离' : '延长隔离',
        tooShort: '请填写理由（至少 2 个字），住户将看到',
      });
      if (why === null) return;
      // Kept until the decision lands: tapping again after a failed network resends the same decision.
      const key = `${orderId}:${decision}:${days}`;
      const requestId = this.data.decisionRequests[key] ?? newRequestId();
      this.setData({ [`decisionRequests.${key}`]: requestId });
      const res = await call('quarantine', 'decide', {
        requestId,
        orderId,
        decision,
        why,
        ...(decision === 'extend' ? { days } : {}),
      });
      if (res.code === 0) this.setData({ [`decisionRequests.${key}`]: undefined });
      if (showOutcome(res, decision === 'end' ? '已解除隔离' : `已延长隔离 ${days} 天`)) await this.refresh();
    },
  },
});

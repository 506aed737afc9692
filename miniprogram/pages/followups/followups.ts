/**
 * 随访 (grid workers and medics): the visits planned in one's scope, the overdue first; each is
 * recorded with its outcome and a note. Anything but 情况正常 alerts the grid worker (the cloud's doing).
 */
import type { FollowUp, VisitOutcome } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { OUTCOME_NAMES } from '../../shared/health-names';
import { showOutcome, showProblem } from '../../utils/toast';

const OUTCOMES = Object.entries(OUTCOME_NAMES).map(([key, label]) => ({ key: key as VisitOutcome, label }));

Component({
  behaviors: [pageLife],
  data: {
    visits: [] as FollowUp[],
    outcomeLabels: OUTCOMES.map((o) => o.label),
    /** followupId → the note typed for it. */
    notes: {} as Record<string, string>,
  },
  methods: {
    /** 已转运: where to, recorded as a transfer to central isolation before the visit's outcome. */
    async transfer(followupId: string): Promise<boolean> {
      const visit = this.data.visits.find((v) => v.id === followupId)!;
      const asked = await wx.showModal({
        title: '转至哪个集中隔离点',
        editable: true,
        placeholderText: '如：区第一集中隔离点',
      });
      const place = (asked.content ?? '').trim();
      if (!asked.confirm || !place) return false;
      const res = await call('health', 'transfer', { residentId: visit.residentId, place });
      return showOutcome(res, '已登记转运');
    },
    async load() {
      const res = await call('health', 'visits', {});
      if (res.code === 0) this.setData({ visits: res.data });
      return res;
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ [`notes.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    async record(e: WechatMiniprogram.PickerChange) {
      const followupId = String(e.currentTarget.dataset.id);
      const note = (this.data.notes[followupId] ?? '').trim();
      if (note.length < 2) {
        showProblem('请先填写随访情况');
        return;
      }
      const outcome = OUTCOMES[Number(e.detail.value)].key;
      if (outcome === 'transferred' && !(await this.transfer(followupId))) return;
      const res = await call('health', 'recordVisit', { followupId, outcome, note });
      if (showOutcome(res, '已记录')) await this.refresh();
    },
  },
});

/**
 * 访客审批 (grid workers): the visit requests of my buildings, oldest first — who (masked), to
 * which flat, on which days, why — to approve, or to refuse with a reason the host reads; below,
 * the approved visits still to come or under way, so the worker knows who the gates expect.
 */
import type { VisitEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showOutcome } from '../../utils/toast';
import { askReason } from '../../utils/ask-reason';

type Row = VisitEntry & { days: string };
const withDays = (v: VisitEntry): Row => ({
  ...v,
  days: v.fromDate === v.toDate ? v.fromDate : `${v.fromDate} 至 ${v.toDate}`,
});

Component({
  behaviors: [pageLife],
  data: {
    pending: [] as Row[],
    approved: [] as Row[],
    deciding: '',
  },
  methods: {
    async load() {
      const res = await call('gate', 'visits', {});
      if (res.code === 0)
        this.setData({ pending: res.data.pending.map(withDays), approved: res.data.approved.map(withDays) });
      return res;
    },
    async approve(e: WechatMiniprogram.TouchEvent) {
      const visit = this.data.pending.find((v) => v.id === e.currentTarget.dataset.id);
      if (!visit || this.data.deciding) return;
      const { confirm } = await wx.showModal({
        title: '批准来访',
        content: `${visit.visitorMaskedName} 于 ${visit.days} 探访 ${visit.household}（${visit.reason}）。批准后本围合区卡口在此期间放行。`,
        confirmText: '批准',
        cancelText: '再想想',
      });
      if (confirm) await this.decide(visit.id, 'approve', undefined, '已批准');
    },
    async refuse(e: WechatMiniprogram.TouchEvent) {
      const visit = this.data.pending.find((v) => v.id === e.currentTarget.dataset.id);
      if (!visit || this.data.deciding) return;
      const why = await askReason({
        title: `不批准${visit.visitorMaskedName}来访`,
        placeholder: '请填写理由，如 本周暂停访客，可改为代购送达',
        confirmText: '不批准',
        tooShort: '请填写理由（至少 2 个字），住户将看到',
      });
      if (why === null) return;
      await this.decide(visit.id, 'refuse', why, '已答复住户');
    },
    async decide(visitId: string, decision: 'approve' | 'refuse', answer: string | undefined, done: string) {
      this.setData({ deciding: visitId });
      const res = await call('gate', 'decideVisit', { visitId, decision, ...(answer ? { answer } : {}) });
      this.setData({ deciding: '' });
      // Answered elsewhere meanwhile (another worker, the host cancelled): the list shows how it stands.
      if (showOutcome(res, done) || res.code === 'CONFLICT') await this.refresh();
    },
  },
});

/**
 * 隐患线索 (grid workers, 社区 and street admins): the reports of my places, oldest open first, or
 * those closed in the last 7 days. 接手 takes one; 办结 picks an outcome and writes the answer the
 * reporter reads — about what was done, never naming anyone.
 */
import type { ClueCase, ClueOutcome } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { CLUE_OUTCOME_NAMES } from '../../shared/clue-names';
import { showDone, showProblem } from '../../utils/toast';

const OUTCOMES = Object.keys(CLUE_OUTCOME_NAMES) as ClueOutcome[];

Component({
  behaviors: [pageLife],
  data: {
    closed: false,
    cases: [] as (ClueCase & { when: string })[],
    outcomeNames: OUTCOMES.map((o) => CLUE_OUTCOME_NAMES[o]),
    /** id → the answer being typed. */
    answers: {} as Record<string, string>,
    errors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async load() {
      const res = await call('clues', 'queue', { closed: this.data.closed });
      if (res.code === 0) this.setData({ cases: res.data.map((c) => ({ ...c, when: formatMoment(c.at) })) });
      return res;
    },
    async showTab(e: WechatMiniprogram.TouchEvent) {
      const closed = e.currentTarget.dataset.closed === true || e.currentTarget.dataset.closed === 'true';
      if (closed === this.data.closed) return;
      this.setData({ closed, cases: [] });
      await this.refresh();
    },
    preview(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url);
      wx.previewImage({ urls: [url], current: url });
    },
    onAnswer(e: WechatMiniprogram.Input) {
      this.setData({ [`answers.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    async take(e: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('clues', 'assign', { id: String(e.currentTarget.dataset.id) });
      this.setData({ busy: false });
      if (res.code !== 0) return showProblem(res.message);
      showDone('已接手');
      await this.refresh();
    },
    async close(e: WechatMiniprogram.PickerChange) {
      const id = String(e.currentTarget.dataset.id);
      const answer = (this.data.answers[id] ?? '').trim();
      if (!answer) {
        this.setData({ [`errors.${id}`]: '请先填写给反映人的答复' });
        return;
      }
      if (this.data.busy) return;
      this.setData({ busy: true, [`errors.${id}`]: '' });
      const res = await call('clues', 'handle', { id, outcome: OUTCOMES[Number(e.detail.value)], answer });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.setData({ [`errors.${id}`]: res.message });
        return;
      }
      showDone('已办结');
      this.setData({ [`answers.${id}`]: '' });
      await this.refresh();
    },
  },
});

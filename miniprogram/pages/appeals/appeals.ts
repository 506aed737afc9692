/**
 * 申诉处理 (grid workers): accept with the colour and the number of days the review decides, or
 * reject; both need an answer, and both are confirmed first (an accepted appeal overrides the
 * rules until its end, and the resident's pass says so). Outcomes show as toasts.
 */
import type { AppealEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showOutcome, showProblem } from '../../utils/toast';

const COLOURS = [
  { value: 'green', label: '绿码' },
  { value: 'yellow', label: '黄码' },
] as const;
const DAYS = Array.from({ length: 14 }, (_, i) => i + 1);

interface Choice {
  colour: number;
  days: number;
}

Component({
  behaviors: [pageLife],
  data: {
    appeals: [] as AppealEntry[],
    answers: {} as Record<string, string>,
    /** Per appeal: the index of the colour and of the days chosen (绿码, 3 天 until changed). */
    choices: {} as Record<string, Choice>,
    colourNames: COLOURS.map((c) => c.label),
    dayNames: DAYS.map((d) => `${d} 天`),
  },
  methods: {
    async load() {
      const res = await call('grid', 'appeals', {});
      if (res.code === 0) {
        const choices = Object.fromEntries(
          res.data.map((a) => [a.id, this.data.choices[a.id] ?? { colour: 0, days: 2 }]),
        );
        this.setData({ appeals: res.data, choices });
      }
      return res;
    },
    onAnswer(e: WechatMiniprogram.Input) {
      this.setData({ [`answers.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    chooseColour(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`choices.${String(e.currentTarget.dataset.id)}.colour`]: Number(e.detail.value) });
    },
    chooseDays(e: WechatMiniprogram.PickerChange) {
      this.setData({ [`choices.${String(e.currentTarget.dataset.id)}.days`]: Number(e.detail.value) });
    },
    async decide(e: WechatMiniprogram.TouchEvent) {
      const { id, decision } = e.currentTarget.dataset as { id: string; decision: 'accept' | 'reject' };
      const answer = (this.data.answers[id] ?? '').trim();
      if (!answer) {
        showProblem('请填写答复');
        return;
      }
      const appeal = this.data.appeals.find((a) => a.id === id);
      const choice = this.data.choices[id] ?? { colour: 0, days: 2 };
      const colour = COLOURS[choice.colour];
      const days = DAYS[choice.days];
      const { confirm } = await wx.showModal({
        title: decision === 'accept' ? '接受申诉' : '驳回申诉',
        content:
          decision === 'accept'
            ? `${appeal?.maskedName ?? ''}将复核为${colour.label} ${days} 天，期满后按规则重新判定。答复：${answer}`
            : `驳回${appeal?.maskedName ?? ''}的申诉。答复：${answer}`,
        confirmText: decision === 'accept' ? '接受' : '驳回',
        cancelText: '再想想',
      });
      if (!confirm) return;
      const res = await call('grid', 'answerAppeal', {
        appealId: id,
        decision,
        answer,
        ...(decision === 'accept' ? { colour: colour.value, days } : {}),
      });
      const done = decision === 'accept' ? `已复核为${colour.label} ${days} 天` : '已驳回并答复';
      if (showOutcome(res, done)) await this.refresh();
    },
  },
});

/** 申诉处理 (grid workers): accept with a colour and 3 days, or reject; both need an answer. */
import type { AppealEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

Component({
  behaviors: [pageLife],
  data: { appeals: [] as AppealEntry[], answers: {} as Record<string, string>, message: '' },
  methods: {
    async load() {
      const res = await call('grid', 'appeals', {});
      if (res.code === 0) this.setData({ appeals: res.data });
      return res;
    },
    onAnswer(e: WechatMiniprogram.Input) {
      this.setData({ [`answers.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    async decide(e: WechatMiniprogram.TouchEvent) {
      const { id, decision } = e.currentTarget.dataset as { id: string; decision: 'accept' | 'reject' };
      const answer = this.data.answers[id] ?? '';
      const res = await call('grid', 'answerAppeal', {
        appealId: id,
        decision,
        answer,
        ...(decision === 'accept' ? { colour: 'green' as const, days: 3 } : {}),
      });
      this.setData({
        message:
          res.code === 0 ? (decision === 'accept' ? '已接受申诉，复核为绿码 3 天' : '已驳回并答复') : res.message,
      });
      if (res.code === 0) await this.refresh();
    },
  },
});

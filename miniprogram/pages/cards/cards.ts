/**
 * 爱心码 (grid workers): the residents of my grid without a phone — elders and children listed
 * with their household — and their printed pass card. 制卡 and 补办 are confirmed first (补办 voids
 * the old card at once); 打印 opens the card to save as an image; 作废 asks for a reason.
 */
import type { CardHolder } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { searchBox } from '../../behaviors/search-box';
import { call } from '../../services/cloud';
import { formatDay } from '../../shared/china-time';
import { relationLabel } from '../../shared/relations';
import { newRequestId } from '../../utils/request-id';
import { showOutcome, showProblem } from '../../utils/toast';
import { askReason } from '../../utils/ask-reason';

type Shown = CardHolder & { who: string; cardText: string };

Component({
  behaviors: [pageLife, searchBox],
  data: {
    holders: [] as Shown[],
    shown: [] as Shown[],
    /** residentId → the request id of an issue not yet answered: a second tap or a retry issues once. */
    issuing: {} as Record<string, string | undefined>,
  },
  methods: {
    async load() {
      const res = await call('grid', 'cardHolders', {});
      if (res.code === 0) {
        const holders = res.data.map((h) => ({
          ...h,
          who: `${h.maskedName}（${relationLabel(h.relation)}，${h.birthYear}年生）`,
          cardText: h.card ? `爱心码有效至 ${formatDay(h.card.expiresAt)}` : '未制卡',
        }));
        this.setData({ holders });
        this.narrow();
      }
      return res;
    },
    narrow() {
      this.setData({ shown: this.searched(this.data.holders) });
    },
    holder(e: WechatMiniprogram.TouchEvent) {
      return this.data.holders.find((h) => h.residentId === String(e.currentTarget.dataset.id));
    },
    async issue(e: WechatMiniprogram.TouchEvent) {
      const holder = this.holder(e);
      if (!holder) return;
      const { confirm } = await wx.showModal({
        title: holder.card ? '补办爱心码' : '制发爱心码',
        content: holder.card
          ? `为${holder.maskedName}补办新卡，原卡立即作废，卡口扫原卡将被拒绝。`
          : `为${holder.maskedName}（${holder.address}）制发爱心码，有效 14 天，打印后交给本人或家属。`,
        confirmText: holder.card ? '补办' : '制卡',
        cancelText: '再想想',
      });
      if (!confirm) return;
      const requestId = this.data.issuing[holder.residentId] ?? newRequestId();
      this.setData({ [`issuing.${holder.residentId}`]: requestId });
      const res = await call('grid', 'issueCard', { requestId, residentId: holder.residentId });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      this.setData({ [`issuing.${holder.residentId}`]: undefined });
      wx.navigateTo({ url: `/pages/card/card?cardId=${res.data.cardId}` });
    },
    print(e: WechatMiniprogram.TouchEvent) {
      const holder = this.holder(e);
      if (holder?.card) wx.navigateTo({ url: `/pages/card/card?cardId=${holder.card.cardId}` });
    },
    async revoke(e: WechatMiniprogram.TouchEvent) {
      const holder = this.holder(e);
      if (!holder?.card) return;
      const reason = await askReason({
        title: `作废${holder.maskedName}的爱心码`,
        placeholder: '请填写原因，如 家属报告遗失、已迁出',
        confirmText: '作废',
        tooShort: '请填写作废原因（至少 2 个字）',
      });
      if (reason === null) return;
      const res = await call('grid', 'revokeCard', { cardId: holder.card.cardId, reason });
      if (showOutcome(res, '已作废')) await this.refresh();
    },
  },
});

/**
 * One 爱心码 to print (grid workers): the card as it will look — masked name, address, a box for
 * a photo, the QR and its end date — and 保存为图片 for the printer. A revoked or expired card is
 * shown as such, without its QR, so it cannot be printed again.
 */
import type { CardView } from '../../../typings';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatDay } from '../../shared/china-time';
import { CARD_HEIGHT, CARD_WIDTH, drawCard } from '../../utils/card-image';
import { qrRows } from '../../utils/qr';
import { saveDrawing } from '../../utils/save-image';
import { showDone, showProblem } from '../../utils/toast';

const STATE_TEXT: Record<CardView['state'], string> = {
  active: '',
  expired: '此卡已过期，请回到爱心码列表补办新卡',
  revoked: '此卡已作废，请回到爱心码列表补办新卡',
};

Component({
  behaviors: [pageLife],
  data: {
    card: null as CardView | null,
    rows: [] as number[][],
    expiresText: '',
    stateText: '',
    saving: false,
  },
  methods: {
    async load(query: PageQuery) {
      const res = await call('grid', 'card', { cardId: query.cardId ?? '' });
      if (res.code === 0) {
        const card = res.data;
        this.setData({
          card,
          rows: card.token ? qrRows(card.token) : [],
          expiresText: formatDay(card.expiresAt),
          stateText: STATE_TEXT[card.state],
        });
      }
      return res;
    },
    async saveImage() {
      const { card, rows, expiresText } = this.data;
      if (!card?.token || this.data.saving) return;
      this.setData({ saving: true });
      const problem = await saveDrawing(CARD_WIDTH, CARD_HEIGHT, (pen) =>
        drawCard(pen, { maskedName: card.maskedName, address: card.address, expiresText }, rows),
      );
      this.setData({ saving: false });
      if (problem) showProblem(problem);
      else showDone('已保存到相册');
    },
  },
});

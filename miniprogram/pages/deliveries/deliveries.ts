/**
 * 团购配送 (volunteers): group-order bags for isolated households, left at the door without contact:
 * where, what, and 拨打 to tell the household it is there.
 */
import type { DeliveryTask } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showOutcome, showProblem } from '../../utils/toast';

Component({
  behaviors: [pageLife],
  data: { tasks: [] as DeliveryTask[], busy: false },
  methods: {
    async load() {
      const res = await call('groupbuy', 'deliveries', {});
      if (res.code === 0) this.setData({ tasks: res.data });
      return res;
    },
    /** The list carries masked numbers only; the full one is revealed (and audited) for this call. */
    async dial(e: WechatMiniprogram.TouchEvent) {
      const res = await call('quarantine', 'callResident', { residentId: String(e.currentTarget.dataset.id) });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      wx.makePhoneCall({ phoneNumber: res.data.phone });
    },
    async delivered(e: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'delivered', { orderId: String(e.currentTarget.dataset.id) });
      this.setData({ busy: false });
      showOutcome(res, '已送达');
      // Either way the list is re-read: another volunteer may have delivered it meanwhile.
      await this.refresh();
    },
  },
});

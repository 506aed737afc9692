/**
 * 团购配送 (volunteers): group-order bags for isolated households, left at the door without contact:
 * where, what, and 拨打 to tell the household it is there.
 */
import { dialResident } from '../../behaviors/dial-resident';
import type { DeliveryTask } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showOutcome } from '../../utils/toast';

Component({
  behaviors: [pageLife, dialResident],
  data: { tasks: [] as DeliveryTask[], busy: false },
  methods: {
    async load() {
      const res = await call('groupbuy', 'deliveries', {});
      if (res.code === 0) this.setData({ tasks: res.data });
      return res;
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

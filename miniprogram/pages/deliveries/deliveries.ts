/** 配送任务 (volunteers): group-order bags for isolated households, left at the door without contact. */
import type { DeliveryTask } from '../../../typings';
import { call } from '../../services/cloud';

Component({
  data: { loading: true, error: '', tasks: [] as DeliveryTask[], busy: false },
  methods: {
    onLoad() {
      void this.refresh();
    },
    async refresh() {
      const res = await call('groupbuy', 'deliveries', {});
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      this.setData({ loading: false, error: '', tasks: res.data });
    },
    async delivered(e: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'delivered', { orderId: String(e.currentTarget.dataset.id) });
      this.setData({ busy: false });
      wx.showToast({ title: res.code === 0 ? '已送达' : res.message, icon: res.code === 0 ? 'success' : 'none' });
      // Either way the list is re-read: another volunteer may have delivered it meanwhile.
      await this.refresh();
    },
  },
});

/** 团购 (residents, organisers): the group orders of my enclosure; organisers may start one. */
import type { BatchSummary } from '../../../typings';
import { call } from '../../services/cloud';

Component({
  data: { loading: true, error: '', batches: [] as BatchSummary[], canOrganise: false },
  methods: {
    onLoad() {
      void this.refresh();
    },
    onShow() {
      // Back from a batch or from 发起团购: phases and new batches may have changed.
      if (!this.data.loading) void this.refresh();
    },
    async refresh() {
      const res = await call('groupbuy', 'batches', {});
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      this.setData({ loading: false, error: '', batches: res.data.batches, canOrganise: res.data.canOrganise });
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
  },
});

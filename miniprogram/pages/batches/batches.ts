/** 团购 (residents, organisers): the group orders of my enclosure; organisers may start one. */
import type { BatchSummary } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';

Component({
  // pageLife reloads on every show after the first: back from a batch or from 发起团购, phases and
  // new batches may have changed.
  behaviors: [pageLife, careMode],
  // doorDelivery: my household is isolated, so no batch's pickup point is for me.
  data: { batches: [] as BatchSummary[], canOrganise: false, doorDelivery: false },
  methods: {
    async load() {
      const res = await call('groupbuy', 'batches', {});
      if (res.code === 0) this.setData({ ...res.data });
      return res;
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
  },
});

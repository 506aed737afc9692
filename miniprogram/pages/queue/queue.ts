/** 待核实 (grid workers): yellow residents of my grid, longest waiting first; verify on the spot. */
import type { QueueEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { COLOUR_NAMES } from '../../shared/colours';

Component({
  behaviors: [pageLife],
  data: { queue: [] as QueueEntry[], message: '' },
  methods: {
    async load() {
      const res = await call('grid', 'verificationQueue', {});
      if (res.code === 0) this.setData({ queue: res.data });
      return res;
    },
    async verify(e: WechatMiniprogram.TouchEvent) {
      const res = await call('residents', 'verify', {
        residentId: String(e.currentTarget.dataset.id),
        note: '网格员现场核实身份证件与住址',
      });
      this.setData({
        message: res.code === 0 ? `已核实，当前为${COLOUR_NAMES[res.data.status.colour]}` : res.message,
      });
      await this.refresh();
    },
  },
});

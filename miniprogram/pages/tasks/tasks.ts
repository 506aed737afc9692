/** 服务任务 (volunteers): requests from isolated households, accepted and then delivered to the door. */
import type { CareTask } from '../../../typings';
import { call } from '../../services/cloud';

Component({
  data: { loading: true, error: '', tasks: [] as CareTask[] },
  methods: {
    onLoad() {
      void this.refresh();
    },
    async refresh() {
      const res = await call('care', 'tasks', {});
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      this.setData({ loading: false, error: '', tasks: res.data });
    },
    async advance(e: WechatMiniprogram.TouchEvent) {
      const { id, state } = e.currentTarget.dataset as { id: string; state: CareTask['state'] };
      const res = state === 'open' ? await call('care', 'accept', { id }) : await call('care', 'complete', { id });
      if (res.code !== 0) wx.showToast({ title: res.message, icon: 'none' });
      await this.refresh();
    },
  },
});

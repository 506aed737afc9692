/**
 * 服务任务 (volunteers): requests from isolated households, accepted and then delivered to the door.
 * Each shows what the resident asked for and their number masked; 拨打 asks the server for the full
 * number (revealed only for one's own task, and audited) and dials it.
 */
import { dialResident } from '../../behaviors/dial-resident';
import type { CareTask } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showProblem } from '../../utils/toast';

Component({
  behaviors: [pageLife, dialResident],
  data: { tasks: [] as CareTask[] },
  methods: {
    async load() {
      const res = await call('care', 'tasks', {});
      if (res.code === 0) this.setData({ tasks: res.data });
      return res;
    },
    async advance(e: WechatMiniprogram.TouchEvent) {
      const { id, state } = e.currentTarget.dataset as { id: string; state: CareTask['state'] };
      const res = state === 'open' ? await call('care', 'accept', { id }) : await call('care', 'complete', { id });
      if (res.code !== 0) showProblem(res.message);
      await this.refresh();
    },
  },
});

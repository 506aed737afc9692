/**
 * 待核实 (grid workers): yellow residents of my grid, longest waiting first, narrowed by a search;
 * verify on the spot, saying how (the note is audited with the verification). Outcomes are toasts.
 */
import type { QueueEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { searchBox } from '../../behaviors/search-box';
import { call } from '../../services/cloud';
import { COLOUR_NAMES } from '../../shared/colours';
import { showNote, showProblem } from '../../utils/toast';
import { askReason } from '../../utils/ask-reason';

Component({
  behaviors: [pageLife, searchBox],
  data: { queue: [] as QueueEntry[], shown: [] as QueueEntry[] },
  methods: {
    async load() {
      const res = await call('grid', 'verificationQueue', {});
      if (res.code === 0) {
        this.setData({ queue: res.data });
        this.narrow();
      }
      return res;
    },
    narrow() {
      this.setData({ shown: this.searched(this.data.queue) });
    },
    async verify(e: WechatMiniprogram.TouchEvent) {
      const entry = this.data.queue.find((q) => q.residentId === String(e.currentTarget.dataset.id));
      if (!entry) return;
      const note = await askReason({
        title: `核实${entry.maskedName}（${entry.address}）`,
        placeholder: '请填写核实方式，如 已现场核对身份证件与住址',
        confirmText: '核实通过',
        tooShort: '请填写核实方式（至少 2 个字）',
      });
      if (note === null) return;
      const res = await call('residents', 'verify', { residentId: entry.residentId, note });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      // The colour after verifying: still yellow when, say, the declaration is missing.
      showNote(`已核实${entry.maskedName}，当前为${COLOUR_NAMES[res.data.status.colour]}`);
      await this.refresh();
    },
  },
});

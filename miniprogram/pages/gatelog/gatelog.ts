/** 卡口记录 (grid workers): today's scans at one of my gates, by colour and direction; paged; export. */
import type { GateLogEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { myGates, noGates } from '../../services/gates';
import { formatUntil } from '../../utils/status';
import { showProblem } from '../../utils/toast';

const COLOURS = ['', 'green', 'yellow', 'red'] as const;
const COLOUR_NAMES = ['全部', '绿码', '黄码', '红码'];

/** Which scans are on screen: the chosen gate and colour, and the page of them. */
interface View {
  gateIndex: number;
  colourIndex: number;
  page: number;
}

Component({
  behaviors: [pageLife],
  data: {
    ...noGates(),
    gateIndex: 0,
    colourNames: COLOUR_NAMES,
    colourIndex: 0,
    page: 0,
    hasMore: false,
    logs: [] as (GateLogEntry & { time: string })[],
    message: '',
  },
  methods: {
    async load() {
      if (!this.data.gates.length) {
        const mine = await myGates();
        if ('error' in mine) return { code: 'PERMISSION_DENIED', message: mine.error };
        this.setData(mine);
      }
      // Shown again: the same gate, colour and page, with the scans since.
      return this.search({});
    },
    range() {
      const end = new Date();
      return { from: new Date(end.getTime() - 24 * 3600_000).toISOString(), to: end.toISOString() };
    },
    /** The filters and page move only with the answer, so a failed search leaves them matching the list. */
    async search(change: Partial<View>) {
      const view: View = {
        gateIndex: this.data.gateIndex,
        colourIndex: this.data.colourIndex,
        page: this.data.page,
        ...change,
      };
      const colour = COLOURS[view.colourIndex];
      const res = await call('grid', 'gateLogs', {
        gateId: this.data.gates[view.gateIndex].id,
        ...this.range(),
        page: view.page,
        pageSize: 20,
        ...(colour ? { colour } : {}),
      });
      if (res.code === 0)
        this.setData({
          ...view,
          hasMore: res.data.hasMore,
          logs: res.data.logs.map((l) => ({ ...l, time: formatUntil(l.at) })),
        });
      return res;
    },
    async show(change: Partial<View>) {
      const res = await this.search(change);
      if (res.code !== 0) showProblem(res.message);
    },
    chooseGate(e: WechatMiniprogram.PickerChange) {
      void this.show({ gateIndex: Number(e.detail.value), page: 0 });
    },
    chooseColour(e: WechatMiniprogram.PickerChange) {
      void this.show({ colourIndex: Number(e.detail.value), page: 0 });
    },
    next() {
      void this.show({ page: this.data.page + 1 });
    },
    async exportLogs() {
      const res = await call('grid', 'export', {
        kind: 'gateLogs',
        gateId: this.data.gates[this.data.gateIndex].id,
        ...this.range(),
      });
      if (res.code === 0) wx.setClipboardData({ data: res.data.url });
      this.setData({
        message: res.code === 0 ? `已导出 ${res.data.rows} 条（姓名已脱敏），下载链接已复制` : res.message,
      });
    },
  },
});

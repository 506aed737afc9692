/** 卡口记录 (grid workers): today's scans at one of my gates, by colour and direction; paged; export. */
import type { GateLogEntry } from '../../../typings';
import { call } from '../../services/cloud';
import { myGates, noGates } from '../../services/gates';
import { formatUntil } from '../../utils/status';

const COLOURS = ['', 'green', 'yellow', 'red'] as const;
const COLOUR_NAMES = ['全部', '绿码', '黄码', '红码'];

Component({
  data: {
    loading: true,
    error: '',
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
    async onLoad() {
      const mine = await myGates();
      if ('error' in mine) {
        this.setData({ loading: false, error: mine.error });
        return;
      }
      this.setData(mine);
      await this.search(0);
    },
    range() {
      const end = new Date();
      return { from: new Date(end.getTime() - 24 * 3600_000).toISOString(), to: end.toISOString() };
    },
    async search(page: number) {
      const colour = COLOURS[this.data.colourIndex];
      const res = await call('grid', 'gateLogs', {
        gateId: this.data.gates[this.data.gateIndex].id,
        ...this.range(),
        page,
        pageSize: 20,
        ...(colour ? { colour } : {}),
      });
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      this.setData({
        loading: false,
        page,
        hasMore: res.data.hasMore,
        logs: res.data.logs.map((l) => ({ ...l, time: formatUntil(l.at) })),
      });
    },
    chooseGate(e: WechatMiniprogram.PickerChange) {
      this.setData({ gateIndex: Number(e.detail.value) });
      void this.search(0);
    },
    chooseColour(e: WechatMiniprogram.PickerChange) {
      this.setData({ colourIndex: Number(e.detail.value) });
      void this.search(0);
    },
    next() {
      void this.search(this.data.page + 1);
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

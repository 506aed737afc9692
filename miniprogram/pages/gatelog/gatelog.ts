/**
 * 卡口记录 (grid workers): the scans at one of my gates over today, 3 or 7 days (China time), by
 * colour; each row with its colour, the temperature taken and, for a refusal, why; paged; export
 * of the same gate, range and colour.
 */
import type { GateLogEntry } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { myGates, noGates } from '../../services/gates';
import { formatMoment } from '../../shared/china-time';
import { colourName } from '../../shared/colours';
import { verdictTextOf } from '../../shared/gate-verdicts';
import { newRequestId } from '../../utils/request-id';
import { showProblem } from '../../utils/toast';

const COLOURS = ['', 'green', 'yellow', 'red'] as const;
const COLOUR_NAMES = ['全部', '绿码', '黄码', '红码'];
/** How many China-time days back each range reaches, today included. The server takes any range. */
const RANGE_DAYS = [1, 3, 7];
const RANGE_NAMES = ['今天', '近 3 天', '近 7 天'];

const DAY_MS = 24 * 3600_000;
/** An export's call that got no answer is asked again this often, this long apart. */
const EXPORT_RETRIES = 2;
const EXPORT_WAIT_MS = 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Pages the guard has left: an export under way stops calling. */
const left = new WeakSet<object>();
const CST_OFFSET_MS = 8 * 3600_000;

/** From China-time midnight `days - 1` days before today, until `end`. */
function windowOf(days: number, end: Date): { from: string; to: string } {
  const today = Math.floor((end.getTime() + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  return { from: new Date(today - (days - 1) * DAY_MS).toISOString(), to: end.toISOString() };
}

/** A log as its row shows it. */
type LogRow = GateLogEntry & { time: string; tone: string; colourText: string; reason: string; temp: string };

function rowOf(l: GateLogEntry): LogRow {
  const colour = colourName(l.colour);
  return {
    ...l,
    time: formatMoment(l.at),
    tone: colour ? String(l.colour) : 'none',
    colourText: colour || (l.plate ? '车辆' : l.visitor ? '访客' : '未识别'),
    reason: l.allowed ? '' : verdictTextOf(l.code),
    temp: typeof l.temperature === 'number' ? `${l.temperature.toFixed(1)}℃` : '',
  };
}

/** Which scans are on screen: the chosen gate, colour and range, and the page of them. */
interface View {
  gateIndex: number;
  colourIndex: number;
  rangeIndex: number;
  page: number;
}

// Per page instance, not rendered: the latest search (an older answer arriving late is dropped)
// and the filters an export was asked for (its answer is dropped once they changed).
const searches = new WeakMap<object, number>();
const filtersOf = (d: View) => `${d.gateIndex}/${d.colourIndex}/${d.rangeIndex}`;

Component({
  behaviors: [pageLife],
  data: {
    ...noGates(),
    gateIndex: 0,
    colourNames: COLOUR_NAMES,
    colourIndex: 0,
    rangeNames: RANGE_NAMES,
    rangeIndex: 0,
    /** The times the list on screen covers, e.g. 2月13日 00:00 至 2月15日 10:30. */
    from: '',
    to: '',
    rangeText: '',
    page: 0,
    hasMore: false,
    logs: [] as LogRow[],
    exporting: false,
    message: '',
  },
  methods: {
    onUnload() {
      left.add(this);
    },
    async load() {
      if (!this.data.gates.length) {
        const mine = await myGates();
        if ('error' in mine) return { code: 'PERMISSION_DENIED', message: mine.error };
        this.setData(mine);
      }
      // Shown again: the same gate, colour, range and page, with the scans since.
      return this.search({});
    },
    /**
     * The filters and page move only with the answer, so a failed search leaves them matching the
     * list. A next page keeps the times of the page before, so no scan is shown twice or skipped.
     */
    async search(change: Partial<View>, samePeriod = false) {
      const view: View = {
        gateIndex: this.data.gateIndex,
        colourIndex: this.data.colourIndex,
        rangeIndex: this.data.rangeIndex,
        page: this.data.page,
        ...change,
      };
      const period = samePeriod
        ? { from: this.data.from, to: this.data.to }
        : windowOf(RANGE_DAYS[view.rangeIndex], new Date());
      const colour = COLOURS[view.colourIndex];
      const ticket = (searches.get(this) ?? 0) + 1;
      searches.set(this, ticket);
      const res = await call('grid', 'gateLogs', {
        gateId: this.data.gates[view.gateIndex].id,
        ...period,
        page: view.page,
        pageSize: 20,
        ...(colour ? { colour } : {}),
      });
      if (res.code === 0 && searches.get(this) === ticket) {
        const filtersChanged = filtersOf(view) !== filtersOf(this.data);
        this.setData({
          ...view,
          ...period,
          rangeText: `${formatMoment(period.from)} 至 ${formatMoment(period.to)}`,
          hasMore: res.data.hasMore,
          logs: res.data.logs.map(rowOf),
          // What was exported was another gate's, colour's or range's: not this list's.
          ...(filtersChanged ? { message: '' } : {}),
        });
      }
      return res;
    },
    async show(change: Partial<View>, samePeriod = false) {
      const res = await this.search(change, samePeriod);
      if (res.code !== 0) showProblem(res.message);
    },
    chooseGate(e: WechatMiniprogram.PickerChange) {
      void this.show({ gateIndex: Number(e.detail.value), page: 0 });
    },
    chooseColour(e: WechatMiniprogram.PickerChange) {
      void this.show({ colourIndex: Number(e.detail.value), page: 0 });
    },
    chooseRange(e: WechatMiniprogram.PickerChange) {
      void this.show({ rangeIndex: Number(e.detail.value), page: 0 });
    },
    next() {
      void this.show({ page: this.data.page + 1 }, true);
    },
    /** Every scan of the gate, range and colour on screen, up to now (a long range takes several calls). */
    async exportLogs() {
      if (this.data.exporting) return;
      const asked = filtersOf(this.data);
      const { gateIndex, colourIndex, rangeIndex } = this.data;
      const colour = COLOURS[colourIndex];
      const request = {
        kind: 'gateLogs' as const,
        gateId: this.data.gates[gateIndex].id,
        ...windowOf(RANGE_DAYS[rangeIndex], new Date()),
        ...(colour ? { colour } : {}),
        requestId: newRequestId(),
      };
      this.setData({ exporting: true, message: '' });
      let res = await call('grid', 'export', request);
      // Each call goes on where the last stopped, until the sheet holds every row. A call that got
      // no answer is asked again (the same request resumes); no progress means another call of this
      // export still runs, so wait a moment.
      let retries = 0;
      let rows = -1;
      while (filtersOf(this.data) === asked && !left.has(this)) {
        if (res.code === 0) {
          if (res.data.done) break;
          this.setData({ message: `正在导出：已写入 ${res.data.rows} / ${res.data.total} 条` });
          if (res.data.rows === rows) await pause(EXPORT_WAIT_MS);
          rows = res.data.rows;
          retries = 0;
        } else if (res.code === 'UNAVAILABLE' && retries < EXPORT_RETRIES) {
          retries += 1;
          await pause(EXPORT_WAIT_MS);
        } else break;
        res = await call('grid', 'export', request);
      }
      if (left.has(this)) return;
      if (filtersOf(this.data) !== asked) {
        this.setData({ exporting: false, message: '' });
        return;
      }
      const what = `${this.data.gateNames[gateIndex]}${RANGE_NAMES[rangeIndex]}的${colour ? COLOUR_NAMES[colourIndex] : ''}记录`;
      const done = res.code === 0 && res.data.done ? res.data : null;
      if (done) wx.setClipboardData({ data: done.url });
      this.setData({
        exporting: false,
        message: done
          ? `已导出${what} ${done.rows} 条（姓名已脱敏），下载链接已复制`
          : res.code === 0
            ? ''
            : res.message,
      });
    },
  },
});

/**
 * 通行码: the colour decided by the server, why, until when, and a QR code holding a token that
 * expires in two minutes and is refreshed before it does (a screenshot stops working).
 */
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { qrRows } from '../../utils/qr';
import { COLOUR_NAMES } from '../../shared/colours';
import { COLOUR_LABELS, formatUntil, reasonLines } from '../../utils/status';

/** After a failed renewal (the toast says why), try again soon: the code on screen expires. */
const RETRY_MS = 10_000;

/** How long to wait before asking for a new token: the server's own interval, at least a second. */
function renewalWait(pass: { refreshAt: string; serverTime?: string }): number {
  const issued = pass.serverTime ? new Date(pass.serverTime).getTime() : Date.now();
  return Math.max(1_000, new Date(pass.refreshAt).getTime() - issued);
}

/** The refresh timer of each open pass page (not render data, so not in `data`). */
const timers = new WeakMap<object, number>();
/** Pages shown once already; this page has its own onShow (for the timer), so it keeps its own. */
const shownBefore = new WeakSet<object>();

Component({
  behaviors: [pageLife],
  data: {
    colour: '',
    colourLabel: '',
    maskedName: '',
    address: '',
    reasons: [] as { text: string; until: string }[],
    until: '',
    /** 网格员复核 while an accepted appeal decides the colour, with its end. */
    override: '',
    qr: [] as number[][],
    /** A household member's pass, opened from 我的家庭; empty for one's own. */
    residentId: '',
  },
  methods: {
    // As pageLife's onShow (refresh on every show but the first), which this one replaces.
    onShow() {
      if (shownBefore.has(this)) void this.refresh();
      shownBefore.add(this);
    },
    onHide() {
      this.stopTimer();
    },
    onUnload() {
      this.stopTimer();
    },
    async load(query: PageQuery) {
      this.stopTimer();
      this.setData({ residentId: query.residentId ?? '' });
      const res = await call('residents', 'pass', this.data.residentId ? { residentId: this.data.residentId } : {});
      if (res.code !== 0) {
        // A first load shows the error with 重试; a failed renewal keeps the code and tries again.
        if (!this.data.loading && !this.data.error) this.startTimer(RETRY_MS);
        return res;
      }
      const pass = res.data;
      const a = pass.address;
      this.setData({
        colour: pass.status.colour,
        colourLabel: COLOUR_LABELS[pass.status.colour],
        maskedName: pass.maskedName,
        address: `${a.enclosureName} ${a.building}${a.unit}单元${a.room}室`,
        reasons: reasonLines(pass.status.reasons),
        until: pass.status.until ? formatUntil(pass.status.until) : '',
        override: pass.status.overrideUntil
          ? `网格员复核为${COLOUR_NAMES[pass.status.colour]}，至 ${formatUntil(pass.status.overrideUntil)}，期满后按规则重新判定`
          : '',
        qr: qrRows(pass.token),
      });
      // By the server's clock: a phone hours fast or slow still renews before the gate refuses the
      // code, and never in a loop (a timer counts elapsed time, not the phone's wall clock).
      this.startTimer(renewalWait(pass));
      return res;
    },
    startTimer(wait: number) {
      this.stopTimer(); // two overlapping loads must not leave two timers
      timers.set(
        this,
        setTimeout(() => void this.refresh(), wait),
      );
    },
    stopTimer() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },
  },
});

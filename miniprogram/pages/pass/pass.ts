/**
 * 通行码: the colour decided by the server, why, until when, and a QR code holding a token that
 * expires in two minutes and is refreshed before it does (a screenshot stops working).
 */
import { call } from '../../services/cloud';
import { qrRows } from '../../utils/qr';
import { COLOUR_LABELS, formatUntil, reasonLines } from '../../utils/status';

/** The refresh timer of each open pass page (not render data, so not in `data`). */
const timers = new WeakMap<object, number>();

Component({
  data: {
    loading: true,
    error: '',
    colour: '',
    colourLabel: '',
    maskedName: '',
    address: '',
    reasons: [] as { text: string; until: string }[],
    until: '',
    qr: [] as number[][],
    /** A household member's pass, opened from 我的家庭; empty for one's own. */
    residentId: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ residentId: options.residentId ?? '' });
      void this.refresh();
    },
    onShow() {
      if (!this.data.loading && !timers.has(this)) void this.refresh();
    },
    onHide() {
      this.stopTimer();
    },
    onUnload() {
      this.stopTimer();
    },
    async refresh() {
      this.stopTimer();
      const res = await call('residents', 'pass', this.data.residentId ? { residentId: this.data.residentId } : {});
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message, qr: [] });
        return;
      }
      const pass = res.data;
      const a = pass.address;
      this.setData({
        loading: false,
        error: '',
        colour: pass.status.colour,
        colourLabel: COLOUR_LABELS[pass.status.colour],
        maskedName: pass.maskedName,
        address: `${a.enclosureName} ${a.building}${a.unit}单元${a.room}室`,
        reasons: reasonLines(pass.status.reasons),
        until: pass.status.until ? formatUntil(pass.status.until) : '',
        qr: qrRows(pass.token),
      });
      const wait = Math.max(1_000, new Date(pass.refreshAt).getTime() - Date.now());
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

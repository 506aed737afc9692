/**
 * A live pass on a page (通行码, and 首页 for residents): the colour the server decided, why, until
 * when, and a QR code whose token is renewed before it expires — by the server's clock, so a phone
 * hours fast or slow neither loops nor shows an expired code. The household members the caller may
 * act for (a head for the children and elders) are switchable on it.
 *
 * The page renders `<pass-view pass="{{pass}}" members="{{passMembers}}" bind:choose="choosePassMember"/>`
 * and calls `showPass()` (and `loadPassMembers()`) from its `load`; the renewal stops when the page
 * is hidden or closed, and pageLife's fresh load on the next show starts it again.
 */
import type { PassView } from '../../typings';
import { call } from '../services/cloud';
import { COLOUR_NAMES } from '../shared/colours';
import { formatDay } from '../shared/china-time';
import { RESULT_NAMES } from '../shared/health-names';
import { qrRows } from '../utils/qr';
import { COLOUR_LABELS, formatUntil, reasonLines } from '../utils/status';
import { showProblem } from '../utils/toast';
import { relationLabel } from '../shared/relations';

/** After a failed renewal (the toast says why), try again soon: the code on screen expires. */
const RETRY_MS = 10_000;

/** What pass-view draws. */
export interface PassCard {
  residentId: string;
  colour: string;
  colourLabel: string;
  maskedName: string;
  address: string;
  reasons: { text: string; until: string }[];
  until: string;
  /** 网格员复核 while an accepted appeal decides the colour, with its end. */
  override: string;
  /** 核酸 阴性 · 2月10日采样 (no lab details); '' when none. */
  test: string;
  /** 含健康驿站 4 天 — the station days that count toward the isolation; '' when none. */
  station: string;
  qr: number[][];
}

export interface PassMember {
  residentId: string;
  label: string;
}

/** How long to wait before asking for a new token: the server's own interval, at least a second. */
export function renewalWait(pass: { refreshAt: string; serverTime?: string }): number {
  const issued = pass.serverTime ? new Date(pass.serverTime).getTime() : Date.now();
  return Math.max(1_000, new Date(pass.refreshAt).getTime() - issued);
}

export function passCard(pass: PassView): PassCard {
  const a = pass.address;
  return {
    residentId: pass.residentId,
    colour: pass.status.colour,
    colourLabel: COLOUR_LABELS[pass.status.colour],
    maskedName: pass.maskedName,
    address: `${a.enclosureName} ${a.building}${a.unit}单元${a.room}室`,
    reasons: reasonLines(pass.status.reasons),
    until: pass.status.until ? formatUntil(pass.status.until) : '',
    override: pass.status.overrideUntil
      ? `网格员复核为${COLOUR_NAMES[pass.status.colour]}，至 ${formatUntil(pass.status.overrideUntil)}，期满后按规则重新判定`
      : '',
    test: pass.status.test
      ? `核酸 ${RESULT_NAMES[pass.status.test.result]}${pass.status.test.result === 'invalid' ? '（需复检）' : ''} · ${formatDay(pass.status.test.sampledAt)}采样`
      : '',
    station: pass.status.stationDays ? `隔离期含健康驿站 ${pass.status.stationDays} 天` : '',
    qr: qrRows(pass.token),
  };
}

/** The renewal timer of each page showing a pass (not render data, so not in `data`). */
const timers = new WeakMap<object, number>();

export const livePass = Behavior({
  data: {
    pass: null as PassCard | null,
    /** Whose pass: '' for one's own, else a household member the caller acts for. */
    passFor: '',
    /** The caller and the members they may show a pass for; empty when there is only the caller. */
    passMembers: [] as PassMember[],
  },
  methods: {
    onHide() {
      this.stopPassTimer();
    },
    onUnload() {
      this.stopPassTimer();
    },
    /** Fetches the pass of `passFor` and schedules its renewal; a failed renewal keeps the code on screen. */
    async showPass() {
      this.stopPassTimer();
      const asked = this.data.passFor;
      const res = await call('residents', 'pass', asked ? { residentId: asked } : {});
      if (asked !== this.data.passFor) return res; // switched to another member meanwhile
      if (res.code !== 0) {
        if (this.data.pass) {
          showProblem(res.message);
          this.startPassTimer(RETRY_MS);
        }
        return res;
      }
      this.setData({ pass: passCard(res.data) });
      this.startPassTimer(renewalWait(res.data));
      return res;
    },
    /** The chips above the pass: 本人 and each member the caller may act for. */
    async loadPassMembers() {
      const res = await call('residents', 'me', {});
      if (res.code !== 0 || !res.data.registered) return;
      const members = res.data.members
        .filter((m) => m.actFor)
        .map((m) => ({
          residentId: m.self ? '' : m.residentId,
          label: m.self ? '本人' : `${m.maskedName}（${relationLabel(m.relation)}）`,
        }));
      this.setData({ passMembers: members.length > 1 ? members : [] });
    },
    /** The old pass stays until the chosen one arrives; if it cannot come (the toast says why), back to the old. */
    async choosePassMember(e: WechatMiniprogram.CustomEvent<{ residentId: string }>) {
      const previous = this.data.passFor;
      const chosen = e.detail.residentId;
      if (chosen === previous) return;
      this.setData({ passFor: chosen });
      const res = await this.showPass();
      if (res.code !== 0 && this.data.passFor === chosen) this.setData({ passFor: previous });
    },
    startPassTimer(wait: number) {
      this.stopPassTimer(); // two overlapping loads must not leave two timers
      timers.set(
        this,
        setTimeout(() => void this.showPass(), wait),
      );
    },
    stopPassTimer() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },
  },
});

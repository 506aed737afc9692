/**
 * 扫码核验 (grid workers at a gate): pick the gate and direction once, then scan pass after pass,
 * each with the temperature just measured (36.5℃ to confirm, ± or typed).
 * The verdict fills the screen — big colour, one line of reason, masked name and address — and
 * comes from the server; the phone decides nothing. The screen's colour is the decision's: green
 * or yellow only when let through, red for every refusal (a green resident over the household's
 * quota too), with the reason large and a ✓ or ✗ readable at arm's length; a pass and a refusal
 * vibrate and sound differently. For a busy lane, 连续扫码 opens the camera again by itself after each
 * verdict (sooner after a pass than after a refusal, which the guard must read and act on), and
 * the lane's counts of the day — let through and refused, per gate and direction — stay on screen.
 * 访客 opens a line for a visitor's phone number: the server admits them only on days a grid worker
 * approved for a flat of this enclosure, and the verdict shows like a scan's. 车辆 takes a plate:
 * an unknown one is refused; a registered one is let through, and the people aboard are scanned
 * next, each scan naming the vehicle, until the guard taps 结束. With no network a scan is judged
 * on the phone from the gate's snapshot (refreshed every 5 minutes while online), says
 * "离线核验 · 状态截至 HH:MM", and is uploaded once the cloud answers again.
 */
import type { Envelope, Verdict } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { myGates, noGates } from '../../services/gates';
import { REFRESH_MS, judgeHere, offlineState, refreshSnapshot, uploadQueue, wipe } from '../../services/offline-gate';
import { COLOUR_NAMES } from '../../shared/colours';
import { showProblem } from '../../utils/toast';
import { newRequestId } from '../../utils/request-id';
import { playVerdictSound } from '../../utils/verdict-sound';

const DEFAULT_TEMPERATURE = '36.5';
/** How long a verdict stays before 连续扫码 opens the camera again: a refusal needs reading. */
export const NEXT_SCAN_MS = { allowed: 1500, refused: 4000 };
const CONTINUOUS_KEY = 'continuousScan';

type Counts = Record<string, { passed: number; refused: number }>;
/** The lane counts are the day's (China time), kept on the phone so a restart keeps them. */
const countsKey = () => `laneCounts:${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}`;
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();
const refreshers = new WeakMap<object, ReturnType<typeof setInterval>>();
/** Pages uploading and refreshing now: a second round waits for the next chance. */
const online = new WeakSet<object>();

/** The typed temperature as a number, or null when it is not one a thermometer would show. */
function temperatureOf(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 34 && value <= 43 ? value : null;
}

Component({
  behaviors: [pageLife],
  data: {
    ...noGates(),
    gateIndex: 0,
    direction: 'in' as 'in' | 'out',
    /** 逢人必测: what the thermometer shows, confirmed or typed before each scan. */
    temperature: DEFAULT_TEMPERATURE,
    scanning: false,
    continuous: false,
    /** This lane's counts today: 放行 and 劝返. */
    lane: { passed: 0, refused: 0 },
    verdict: null as
      (Verdict & { title: string; tone: 'green' | 'yellow' | 'red'; vehicle: boolean; offline: string }) | null,
    /** The offline snapshot of this gate: its time, size, and the scans waiting for upload. */
    offline: { takenAt: '', residents: 0, pending: 0, stale: true },
    visitorOpen: false,
    visitorPhone: '',
    vehicleOpen: false,
    plate: '',
    /** The vehicle let through whose people are being scanned: each scan names its log. */
    aboard: null as { logId: string; plate: string } | null,
    /** 值守: who holds the chosen gate now, and the last 交班 note (from the duty roster). */
    duty: null as { names: string; note: string; by: string } | null,
  },
  methods: {
    async load() {
      // Once per visit: the camera hides the page, so every scan shows it again, and that must
      // cost no cloud call at the gate nor move the chosen gate.
      if (this.data.gates.length) return { code: 0, message: '' };
      const mine = await myGates();
      if ('error' in mine) return { code: 'PERMISSION_DENIED', message: mine.error };
      this.setData({ ...mine, continuous: wx.getStorageSync(CONTINUOUS_KEY) === true });
      this.showLane();
      // While online the snapshot stays fresh, and what was judged offline goes up.
      this.setData({ offline: offlineState() });
      void this.goOnline();
      refreshers.set(
        this,
        setInterval(() => void this.goOnline(), REFRESH_MS),
      );
      return { code: 0, message: '' };
    },
    onHide() {
      this.stopNextScan();
    },
    onUnload() {
      this.stopNextScan();
      const refresher = refreshers.get(this);
      if (refresher !== undefined) clearInterval(refresher);
      refreshers.delete(this);
    },
    /** Uploads the scans judged offline, then refreshes the snapshot of the chosen gate; one at a time. */
    async goOnline() {
      const gate = this.data.gates[this.data.gateIndex];
      if (!gate || online.has(this)) return;
      online.add(this);
      void this.showDuty(gate.id); // beside the snapshot, never delaying it
      try {
        await uploadQueue();
        await refreshSnapshot(gate.id);
      } finally {
        online.delete(this);
      }
      this.setData({ offline: offlineState() });
    },
    /** The roster's line for this gate; without an answer (offline, no roster) none is shown. */
    async showDuty(gateId: string) {
      const res = await call('duty', 'onDuty', { gateId });
      this.setData({
        duty:
          res.code === 0
            ? { names: res.data.names.join('、'), note: res.data.handOverNote ?? '', by: res.data.handedOverBy ?? '' }
            : null,
      });
    },
    wipeOffline() {
      wipe();
      this.setData({ offline: offlineState() });
      showProblem('离线名单已清除');
    },
    laneKey() {
      return `${this.data.gates[this.data.gateIndex]?.id ?? ''}:${this.data.direction}`;
    },
    showLane() {
      const counts = (wx.getStorageSync(countsKey()) || {}) as Counts;
      this.setData({ lane: counts[this.laneKey()] ?? { passed: 0, refused: 0 } });
    },
    count(allowed: boolean) {
      const key = countsKey();
      const counts = (wx.getStorageSync(key) || {}) as Counts;
      const lane = counts[this.laneKey()] ?? { passed: 0, refused: 0 };
      counts[this.laneKey()] = allowed ? { ...lane, passed: lane.passed + 1 } : { ...lane, refused: lane.refused + 1 };
      wx.setStorageSync(key, counts);
      this.setData({ lane: counts[this.laneKey()] });
    },
    chooseGate(e: WechatMiniprogram.PickerChange) {
      // Another gate or direction is another lane: no one there is aboard the vehicle.
      this.setData({ gateIndex: Number(e.detail.value), aboard: null });
      this.showLane();
      void this.goOnline();
    },
    setDirection(e: WechatMiniprogram.TouchEvent) {
      this.setData({ direction: e.currentTarget.dataset.direction as 'in' | 'out', aboard: null });
      this.showLane();
    },
    switchContinuous(e: WechatMiniprogram.SwitchChange) {
      wx.setStorageSync(CONTINUOUS_KEY, e.detail.value);
      this.setData({ continuous: e.detail.value });
      if (!e.detail.value) this.stopNextScan();
    },
    stopNextScan() {
      const timer = timers.get(this);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(this);
    },
    typeTemperature(e: WechatMiniprogram.Input) {
      this.setData({ temperature: e.detail.value });
    },
    stepTemperature(e: WechatMiniprogram.TouchEvent) {
      const current = temperatureOf(this.data.temperature) ?? Number(DEFAULT_TEMPERATURE);
      const next = Math.min(43, Math.max(34, current + Number(e.currentTarget.dataset.delta) / 10));
      this.setData({ temperature: next.toFixed(1) });
    },
    async scan() {
      if (this.data.scanning) return;
      if (temperatureOf(this.data.temperature) === null) {
        showProblem('请填写 34–43℃ 之间的体温');
        return;
      }
      let token: string;
      try {
        token = (await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return; // the guard closed the camera
      }
      await this.check(token);
    },
    async check(token: string) {
      const vehicleLogId = this.data.aboard?.logId;
      // One id for the scan, live or offline: an answer lost on the way is never a second log.
      const scanId = newRequestId();
      await this.judge(async (gateId, direction, temperature) => {
        const res = await call('gate', 'scan', {
          gateId,
          direction,
          token,
          temperature,
          scanId,
          ...(vehicleLogId ? { vehicleLogId } : {}),
        });
        if (res.code !== 'UNAVAILABLE') {
          if (res.code === 0 && this.data.offline.pending > 0) void this.goOnline(); // the network is back
          return res;
        }
        // No network: the phone judges with its snapshot, and the scan waits for its upload.
        const here = judgeHere(token, { gateId, direction, temperature, id: scanId });
        if ('error' in here) return { code: 'UNAVAILABLE', data: null, message: here.error };
        this.setData({ offline: offlineState() });
        return { code: 0, message: 'ok', data: { ...here.verdict, offline: here.note } };
      });
    },
    toggleVehicle() {
      this.setData({ vehicleOpen: !this.data.vehicleOpen, visitorOpen: false });
    },
    typePlate(e: WechatMiniprogram.Input) {
      this.setData({ plate: e.detail.value });
    },
    async checkVehicle() {
      const plate = this.data.plate.trim();
      if (plate.length < 7) {
        showProblem('请填写完整车牌号，如 粤B12345');
        return;
      }
      let passed: { logId: string; plate: string } | null = null;
      const judged = await this.judge(async (gateId, direction, temperature) => {
        const res = await call('gate', 'vehicle', { gateId, direction, plate });
        if (res.code !== 0) return res;
        const v = res.data;
        if (v.allowed) passed = { logId: v.logId, plate: v.plate };
        const verdict: Verdict = {
          allowed: v.allowed,
          colour: null,
          reason: v.reason,
          maskedName: v.plate,
          household: v.who,
          buildingUnit: null,
          temperature,
          logId: v.logId,
        };
        return { ...res, data: verdict };
      });
      if (judged) this.setData({ plate: '', aboard: passed, vehicleOpen: !passed });
    },
    endAboard() {
      this.setData({ aboard: null });
    },
    toggleVisitor() {
      this.setData({ visitorOpen: !this.data.visitorOpen, vehicleOpen: false });
    },
    typeVisitorPhone(e: WechatMiniprogram.Input) {
      this.setData({ visitorPhone: e.detail.value });
    },
    async checkVisitor() {
      const visitorPhone = this.data.visitorPhone.trim();
      if (!/^1\d{10}$/.test(visitorPhone)) {
        showProblem('请填写访客的 11 位手机号');
        return;
      }
      const judged = await this.judge((gateId, direction, temperature) =>
        call('gate', 'visitor', { gateId, direction, visitorPhone, temperature }),
      );
      if (judged) this.setData({ visitorPhone: '' });
    },
    /** One verdict from the server, shown full screen, felt, counted; true when one came. */
    async judge(
      ask: (
        gateId: string,
        direction: 'in' | 'out',
        temperature: number,
      ) => Promise<Envelope<Verdict & { offline?: string }>>,
    ): Promise<boolean> {
      if (this.data.scanning) return false;
      const temperature = temperatureOf(this.data.temperature);
      if (temperature === null) {
        showProblem('请填写 34–43℃ 之间的体温');
        return false;
      }
      this.setData({ scanning: true });
      const gate = this.data.gates[this.data.gateIndex];
      const res = await ask(gate.id, this.data.direction, temperature);
      if (res.code !== 0) {
        this.setData({ scanning: false });
        showProblem(res.message);
        return false;
      }
      const verdict = res.data;
      // Felt and heard without looking: a short tap and a chime for a pass, a long buzz and two low tones for a refusal.
      if (verdict.allowed) wx.vibrateShort({ type: 'medium' });
      else wx.vibrateLong({});
      playVerdictSound(verdict.allowed);
      this.count(verdict.allowed);
      const title = verdict.allowed
        ? verdict.colour
          ? `${COLOUR_NAMES[verdict.colour]} · 放行`
          : `${this.data.vehicleOpen ? '车辆' : '访客'} · 放行`
        : `${verdict.colour ? COLOUR_NAMES[verdict.colour] + ' · ' : ''}禁止通行`;
      const tone = !verdict.allowed ? 'red' : verdict.colour === 'yellow' ? 'yellow' : 'green';
      const vehicle = this.data.vehicleOpen; // a plate: no temperature to show
      // The next person is measured afresh: a fever must not carry over to them, nor a normal reading.
      this.setData({
        scanning: false,
        verdict: { ...verdict, title, tone, vehicle, offline: verdict.offline ?? '' },
        temperature: DEFAULT_TEMPERATURE,
      });
      if (this.data.continuous && !this.data.visitorOpen && !this.data.vehicleOpen)
        timers.set(
          this,
          setTimeout(() => void this.next(), verdict.allowed ? NEXT_SCAN_MS.allowed : NEXT_SCAN_MS.refused),
        );
      return true;
    },
    /** The verdict cleared; with 连续扫码, the camera for the next person at once. */
    async next() {
      this.stopNextScan();
      this.setData({ verdict: null });
      if (this.data.continuous) await this.scan();
    },
    dismiss() {
      void this.next();
    },
  },
});

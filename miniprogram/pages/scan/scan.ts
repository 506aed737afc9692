/**
 * 扫码核验 (grid workers at a gate): pick the gate and direction once, then scan pass after pass.
 * The verdict fills the screen — big colour, one line of reason, masked name and address — and
 * comes from the server; the phone decides nothing. The screen's colour is the decision's: green
 * or yellow only when let through, red for every refusal (a green resident over the household's
 * quota too), with the reason large.
 */
import type { Verdict } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { myGates, noGates } from '../../services/gates';
import { COLOUR_NAMES } from '../../shared/colours';
import { showProblem } from '../../utils/toast';

Component({
  behaviors: [pageLife],
  data: {
    ...noGates(),
    gateIndex: 0,
    direction: 'in' as 'in' | 'out',
    scanning: false,
    verdict: null as (Verdict & { title: string; tone: 'green' | 'yellow' | 'red' }) | null,
  },
  methods: {
    async load() {
      // Once per visit: the camera hides the page, so every scan shows it again, and that must
      // cost no cloud call at the gate nor move the chosen gate.
      if (this.data.gates.length) return { code: 0, message: '' };
      const mine = await myGates();
      if ('error' in mine) return { code: 'PERMISSION_DENIED', message: mine.error };
      this.setData(mine);
      return { code: 0, message: '' };
    },
    chooseGate(e: WechatMiniprogram.PickerChange) {
      this.setData({ gateIndex: Number(e.detail.value) });
    },
    setDirection(e: WechatMiniprogram.TouchEvent) {
      this.setData({ direction: e.currentTarget.dataset.direction as 'in' | 'out' });
    },
    async scan() {
      if (this.data.scanning) return;
      let token: string;
      try {
        token = (await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return; // the guard closed the camera
      }
      await this.check(token);
    },
    async check(token: string) {
      this.setData({ scanning: true });
      const gate = this.data.gates[this.data.gateIndex];
      const res = await call('gate', 'scan', { gateId: gate.id, direction: this.data.direction, token });
      if (res.code !== 0) {
        this.setData({ scanning: false });
        showProblem(res.message);
        return;
      }
      const verdict = res.data;
      if (!verdict.allowed) wx.vibrateLong({});
      const title = verdict.allowed
        ? `${COLOUR_NAMES[verdict.colour ?? 'green']} · 放行`
        : `${verdict.colour ? COLOUR_NAMES[verdict.colour] + ' · ' : ''}禁止通行`;
      const tone = !verdict.allowed ? 'red' : verdict.colour === 'yellow' ? 'yellow' : 'green';
      this.setData({ scanning: false, verdict: { ...verdict, title, tone } });
    },
    dismiss() {
      this.setData({ verdict: null });
    },
  },
});

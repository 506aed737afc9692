/**
 * 值守排班: the enclosure's gate shifts of today or tomorrow. A grid worker puts its grid workers
 * and volunteers on the gates (白班, 晚班, 夜班), takes off a shift not yet started, and sees the
 * shifts nobody came to and the rounds nobody walked in the last 7 days. Whoever is on a shift
 * (opened with `?mine=1` by a volunteer) 上岗 at the gate and 交班 with a note for the next.
 */
import type { DutyPerson, RoundDue, Shift, ShiftSlot } from '../../../typings';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { cstDate, formatMoment } from '../../shared/china-time';
import { showDone, showProblem } from '../../utils/toast';

const SLOTS: { slot: ShiftSlot; label: string }[] = [
  { slot: 'day', label: '白班 08:00–16:00' },
  { slot: 'evening', label: '晚班 16:00–24:00' },
  { slot: 'night', label: '夜班 00:00–08:00（次日）' },
];
const DAY_MS = 86_400_000;

Component({
  behaviors: [pageLife],
  data: {
    mine: false,
    dayIndex: 0,
    dates: [] as string[],
    shifts: [] as Shift[],
    gates: [] as { id: string; name: string }[],
    gateNames: [] as string[],
    gateIndex: 0,
    slotNames: SLOTS.map((s) => s.label),
    slotIndex: 0,
    people: [] as DutyPerson[],
    personNames: [] as string[],
    personIndex: -1,
    notes: {} as Record<string, string>,
    missed: { shifts: [] as Shift[], rounds: [] as (RoundDue & { when: string })[] },
    busy: false,
  },
  methods: {
    async load(query: PageQuery) {
      if (!this.data.dates.length) {
        const today = Date.now();
        this.setData({
          mine: query.mine === '1',
          dates: [cstDate(new Date(today)), cstDate(new Date(today + DAY_MS))],
        });
      }
      const date = this.data.dates[this.data.dayIndex];
      const res = await call('duty', 'shifts', { date, ...(this.data.mine ? { mine: true } : {}) });
      if (res.code !== 0) return res;
      this.setData({ shifts: res.data });
      if (this.data.mine) return res;
      const [people, missed] = await Promise.all([
        this.data.people.length ? null : call('duty', 'people', {}),
        call('duty', 'missed', {}),
      ]);
      if (people?.code === 0)
        this.setData({
          people: people.data.people,
          personNames: people.data.people.map((p) => p.name),
          gates: people.data.gates,
          gateNames: people.data.gates.map((g) => g.name),
        });
      if (missed.code === 0)
        this.setData({
          missed: {
            shifts: missed.data.shifts,
            rounds: missed.data.rounds.map((r) => ({ ...r, when: formatMoment(r.due) })),
          },
        });
      return res;
    },
    async chooseDay(e: WechatMiniprogram.TouchEvent) {
      this.setData({ dayIndex: Number(e.currentTarget.dataset.index) });
      await this.refresh();
    },
    onGate(e: WechatMiniprogram.PickerChange) {
      this.setData({ gateIndex: Number(e.detail.value) });
    },
    onSlot(e: WechatMiniprogram.PickerChange) {
      this.setData({ slotIndex: Number(e.detail.value) });
    },
    onPerson(e: WechatMiniprogram.PickerChange) {
      this.setData({ personIndex: Number(e.detail.value) });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ [`notes.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    /** One call at a time: a second tap meanwhile would send it twice. */
    async act<T extends { code: unknown; message: string }>(send: () => Promise<T>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await send();
      this.setData({ busy: false });
      if (res.code !== 0) return showProblem(res.message);
      showDone(done);
      await this.refresh();
    },
    async plan() {
      const gate = this.data.gates[this.data.gateIndex];
      const person = this.data.people[this.data.personIndex];
      if (!gate || !person) return showProblem('请选择卡口和值守人员');
      await this.act(
        () =>
          call('duty', 'planShift', {
            gateId: gate.id,
            date: this.data.dates[this.data.dayIndex],
            slot: SLOTS[this.data.slotIndex].slot,
            staffOpenid: person.openid,
          }),
        '已安排',
      );
    },
    async cancel(e: WechatMiniprogram.TouchEvent) {
      const shiftId = String(e.currentTarget.dataset.id);
      const sure = await wx.showModal({ title: '取消该班次？', content: '取消后该人员不再值守此班次。' });
      if (!sure.confirm) return;
      await this.act(() => call('duty', 'cancelShift', { shiftId }), '已取消');
    },
    async start(e: WechatMiniprogram.TouchEvent) {
      const shiftId = String(e.currentTarget.dataset.id);
      await this.act(() => call('duty', 'startShift', { shiftId }), '已上岗');
    },
    async handOver(e: WechatMiniprogram.TouchEvent) {
      const shiftId = String(e.currentTarget.dataset.id);
      const note = (this.data.notes[shiftId] ?? '').trim();
      if (!note) return showProblem('请填写交班记录，如：围挡完好，测温枪电量充足');
      await this.act(() => call('duty', 'handOver', { shiftId, note }), '已交班');
    },
  },
});

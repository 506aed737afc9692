/**
 * 健康随访 (medics): the day's desk for their enclosure — who is due for sampling, samples waiting
 * for the lab, who waits for a medical assessment, who is at a health station — and each action
 * on it: sample (by the person's pass or from the list), enter a result or paste the lab's sheet,
 * clear with a note, check in and out of the station. The rules and checks are the cloud's.
 */
import type { HealthDesk, TestResultCode } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { cstDate } from '../../shared/china-time';
import { call } from '../../services/cloud';
import { newRequestId } from '../../utils/request-id';
import { showDone, showOutcome, showProblem } from '../../utils/toast';
import { ROWS_PER_CALL, partsOf, readResultSheet } from './result-sheet';

type Input = WechatMiniprogram.Input;
type Tap = WechatMiniprogram.TouchEvent;

Component({
  behaviors: [pageLife],
  data: {
    desk: null as HealthDesk | null,
    tubeCode: '',
    station: '温馨驿站',
    sheet: '',
    sheetProblems: [] as string[],
    notes: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async load() {
      const res = await call('health', 'desk', {});
      if (res.code === 0) this.setData({ desk: res.data });
      return res;
    },
    onTube(e: Input) {
      this.setData({ tubeCode: e.detail.value.trim() });
    },
    onStation(e: Input) {
      this.setData({ station: e.detail.value });
    },
    onSheet(e: Input) {
      this.setData({ sheet: e.detail.value, sheetProblems: [] });
    },
    onNote(e: Input) {
      const id = String(e.currentTarget.dataset.id);
      this.setData({ [`notes.${id}`]: e.detail.value });
    },
    /** One action at a time; the desk is read again after it. */
    async act(work: () => Promise<{ code: unknown; message: string }>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await work();
      this.setData({ busy: false });
      if (showOutcome(res, done)) await this.refresh();
      return res;
    },
    tubeOrWarn(): string | null {
      if (this.data.tubeCode) return this.data.tubeCode;
      showProblem('请先扫描或填写试管编号');
      return null;
    },
    async scanTube() {
      try {
        const code = (await wx.scanCode({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] })).result;
        this.setData({ tubeCode: code.trim() });
      } catch {
        // the medic closed the camera
      }
    },
    async samplePass() {
      const tubeCode = this.tubeOrWarn();
      if (!tubeCode) return;
      let token: string;
      try {
        token = (await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return;
      }
      const res = await this.act(() => call('health', 'sample', { tubeCode, token }), '已采样');
      if (res?.code === 0) this.setData({ tubeCode: '' });
    },
    async sampleListed(e: Tap) {
      const tubeCode = this.tubeOrWarn();
      if (!tubeCode) return;
      const residentId = String(e.currentTarget.dataset.id);
      const res = await this.act(() => call('health', 'sample', { tubeCode, residentId }), '已采样');
      if (res?.code === 0) this.setData({ tubeCode: '' });
    },
    async enterResult(e: Tap) {
      const { tube, result } = e.currentTarget.dataset as { tube: string; result: TestResultCode };
      const rows = [{ tubeCode: tube, result, testedOn: cstDate(new Date()) }];
      await this.act(() => call('health', 'results', { rows }), '已录入');
    },
    async importSheet() {
      const { rows, problems } = readResultSheet(this.data.sheet);
      if (problems.length || !rows.length) {
        this.setData({ sheetProblems: problems.length ? problems : ['请粘贴检测机构的结果表'] });
        return;
      }
      let entered = 0;
      for (const [i, part] of partsOf(rows).entries()) {
        const res = await call('health', 'results', { rows: part });
        if (res.code !== 0) {
          // Parts before this one are in; this one and the rest are not.
          const at = i * ROWS_PER_CALL;
          this.setData({ sheetProblems: [`已录入前 ${at} 行；${res.message}`] });
          await this.refresh();
          return;
        }
        entered += res.data.entered;
      }
      this.setData({ sheet: '', sheetProblems: [] });
      showDone(`已录入 ${entered} 条`);
      await this.refresh();
    },
    async clear(e: Tap) {
      const residentId = String(e.currentTarget.dataset.id);
      const note = (this.data.notes[residentId] ?? '').trim();
      if (note.length < 2) {
        showProblem('请填写评估意见');
        return;
      }
      await this.act(() => call('health', 'clear', { requestId: newRequestId(), residentId, note }), '已评估');
    },
    async stationIn(e: Tap) {
      const residentId = String(e.currentTarget.dataset.id);
      await this.act(() => call('health', 'stationIn', { residentId, station: this.data.station.trim() }), '已入驿站');
    },
    /** A visit today for this person: it then waits in 随访 to be recorded. */
    async planVisit(e: Tap) {
      const residentId = String(e.currentTarget.dataset.id);
      await this.act(
        () => call('health', 'planVisit', { requestId: newRequestId(), residentId, dueOn: cstDate(new Date()) }),
        '已安排随访',
      );
    },
    async returnHome(e: Tap) {
      const residentId = String(e.currentTarget.dataset.id);
      await this.act(() => call('health', 'returnHome', { residentId }), '已登记返回');
    },
    async stationOut(e: Tap) {
      const residentId = String(e.currentTarget.dataset.id);
      await this.act(() => call('health', 'stationOut', { residentId }), '已离站');
    },
  },
});

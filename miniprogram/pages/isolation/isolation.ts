/**
 * 隔离打卡: why I am isolated and until when, today's check-in (twice a day, in its window), and
 * help from our volunteer. Opened from 首页 or 我的家庭 (for a member, with residentId; `help=1`
 * when the head came to ask for help, which then comes first). Red or yellow without an isolation
 * order (a fever at the gate, say) is explained with its reasons and what to do.
 */
import type { Colour, MyIsolation } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { COLOUR_NAMES } from '../../shared/colours';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { formatUntil, reasonLines } from '../../utils/status';

/** Each kind with what the household does next: rubbish goes out, the rest is left at the door. */
const CARE = [
  { kind: 'supplies', label: '代购生活物资', answer: '志愿者代购后放在门口，请留意电话' },
  { kind: 'meal', label: '送餐', answer: '餐食将放在门口，志愿者离开后再开门取餐' },
  { kind: 'medicine', label: '代购药品', answer: '志愿者代购后放在门口；处方药请备好处方，志愿者会电话联系您' },
  { kind: 'rubbish', label: '上门收垃圾', answer: '请将垃圾袋扎好放在门口，志愿者上门收取' },
] as const;
type CareKind = (typeof CARE)[number]['kind'];

/** What to do while red or yellow without an order: the grid worker decides what comes next. */
const ADVICE: Record<Colour, string> = {
  red: '请留在家中，不要外出，等待网格员联系；如需就医，请先联系网格员。',
  yellow: '请完成今日健康申报，或等待网格员核实；有疑问请联系网格员。',
  green: '',
};

Component({
  behaviors: [pageLife, careMode],
  data: {
    residentId: '',
    maskedName: '',
    helpFirst: false,
    isolated: false,
    colour: 'green' as Colour,
    statusTitle: '',
    reasons: [] as { text: string; until: string }[],
    advice: '',
    orders: [] as (MyIsolation['orders'][number] & { endText: string })[],
    /** Orders a grid worker lifted lately, with their reason: an override is never silent. */
    ended: [] as MyIsolation['ended'],
    windowText: '',
    canCheckIn: false,
    checkedIn: false,
    temperature: '',
    errors: {} as Record<string, string>,
    message: '',
    helpKinds: CARE.map((c) => ({ kind: c.kind, label: c.label })),
    careNote: '',
    careAnswer: '',
    /** One request id per kind until it lands: a second tap or a retry asks once. */
    careRequests: {} as Record<string, string>,
    reminderTemplateId: '',
  },
  methods: {
    async load(query: PageQuery) {
      this.setData({ residentId: query.residentId ?? '', helpFirst: query.help === '1' });
      const res = await call('quarantine', 'mine', this.data.residentId ? { residentId: this.data.residentId } : {});
      if (res.code !== 0) return res;
      const mine = res.data;
      const colour = mine.status.colour;
      this.setData({
        maskedName: mine.maskedName,
        isolated: mine.isolated,
        colour,
        statusTitle: `当前为${COLOUR_NAMES[colour]}，暂未列入居家隔离`,
        reasons: reasonLines(mine.status.reasons),
        advice: ADVICE[colour],
        orders: mine.orders.map((o) => ({
          ...o,
          endText: `预计 ${formatUntil(o.plannedEnd)} 解除，还剩 ${o.daysLeft} 天${o.awaitingDecision ? '（待网格员确认）' : ''}`,
        })),
        ended: mine.ended,
        windowText: mine.window
          ? `本次打卡时段至 ${formatUntil(mine.window.end).slice(-5)}`
          : `下次打卡：${formatUntil(mine.next)}`,
        canCheckIn: !!mine.window && !mine.checkedIn,
        checkedIn: mine.checkedIn,
        reminderTemplateId: mine.reminderTemplateId ?? '',
      });
      return res;
    },
    onTemperature(e: WechatMiniprogram.Input) {
      this.setData({ temperature: e.detail.value });
    },
    async checkIn() {
      const temperature = Number(this.data.temperature);
      if (!this.data.temperature || Number.isNaN(temperature)) {
        this.setData({ errors: { temperature: '请填写体温' } });
        return;
      }
      const res = await call('quarantine', 'checkin', {
        temperature,
        symptoms: [],
        ...(this.data.residentId ? { residentId: this.data.residentId } : {}),
      });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      this.setData({ errors: {}, message: res.data.alerted ? '体温或症状异常，网格员将尽快联系您' : '打卡成功' });
      await this.refresh();
    },
    /** One tap grants one reminder (WeChat's rule for ordinary mini-programs). */
    async subscribe() {
      const templateId = this.data.reminderTemplateId;
      const res = await wx.requestSubscribeMessage({ tmplIds: [templateId] }).catch(() => null);
      if (!res || (res as unknown as Record<string, string>)[templateId] !== 'accept') return;
      const saved = await call('quarantine', 'subscribe', { accepted: 1 });
      this.setData({
        message: saved.code === 0 ? `将在下次打卡时段提醒您（剩余 ${saved.data.remaining} 次）` : saved.message,
      });
    },
    onCareNote(e: WechatMiniprogram.Input) {
      // Another note is another request: a kept request id would answer with the first note.
      this.setData({ careNote: e.detail.value, careRequests: {} });
    },
    /** Care is the household's: for a member too, the request is the head's, so the volunteer calls the head. */
    async askForHelp(e: WechatMiniprogram.TouchEvent) {
      const kind = e.currentTarget.dataset.kind as CareKind;
      const requestId = this.data.careRequests[kind] ?? newRequestId();
      this.setData({ [`careRequests.${kind}`]: requestId });
      const note = this.data.careNote.trim();
      const res = await call('care', 'request', { requestId, kind, ...(note ? { note } : {}) });
      if (res.code !== 0) {
        this.setData({ careAnswer: res.message });
        return;
      }
      const answer = CARE.find((c) => c.kind === kind)!.answer;
      // volunteerName already reads 志愿者何磊 (the server's label): printed as it is.
      this.setData({
        careAnswer: `已通知${res.data.volunteerName}：${answer}`,
        careNote: '',
        careRequests: {},
      });
    },
  },
});

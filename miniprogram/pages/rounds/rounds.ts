/**
 * 关爱走访 (volunteers): the 关爱对象 one visits or calls, the overdue and today's first. Each
 * contact is logged with its outcome: 未联系上 or 身体不适 alerts the grid worker (the cloud's
 * doing); 有生活需求 says what to bring and becomes a 服务任务. 拨打 reveals the number (audited).
 */
import type { CareKind, CareOutcome, CareSubject } from '../../../typings';
import { dialResident } from '../../behaviors/dial-resident';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { CARE_OUTCOME_NAMES, KIND_NAMES } from '../../shared/care-names';
import { dueText } from '../../utils/care-due';
import { newRequestId } from '../../utils/request-id';
import { showDone, showNote, showProblem } from '../../utils/toast';

/** The picker's choices: 有生活需求 once per thing to bring, so one pick says both. */
interface Choice {
  outcome: CareOutcome;
  need?: CareKind;
  label: string;
}
const CHOICES: Choice[] = (Object.keys(CARE_OUTCOME_NAMES) as CareOutcome[]).flatMap((outcome): Choice[] =>
  outcome === 'needs'
    ? (Object.keys(KIND_NAMES) as CareKind[]).map((need) => ({
        outcome,
        need,
        label: `${CARE_OUTCOME_NAMES[outcome]}：${KIND_NAMES[need]}`,
      }))
    : [{ outcome, label: CARE_OUTCOME_NAMES[outcome] }],
);

type Shown = CareSubject & { due: string; kinds: string };

Component({
  behaviors: [pageLife, dialResident],
  data: {
    subjects: [] as Shown[],
    choiceLabels: CHOICES.map((c) => c.label),
    /** residentId → the note typed for them. */
    notes: {} as Record<string, string>,
    /** A contact on its way: a second pick meanwhile would log (and ask for) it twice. */
    busy: false,
  },
  methods: {
    async load() {
      const res = await call('care', 'subjects', {});
      if (res.code === 0)
        this.setData({ subjects: res.data.map((s) => ({ ...s, due: dueText(s), kinds: s.categories.join('、') })) });
      return res;
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ [`notes.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    async log(e: WechatMiniprogram.PickerChange) {
      const residentId = String(e.currentTarget.dataset.id);
      const subject = this.data.subjects.find((s) => s.residentId === residentId)!;
      if (this.data.busy) return;
      const { outcome, need } = CHOICES[Number(e.detail.value)];
      const note = (this.data.notes[residentId] ?? '').trim();
      this.setData({ busy: true });
      const res = await call('care', 'logContact', {
        requestId: newRequestId(),
        residentId,
        way: subject.way,
        outcome,
        ...(note ? { note } : {}),
        ...(need ? { need } : {}),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      if (res.data.escalated) showNote('已记录，并已告知网格员');
      else if (res.data.taskId) showNote('已记录，已加入服务任务');
      else showDone('已记录');
      this.setData({ [`notes.${residentId}`]: '' });
      await this.refresh();
    },
  },
});

/**
 * A volunteer's visit or call to a 关爱对象, one record per attempt. Reaching the person moves
 * the plan on; 未联系上 leaves them due (overdue on the grid worker's roster once the day is past)
 * and, like 身体不适, alerts the grid worker of the building at once. 有生活需求 opens a care
 * task for the same volunteer, as a household's own request would: an elder without a phone
 * asks through the volunteer at the door.
 */
import { CARE_OUTCOMES, CARE_WAYS, escalates, nextDueAfter, reached } from '../../../core/care';
import { cstDateOf } from '../../../core/time';
import type { CareKind } from '../../../typings';
import type { Def } from '../../../server/action';
import { alertFields } from '../../../server/alerts';
import { now } from '../../../server/clock';
import { findById, insertOnce, updateById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, requestId, text, v } from '../../../server/schema';
import { CARE_OUTCOME_NAMES, KIND_NAMES, WAY_NAMES } from '../../../miniprogram/shared/care-names';
import { volunteerLabel } from '../../../miniprogram/shared/volunteer';
import { openTask } from './requests';
import type { CareSubjectDoc } from './subjects';

interface ContactDoc {
  residentId: string;
  nextDueOn: string;
  escalated: boolean;
  taskId: string | null;
}

export const logContact = {
  who: 'staff',
  role: 'volunteer',
  denied: '仅志愿者可以记录关爱走访',
  input: input({
    requestId: requestId(),
    residentId: id('关爱对象'),
    way: oneOf('关爱方式', CARE_WAYS),
    outcome: oneOf('走访结果', CARE_OUTCOMES),
    note: v.optional(text('走访情况', { min: 0, max: 200 })),
    need: v.optional(oneOf('需要的服务', Object.keys(KIND_NAMES) as [CareKind, ...CareKind[]])),
  }),
  async run({ requestId, residentId, way, outcome, note = '', need }, { user: volunteer }) {
    if (outcome === 'needs' && !need) throw new AppError('INVALID_ARGUMENT', '请选择需要的服务', 'need');
    if (outcome !== 'needs' && need) throw new AppError('INVALID_ARGUMENT', '仅“有生活需求”时选择服务', 'need');
    const subject = await findById<CareSubjectDoc>('care_subjects', residentId);
    if (!subject) throw notFound('该住户不是关爱对象');
    // Theirs, and still in the enclosure they volunteer for (one who moved on keeps no one's care).
    if (subject.volunteerOpenid !== volunteer._id || subject.enclosureId !== volunteer.enclosureId)
      throw denied('该关爱对象不由您负责');
    const contactId = idFor('cc', volunteer._id, requestId);
    const done = await findById<ContactDoc>('care_contacts', contactId);
    if (done) return answerOf(done); // a retry: the contact as first logged

    const at = now();
    const on = cstDateOf(at);
    const nextDueOn = nextDueAfter(subject.nextDueOn, on, outcome, subject.everyDays);
    const escalated = escalates(outcome);
    const taskId = need ? idFor('care', volunteer._id, requestId) : null;
    const byName = volunteer.name ?? '志愿者';
    const reachedOn = reached(outcome) ? on : subject.lastReachedOn;
    // Each write below is keyed or recomputed the same on a retry; the contact, written last, marks it done.
    if (escalated)
      await insertOnce('alerts', {
        _id: `care-${residentId}-${on}-${outcome}`, // once a day each: a second unanswered call does not ring again
        ...alertFields(
          { residentId, buildingId: subject.buildingId, unit: subject.unit, maskedName: subject.maskedName },
          {
            at,
            kind: `care_${outcome}`,
            detail: `关爱对象${WAY_NAMES[way]}：${CARE_OUTCOME_NAMES[outcome]}${note ? `，${note}` : ''}（${volunteerLabel(byName)}）`,
          },
        ),
      });
    if (need && taskId) {
      const assignment = { volunteerOpenid: volunteer._id, volunteerName: byName, enclosureId: subject.enclosureId };
      await openTask(taskId, subject, residentId, assignment, need, note);
    }
    await updateById('care_subjects', residentId, {
      nextDueOn,
      lastContact: { on, outcome, byName },
      lastReachedOn: reachedOn,
    });
    const contact: ContactDoc = { residentId, nextDueOn, escalated, taskId };
    await insertOnce('care_contacts', {
      _id: contactId,
      ...contact,
      enclosureId: subject.enclosureId,
      buildingId: subject.buildingId,
      on,
      way,
      outcome,
      note,
      need: need ?? null,
      by: volunteer._id,
      at,
    });
    return answerOf(contact);
  },
} satisfies Def<'care', 'logContact'>;

const answerOf = (c: ContactDoc) => ({
  residentId: c.residentId,
  nextDueOn: c.nextDueOn,
  escalated: c.escalated,
  taskId: c.taskId,
});

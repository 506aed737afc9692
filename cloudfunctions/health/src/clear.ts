/**
 * 医学评估: a medic clears a fever, symptoms or a positive test with a note. Readings and tests
 * before the clearance stop counting (rules.ts), so "red until a doctor clears it" ends as the
 * rules then say; the clearance is audited and shows in the resident's history.
 */
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findById } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, requestId, text } from '../../../server/schema';
import { StatusDoc, currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { inTransaction } from '../../../server/transaction';
import { MEDIC_DENIED, patientOf } from './patients';

/** The reasons only a medic's assessment ends. */
export const MEDICAL_RULES = ['fever', 'symptoms', 'test_positive'];

export const clear = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ requestId: requestId(), residentId: id('住户'), note: text('评估意见', { min: 2, max: 200 }) }),
  async run({ requestId, residentId, note }, { user: medic }) {
    await patientOf(medic, residentId);
    const auditId = `aud-${idFor('clear', medic._id, requestId)}`;
    const at = now();
    const stored = await findById<StatusDoc>('statuses', residentId);
    if (!(await findById('audit_logs', auditId))) {
      const medical = stored ? currentStatus(stored, at).reasons.filter((r) => MEDICAL_RULES.includes(r.rule)) : [];
      if (medical.length === 0) throw new AppError('FAILED_PRECONDITION', '该住户没有待医学评估的记录');
      await inTransaction(async (w) => {
        if (
          !(await w.insert('audit_logs', auditId, {
            at,
            actor: medic._id,
            action: 'medical_clearance',
            residentId,
            target: residentId,
            before: { reasons: medical.map((r) => r.text) },
            after: { cleared: true },
            note,
          }))
        )
          return; // a retry whose first attempt landed
        await w.update('residents', residentId, { clearedAt: at, clearedBy: medic._id });
      });
    }
    const status = await recomputeStatus(residentId, at);
    return { residentId, status: viewOf(currentStatus(status, at)) };
  },
} satisfies Def<'health', 'clear'>;

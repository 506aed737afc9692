/** 核实: a grid worker confirms a resident's identity, address and declaration; audited. */
import type { ResidentsContract } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findById, insert, updateById } from '../../../server/db';
import { notFound } from '../../../server/errors';
import { id, input, text } from '../../../server/schema';
import { ResidentDoc, StatusDoc, recomputeStatus, viewOf } from '../../../server/status';
import { UserDoc, requireGridOf } from '../../../server/users';

export const verify = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以核实住户',
  input: input({ residentId: id('住户'), note: text('核实说明', { min: 2, max: 200 }) }),
  run: (input, { user }) => verifyResident(user, input),
} satisfies Def<'residents', 'verify'>;

async function verifyResident(
  worker: Stored<UserDoc>,
  { residentId, note }: RequestOf<'residents', 'verify'>,
): Promise<ResidentsContract['verify']['response']> {
  const resident = await findById<ResidentDoc>('residents', residentId);
  if (!resident) throw notFound('住户不存在');
  await requireGridOf(worker, resident.buildingId);
  const at = now();
  const before = await findById<StatusDoc>('statuses', residentId);
  // Verified in person: a pending newcomer is now a member of the household.
  await updateById('residents', residentId, {
    verifiedAt: at,
    verifiedBy: worker._id,
    ...(resident.pendingSince ? { pendingSince: command.remove(), acceptedAt: at } : {}),
  });
  const after = await recomputeStatus(residentId, at);
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'verify',
    residentId,
    before: before ? { colour: before.colour, reasons: before.reasons.map((r) => r.rule) } : null,
    after: { colour: after.colour, reasons: after.reasons.map((r) => r.rule) },
    note,
  });
  return { residentId, status: viewOf(after) };
}

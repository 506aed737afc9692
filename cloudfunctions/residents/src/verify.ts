/** 核实: a grid worker confirms a resident's identity, address and declaration; audited. */
import { Checker } from '../../../core/validate';
import type { ResidentsContract, VerifyRequest } from '../../../typings';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findById, insert, updateById } from '../../../server/db';
import { notFound } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { ResidentDoc, StatusDoc, recomputeStatus, viewOf } from '../../../server/status';
import { requireGridOf, requireRole } from '../../../server/users';

export async function verify(
  payload: Partial<VerifyRequest>,
  caller: Caller,
): Promise<ResidentsContract['verify']['response']> {
  const check = new Checker();
  const residentId = check.id('residentId', payload.residentId, '住户');
  const note = check.text('note', payload.note, '核实说明', { min: 2, max: 200 });
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以核实住户');
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

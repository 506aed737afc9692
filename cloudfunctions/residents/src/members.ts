/**
 * 我的家庭 — the head accepts a newcomer who registered at the flat (pending until then): only
 * then may they see the household and shop for it. Audited, idempotent (accepting twice is one).
 */
import { Checker } from '../../../core/validate';
import type { ResidentsContract } from '../../../typings';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findById, insert, updateWhere } from '../../../server/db';
import { denied } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { HouseholdDoc, requireResident } from '../../../server/household';
import type { ResidentDoc } from '../../../server/status';

export async function acceptMember(
  payload: Record<string, unknown>,
  caller: Caller,
): Promise<ResidentsContract['acceptMember']['response']> {
  const check = new Checker();
  check.onlyKeys(payload, ['action', 'residentId']);
  const residentId = check.id('residentId', payload.residentId, '家庭成员');
  check.done();
  const self = await requireResident(caller);
  const household = await findById<HouseholdDoc>('households', self.resident.householdId);
  if (household?.headResidentId !== self.residentId) throw denied('只有户主可以确认家庭成员');
  const member = await findById<ResidentDoc>('residents', residentId);
  if (!member || member.householdId !== self.resident.householdId) throw denied('只能确认登记在本户的成员');
  if (!member.pendingSince) return { residentId, accepted: true };
  const at = now();
  // Conditional: of two taps (or a tap racing the grid worker's verification) one writes and audits.
  const changed = await updateWhere(
    'residents',
    { _id: residentId, pendingSince: command.exists(true) },
    { pendingSince: command.remove(), acceptedAt: at },
  );
  if (changed > 0)
    await insert('audit_logs', {
      at,
      actor: self.openid,
      action: 'accept_member',
      residentId,
      before: { membership: 'pending' },
      after: { membership: 'accepted' },
      note: '户主确认为本户成员',
    });
  return { residentId, accepted: true };
}

/**
 * 我的家庭 — the head accepts a newcomer who registered at the flat (pending until then): only
 * then may they see the household and shop for it. Audited, idempotent (accepting twice is one).
 */
import type { ResidentsContract } from '../../../typings';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findById, insert, updateWhere } from '../../../server/db';
import { denied } from '../../../server/errors';
import type { Def } from '../../../server/action';
import { HouseholdDoc, Self } from '../../../server/household';
import { id, input } from '../../../server/schema';
import type { ResidentDoc } from '../../../server/status';

export const acceptMember = {
  who: 'resident',
  input: input({ residentId: id('家庭成员') }),
  run: ({ residentId }, { self }) => accept(self, residentId),
} satisfies Def<'residents', 'acceptMember'>;

async function accept(self: Self, residentId: string): Promise<ResidentsContract['acceptMember']['response']> {
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

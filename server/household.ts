/** Whose data may the caller touch: themselves, and (a verified head) the dependants without WeChat. */
import { isPending, refusalToActFor } from '../core/acting';
import { findById } from './db';
import { AppError, denied } from './errors';
import type { Caller } from './handler';
import type { ResidentDoc } from './status';
import { UserDoc, loadUser } from './users';

export interface HouseholdDoc {
  enclosureId: string;
  buildingId: string;
  unit: number;
  floor: number;
  room: string;
  headResidentId: string;
  memberIds: string[];
}

export interface Self {
  openid: string;
  user: UserDoc & { _id: string };
  residentId: string;
  resident: ResidentDoc & { _id: string };
}

/** The caller as a registered resident, or a clear refusal. */
export async function requireResident(caller: Caller): Promise<Self> {
  const user = await loadUser(caller);
  if (!user?.residentId) throw new AppError('FAILED_PRECONDITION', '请先完成住户登记');
  const resident = await findById<ResidentDoc>('residents', user.residentId);
  if (!resident) throw new AppError('FAILED_PRECONDITION', '住户信息不存在，请联系网格员');
  return { openid: user._id, user, residentId: user.residentId, resident };
}

/**
 * The resident the caller acts for: themselves (no `residentId`, or their own), else a dependant
 * of theirs by the one rule in core/acting. Every action that accepts someone else's
 * `residentId` goes through here.
 */
export async function actingFor(
  self: Self,
  residentId: string | undefined, // checked by the action's schema
): Promise<{ residentId: string; resident: ResidentDoc & { _id: string } }> {
  if (!residentId || residentId === self.residentId) return { residentId: self.residentId, resident: self.resident };
  const [other, household] = await Promise.all([
    findById<ResidentDoc>('residents', residentId),
    findById<HouseholdDoc>('households', self.resident.householdId),
  ]);
  if (!other) throw denied('只能为本人或本户家庭成员操作');
  const refusal = refusalToActFor(
    {
      residentId: self.residentId,
      householdId: self.resident.householdId,
      isHead: household?.headResidentId === self.residentId,
      verified: !!self.resident.verifiedAt,
    },
    { residentId, householdId: other.householdId, hasWechat: !!other.openid },
  );
  if (refusal) throw denied(refusal);
  return { residentId, resident: other };
}

/** Refuses a pending newcomer anything done for the whole household (care, group orders). */
export function requireAccepted(self: Self): void {
  if (isPending(self.resident)) throw denied('户主确认或网格员核实后才能为本户操作');
}

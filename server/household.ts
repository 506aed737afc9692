/** Whose data may the caller touch: themselves and the members of their own household. */
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

/** The resident the caller acts for: themselves, or a member of their own household. */
export async function actingFor(
  self: Self,
  residentId: string | undefined,
): Promise<{ residentId: string; resident: ResidentDoc & { _id: string } }> {
  if (!residentId || residentId === self.residentId) return { residentId: self.residentId, resident: self.resident };
  const other = await findById<ResidentDoc>('residents', residentId);
  if (!other || other.householdId !== self.resident.householdId) throw denied('只能为本户家庭成员申报');
  return { residentId, resident: other };
}

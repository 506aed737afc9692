/** Who the caller is and what they may do: roles from `users`, keyed by the trusted OPENID. */
import type { Role } from '../typings';
import type { ResidentDoc } from '../core/status-doc';
import { Stored, findById, findMany } from './db';
import { AppError, denied, notFound } from './errors';
import type { Caller } from './handler';

export interface UserDoc {
  roles: Role[];
  name?: string;
  residentId?: string;
  /** Staff scope: the enclosure a grid worker, volunteer or 团长 works for — never where they live. */
  enclosureId?: string;
  /** Where the user lives, if they registered as a resident (their home; gives no staff rights). */
  homeEnclosureId?: string;
  gridIds?: string[];
  gateIds?: string[];
  /** A community admin's 社区. */
  communityId?: string;
  registerRequestId?: string;
}

export function requireOpenid(caller: Caller): string {
  if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开');
  return caller.openid;
}

export async function loadUser(caller: Caller): Promise<(UserDoc & { _id: string }) | null> {
  return findById<UserDoc>('users', requireOpenid(caller));
}

/** Enclosures whose shared links (group orders) the user may open: where they work and where they live. */
export function enclosuresOf(user: UserDoc | null): string[] {
  return [...new Set([user?.enclosureId, user?.homeEnclosureId].filter((id): id is string => !!id))];
}

/** Whether the user holds the role (or one of the roles). */
export function hasRole(user: UserDoc | null, role: Role | readonly Role[]): boolean {
  return !!user && (typeof role === 'string' ? [role] : role).some((r) => user.roles.includes(r));
}

/** The buildings a grid worker is responsible for: those of all their grids (one read). */
export async function gridBuildingIds(worker: UserDoc): Promise<string[]> {
  const grids = await findMany<{ buildingIds: string[]; retiredAt?: Date }>('grids', {
    _id: { $in: worker.gridIds ?? [] },
  });
  // A retired grid gives no one rights over its buildings any more.
  return grids.filter((g) => !g.retiredAt).flatMap((g) => g.buildingIds);
}

/** Refuses unless one of the grid worker's grids covers the building. */
export async function requireGridOf(
  worker: UserDoc,
  buildingId: string,
  message = '该住户不在您负责的网格',
): Promise<void> {
  if (!(await gridBuildingIds(worker)).includes(buildingId)) throw denied(message);
}

/** The resident, if one of the grid worker's grids covers their building; refused before anything is written. */
export async function residentOfGrid(worker: UserDoc, residentId: string): Promise<Stored<ResidentDoc>> {
  const resident = await findById<ResidentDoc>('residents', residentId);
  if (!resident) throw notFound('住户不存在');
  await requireGridOf(worker, resident.buildingId);
  return resident;
}

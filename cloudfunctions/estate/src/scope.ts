/**
 * How far an estate admin reaches: the street admin (`admin`) everywhere; a community admin only
 * in their own 社区 and its enclosures. Checked after the one read that names the target's 社区.
 */
import type { EnclosureType } from '../../../core/estate';
import type { Stored } from '../../../server/db';
import { findById } from '../../../server/db';
import { denied, notFound } from '../../../server/errors';
import { UserDoc, hasRole } from '../../../server/users';

export interface CommunityDoc {
  name: string;
  createdAt: Date;
  retiredAt?: Date;
}
export interface EnclosureDoc {
  name: string;
  communityId?: string;
  /** The 社区's name, kept beside its id for pages and exports that print the address. */
  community?: string;
  street?: string;
  type?: EnclosureType;
  address?: string;
  retiredAt?: Date;
}

export function requireCommunityScope(user: UserDoc, communityId: string | undefined): void {
  if (hasRole(user, 'admin')) return;
  if (!communityId || user.communityId !== communityId) throw denied('只能管理本社区的围合区');
}

/** The enclosure, after checking the caller may manage it. */
export async function enclosureInScope(user: Stored<UserDoc>, enclosureId: string): Promise<Stored<EnclosureDoc>> {
  const enclosure = await findById<EnclosureDoc>('enclosures', enclosureId);
  if (!enclosure) throw notFound('围合区不存在');
  requireCommunityScope(user, enclosure.communityId);
  return enclosure;
}

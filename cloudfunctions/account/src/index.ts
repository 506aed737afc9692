/** `account`: who the caller is (roles from the database, keyed by the trusted OPENID). */
import type { AccountMe, Role } from '../../../typings';
import { currentCaller, getById } from '../../../server/cloud';
import { findMany } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { createMain } from '../../../server/handler';

interface UserDoc {
  roles: Role[];
  name?: string;
  residentId?: string;
  enclosureId?: string;
  gateIds?: string[];
}

export const main = createMain(
  'account',
  {
    async me(_payload, caller): Promise<AccountMe> {
      if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开');
      const user = await getById<UserDoc>('users', caller.openid);
      const resident = user?.residentId ? await getById<{ name: string }>('residents', user.residentId) : null;
      const enclosure = user?.enclosureId ? await getById<{ name: string }>('enclosures', user.enclosureId) : null;
      const gates = user?.gateIds?.length
        ? await findMany<{ name: string }>('gates', { _id: { $in: user.gateIds } })
        : [];
      return {
        roles: user?.roles ?? [],
        displayName: user?.name ?? resident?.name ?? null,
        enclosureId: user?.enclosureId ?? null,
        enclosureName: enclosure?.name ?? null,
        gates: gates.map((g) => ({ id: g._id, name: g.name })),
      };
    },
  },
  currentCaller,
);

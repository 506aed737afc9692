/** `account`: who the caller is (roles from the database, keyed by the trusted OPENID). */
import type { AccountMe } from '../../../typings';
import { currentCaller } from '../../../server/cloud';
import { findById, findMany } from '../../../server/db';
import { createMain } from '../../../server/handler';
import { loadUser } from '../../../server/users';

export const main = createMain(
  'account',
  {
    async me(_payload, caller): Promise<AccountMe> {
      const user = await loadUser(caller); // refuses a call without a WeChat user
      const resident = user?.residentId ? await findById<{ name: string }>('residents', user.residentId) : null;
      // Staff see where they work; a resident sees where they live.
      const enclosureId = user?.enclosureId ?? user?.homeEnclosureId ?? null;
      const enclosure = enclosureId ? await findById<{ name: string }>('enclosures', enclosureId) : null;
      const gates = user?.gateIds?.length
        ? await findMany<{ name: string }>('gates', { _id: { $in: user.gateIds } })
        : [];
      return {
        roles: user?.roles ?? [],
        displayName: user?.name ?? resident?.name ?? null,
        enclosureId,
        enclosureName: enclosure?.name ?? null,
        gates: gates.map((g) => ({ id: g._id, name: g.name })),
      };
    },
  },
  currentCaller,
);

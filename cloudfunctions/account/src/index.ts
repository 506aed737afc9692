/** `account`: who the caller is (roles from the database, keyed by the trusted OPENID). */
import { Def, defineFunction } from '../../../server/action';
import { findById, findMany } from '../../../server/db';
import { input } from '../../../server/schema';

const me = {
  who: 'anyone',
  input: input({}),
  async run(_input, { user: loadUser }) {
    const user = await loadUser();
    const resident = user?.residentId ? await findById<{ name: string }>('residents', user.residentId) : null;
    // Staff see where they work; a resident sees where they live.
    const enclosureId = user?.enclosureId ?? user?.homeEnclosureId ?? null;
    const enclosure = enclosureId ? await findById<{ name: string }>('enclosures', enclosureId) : null;
    const gates = user?.gateIds?.length
      ? await findMany<{ name: string; retiredAt?: Date }>('gates', { _id: { $in: user.gateIds } })
      : [];
    return {
      roles: user?.roles ?? [],
      displayName: user?.name ?? resident?.name ?? null,
      enclosureId,
      enclosureName: enclosure?.name ?? null,
      gates: gates.filter((g) => !g.retiredAt).map((g) => ({ id: g._id, name: g.name })),
    };
  },
} satisfies Def<'account', 'me'>;

export const main = defineFunction('account', { me });

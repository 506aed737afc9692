/** The estate's enclosures and buildings, for the registration form (no personal data). */
import type { DirectoryView } from '../../../typings';
import { findMany } from '../../../server/db';
import type { Caller } from '../../../server/handler';
import { requireOpenid } from '../../../server/users';

export async function directory(_payload: unknown, caller: Caller): Promise<DirectoryView> {
  requireOpenid(caller);
  const [enclosures, buildings] = await Promise.all([
    findMany<{ name: string }>('enclosures', {}, { limit: 100 }),
    findMany<{ enclosureId: string; name: string; units: number; floors: number }>('buildings', {}, { limit: 1000 }),
  ]);
  const number = (name: string) => Number(name.replace(/\D/g, '')) || 0;
  return {
    enclosures: enclosures.map((e) => ({
      id: e._id,
      name: e.name,
      buildings: buildings
        .filter((b) => b.enclosureId === e._id)
        .sort((a, b) => number(a.name) - number(b.name))
        .map((b) => ({ id: b._id, name: b.name, units: b.units, floors: b.floors })),
    })),
  };
}

/** The estate's enclosures and buildings, for the registration form (no personal data). */
import type { RoomScheme } from '../../../core/estate';
import type { DirectoryView } from '../../../typings';
import type { Def } from '../../../server/action';
import { findMany } from '../../../server/db';
import { input } from '../../../server/schema';

export const directory = {
  who: 'anyone',
  input: input({}),
  run: () => directoryView(),
} satisfies Def<'residents', 'directory'>;

async function directoryView(): Promise<DirectoryView> {
  const [allEnclosures, allBuildings] = await Promise.all([
    findMany<{ name: string; retiredAt?: Date }>('enclosures', {}, { limit: 100 }),
    findMany<{
      enclosureId: string;
      name: string;
      units: number;
      floors: number;
      roomScheme?: RoomScheme;
      retiredAt?: Date;
    }>('buildings', {}, { limit: 1000 }),
  ]);
  // Retired places take no new registrations (filtered here: the whole list is read anyway).
  const enclosures = allEnclosures.filter((e) => !e.retiredAt);
  const buildings = allBuildings.filter((b) => !b.retiredAt);
  const number = (name: string) => Number(name.replace(/\D/g, '')) || 0;
  return {
    enclosures: enclosures.map((e) => ({
      id: e._id,
      name: e.name,
      buildings: buildings
        .filter((b) => b.enclosureId === e._id)
        .sort((a, b) => number(a.name) - number(b.name))
        .map((b) => ({
          id: b._id,
          name: b.name,
          units: b.units,
          floors: b.floors,
          roomScheme: b.roomScheme ?? 'numbered',
        })),
    })),
  };
}

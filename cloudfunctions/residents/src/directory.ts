/** The estate's enclosures and buildings, for the registration form (no personal data). */
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

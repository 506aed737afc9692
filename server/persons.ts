/**
 * The 联系人 and 包干责任人 of an enclosure or building, at rest: the name, and the phone sealed
 * like residents' phones (AES-GCM with PII_KEY) beside its masked form. Staff read the number to
 * call; residents see it masked, with the name (有事找谁).
 */
import type { BuildingPeople, Person } from '../typings';
import { command } from './cloud';
import { findAll, findById } from './db';
import { decrypt, protectPhone } from './pii';
import { input, mobile, text, v } from './schema';

export interface StoredPerson {
  name: string;
  phoneSealed: string;
  phoneMasked: string;
}

/** The input of one person: a name and a mobile number; null clears it. */
export const personInput = (label: string) =>
  v.optional(v.nullable(input({ name: text(`${label}姓名`, { min: 2, max: 20 }), phone: mobile() })));

/** What to store for a person field as sent: sealed, cleared (null), or left out (undefined). */
export function sealPerson(person: Person | null | undefined): StoredPerson | null | undefined {
  if (person === undefined || person === null) return person;
  return { name: person.name, ...protectPhone(person.phone) };
}

/** For staff: the number itself. */
export const openPerson = (stored: StoredPerson | null | undefined): Person | null =>
  stored ? { name: stored.name, phone: decrypt(stored.phoneSealed) } : null;

/** An enclosure or building as stored: its two people, sealed. */
export interface WithPersons {
  contact?: StoredPerson | null;
  responsible?: StoredPerson | null;
}

/** For staff: both people of an enclosure or building, the numbers in full. */
export const peopleOf = (doc: WithPersons | null | undefined): BuildingPeople => ({
  contact: openPerson(doc?.contact),
  responsible: openPerson(doc?.responsible),
});

/**
 * 有事找谁 on the 防疫地图, for staff: the enclosure's two people and each building's, numbers in
 * full (two database operations, whatever the number of buildings).
 */
export async function mapPeople(
  enclosureId: string | undefined,
  buildingIds: string[],
): Promise<{ enclosure: BuildingPeople; buildings: Map<string, BuildingPeople> }> {
  const [enclosure, buildings] = await Promise.all([
    enclosureId ? findById<WithPersons>('enclosures', enclosureId) : Promise.resolve(null),
    buildingIds.length
      ? findAll<WithPersons & { _id: string }>(
          'buildings',
          { _id: command.in(buildingIds) },
          { fields: { contact: true, responsible: true } },
        )
      : Promise.resolve([]),
  ]);
  return { enclosure: peopleOf(enclosure), buildings: new Map(buildings.map((b) => [b._id, peopleOf(b)])) };
}

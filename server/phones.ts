/** The masked number lists show beside 拨打 (the full one only through `quarantine.callResident`). */
import { findMany } from './db';

const unique = (ids: (string | undefined)[]) => [...new Set(ids.filter((i): i is string => !!i))];

/**
 * By asker: their own masked number, else their household head's (a claimed resident may have
 * none). At most three reads for a whole list, and one when every asker has a number.
 */
export async function maskedPhones(askerIds: (string | undefined)[]): Promise<Map<string, string | null>> {
  const ids = unique(askerIds);
  const phones = new Map<string, string | null>();
  if (ids.length === 0) return phones;
  const askers = await findMany<{ phoneMasked?: string; householdId: string }>(
    'residents',
    { _id: { $in: ids } },
    { limit: ids.length, fields: { phoneMasked: true, householdId: true } },
  );
  const without = askers.filter((a) => !a.phoneMasked);
  const householdIds = unique(without.map((a) => a.householdId));
  const households = householdIds.length
    ? await findMany<{ headResidentId: string }>(
        'households',
        { _id: { $in: householdIds } },
        { limit: householdIds.length, fields: { headResidentId: true } },
      )
    : [];
  const headIds = unique(households.map((h) => h.headResidentId));
  const heads = headIds.length
    ? await findMany<{ phoneMasked?: string }>(
        'residents',
        { _id: { $in: headIds } },
        { limit: headIds.length, fields: { phoneMasked: true } },
      )
    : [];
  const headOf = new Map(households.map((h) => [h._id, heads.find((r) => r._id === h.headResidentId)]));
  for (const a of askers) phones.set(a._id, a.phoneMasked ?? headOf.get(a.householdId)?.phoneMasked ?? null);
  return phones;
}

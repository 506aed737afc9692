/** 我的住户: my address and my household's members with their colours (names masked). */
import type { MeView } from '../../../typings';
import { now } from '../../../server/clock';
import { findById, findMany } from '../../../server/db';
import type { Caller } from '../../../server/handler';
import { ResidentDoc, StatusDoc, currentStatus } from '../../../server/status';
import { loadUser } from '../../../server/users';
import type { HouseholdDoc } from '../../../server/household';

export async function me(_payload: unknown, caller: Caller): Promise<MeView> {
  const user = await loadUser(caller);
  const resident = user?.residentId ? await findById<ResidentDoc>('residents', user.residentId) : null;
  if (!user?.residentId || !resident)
    return { registered: false, residentId: null, isHead: false, address: null, members: [] };
  const at = now();
  const [household, statuses, enclosure] = await Promise.all([
    findById<HouseholdDoc>('households', resident.householdId),
    findMany<StatusDoc>('statuses', { householdId: resident.householdId }, { limit: 20 }),
    findById<{ name: string }>('enclosures', resident.enclosureId),
  ]);
  const relations = await findMany<ResidentDoc>(
    'residents',
    { householdId: resident.householdId },
    { limit: 20, fields: { relation: true } },
  );
  const relationOf = new Map(relations.map((r) => [r._id, r.relation]));
  return {
    registered: true,
    residentId: user.residentId,
    isHead: household?.headResidentId === user.residentId,
    address: {
      enclosureName: enclosure?.name ?? '',
      building: resident.buildingName,
      unit: resident.unit,
      room: resident.room,
    },
    members: statuses
      .map((s) => ({
        residentId: s.residentId,
        maskedName: s.maskedName,
        relation: relationOf.get(s.residentId) ?? 'member',
        colour: currentStatus(s, at).colour,
        self: s.residentId === user.residentId,
      }))
      .sort((a, b) => Number(b.self) - Number(a.self) || a.residentId.localeCompare(b.residentId)),
  };
}

/** 我的住户: my address and my household's members with their colours (names masked). */
import { isPending, refusalToActFor } from '../../../core/acting';
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
    return { registered: false, residentId: null, isHead: false, pending: false, address: null, members: [] };
  const at = now();
  const [household, statuses, enclosure] = await Promise.all([
    findById<HouseholdDoc>('households', resident.householdId),
    findMany<StatusDoc>('statuses', { householdId: resident.householdId }, { limit: 20 }),
    findById<{ name: string }>('enclosures', resident.enclosureId),
  ]);
  const residents = await findMany<ResidentDoc>(
    'residents',
    { householdId: resident.householdId },
    { limit: 20, fields: { relation: true, openid: true, pendingSince: true } },
  );
  const byId = new Map(residents.map((r) => [r._id, r]));
  const actor = {
    residentId: user.residentId,
    householdId: resident.householdId,
    isHead: household?.headResidentId === user.residentId,
    verified: !!resident.verifiedAt,
  };
  // A pending newcomer sees only themselves: typing an address must not reveal who lives there.
  const visible = isPending(resident) ? statuses.filter((s) => s.residentId === user.residentId) : statuses;
  return {
    registered: true,
    residentId: user.residentId,
    isHead: actor.isHead,
    pending: isPending(resident),
    address: {
      enclosureName: enclosure?.name ?? '',
      building: resident.buildingName,
      unit: resident.unit,
      room: resident.room,
    },
    members: visible
      .map((s) => {
        const member = byId.get(s.residentId);
        return {
          residentId: s.residentId,
          maskedName: s.maskedName,
          relation: member?.relation ?? 'member',
          colour: currentStatus(s, at).colour,
          self: s.residentId === user.residentId,
          actFor:
            refusalToActFor(actor, {
              residentId: s.residentId,
              householdId: s.householdId,
              hasWechat: !!member?.openid,
            }) === null,
          pending: !!member && isPending(member),
        };
      })
      .sort((a, b) => Number(b.self) - Number(a.self) || a.residentId.localeCompare(b.residentId)),
  };
}

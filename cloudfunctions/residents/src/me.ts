/** 我的住户: my address and my household's members with their colours (names masked). */
import { isPending, refusalToActFor } from '../../../core/acting';
import type { ContactView, MeView } from '../../../typings';
import type { StoredPerson } from '../../../server/persons';
import { now } from '../../../server/clock';
import { findById, findMany } from '../../../server/db';
import type { Def } from '../../../server/action';
import { input } from '../../../server/schema';
import { ResidentDoc, StatusDoc, currentStatus } from '../../../server/status';
import type { Stored } from '../../../server/db';
import type { UserDoc } from '../../../server/users';
import type { HouseholdDoc } from '../../../server/household';

interface Placed {
  name: string;
  contact?: StoredPerson | null;
  responsible?: StoredPerson | null;
}

/** 有事找谁: the building's people first (nearest), then the enclosure's; phones masked. */
function contactsOf(place: Placed | null): ContactView[] {
  if (!place) return [];
  const people: ContactView[] = [];
  if (place.contact)
    people.push({ label: `${place.name}联系人`, name: place.contact.name, phoneMasked: place.contact.phoneMasked });
  if (place.responsible)
    people.push({
      label: `${place.name}包干责任人`,
      name: place.responsible.name,
      phoneMasked: place.responsible.phoneMasked,
    });
  return people;
}

export const me = {
  who: 'anyone',
  input: input({}),
  run: async (_input, ctx) => meView(await ctx.user()),
} satisfies Def<'residents', 'me'>;

async function meView(user: Stored<UserDoc> | null): Promise<MeView> {
  const resident = user?.residentId ? await findById<ResidentDoc>('residents', user.residentId) : null;
  if (!user?.residentId || !resident)
    return {
      registered: false,
      residentId: null,
      isHead: false,
      pending: false,
      address: null,
      members: [],
      contacts: [],
    };
  const at = now();
  const [household, statuses, enclosure, building] = await Promise.all([
    findById<HouseholdDoc>('households', resident.householdId),
    findMany<StatusDoc>('statuses', { householdId: resident.householdId }, { limit: 20 }),
    findById<Placed>('enclosures', resident.enclosureId),
    findById<Placed>('buildings', resident.buildingId),
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
    contacts: [...contactsOf(building), ...contactsOf(enclosure)],
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

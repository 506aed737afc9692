/**
 * Isolated households get their bags at the door: an order is contactless while a member of its
 * household is red, and then has a volunteer. Recomputed whenever the organiser opens the pick list
 * or marks the goods arrived, because colours change after ordering.
 */
import { maskedPhones } from '../../../server/phones';
import { command } from '../../../server/cloud';
import { findMany, updateWhere } from '../../../server/db';
import type { BatchDoc, GroceryOrderDoc } from './model';

const IN_CHUNK = 100; // ids per `in` query

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

async function redHouseholds(householdIds: string[]): Promise<Set<string>> {
  const red = new Set<string>();
  for (const ids of chunks(householdIds)) {
    const statuses = await findMany<{ householdId: string }>(
      'statuses',
      { householdId: command.in(ids), colour: 'red' },
      { limit: 1000, fields: { householdId: true } },
    );
    for (const s of statuses) red.add(s.householdId);
  }
  return red;
}

/** Whether the household has a red member now (one read): its bags will go to the door. */
export async function householdIsRed(householdId: string): Promise<boolean> {
  return (await redHouseholds([householdId])).has(householdId);
}

/** Sets each pending order's flag to its household's colour now; a household no longer red loses its volunteer. */
async function syncFlags(orders: GroceryOrderDoc[]): Promise<void> {
  const pending = orders.filter((o) => o.delivery === 'pending');
  const red = await redHouseholds([...new Set(pending.map((o) => o.householdId))]);
  const turnedRed = pending.filter((o) => red.has(o.householdId) && !o.contactless);
  const noLonger = pending.filter((o) => !red.has(o.householdId) && o.contactless);
  for (const ids of chunks(turnedRed.map((o) => o._id)))
    await updateWhere('group_orders', { _id: command.in(ids), delivery: 'pending' }, { contactless: true });
  for (const ids of chunks(noLonger.map((o) => o._id)))
    await updateWhere(
      'group_orders',
      { _id: command.in(ids), delivery: 'pending' },
      { contactless: false, volunteerOpenid: null, volunteerName: null },
    );
  for (const o of turnedRed) o.contactless = true;
  for (const o of noLonger) Object.assign(o, { contactless: false, volunteerOpenid: null, volunteerName: null });
}

/**
 * The household's care volunteer if it has one, else the enclosure's volunteer with the fewest bags.
 * An order already given a volunteer (by a pick list opened at the same time) keeps that one.
 */
async function assignVolunteers(batch: BatchDoc, orders: GroceryOrderDoc[]): Promise<void> {
  const needing = orders.filter((o) => o.contactless && !o.volunteerOpenid);
  if (needing.length === 0) return;
  const care = new Map<string, { volunteerOpenid: string; volunteerName: string }>();
  for (const ids of chunks(needing.map((o) => o.householdId)))
    for (const c of await findMany<{ volunteerOpenid: string; volunteerName: string }>('care_assignments', {
      _id: command.in(ids),
    }))
      care.set(c._id, c);
  const volunteers = await findMany<{ name?: string }>(
    'users',
    { enclosureId: batch.enclosureId, roles: 'volunteer' },
    { limit: 50 },
  );
  const load = new Map(volunteers.map((v) => [v._id, orders.filter((o) => o.volunteerOpenid === v._id).length]));
  const lost: string[] = [];
  for (const order of needing) {
    let chosen = care.get(order.householdId) ?? null;
    if (!chosen && volunteers.length > 0) {
      const least = volunteers.reduce((a, b) => ((load.get(b._id) ?? 0) < (load.get(a._id) ?? 0) ? b : a));
      chosen = { volunteerOpenid: least._id, volunteerName: least.name ?? '志愿者' };
    }
    if (!chosen) continue;
    const given = await updateWhere(
      'group_orders',
      { _id: order._id, volunteerOpenid: null },
      { volunteerOpenid: chosen.volunteerOpenid, volunteerName: chosen.volunteerName },
    );
    if (given === 0) lost.push(order._id);
    else {
      load.set(chosen.volunteerOpenid, (load.get(chosen.volunteerOpenid) ?? 0) + 1);
      Object.assign(order, chosen);
    }
  }
  // Someone else's pick list was faster: show the volunteer it gave.
  for (const ids of chunks(lost))
    for (const fresh of await findMany<GroceryOrderDoc>('group_orders', { _id: command.in(ids) }))
      Object.assign(
        orders.find((o) => o._id === fresh._id)!,
        {
          volunteerOpenid: fresh.volunteerOpenid,
          volunteerName: fresh.volunteerName,
        },
      );
}

export async function syncContactless(batch: BatchDoc, orders: GroceryOrderDoc[]): Promise<void> {
  await syncFlags(orders);
  await assignVolunteers(batch, orders);
}

/**
 * The masked number beside each door's 拨打, by order (the full one only through
 * `quarantine.callResident`, which audits it; this function holds no PII_KEY): the orderer's, else
 * their household head's. 1 read, 3 when some orderer has no phone of their own.
 */
export async function orderPhones(orders: GroceryOrderDoc[]): Promise<Map<string, string>> {
  const byResident = await maskedPhones(orders.map((o) => o.residentId));
  const phones = new Map<string, string>();
  for (const o of orders) {
    const masked = byResident.get(o.residentId);
    if (masked) phones.set(o._id, masked);
  }
  return phones;
}

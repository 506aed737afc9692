/**
 * After the cut-off: the organiser's pick list (which also flags isolated households for
 * contactless delivery and gives each a volunteer), goods arrived at the pickup point, the
 * volunteers' delivery list, and complaints with the organiser's answers.
 */
import { batchPhase } from '../../../core/groupbuy';
import { addressOf, pickList as buildPickList, contentsOf } from '../../../core/picklist';
import { Def, RequestOf } from '../../../server/action';
import { command } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { Stored, findById, findMany, updateById, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import { id, input, text } from '../../../server/schema';
import type { UserDoc } from '../../../server/users';
import { orderPhones, syncContactless } from './contactless';
import {
  BatchDoc,
  MANAGERS_ONLY,
  GroceryOrderDoc,
  batchesOf,
  complaintOf,
  loadBatch,
  requireManager,
  slotText,
  yuan,
} from './model';

const PAGE = 1000; // the server SDK's largest page

async function placedOrders(batchId: string): Promise<GroceryOrderDoc[]> {
  const all: GroceryOrderDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await findMany<GroceryOrderDoc>(
      'group_orders',
      { batchId, state: 'placed' },
      { orderBy: ['_id', 'asc'], skip, limit: PAGE }, // a unique order, so pages neither skip nor repeat
    );
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/** The organisers of a batch: its 团长, or a grid worker of its enclosure (checked per batch in run). */
const manager = { who: 'staff', role: ['organiser', 'grid_worker'], denied: MANAGERS_ONLY } as const;

async function managedLockedBatch(user: Stored<UserDoc>, batchId: string): Promise<BatchDoc> {
  const batch = await loadBatch(batchId);
  requireManager(user, batch);
  const phase = batchPhase(batch, now());
  if (phase === 'cancelled') throw new AppError('FAILED_PRECONDITION', '团购已取消');
  if (phase === 'open') throw new AppError('FAILED_PRECONDITION', '截单后才能生成拣货单');
  return batch;
}

/** The pick list; opening it brings the contactless flags up to date with the households' colours. */
export const pickList = {
  who: manager.who,
  role: manager.role,
  denied: manager.denied,
  input: input({ batchId: id('团购') }),
  run: ({ batchId }, { user }) => pickListOf(user, batchId),
} satisfies Def<'groupbuy', 'pickList'>;

async function pickListOf(user: Stored<UserDoc>, batchId: string) {
  const batch = await managedLockedBatch(user, batchId);
  const orders = await placedOrders(batch._id);
  await syncContactless(batch, orders);
  if (!batch.preparedAt) await updateById('group_batches', batch._id, { preparedAt: now() });
  const list = buildPickList(orders);
  return {
    batchId: batch._id,
    title: batch.title,
    ...list,
    totalText: yuan(list.totalFen),
    contactlessCount: orders.filter((o) => o.contactless).length,
    unassigned: orders.filter((o) => o.contactless && !o.volunteerOpenid).length,
  };
}

/** The supplier delivered to the pickup point: every bag not going to a door is ready to collect. */
export const arrived = {
  who: manager.who,
  role: manager.role,
  denied: manager.denied,
  input: input({ batchId: id('团购') }),
  run: ({ batchId }, { user }) => goodsArrived(user, batchId),
} satisfies Def<'groupbuy', 'arrived'>;

async function goodsArrived(user: Stored<UserDoc>, batchId: string) {
  const batch = await managedLockedBatch(user, batchId);
  if (!batch.preparedAt) throw new AppError('FAILED_PRECONDITION', '请先打开拣货单，确认无接触配送的住户');
  // Someone may have turned red since the pick list was printed: they are not told to come out.
  await syncContactless(batch, await placedOrders(batch._id));
  const ready = await updateWhere(
    'group_orders',
    { batchId: batch._id, state: 'placed', delivery: 'pending', contactless: command.neq(true) },
    { delivery: 'ready', readyAt: now() },
  );
  return { ready };
}

export const deliveries = {
  who: 'staff',
  role: 'volunteer',
  denied: '仅志愿者可以查看配送任务',
  input: input({}),
  run: (_input, { user }) => deliveriesOf(user),
} satisfies Def<'groupbuy', 'deliveries'>;

/**
 * The volunteer's own bags in the enclosure they work for now (a volunteer moved elsewhere no longer
 * sees the old doors), each with who ordered it and their masked number for 拨打. 2 reads, +2 when
 * an orderer has no phone of their own.
 */
async function deliveriesOf(volunteer: Stored<UserDoc>) {
  if (!volunteer.enclosureId) return [];
  const placed = await findMany<GroceryOrderDoc>(
    'group_orders',
    {
      volunteerOpenid: volunteer._id,
      enclosureId: volunteer.enclosureId,
      state: 'placed',
      delivery: 'pending',
      contactless: true,
    },
    { orderBy: ['createdAt', 'asc'], limit: 100 },
  );
  if (placed.length === 0) return [];
  const byId = await batchesOf(placed);
  const orders = placed.filter((o) => byId.has(o.batchId) && byId.get(o.batchId)!.state !== 'cancelled');
  if (orders.length === 0) return [];
  const phones = await orderPhones(orders);
  return orders.map((o) => ({
    orderId: o._id,
    batchTitle: byId.get(o.batchId)!.title,
    address: addressOf(o),
    maskedName: o.maskedName,
    contents: contentsOf(o.lines),
    deliveryText: slotText(byId.get(o.batchId)!),
    delivery: o.delivery,
    residentId: o.residentId,
    phoneMasked: phones.get(o._id) ?? null,
  }));
}

export const delivered = {
  who: 'staff',
  role: 'volunteer',
  denied: '仅志愿者可以确认送达',
  input: input({ orderId: id('订单') }),
  run: ({ orderId }, { user }) => markDelivered(user, orderId),
} satisfies Def<'groupbuy', 'delivered'>;

async function markDelivered(volunteer: Stored<UserDoc>, orderId: string) {
  const updated = await updateWhere(
    'group_orders',
    { _id: orderId, volunteerOpenid: volunteer._id, state: 'placed', delivery: 'pending' },
    { delivery: 'delivered', deliveredAt: now() },
  );
  if (updated === 0) {
    const found = await findById<GroceryOrderDoc>('group_orders', orderId);
    const mineAlready = found?.volunteerOpenid === volunteer._id && found.delivery !== 'pending';
    if (!mineAlready) throw new AppError('FAILED_PRECONDITION', '该订单已送达或不属于您');
  }
  return { orderId, delivery: 'delivered' as const };
}

export const complaints = {
  who: manager.who,
  role: manager.role,
  denied: manager.denied,
  input: input({ batchId: id('团购') }),
  run: ({ batchId }, { user }) => complaintsOf(user, batchId),
} satisfies Def<'groupbuy', 'complaints'>;

async function complaintsOf(user: Stored<UserDoc>, batchId: string) {
  const batch = await loadBatch(batchId);
  requireManager(user, batch);
  const list = await findMany<GroceryOrderDoc>(
    'group_orders',
    { batchId: batch._id, complaint: command.exists(true) },
    { limit: 200 },
  );
  return list
    .flatMap((o) => (o.complaint ? [complaintOf({ ...o, complaint: o.complaint })] : []))
    .sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null) || a.at.localeCompare(b.at));
}

export const answer = {
  who: manager.who,
  role: manager.role,
  denied: manager.denied,
  input: input({ orderId: id('订单'), answer: text('答复', { min: 2, max: 200 }) }),
  run: (input, { user }) => answerComplaint(user, input),
} satisfies Def<'groupbuy', 'answer'>;

async function answerComplaint(user: Stored<UserDoc>, { orderId, answer: text }: RequestOf<'groupbuy', 'answer'>) {
  const found = await findById<GroceryOrderDoc>('group_orders', orderId);
  if (!found?.complaint) throw notFound('投诉不存在');
  requireManager(user, await loadBatch(found.batchId));
  if (found.complaint.answer !== null) return complaintOf({ ...found, complaint: found.complaint });
  const at = now();
  const stored = await updateWhere(
    'group_orders',
    { _id: found._id, 'complaint.answer': null },
    { 'complaint.answer': text, 'complaint.answeredAt': at, 'complaint.answeredBy': user._id },
  );
  // Answered by someone else meanwhile: show the answer that stands.
  if (stored === 0) {
    const standing = await findById<GroceryOrderDoc>('group_orders', found._id);
    if (standing?.complaint) return complaintOf({ ...standing, complaint: standing.complaint });
  }
  return complaintOf({ ...found, complaint: { ...found.complaint, answer: text } });
}

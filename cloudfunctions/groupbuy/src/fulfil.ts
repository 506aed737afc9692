/**
 * After the cut-off: the organiser's pick list (which also flags isolated households for
 * contactless delivery and gives each a volunteer), goods arrived at the pickup point, the
 * volunteers' delivery list, and complaints with the organiser's answers.
 */
import { batchPhase } from '../../../core/groupbuy';
import { addressOf, pickList as buildPickList, contentsOf } from '../../../core/picklist';
import { Checker } from '../../../core/validate';
import { command } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { findById, findMany, updateById, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { loadUser, requireRole } from '../../../server/users';
import { syncContactless } from './contactless';
import { BatchDoc, OrderDoc, batchesOf, complaintOf, loadBatch, requireManager, slotText, yuan } from './model';

const PAGE = 1000; // the server SDK's largest page

async function placedOrders(batchId: string): Promise<OrderDoc[]> {
  const all: OrderDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await findMany<OrderDoc>(
      'group_orders',
      { batchId, state: 'placed' },
      { orderBy: ['_id', 'asc'], skip, limit: PAGE }, // a unique order, so pages neither skip nor repeat
    );
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

async function managedLockedBatch(caller: Caller, batchId: unknown): Promise<BatchDoc> {
  const [user, batch] = await Promise.all([loadUser(caller), loadBatch(batchId)]);
  requireManager(user, batch);
  const phase = batchPhase(batch, now());
  if (phase === 'cancelled') throw new AppError('FAILED_PRECONDITION', '团购已取消');
  if (phase === 'open') throw new AppError('FAILED_PRECONDITION', '截单后才能生成拣货单');
  return batch;
}

/** The pick list; opening it brings the contactless flags up to date with the households' colours. */
export async function pickList(payload: Record<string, unknown>, caller: Caller) {
  const batch = await managedLockedBatch(caller, payload.batchId);
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
export async function arrived(payload: Record<string, unknown>, caller: Caller) {
  const batch = await managedLockedBatch(caller, payload.batchId);
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

export async function deliveries(_payload: unknown, caller: Caller) {
  const volunteer = await requireRole(caller, 'volunteer', '仅志愿者可以查看配送任务');
  const orders = await findMany<OrderDoc>(
    'group_orders',
    { volunteerOpenid: volunteer._id, state: 'placed', delivery: 'pending', contactless: true },
    { orderBy: ['createdAt', 'asc'], limit: 100 },
  );
  if (orders.length === 0) return [];
  const byId = await batchesOf(orders);
  return orders
    .filter((o) => byId.get(o.batchId)?.state !== 'cancelled')
    .map((o) => ({
      orderId: o._id,
      batchTitle: byId.get(o.batchId)?.title ?? '',
      address: addressOf(o),
      maskedName: o.maskedName,
      contents: contentsOf(o.lines),
      deliveryText: slotText(byId.get(o.batchId)!),
      delivery: o.delivery,
    }));
}

export async function delivered(payload: Record<string, unknown>, caller: Caller) {
  const volunteer = await requireRole(caller, 'volunteer', '仅志愿者可以确认送达');
  const orderId = typeof payload.orderId === 'string' ? payload.orderId : '';
  const updated = await updateWhere(
    'group_orders',
    { _id: orderId, volunteerOpenid: volunteer._id, state: 'placed', delivery: 'pending' },
    { delivery: 'delivered', deliveredAt: now() },
  );
  if (updated === 0) {
    const found = orderId ? await findById<OrderDoc>('group_orders', orderId) : null;
    const mineAlready = found?.volunteerOpenid === volunteer._id && found.delivery !== 'pending';
    if (!mineAlready) throw new AppError('FAILED_PRECONDITION', '该订单已送达或不属于您');
  }
  return { orderId, delivery: 'delivered' as const };
}

export async function complaints(payload: Record<string, unknown>, caller: Caller) {
  const [user, batch] = await Promise.all([loadUser(caller), loadBatch(payload.batchId)]);
  requireManager(user, batch);
  const list = await findMany<OrderDoc>(
    'group_orders',
    { batchId: batch._id, complaint: command.exists(true) },
    { limit: 200 },
  );
  return list
    .map((o) => complaintOf(o)!)
    .sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null) || a.at.localeCompare(b.at));
}

export async function answer(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const text = check.text('answer', payload.answer, '答复', { min: 2, max: 200 });
  check.done();
  const orderId = typeof payload.orderId === 'string' ? payload.orderId : '';
  const found = orderId ? await findById<OrderDoc>('group_orders', orderId) : null;
  if (!found?.complaint) throw notFound('投诉不存在');
  const [user, batch] = await Promise.all([loadUser(caller), loadBatch(found.batchId)]);
  requireManager(user, batch);
  if (found.complaint.answer !== null) return complaintOf(found)!;
  const at = now();
  const stored = await updateWhere(
    'group_orders',
    { _id: found._id, 'complaint.answer': null },
    { 'complaint.answer': text, 'complaint.answeredAt': at, 'complaint.answeredBy': user!._id },
  );
  // Answered by someone else meanwhile: show the answer that stands.
  if (stored === 0) return complaintOf((await findById<OrderDoc>('group_orders', found._id))!)!;
  return complaintOf({ ...found, complaint: { ...found.complaint, answer: text } })!;
}

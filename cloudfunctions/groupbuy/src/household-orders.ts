/**
 * A household's order in a batch: one document per household and batch (its id says which), so
 * a double tap, a retry or two family members at once can never make two orders. Stock is
 * taken before the order changes and given back only after, so a crash in between can only
 * leave stock unsold, never oversold.
 */
import { batchPhase, checkOrderLines, priceLines, splitDeltas, stockDeltas } from '../../../core/groupbuy';
import type { ComplaintReason } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { command } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { Self, requireAccepted } from '../../../server/household';
import { id, input, int, list, oneOf, requestId, text, v } from '../../../server/schema';
import { orderIdFor } from './batches';
import {
  BatchDoc,
  COMPLAINT_REASONS,
  GroceryOrderDoc,
  batchesOf,
  complaintOf,
  loadBatch,
  mayShop,
  orderOf,
  requireSameEnclosure,
} from './model';
import { householdIsRed } from './contactless';
import { giveBackStock, takeStockOrRefuse } from './stock';

/** The last request ids an order has seen: a late retry of an older submission changes nothing. */
const REMEMBERED_REQUESTS = 10;
const FAMILY_CHANGED = '家人刚刚修改了本户的订单，请查看后再改';

function requireOpen(batch: BatchDoc, at: Date): void {
  if (batchPhase(batch, at) !== 'open') throw new AppError('FAILED_PRECONDITION', '已截单，不能再下单或修改');
}

/** The caller as a resident who may act on their household's orders (see `mayShop`). */
function requireShopper(self: Self): Self {
  requireAccepted(self); // a pending newcomer has no say in the household's orders
  if (!mayShop(self.resident)) throw new AppError('FAILED_PRECONDITION', '网格员核实您的住户信息后即可参与团购');
  return self;
}

async function loadForResident(self: Self, batchId: string): Promise<BatchDoc> {
  requireShopper(self);
  const batch = await loadBatch(batchId);
  requireSameEnclosure([self.resident.enclosureId], batch);
  return batch;
}

/**
 * A batch cancelled while this order was being written: the organiser's sweep may have run before
 * the write landed, so the order cancels itself (a batch that will not be delivered holds no orders).
 */
async function followCancelledBatch(order: GroceryOrderDoc, at: Date): Promise<GroceryOrderDoc> {
  const batch = await loadBatch(order.batchId);
  if (batch.state !== 'cancelled') return order;
  await updateWhere('group_orders', { _id: order._id, state: 'placed' }, { state: 'cancelled', updatedAt: at });
  return { ...order, state: 'cancelled' };
}

export const order = {
  who: 'resident',
  input: input({
    batchId: id('团购'),
    requestId: requestId(),
    baseVersion: int('订单版本', 0, 1_000_000),
    // Shape here; against the batch (known items, limits) in core/groupbuy#checkOrderLines.
    lines: list('商品', v.strictObject({ itemId: id('商品'), qty: int('数量', 0, 10_000) }), 50),
  }),
  run: (input, { self }) => placeOrder(self, input),
} satisfies Def<'groupbuy', 'order'>;

async function placeOrder(
  self: Self,
  { batchId, requestId, baseVersion, lines: asked }: RequestOf<'groupbuy', 'order'>,
) {
  const at = now();
  const batch = await loadForResident(self, batchId);
  const orderId = orderIdFor(batch._id, self.resident.householdId);
  const existing = await findById<GroceryOrderDoc>('group_orders', orderId);
  // A retry of what was applied answers what was stored, even after the cut-off.
  if (existing?.requestIds.includes(requestId)) return orderOf(existing, batch, at);
  requireOpen(batch, at);
  const wanted = checkOrderLines(batch.items, asked);
  const { lines, totalFen } = priceLines(batch.items, wanted);
  // The order is the household's: a member who saw an older version must look before overwriting.
  if ((existing?.version ?? 0) !== baseVersion) throw new AppError('CONFLICT', FAMILY_CHANGED);

  const before = existing?.state === 'placed' ? existing.lines : [];
  const { take, giveBack } = splitDeltas(stockDeltas(before, wanted));
  await takeStockOrRefuse(batch, take, at);
  const r = self.resident;
  const next: GroceryOrderDoc = {
    _id: orderId,
    batchId: batch._id,
    enclosureId: batch.enclosureId,
    householdId: r.householdId,
    residentId: self.residentId,
    buildingId: r.buildingId,
    buildingName: r.buildingName,
    unit: r.unit,
    room: r.room,
    maskedName: r.maskedName,
    lines,
    totalFen,
    state: 'placed',
    cutoffAt: existing?.cutoffAt ?? batch.cutoffAt,
    version: (existing?.version ?? 0) + 1,
    requestIds: [...(existing?.requestIds ?? []), requestId].slice(-REMEMBERED_REQUESTS),
    delivery: 'pending',
    contactless: false,
    volunteerOpenid: null,
    volunteerName: null,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  const stored = existing
    ? (await updateWhere(
        'group_orders',
        { _id: orderId, version: existing.version, cutoffAt: command.gt(at) },
        {
          residentId: next.residentId,
          maskedName: next.maskedName,
          lines,
          totalFen,
          state: 'placed',
          version: next.version,
          requestIds: next.requestIds,
          updatedAt: at,
        },
      )) === 1
    : await insertOnce('group_orders', next);
  if (!stored) {
    await giveBackStock(batch._id, take);
    const winner = await findById<GroceryOrderDoc>('group_orders', orderId);
    if (winner?.requestIds.includes(requestId)) return orderOf(winner, batch, at);
    throw new AppError('CONFLICT', FAMILY_CHANGED);
  }
  await giveBackStock(batch._id, giveBack);
  return orderOf(await followCancelledBatch(next, at), batch, at);
}

export const cancel = {
  who: 'resident',
  input: input({ batchId: id('团购'), requestId: requestId() }),
  run: (input, { self }) => cancelOrder(self, input),
} satisfies Def<'groupbuy', 'cancel'>;

async function cancelOrder(self: Self, { batchId, requestId }: RequestOf<'groupbuy', 'cancel'>) {
  const at = now();
  const batch = await loadForResident(self, batchId);
  const existing = await findById<GroceryOrderDoc>('group_orders', orderIdFor(batch._id, self.resident.householdId));
  if (!existing) throw notFound('本户在这个团购没有订单');
  if (existing.requestIds.includes(requestId) || existing.state === 'cancelled') return orderOf(existing, batch, at);
  requireOpen(batch, at);
  const requestIds = [...existing.requestIds, requestId].slice(-REMEMBERED_REQUESTS);
  const cancelled = await updateWhere(
    'group_orders',
    { _id: existing._id, version: existing.version, state: 'placed', cutoffAt: command.gt(at) },
    { state: 'cancelled', version: existing.version + 1, requestIds, updatedAt: at },
  );
  if (cancelled === 0) throw new AppError('CONFLICT', FAMILY_CHANGED);
  await giveBackStock(batch._id, Object.fromEntries(existing.lines.map((l) => [l.itemId, l.qty])));
  return orderOf({ ...existing, state: 'cancelled', version: existing.version + 1, requestIds }, batch, at);
}

export const myOrders = {
  who: 'resident',
  input: input({}),
  run: (_input, { self }) => ordersOf(requireShopper(self)),
} satisfies Def<'groupbuy', 'myOrders'>;

async function ordersOf(self: Self) {
  const list = await findMany<GroceryOrderDoc>(
    'group_orders',
    { householdId: self.resident.householdId },
    { orderBy: ['createdAt', 'desc'], limit: 20 },
  );
  if (list.length === 0) return [];
  const [byId, red] = await Promise.all([batchesOf(list), householdIsRed(self.resident.householdId)]);
  const at = now();
  return list.filter((o) => byId.has(o.batchId)).map((o) => orderOf(o, byId.get(o.batchId)!, at, red));
}

async function householdOrder(self: Self, orderId: string): Promise<[GroceryOrderDoc, BatchDoc]> {
  requireShopper(self);
  const found = await findById<GroceryOrderDoc>('group_orders', orderId);
  if (!found) throw notFound('订单不存在');
  if (found.householdId !== self.resident.householdId) throw denied('只能处理本户的订单');
  return [found, await loadBatch(found.batchId)];
}

/** The household got its bag (at the pickup point or at the door). */
export const confirm = {
  who: 'resident',
  input: input({ orderId: id('订单') }),
  run: ({ orderId }, { self }) => confirmReceipt(self, orderId),
} satisfies Def<'groupbuy', 'confirm'>;

async function confirmReceipt(self: Self, orderId: string) {
  const [found, batch] = await householdOrder(self, orderId);
  const at = now();
  if (found.delivery === 'received') return orderOf(found, batch, at);
  if (found.state !== 'placed' || found.delivery === 'pending')
    throw new AppError('FAILED_PRECONDITION', '货还没有送到，送到后再确认收货');
  const updated = await updateWhere(
    'group_orders',
    { _id: found._id, state: 'placed', delivery: command.in(['ready', 'delivered']) },
    { delivery: 'received', receivedAt: at },
  );
  if (updated === 0) throw new AppError('CONFLICT', '订单状态刚刚变化，请刷新后再试');
  return orderOf({ ...found, delivery: 'received' }, batch, at);
}

/** One complaint per order (short weight, bad goods, price, missing), after the cut-off; the organiser answers. */
export const complain = {
  who: 'resident',
  input: input({
    orderId: id('订单'),
    reason: oneOf('投诉类型', Object.keys(COMPLAINT_REASONS) as [ComplaintReason, ...ComplaintReason[]]),
    detail: text('投诉内容', { min: 2, max: 200 }),
    // Only a photo the page uploaded for a complaint (complaints/…), not any file of the environment.
    photoFileId: v.optional(
      v.union(
        [v.literal(''), v.pipe(v.string(), v.regex(/^cloud:\/\/[^/\s]+\/complaints\/[^\s]{1,200}$/))],
        '照片无效，请重新上传',
      ),
    ),
  }),
  run: (input, { self }) => fileComplaint(self, input),
} satisfies Def<'groupbuy', 'complain'>;

async function fileComplaint(
  self: Self,
  { orderId, reason, detail, photoFileId: photo }: RequestOf<'groupbuy', 'complain'>,
) {
  const [found, batch] = await householdOrder(self, orderId);
  const at = now();
  if (found.complaint) return complaintOf({ ...found, complaint: found.complaint });
  if (found.state !== 'placed' || batchPhase(batch, at) === 'open')
    throw new AppError('FAILED_PRECONDITION', '截单后才能对订单投诉');
  const complaint = {
    reason,
    detail,
    photoFileId: photo || null,
    at,
    answer: null,
  };
  const stored = await updateWhere('group_orders', { _id: found._id, complaint: command.exists(false) }, { complaint });
  if (stored === 0) {
    // Another tap stored its complaint first: answer that one.
    const first = await findById<GroceryOrderDoc>('group_orders', found._id);
    if (first?.complaint) return complaintOf({ ...first, complaint: first.complaint });
    throw new AppError('CONFLICT', '订单状态刚刚变化，请刷新后再试');
  }
  return complaintOf({ ...found, complaint });
}

/**
 * What `groupbuy` stores, who may see or run a batch, and how stored documents are shown.
 * A batch keeps its remaining stock per item in `remaining`, so taking stock is one
 * conditional update on one document (atomic in CloudBase), never a read-then-write.
 */
import type {
  BatchDetail,
  BatchSummary,
  ComplaintReason,
  ComplaintView,
  DeliveryState,
  MyOrder,
} from '../../../typings';
import { BatchDraft, BatchState, batchPhase, fenToYuan } from '../../../core/groupbuy';
import { PickOrder, addressOf } from '../../../core/picklist';
import { formatMomentCst } from '../../../core/time';
import { command } from '../../../server/cloud';
import { findById, findMany } from '../../../server/db';
import type { ResidentDoc } from '../../../server/status';
import { denied, notFound } from '../../../server/errors';
import { UserDoc, hasRole } from '../../../server/users';

export interface BatchDoc extends BatchDraft {
  _id: string;
  enclosureId: string;
  organiserOpenid: string;
  organiserName: string;
  state: BatchState;
  remaining: Record<string, number>;
  createdAt: Date;
  closedAt?: Date;
  cancelReason?: string;
  /** When the pick list first ran after the cut-off: contactless households got their volunteer. */
  preparedAt?: Date;
}

export interface Complaint {
  reason: ComplaintReason;
  detail: string;
  photoFileId: string | null;
  at: Date;
  answer: string | null;
  answeredAt?: Date;
  answeredBy?: string;
}

/** A household's order; the address and lines it shares with the pick list come from `PickOrder`. */
export interface GroceryOrderDoc extends PickOrder {
  batchId: string;
  enclosureId: string;
  householdId: string;
  residentId: string;
  state: 'placed' | 'cancelled';
  /** Copied from the batch (and moved by an early close) so a change's own update can refuse after it. */
  cutoffAt: Date;
  /** Bumped by every change, so two family members changing at once cannot both win. */
  version: number;
  /** The last few request ids applied: a retried submission is recognised, not applied twice. */
  requestIds: string[];
  delivery: DeliveryState;
  volunteerOpenid?: string | null;
  complaint?: Complaint;
  createdAt: Date;
  updatedAt: Date;
}

export const COMPLAINT_REASONS: Record<ComplaintReason, string> = {
  short: '缺斤少两',
  quality: '质量问题',
  price: '价格问题',
  missing: '漏送',
  other: '其他',
};

const PHASE_TEXT = { open: '接龙中', locked: '已截单', cancelled: '已取消' } as const;
const DELIVERY_TEXT: Record<DeliveryState, string> = {
  pending: '待配送',
  ready: '已到取货点，请取货',
  delivered: '志愿者已送到门口',
  received: '已收货',
};

export async function loadBatch(batchId: string): Promise<BatchDoc> {
  const batch = await findById<BatchDoc>('group_batches', batchId);
  if (!batch) throw notFound('团购不存在或已删除');
  return batch;
}

/** Batches are shared into group chats, so the link may reach anyone: only its enclosure may open it. */
export function requireSameEnclosure(enclosureIds: string[], batch: BatchDoc): void {
  if (!enclosureIds.includes(batch.enclosureId)) throw denied('该团购不属于您所在的围合区');
}

export function canManage(user: (UserDoc & { _id: string }) | null, batch: BatchDoc): boolean {
  if (!user) return false;
  // Staff scope only: a grid worker of another enclosure who lives here manages nothing here.
  return user._id === batch.organiserOpenid || (hasRole(user, 'grid_worker') && user.enclosureId === batch.enclosureId);
}

export const MANAGERS_ONLY = '仅本团购的团长或本围合区网格员可以操作';

export function requireManager(user: (UserDoc & { _id: string }) | null, batch: BatchDoc): void {
  if (!canManage(user, batch)) throw denied(MANAGERS_ONLY);
}

/**
 * Who may see and act on their household's orders: the head (who opened the household), and a
 * member the head accepted or a grid worker verified; otherwise anyone could type a neighbour's
 * address and change their order.
 */
export function mayShop(
  resident: Pick<ResidentDoc, 'verifiedAt' | 'relation' | 'acceptedAt' | 'pendingSince'>,
): boolean {
  if (resident.pendingSince) return false;
  return !!resident.verifiedAt || !!resident.acceptedAt || resident.relation === 'head';
}

/** The batches some orders belong to, by id (one read). */
export async function batchesOf(orders: Pick<GroceryOrderDoc, 'batchId'>[]): Promise<Map<string, BatchDoc>> {
  const batches = await findMany<BatchDoc>('group_batches', {
    _id: command.in([...new Set(orders.map((o) => o.batchId))]),
  });
  return new Map(batches.map((b) => [b._id, b]));
}

export const yuan = (fen: number) => `¥${fenToYuan(fen)}`;
export const slotText = (b: Pick<BatchDoc, 'deliveryStart' | 'deliveryEnd'>) =>
  `${formatMomentCst(b.deliveryStart)}–${formatMomentCst(b.deliveryEnd).split(' ')[1]}`;

export function summaryOf(batch: BatchDoc, now: Date): BatchSummary {
  const phase = batchPhase(batch, now);
  return {
    id: batch._id,
    title: batch.title,
    phase,
    phaseText: PHASE_TEXT[phase],
    cutoffAt: batch.cutoffAt.toISOString(),
    cutoffText: formatMomentCst(batch.cutoffAt),
    deliveryText: slotText(batch),
    pickupPoint: batch.pickupPoint,
    organiserName: batch.organiserName,
    itemCount: batch.items.length,
  };
}

type WithComplaint = GroceryOrderDoc & { complaint: NonNullable<GroceryOrderDoc['complaint']> };
/** An order's complaint as shown; an order known to have one always shows it. */
export function complaintOf(order: WithComplaint): ComplaintView;
export function complaintOf(order: GroceryOrderDoc): ComplaintView | null;
export function complaintOf(order: GroceryOrderDoc): ComplaintView | null {
  const c = order.complaint;
  if (!c) return null;
  return {
    orderId: order._id,
    address: addressOf(order),
    maskedName: order.maskedName,
    reason: c.reason,
    reasonText: COMPLAINT_REASONS[c.reason],
    detail: c.detail,
    photoFileId: c.photoFileId,
    at: c.at.toISOString(),
    answer: c.answer,
  };
}

/**
 * An order as its household sees it. `redNow` (the household's colour, when read): a pending order
 * follows it, as the pick list will (contactless.syncFlags); a red household is never sent to the
 * pickup point. A cancelled order shows no pickup point, and the organiser's reason if the batch went.
 */
export function orderOf(order: GroceryOrderDoc, batch: BatchDoc, now: Date, redNow?: boolean): MyOrder {
  const pending = order.state === 'placed' && order.delivery === 'pending';
  return {
    id: order._id,
    version: order.version,
    batchId: batch._id,
    batchTitle: batch.title,
    lines: order.lines.map(({ itemId, name, unit, qty, priceFen, subtotalFen }) => ({
      itemId,
      name,
      unit,
      qty,
      priceFen,
      subtotalFen,
    })),
    totalFen: order.totalFen,
    totalText: yuan(order.totalFen),
    state: order.state,
    delivery: order.delivery,
    deliveryStateText: order.state === 'cancelled' ? '已取消' : DELIVERY_TEXT[order.delivery],
    contactless: pending && redNow !== undefined ? redNow : !!order.contactless,
    cutoffText: formatMomentCst(order.cutoffAt),
    deliveryText: slotText(batch),
    pickupPoint: batch.pickupPoint,
    canChange: batchPhase(batch, now) === 'open' && now < order.cutoffAt,
    complaint: complaintOf(order),
    cancelReason: batch.state === 'cancelled' ? (batch.cancelReason ?? null) : null,
  };
}

export function detailOf(
  batch: BatchDoc,
  myOrder: GroceryOrderDoc | null,
  { manager, red }: { manager: boolean; red: boolean },
  now: Date,
): BatchDetail {
  return {
    ...summaryOf(batch, now),
    items: batch.items.map((item) => ({
      ...item,
      remaining: Math.max(0, batch.remaining[item.id] ?? 0),
      priceText: yuan(item.priceFen),
    })),
    supplier: batch.supplier,
    myOrder: myOrder ? orderOf(myOrder, batch, now, red) : null,
    canManage: manager,
    sharePath: `/pages/batch/batch?id=${batch._id}`,
    cancelReason: batch.cancelReason ?? null,
    doorDelivery: red,
  };
}

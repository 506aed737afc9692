/** Contracts of the `groupbuy` function (社区团购). Money is integer fen; `…Text` fields are for display. */
import type { DeliveryState, PickDoor, PickItemTotal } from '../core/picklist';

/** Defined with the pick list's logic in core/, which this contract reads one way only. */
export type { DeliveryState, PickDoor, PickItemTotal };

export type BatchPhase = 'open' | 'locked' | 'cancelled';
export type OrderState = 'placed' | 'cancelled';
export type ComplaintReason = 'short' | 'quality' | 'price' | 'missing' | 'other';

export interface BatchItemInput {
  name: string;
  unit: string;
  priceFen: number;
  stock: number;
  limit: number;
}

export interface BatchItemView extends BatchItemInput {
  id: string;
  remaining: number;
  priceText: string;
}

export interface BatchSummary {
  id: string;
  title: string;
  phase: BatchPhase;
  phaseText: string;
  cutoffAt: string;
  cutoffText: string;
  deliveryText: string;
  pickupPoint: string;
  organiserName: string;
  itemCount: number;
}

export interface OrderLineView {
  itemId: string;
  name: string;
  unit: string;
  qty: number;
  priceFen: number;
  subtotalFen: number;
}

export interface ComplaintView {
  orderId: string;
  address: string;
  maskedName: string;
  reason: ComplaintReason;
  reasonText: string;
  detail: string;
  photoFileId: string | null;
  at: string;
  answer: string | null;
}

export interface MyOrder {
  id: string;
  /** Send it back as `baseVersion` when changing: a family member's newer change is not overwritten. */
  version: number;
  batchId: string;
  batchTitle: string;
  lines: OrderLineView[];
  totalFen: number;
  totalText: string;
  state: OrderState;
  delivery: DeliveryState;
  deliveryStateText: string;
  /** Brought to the door by a volunteer: while pending, whenever the household has a red member now. */
  contactless: boolean;
  cutoffText: string;
  deliveryText: string;
  pickupPoint: string;
  /** Before the cut-off: may still change or cancel. */
  canChange: boolean;
  complaint: ComplaintView | null;
  /** The organiser's reason when the whole batch was cancelled. */
  cancelReason: string | null;
}

export interface BatchDetail extends BatchSummary {
  items: BatchItemView[];
  supplier: { name: string; licence: string; contact: string };
  myOrder: MyOrder | null;
  /** The organiser of this batch, or a grid worker of its enclosure. */
  canManage: boolean;
  /** What the share card opens: the batch page for this batch. */
  sharePath: string;
  cancelReason: string | null;
  /** The caller's household has a red member: volunteers bring its order, it does not come to the pickup point. */
  doorDelivery: boolean;
}

export interface PickListView {
  batchId: string;
  title: string;
  orderCount: number;
  totalFen: number;
  totalText: string;
  itemTotals: PickItemTotal[];
  buildings: {
    buildingId: string;
    buildingName: string;
    doors: PickDoor[];
    itemTotals: PickItemTotal[];
    totalFen: number;
  }[];
  contactlessCount: number;
  /** Orders a volunteer could not be found for (no volunteer in the enclosure). */
  unassigned: number;
}

export interface DeliveryTask {
  orderId: string;
  batchTitle: string;
  address: string;
  maskedName: string;
  contents: string;
  /** The batch's delivery slot. */
  deliveryText: string;
  delivery: DeliveryState;
  /** Who ordered: 拨打 reveals their number through `quarantine.callResident`. */
  residentId: string;
  /** Their number masked (the head's when they have none); null when none is registered. */
  phoneMasked: string | null;
}

export interface CreateBatchRequest {
  action: 'create';
  requestId: string;
  title: string;
  items: BatchItemInput[];
  cutoffAt: string;
  deliveryStart: string;
  deliveryEnd: string;
  pickupPoint: string;
  supplier: { name: string; licence: string; contact: string };
}

export interface GroupbuyContract {
  create: { request: CreateBatchRequest; response: { batchId: string; sharePath: string } };
  batches: {
    request: { action: 'batches' };
    response: { batches: BatchSummary[]; canOrganise: boolean; doorDelivery: boolean };
  };
  batch: { request: { action: 'batch'; batchId: string }; response: BatchDetail };
  order: {
    request: {
      action: 'order';
      batchId: string;
      requestId: string;
      /** The version of the household's order the form started from; 0 when there was none. */
      baseVersion: number;
      lines: { itemId: string; qty: number }[];
    };
    response: MyOrder;
  };
  cancel: { request: { action: 'cancel'; batchId: string; requestId: string }; response: MyOrder };
  myOrders: { request: { action: 'myOrders' }; response: MyOrder[] };
  close: { request: { action: 'close'; batchId: string }; response: BatchSummary };
  cancelBatch: {
    request: { action: 'cancelBatch'; batchId: string; reason: string };
    response: BatchSummary & { cancelledOrders: number };
  };
  pickList: { request: { action: 'pickList'; batchId: string }; response: PickListView };
  arrived: { request: { action: 'arrived'; batchId: string }; response: { ready: number } };
  deliveries: { request: { action: 'deliveries' }; response: DeliveryTask[] };
  delivered: {
    request: { action: 'delivered'; orderId: string };
    response: { orderId: string; delivery: 'delivered' };
  };
  confirm: { request: { action: 'confirm'; orderId: string }; response: MyOrder };
  complain: {
    request: {
      action: 'complain';
      orderId: string;
      reason: ComplaintReason;
      detail: string;
      photoFileId?: string;
    };
    response: ComplaintView;
  };
  complaints: { request: { action: 'complaints'; batchId: string }; response: ComplaintView[] };
  answer: { request: { action: 'answer'; orderId: string; answer: string }; response: ComplaintView };
  appoint: {
    request: { action: 'appoint'; residentId: string };
    response: { residentId: string; maskedName: string };
  };
}

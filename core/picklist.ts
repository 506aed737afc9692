/**
 * After the cut-off: what the supplier must bring (per-item totals), how the volunteers pack it
 * (per building, then per door), and what each bag's label says. Pure, computed from the
 * batch's placed orders; its sums equal the orders' sums by construction and by test.
 */
import type { PricedLine } from './groupbuy';

/** pending → ready (at the pickup point) or delivered (contactless, by a volunteer) → received. */
export type DeliveryState = 'pending' | 'ready' | 'delivered' | 'received';

export interface PickDoor {
  orderId: string;
  door: string;
  maskedName: string;
  lines: { name: string; qty: number; unit: string }[];
  totalFen: number;
  contactless: boolean;
  volunteerName: string | null;
  delivery: DeliveryState;
  label: string;
}

export interface PickItemTotal {
  itemId: string;
  name: string;
  unit: string;
  qty: number;
  amountFen: number;
}

export interface PickOrder {
  _id: string;
  buildingId: string;
  buildingName: string;
  unit: number;
  room: string;
  maskedName: string;
  lines: PricedLine[];
  totalFen: number;
  contactless?: boolean;
  volunteerName?: string | null;
  delivery?: DeliveryState;
}

export type ItemTotal = PickItemTotal;
export type Door = PickDoor;

export interface BuildingPick {
  buildingId: string;
  buildingName: string;
  doors: Door[];
  itemTotals: ItemTotal[];
  totalFen: number;
}

export interface PickList {
  orderCount: number;
  totalFen: number;
  itemTotals: ItemTotal[];
  buildings: BuildingPick[];
}

const byNumber = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });

export function itemTotals(orders: Pick<PickOrder, 'lines'>[]): ItemTotal[] {
  const totals = new Map<string, ItemTotal>();
  for (const order of orders)
    for (const line of order.lines) {
      const total = totals.get(line.itemId) ?? {
        itemId: line.itemId,
        name: line.name,
        unit: line.unit,
        qty: 0,
        amountFen: 0,
      };
      total.qty += line.qty;
      total.amountFen += line.subtotalFen;
      totals.set(line.itemId, total);
    }
  return [...totals.values()].sort((a, b) => byNumber(a.itemId, b.itemId));
}

export const doorOf = (o: Pick<PickOrder, 'unit' | 'room'>) => `${o.unit}单元${o.room}室`;
export const addressOf = (o: Pick<PickOrder, 'buildingName' | 'unit' | 'room'>) => `${o.buildingName}${doorOf(o)}`;
/** What is in the bag: 青菜×2斤、鸡蛋×1盒. */
export const contentsOf = (lines: Pick<PricedLine, 'name' | 'qty' | 'unit'>[]) =>
  lines.map((l) => `${l.name}×${l.qty}${l.unit}`).join('、');

/** A bag's label: the door first (what the packer sorts by), the name masked, then the contents. */
export function labelFor(order: PickOrder): string {
  const how = order.contactless ? '【无接触配送】' : '';
  return `${how}${addressOf(order)} ${order.maskedName}：${contentsOf(order.lines)}`;
}

export function pickList(orders: PickOrder[]): PickList {
  const buildings = new Map<string, PickOrder[]>();
  for (const order of orders) buildings.set(order.buildingId, [...(buildings.get(order.buildingId) ?? []), order]);
  const picks = [...buildings.values()]
    .map((inBuilding) => ({
      buildingId: inBuilding[0].buildingId,
      buildingName: inBuilding[0].buildingName,
      doors: inBuilding
        .map((o) => ({
          orderId: o._id,
          door: doorOf(o),
          maskedName: o.maskedName,
          lines: o.lines.map((l) => ({ name: l.name, qty: l.qty, unit: l.unit })),
          totalFen: o.totalFen,
          contactless: !!o.contactless,
          volunteerName: o.volunteerName ?? null,
          delivery: o.delivery ?? 'pending',
          label: labelFor(o),
        }))
        .sort((a, b) => byNumber(a.door, b.door)),
      itemTotals: itemTotals(inBuilding),
      totalFen: inBuilding.reduce((sum, o) => sum + o.totalFen, 0),
    }))
    .sort((a, b) => byNumber(a.buildingName, b.buildingName));
  return {
    orderCount: orders.length,
    totalFen: orders.reduce((sum, o) => sum + o.totalFen, 0),
    itemTotals: itemTotals(orders),
    buildings: picks,
  };
}

/**
 * Isolation (隔离) as orders. The rules find what calls for isolation — a key-area trip, contact
 * with a case, a unit order after a confirmed case — each a *need* with a deterministic id and a
 * planned end (health-station days count, as the period runs from leaving the area). A stored
 * order for that id then governs it: active or extended keeps the resident red even past the
 * planned end, until it is ended — by the scheduler when the last check-ins were normal, or by a
 * grid worker. Nothing ends or extends silently.
 */
import type { RuleConfig } from './rule-config';
import { type Declaration, type Reason, type Trip, inKeyArea } from './facts';
import { cstDayNumber, endOfDayAfter, formatDayCst } from './time';

export type IsolationRule = 'key_area_travel' | 'close_contact' | 'unit_isolation';

export interface UnitOrder {
  id: string;
  startAt: Date;
  days: number;
  reason: string;
  endedAt?: Date;
}

export interface IsolationOrder {
  /** The need's id (see `isolationNeeds`). */
  needId: string;
  rule: IsolationRule;
  since: Date;
  plannedEnd: Date;
  state: 'active' | 'extended' | 'ended';
  endedAt?: Date;
  /** The need's text, so an order keeps its reason after the facts behind it are out of view. */
  text: string;
}

/** The states of an order still in force (the functions query by these). */
export const OPEN_STATES: IsolationOrder['state'][] = ['active', 'extended'];

export interface IsolationNeed {
  needId: string;
  rule: IsolationRule;
  since: Date;
  plannedEnd: Date;
  text: string;
}

function tripNeed(trip: Trip, config: RuleConfig): IsolationNeed | null {
  const area = inKeyArea(trip, config.keyAreas);
  if (!area) return null;
  return {
    needId: `ka-${area.code}-${cstDayNumber(trip.to)}`,
    rule: 'key_area_travel',
    since: trip.to,
    plannedEnd: endOfDayAfter(trip.to, config.isolationDays),
    text: `${formatDayCst(trip.to)}离开重点地区${area.name}，居家隔离${config.isolationDays}天`,
  };
}

export function isolationNeeds(
  declarations: Declaration[],
  unitOrders: UnitOrder[],
  config: RuleConfig,
): IsolationNeed[] {
  const needs = new Map<string, IsolationNeed>();
  const keep = (need: IsolationNeed | null) => {
    if (!need) return;
    const known = needs.get(need.needId);
    if (!known || known.plannedEnd < need.plannedEnd) needs.set(need.needId, need);
  };
  for (const declaration of declarations) {
    declaration.trips.forEach((trip) => keep(tripNeed(trip, config)));
    if (declaration.contactAt) {
      keep({
        needId: `cc-${cstDayNumber(declaration.contactAt)}`,
        rule: 'close_contact',
        since: declaration.contactAt,
        plannedEnd: endOfDayAfter(declaration.contactAt, config.isolationDays),
        text: `${formatDayCst(declaration.contactAt)}与病例有接触，需集中隔离观察`,
      });
    }
  }
  for (const order of unitOrders) {
    keep({
      needId: `unit-${order.id}`,
      rule: 'unit_isolation',
      since: order.startAt,
      plannedEnd: endOfDayAfter(order.startAt, order.days),
      text: `所在单元隔离：${order.reason}`,
    });
  }
  return [...needs.values()];
}

/**
 * Red reasons from the needs, as their stored orders say: an ended order (or ended unit order)
 * gives none; an active one gives a reason with no automatic end; a need whose period was already
 * over before any order existed gives none.
 */
export function isolationReasons(
  needs: IsolationNeed[],
  orders: IsolationOrder[],
  endedUnitOrders: Set<string>,
  now: Date,
): Reason[] {
  const byNeed = new Map(orders.map((o) => [o.needId, o]));
  const reasons: Reason[] = [];
  for (const need of needs) {
    const order = byNeed.get(need.needId);
    if (order?.state === 'ended' || endedUnitOrders.has(need.needId)) continue;
    if (!order && need.plannedEnd <= now) continue;
    const plannedEnd = order?.plannedEnd ?? need.plannedEnd;
    const extended = order?.state === 'extended' ? '（已延长）' : '';
    reasons.push({
      rule: need.rule,
      colour: 'red',
      text: need.text + extended,
      since: need.since,
      until: null,
      plannedEnd,
    });
  }
  // An order still open whose facts are no longer loaded (old declarations) keeps its reason.
  const needIds = new Set(needs.map((n) => n.needId));
  for (const order of orders) {
    if (order.state === 'ended' || needIds.has(order.needId) || endedUnitOrders.has(order.needId)) continue;
    const extended = order.state === 'extended' ? '（已延长）' : '';
    reasons.push({
      rule: order.rule,
      colour: 'red',
      text: order.text + extended,
      since: order.since,
      until: null,
      plannedEnd: order.plannedEnd,
    });
  }
  return reasons;
}

/** Needs that have no order yet and still call for one: the functions store these as new orders. */
export function newOrders(needs: IsolationNeed[], orders: IsolationOrder[], now: Date): IsolationOrder[] {
  const known = new Set(orders.map((o) => o.needId));
  return needs
    .filter((n) => !known.has(n.needId) && n.plannedEnd > now)
    .map((n) => ({
      needId: n.needId,
      rule: n.rule,
      since: n.since,
      plannedEnd: n.plannedEnd,
      state: 'active' as const,
      text: n.text,
    }));
}

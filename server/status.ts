/**
 * Loading a resident's facts, running the rules, and storing the outcome in `statuses` (one
 * document per resident, `_id` = resident id). The status document carries what the gate shows
 * (masked name, address) so that a scan reads one document, not five.
 */
import { DEFAULT_RULES, RuleConfig } from '../core/rule-config';
import { Declaration, ResidentFacts, Status, TemperatureReading, UnitOrder, statusAt } from '../core/rules';
import { DAY_MS } from '../core/time';
import type { StatusView } from '../typings';
import { ResidentDoc, StatusDoc, statusDocFor } from '../core/status-doc';
import { IsolationOrder, isolationNeeds, newOrders } from '../core/isolation';
import { type StationStay, type StoredTest, testRecordOf } from '../core/health';
import { findById, findMany, insertOnce, replace } from './db';
import { refreshBuildingStats } from './building-stats';

export type { ResidentDoc, StatusDoc } from '../core/status-doc';
export { statusDocFor } from '../core/status-doc';

export type DeclarationDoc = Declaration & {
  residentId: string;
  householdId: string;
  declaredBy: string;
};

/** The newest published rule configuration (`rule_configs`, highest version), else the defaults. */
export async function currentRules(): Promise<RuleConfig> {
  const [latest] = await findMany<RuleConfig>('rule_configs', {}, { orderBy: ['version', 'desc'], limit: 1 });
  if (!latest) return DEFAULT_RULES;
  const { _id: _ignored, ...config } = latest;
  return config;
}

export async function loadFacts(
  residentId: string,
  resident: ResidentDoc,
  rules: RuleConfig,
  now: Date,
): Promise<ResidentFacts> {
  // Anything older than the isolation period plus a margin cannot make a reason any more.
  const since = new Date(now.getTime() - (rules.isolationDays + 16) * DAY_MS);
  const [declarations, readings, unitOrders, isolationOrders, tests, stationStays] = await Promise.all([
    findMany<DeclarationDoc>(
      'declarations',
      { residentId, at: { $gte: since } },
      { orderBy: ['at', 'desc'], limit: 200 },
    ),
    findMany<TemperatureReading & { residentId: string }>(
      'checkins',
      { residentId, at: { $gte: since } },
      { orderBy: ['at', 'desc'], limit: 200 },
    ),
    findMany<UnitOrder & { enclosureId: string }>(
      'unit_orders',
      { buildingId: resident.buildingId, unit: resident.unit },
      { limit: 100 },
    ),
    findMany<IsolationOrder>('isolation_orders', { residentId }, { limit: 100 }),
    findMany<StoredTest>(
      'health_tests',
      { residentId, sampledAt: { $gte: since } },
      { orderBy: ['sampledAt', 'desc'], limit: 50, fields: { sampledAt: true, result: true } },
    ),
    findMany<StationStay>(
      'station_stays',
      { residentId, lastAt: { $gte: since } },
      { limit: 20, fields: { kind: true, station: true, inAt: true, outAt: true } },
    ),
  ]);
  return {
    registeredAt: resident.registeredAt,
    verifiedAt: resident.verifiedAt,
    clearedAt: resident.clearedAt,
    override: resident.override,
    declarations,
    readings,
    unitOrders: unitOrders.map((o) => ({ ...o, id: o._id })),
    isolationOrders,
    // Stored as null until entered or ended; the rules read absent.
    tests: tests.map(testRecordOf),
    stationStays: stationStays.map((s) => ({
      ...(s.kind ? { kind: s.kind } : {}),
      station: s.station,
      inAt: s.inAt,
      ...(s.outAt ? { outAt: s.outAt } : {}),
    })),
  };
}

/** Runs the rules for one resident now and stores the result. */
export async function recomputeStatus(
  residentId: string,
  now: Date,
  rules?: RuleConfig,
  options: { refreshMap?: boolean } = {},
): Promise<StatusDoc> {
  const resident = await findById<ResidentDoc>('residents', residentId);
  if (!resident) throw new Error(`resident ${residentId} not found`);
  const config = rules ?? (await currentRules());
  const facts = await loadFacts(residentId, resident, config, now);
  // A need with no order yet becomes one: from now on only its release (or a grid worker) ends it.
  for (const order of newOrders(
    isolationNeeds(facts.declarations, facts.unitOrders, config),
    facts.isolationOrders ?? [],
    now,
  )) {
    const doc = {
      _id: `${residentId}-${order.needId}`,
      ...order,
      residentId,
      buildingId: resident.buildingId,
      unit: resident.unit,
      createdAt: now,
    };
    if (await insertOnce('isolation_orders', doc)) facts.isolationOrders = [...(facts.isolationOrders ?? []), order];
  }
  const doc = statusDocFor(residentId, resident, facts, config, now);
  await replace('statuses', residentId, doc);
  // The map follows every stored status (callers updating many in one building refresh once).
  if (options.refreshMap !== false) await refreshBuildingStats(resident.buildingId, now);
  return doc;
}

/** What a status shows beside its colour: the newest test result and the station days. */
export type ShownStatus = Status & Pick<StatusDoc, 'latestTest' | 'stationDays'>;

/** A stored status as it stands at `now` (ended reasons gone, an expired declaration yellow). */
export function currentStatus(doc: StatusDoc, now: Date): ShownStatus {
  return { ...statusAt(doc, doc.declarationExpiresAt, now), latestTest: doc.latestTest, stationDays: doc.stationDays };
}

export function viewOf(status: ShownStatus): StatusView {
  return {
    colour: status.colour,
    reasons: status.reasons.map((r) => ({
      rule: r.rule,
      colour: r.colour,
      text: r.text,
      until: r.until ? r.until.toISOString() : null,
      plannedEnd: r.plannedEnd ? r.plannedEnd.toISOString() : null,
    })),
    until: status.until ? status.until.toISOString() : null,
    ruleVersion: status.ruleVersion,
    // A reviewed green has no reason of its own: without this the pass would look like any green.
    ...(status.overrideUntil ? { overrideUntil: status.overrideUntil.toISOString() } : {}),
    ...(status.latestTest
      ? { test: { result: status.latestTest.result, sampledAt: status.latestTest.sampledAt.toISOString() } }
      : {}),
    ...(status.stationDays ? { stationDays: status.stationDays } : {}),
  };
}

/**
 * The people, the objects and the payloads of the permission matrix (permission-matrix.test.ts).
 * Callers come from the demo estate; targets are objects of 春华苑 grid 1 (enc-chunhua-grid-1),
 * made here in the store's own terms. Every payload is valid, so that the answer is the handler's
 * permission decision and not its validation.
 */
import { demoBatch } from '../../demo/batch';
import { Estate, daysAgoIso, requestId, validIdNumber } from './journeys';

export const CALLERS = [
  'none',
  'unknown',
  'green',
  'red',
  'head',
  'pending',
  'grid11',
  'grid12',
  'grid21',
  'volunteer',
  'admin',
] as const;
export type CallerKind = (typeof CALLERS)[number];

export interface Fixtures {
  openid: Record<CallerKind, string | undefined>;
  residentId: Partial<Record<CallerKind, string>>;
  /** A child or elder without WeChat in the head's household. */
  dependant: string;
  /** A second newcomer pending at the head's flat: whom `acceptMember` and `callResident` target. */
  newcomer: string;
  /** A grid-1 resident waiting for verification, in none of the callers' households. */
  unverified: string;
  /** A grid-1 resident with WeChat, in none of the callers' households (made 团长 by `appoint`). */
  appointee: string;
  greenHousehold: string;
  greenBuilding: string;
  /** A grid-1 building unit without any caller, for `isolateUnit`. */
  isolateBuilding: string;
  /** An open isolation order of a grid-1 resident other than the red caller. */
  isolationOrder: string;
  appealId: string;
  careTask: string;
  passToken: string;
  batchOpen: string;
  batchToClose: string;
  batchToCancel: string;
  /** Closed, with orders of the green, red and head households and a complaint of green's. */
  batchLocked: string;
  greenOrder: string;
  redOrder: string;
}

export const GATE = 'enc-chunhua-gate-1';
const HOUR = 3600_000;
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function setUpFixtures(estate: Estate): Promise<Fixtures> {
  const find = (collection: string, query: Doc = {}) =>
    estate.cloud.db.find(collection, query, { limit: 5000 }).docs as Doc[];
  const call = async (fn: string, openid: string | undefined, event: Doc) => {
    const res = await estate.call(fn, openid, event);
    if (res.code !== 0) throw new Error(`fixture ${fn}.${event.action} as ${openid}: ${res.code} ${res.message}`);
    return res.data;
  };
  const grid1: string[] = find('grids', { _id: 'enc-chunhua-grid-1' })[0].buildingIds;
  const residentOf = (id: string) => find('residents', { _id: id })[0];
  const green = estate.demo.examples.green;
  const red = estate.demo.examples.wuhan_returnee;
  const greenHousehold = residentOf(green.residentId).householdId as string;
  const redHousehold = residentOf(red.residentId).householdId as string;
  if (
    !grid1.includes(residentOf(green.residentId).buildingId) ||
    !grid1.includes(residentOf(red.residentId).buildingId)
  )
    throw new Error('the demo changed: the green and red examples no longer live in 春华苑 grid 1');

  // The head: verified, with WeChat, and a dependant without; not the green or red household.
  const households = find('households', { buildingId: { $in: grid1 } }).sort((a, b) => a._id.localeCompare(b._id));
  const members = (h: Doc) => find('residents', { householdId: h._id });
  const headHousehold = households.find((h) => {
    if (h._id === greenHousehold || h._id === redHousehold) return false;
    const head = residentOf(h.headResidentId);
    return head.openid && head.verifiedAt && members(h).some((m) => !m.openid);
  })!;
  const head = residentOf(headHousehold.headResidentId);
  const dependant = members(headHousehold).find((m) => !m.openid)!._id as string;

  // Two newcomers at the head's (occupied) flat: both pending in that household.
  const register = (openid: string, name: string, phone: string) =>
    call('residents', openid, {
      action: 'register',
      requestId: requestId(),
      name,
      idNumber: validIdNumber(openid),
      phone,
      enclosureId: headHousehold.enclosureId,
      buildingId: headHousehold.buildingId,
      unit: headHousehold.unit,
      room: headHousehold.room,
    });
  const pending = (await register('matrix-pending', '新来住户', '13800000001')).residentId as string;
  const newcomer = (await register('matrix-newcomer', '另一新户', '13800000002')).residentId as string;
  if (!residentOf(pending).pendingSince) throw new Error('a newcomer at an occupied flat is no longer pending');

  const callers = new Set([greenHousehold, redHousehold, headHousehold._id]);
  const others = find('residents', { buildingId: { $in: grid1 } })
    .filter((r) => !callers.has(r.householdId))
    .sort((a, b) => a._id.localeCompare(b._id));
  const unverified = others.find((r) => !r.verifiedAt && !r.pendingSince)!._id as string;
  const appointee = others.find((r) => r.openid && r.verifiedAt && r.relation === 'member')!._id as string;
  const isolateBuilding = grid1[grid1.length - 1];
  const isolationOrder = find('isolation_orders', { buildingId: { $in: grid1 }, state: 'active' })
    .filter((o) => !callers.has(residentOf(o.residentId).householdId))
    .sort((a, b) => a._id.localeCompare(b._id))[0]._id as string;

  const appealId = (
    await call('residents', green.openid, {
      action: 'appeal',
      requestId: requestId(),
      reason: '已居家满十四天，申请复核',
    })
  ).appealId as string;
  const careTask = (await call('care', red.openid, { action: 'request', requestId: requestId(), kind: 'supplies' }))
    .requestId as string;
  const passToken = (await call('residents', green.openid, { action: 'pass' })).token as string;

  const cutoff = Date.now() + estate.cloud.clockOffsetMs + 6 * HOUR;
  const open = async () => (await call('groupbuy', 'demo-grid-11', demoBatch(cutoff, requestId()))).batchId as string;
  const [batchOpen, batchToClose, batchToCancel, batchLocked] = [
    await open(),
    await open(),
    await open(),
    await open(),
  ];
  const order = async (openid: string) =>
    (
      await call('groupbuy', openid, {
        action: 'order',
        batchId: batchLocked,
        requestId: requestId(),
        baseVersion: 0,
        lines: [{ itemId: 'i1', qty: 1 }],
      })
    ).id as string;
  const greenOrder = await order(green.openid);
  const redOrder = await order(red.openid);
  await order(head.openid);
  await call('groupbuy', 'demo-grid-11', { action: 'close', batchId: batchLocked });
  await call('groupbuy', green.openid, {
    action: 'complain',
    orderId: greenOrder,
    reason: 'short',
    detail: '少了半斤',
  });

  return {
    openid: {
      none: undefined,
      unknown: 'matrix-stranger',
      green: green.openid,
      red: red.openid,
      head: head.openid,
      pending: 'matrix-pending',
      grid11: 'demo-grid-11',
      grid12: 'demo-grid-12',
      grid21: 'demo-grid-21',
      volunteer: 'demo-volunteer-1',
      admin: 'demo-admin',
    },
    residentId: { green: green.residentId, red: red.residentId, head: head._id, pending },
    dependant,
    newcomer,
    unverified,
    appointee,
    greenHousehold,
    greenBuilding: residentOf(green.residentId).buildingId,
    isolateBuilding,
    isolationOrder,
    appealId,
    careTask,
    passToken,
    batchOpen,
    batchToClose,
    batchToCancel,
    batchLocked,
    greenOrder,
    redOrder,
  };
}

type Payload = (fx: Fixtures, caller: CallerKind) => Record<string, unknown>;
const searchWindow = () => ({ from: daysAgoIso(1), to: new Date(Date.now() + HOUR).toISOString() });
const forDependant = (fx: Fixtures) => ({ residentId: fx.dependant });
const report = () => ({ requestId: requestId(), temperature: 36.4, symptoms: [], trips: [] });
const checkin = () => ({ temperature: 36.5, symptoms: [] });
const appeal = () => ({ requestId: requestId(), reason: '已居家满十四天，申请复核' });
/** A client's event shaped like CloudBase's timer trigger (no action: the function picks its timer action). */
const timerEvent = () => ({ action: undefined, Type: 'Timer', TriggerName: 'manual', Time: new Date().toISOString() });

/** The event of each row, without `action` (taken from the row's name unless given here). */
export const PAYLOADS: Record<string, Payload> = {
  'account.me': () => ({}),
  'admin.getRules': () => ({}),
  'admin.publishRules': () => ({ rules: { healthStationDays: 4 }, note: '权限矩阵：参数不变的新版本' }),
  'admin.seedAdmin': () => ({ openid: 'matrix-admin-2' }),
  'care.contact': () => ({}),
  'care.request': () => ({ requestId: requestId(), kind: 'medicine' }),
  'care.tasks': () => ({}),
  'care.accept': (fx) => ({ id: fx.careTask }),
  'care.complete': (fx) => ({ id: fx.careTask }),
  'gate.scan': (fx) => ({ gateId: GATE, direction: 'in', token: fx.passToken }),
  'gate.visitor': (fx) => ({
    gateId: GATE,
    direction: 'in',
    householdId: fx.greenHousehold,
    visitorPhone: '13900001234',
  }),
  'gate.registerVisitor': (fx) => ({
    requestId: requestId(),
    householdId: fx.greenHousehold,
    visitorName: '来访亲友',
    visitorPhone: '13900001234',
    reason: '送药上门',
    days: 1,
  }),
  'grid.map': () => ({}),
  'grid.building': (fx) => ({ buildingId: fx.greenBuilding }),
  'grid.verificationQueue': () => ({}),
  'grid.gateLogs': () => ({ gateId: GATE, ...searchWindow() }),
  'grid.appeals': () => ({}),
  'grid.answerAppeal': (fx) => ({ appealId: fx.appealId, decision: 'reject', answer: '核实后维持原状态' }),
  'grid.export': () => ({ kind: 'gateLogs', gateId: GATE, ...searchWindow() }),
  'grid.retention': () => ({}),
  'grid.nightly': () => ({}),
  'grid.nightly (timer event)': timerEvent,
  'groupbuy.create': () => ({ ...demoBatch(Date.now() + 6 * HOUR, requestId()) }),
  'groupbuy.batches': () => ({}),
  'groupbuy.batch': (fx) => ({ batchId: fx.batchOpen }),
  'groupbuy.close': (fx) => ({ batchId: fx.batchToClose }),
  'groupbuy.cancelBatch': (fx) => ({ batchId: fx.batchToCancel, reason: '供应商缺货' }),
  'groupbuy.appoint': (fx) => ({ residentId: fx.appointee }),
  'groupbuy.order': (fx) => ({
    batchId: fx.batchOpen,
    requestId: requestId(),
    baseVersion: 0,
    lines: [{ itemId: 'i1', qty: 1 }],
  }),
  'groupbuy.cancel': (fx) => ({ batchId: fx.batchOpen, requestId: requestId() }),
  'groupbuy.myOrders': () => ({}),
  'groupbuy.confirm': (fx) => ({ orderId: fx.greenOrder }),
  'groupbuy.complain': (fx) => ({ orderId: fx.greenOrder, reason: 'short', detail: '少了半斤' }),
  'groupbuy.pickList': (fx) => ({ batchId: fx.batchLocked }),
  'groupbuy.arrived': (fx) => ({ batchId: fx.batchLocked }),
  'groupbuy.deliveries': () => ({}),
  'groupbuy.delivered': (fx) => ({ orderId: fx.redOrder }),
  'groupbuy.complaints': (fx) => ({ batchId: fx.batchLocked }),
  'groupbuy.answer': (fx) => ({ orderId: fx.greenOrder, answer: '已补发半斤' }),
  'quarantine.mine': () => ({}),
  'quarantine.mine (dependant)': forDependant,
  'quarantine.checkin': checkin,
  'quarantine.checkin (dependant)': (fx) => ({ ...checkin(), ...forDependant(fx) }),
  'quarantine.subscribe': () => ({ accepted: 1 }),
  'quarantine.isolateUnit': (fx) => ({
    requestId: requestId(),
    buildingId: fx.isolateBuilding,
    unit: 2,
    reason: '密接者所在单元',
    days: 14,
  }),
  'quarantine.roster': () => ({}),
  'quarantine.decide': (fx) => ({
    requestId: requestId(),
    orderId: fx.isolationOrder,
    decision: 'extend',
    why: '复查未结束',
    days: 1,
  }),
  'quarantine.callResident': (fx) => ({ residentId: fx.newcomer }),
  'quarantine.tick': () => ({}),
  'quarantine.tick (timer event)': timerEvent,
  'residents.me': () => ({}),
  'residents.directory': () => ({}),
  'residents.addDependant': () => ({ requestId: requestId(), name: '小矩阵', relation: 'child', birthYear: 2016 }),
  'residents.acceptMember': (fx) => ({ residentId: fx.newcomer }),
  'residents.report': report,
  'residents.report (dependant)': (fx) => ({ ...report(), ...forDependant(fx) }),
  'residents.pass': () => ({}),
  'residents.pass (dependant)': forDependant,
  'residents.verify': (fx) => ({ residentId: fx.unverified, note: '上门核实身份' }),
  'residents.appeal': appeal,
  'residents.appeal (dependant)': (fx) => ({ ...appeal(), ...forDependant(fx) }),
  'residents.history': () => ({}),
  'residents.history (dependant)': forDependant,
  // Last: it makes residents of the callers who were none (staff, the stranger).
  'residents.register': (_fx, caller) => ({
    requestId: requestId(),
    name: '矩阵住户',
    idNumber: validIdNumber(`matrix-register-${caller}`),
    phone: '13800000009',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 2,
    room: '801',
  }),
};

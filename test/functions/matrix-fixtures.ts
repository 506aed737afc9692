/**
 * The people, the objects and the payloads of the permission matrix (permission-matrix.test.ts).
 * Callers come from the demo estate; targets are objects of 春华苑 grid 1 (enc-chunhua-grid-1),
 * made here in the store's own terms. Every payload is valid, so that the answer is the handler's
 * permission decision and not its validation.
 */
import { demoBatch } from '../../demo/batch';
import { cstDateOf, cstDayStart } from '../../core/time';
import { Estate, cstDateIn, daysAgoIso, requestId, validIdNumber } from './journeys';
import { csvOf, person, registryKit } from './registry-fixtures';

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
  'communityAdmin',
  'medic',
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
  greenFlat: { buildingId: string; unit: number; room: string };
  greenBuilding: string;
  /** A grid-1 building unit without any caller, for `isolateUnit`. */
  isolateBuilding: string;
  /** An open isolation order of a grid-1 resident other than the red caller. */
  isolationOrder: string;
  appealId: string;
  /** A 爱心码 printed by g11 for the head's dependant. */
  cardId: string;
  /** A sample 春华苑's medic took (of the unverified resident): its tube, for `health.results`. */
  healthTube: string;
  /** A 随访 planned by g11 for the isolated returnee: what `health.recordVisit` records. */
  followupId: string;
  /** Visits green's household asked for: one for g11 to decide, one for green to cancel. */
  visits: Record<'toDecide' | 'toCancel' | 'date', string>;
  /** A car of green's household, registered by g11 (to remove). */
  vehicleId: string;
  careTask: string;
  /** The head's dependant, enrolled by g11 as a 关爱对象 of 春华苑's volunteer. */
  careSubject: string;
  /** Notices of g11 to green's building (its reads), and of the street (for every resident to open). */
  notices: Record<'building' | 'street', string>;
  /** A hazard green reported at their own building (grid 1). */
  clue: string;
  /** Tomorrow's shifts at a 春华苑 gate: the volunteer's (to start and hand over), one to cancel per
   *  grid worker column (a cancelled one answers NOT_FOUND), and round plans to check and to end. */
  duty: {
    date: string;
    shift: string;
    toCancel: Partial<Record<CallerKind, string>>;
    spare: string;
    round: string;
    roundToEnd: string;
    due: string;
  };
  passToken: string;
  batchOpen: string;
  batchToClose: string;
  batchToCancel: string;
  /** Closed, with orders of the green, red and head households and a complaint of green's. */
  batchLocked: string;
  greenOrder: string;
  redOrder: string;
  /** By the street admin: a 社区 not the community admin's, its enclosure and gate; an empty 社区; a 春华苑 gate. */
  estate: Record<'otherCommunity' | 'otherEnclosure' | 'otherGate' | 'emptyCommunity' | 'spareGate', string>;
  /** Invitations by the street admin to be 春华苑 volunteers: a code per caller (to preview, then
   *  accept), one to revoke in 春华苑 and one `elsewhere` (the other 社区); and staff who accepted
   *  theirs: 春华苑 volunteers (one per admin column, to suspend), one elsewhere, and gate guards
   *  (grid workers without a grid) in pairs, to hand over from the first to the second. */
  staff: {
    codes: Record<CallerKind, string>;
    invitation: Record<'ours' | 'elsewhere', string>;
    volunteers: Record<'admin' | 'communityAdmin' | 'elsewhere', string>;
    guards: Record<'ours' | 'elsewhere', [string, string]>;
  };
  /** A 红荔社区 enclosure made empty but for 矩阵楼, and a register (csv) of one head at its flat 1-101. */
  registry: { enclosureId: string; fileID: string };
}

export const GATE = 'enc-chunhua-gate-1';

const flatOf = (r: Doc) => ({ buildingId: r.buildingId as string, unit: r.unit as number, room: r.room as string });

/** A host's request for a visitor on `date` (tomorrow, on the local cloud's clock). */
const visitRequest = (date: string) => ({
  action: 'requestVisit',
  requestId: requestId(),
  visitorName: '矩阵访客',
  visitorPhone: '13900005678',
  fromDate: date,
  toDate: date,
  reason: '探望老人',
});
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
  const askVisit = async () =>
    (await call('gate', green.openid, visitRequest(cstDateIn(estate.cloud, 1)))).visitId as string;
  const visits = { toDecide: await askVisit(), toCancel: await askVisit(), date: cstDateIn(estate.cloud, 1) };
  const vehicleId = (
    await call('gate', 'demo-grid-11', {
      action: 'registerVehicle',
      kind: 'resident',
      plate: '粤B54321',
      ...flatOf(residentOf(green.residentId)),
    })
  ).vehicleId as string;
  const careTask = (await call('care', red.openid, { action: 'request', requestId: requestId(), kind: 'supplies' }))
    .requestId as string;
  const passToken = (await call('residents', green.openid, { action: 'pass' })).token as string;
  const cardId = (
    await call('grid', 'demo-grid-11', { action: 'issueCard', requestId: requestId(), residentId: dependant })
  ).cardId as string;
  const careSubject = dependant;
  await call('care', 'demo-grid-11', {
    action: 'enrol',
    residentId: careSubject,
    categories: ['elderly'],
    way: 'call',
    everyDays: 1,
    volunteerOpenid: 'demo-volunteer-1',
  });
  const noticeOf = async (openid: string, scope: object) =>
    (
      await call('notices', openid, {
        action: 'publish',
        requestId: requestId(),
        kind: 'rule',
        title: '矩阵通知',
        body: '出入请出示通行码。',
        ...scope,
      })
    ).noticeId as string;
  const notices = {
    building: await noticeOf('demo-grid-11', { level: 'building', targetId: residentOf(green.residentId).buildingId }),
    street: await noticeOf('demo-admin', { level: 'street' }),
  };
  const clue = (
    await call('clues', green.openid, {
      action: 'report',
      requestId: requestId(),
      kind: 'sanitation',
      buildingId: residentOf(green.residentId).buildingId,
      text: '楼道堆放杂物。',
    })
  ).id as string;
  const dutyDate = cstDateIn(estate.cloud, 1);
  const planShift = async (slot: string, staffOpenid: string) =>
    (
      await call('duty', 'demo-grid-11', {
        action: 'planShift',
        gateId: 'enc-chunhua-gate-1',
        date: dutyDate,
        slot,
        staffOpenid,
      })
    ).id as string;
  const planRound = async () =>
    (
      await call('duty', 'demo-grid-11', {
        action: 'planRound',
        requestId: requestId(),
        kind: 'disinfection',
        place: '垃圾站',
        times: ['09:00'],
        fromDate: dutyDate,
        days: 2,
        assigneeOpenid: 'demo-volunteer-1',
      })
    ).planId as string;
  const duty = {
    date: dutyDate,
    shift: await planShift('day', 'demo-volunteer-1'),
    toCancel: {
      grid11: await planShift('evening', 'demo-volunteer-1'),
      grid12: await planShift('night', 'demo-volunteer-1'),
      grid21: await planShift('day', 'demo-grid-11'),
    },
    spare: await planShift('day', 'demo-grid-12'),
    round: await planRound(),
    roundToEnd: await planRound(),
    due: new Date(cstDayStart(dutyDate)!.getTime() + 9 * 3600_000).toISOString(),
  };
  const healthTube = 'M-MATRIX-1';
  await call('health', 'demo-medic-1', { action: 'sample', tubeCode: healthTube, residentId: unverified });
  const followupId = (
    await call('health', 'demo-grid-11', {
      action: 'planVisit',
      requestId: requestId(),
      residentId: red.residentId,
      dueOn: cstDateOf(new Date()),
    })
  ).followupId as string;

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

  const made = async (kind: string, fields: Doc) =>
    (await call('estate', 'demo-admin', { action: 'save', kind, requestId: requestId(), ...fields })).id as string;
  const otherCommunity = await made('community', { name: '矩阵社区' });
  const otherEnclosure = await made('enclosure', enclosureIn(otherCommunity));
  const emptyCommunity = await made('community', { name: '空社区' });
  const otherGate = await made('gate', gateIn(otherEnclosure));
  const spareGate = await made('gate', gateIn('enc-chunhua'));

  const invite = async (enclosureId: string, role = 'volunteer', scope: Doc = {}) =>
    (await call('staff', 'demo-admin', { action: 'invite', ...invitee(role, { enclosureId, ...scope }) })) as Doc;
  const codes = {} as Record<CallerKind, string>;
  for (const caller of CALLERS) codes[caller] = (await invite('enc-chunhua')).code;
  const enlist = async (openid: string, ...how: Parameters<typeof invite>) => {
    await call('staff', openid, { action: 'accept', code: (await invite(...how)).code });
    return openid;
  };
  const guards = async (at: string, gateId: string): Promise<[string, string]> => [
    await enlist(`matrix-guard-a-${at}`, at, 'grid_worker', { gateIds: [gateId] }),
    await enlist(`matrix-guard-b-${at}`, at, 'grid_worker', { gateIds: [gateId] }),
  ];
  const staff: Fixtures['staff'] = {
    codes,
    invitation: {
      ours: (await invite('enc-chunhua')).invitationId,
      elsewhere: (await invite(otherEnclosure)).invitationId,
    },
    volunteers: {
      admin: await enlist('matrix-volunteer-a', 'enc-chunhua'),
      communityAdmin: await enlist('matrix-volunteer-b', 'enc-chunhua'),
      elsewhere: await enlist('matrix-volunteer-c', otherEnclosure),
    },
    guards: { ours: await guards('enc-chunhua', GATE), elsewhere: await guards(otherEnclosure, otherGate) },
  };

  const importTo = await made('enclosure', enclosureIn('com-hongli'));
  await made('building', { ...BUILDING, enclosureId: importTo });
  const listed = person();
  const csv = csvOf([[BUILDING.name, '1', '101', listed.name, '户主', listed.id, listed.phone]]);
  const registry = { enclosureId: importTo, fileID: registryKit(() => estate).store(Buffer.from(csv), 'csv') };

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
      communityAdmin: 'demo-community-admin',
      medic: 'demo-medic-1',
    },
    residentId: { green: green.residentId, red: red.residentId, head: head._id, pending },
    dependant,
    newcomer,
    unverified,
    appointee,
    greenHousehold,
    greenFlat: flatOf(residentOf(green.residentId)),
    greenBuilding: residentOf(green.residentId).buildingId,
    isolateBuilding,
    isolationOrder,
    appealId,
    cardId,
    healthTube,
    followupId,
    visits,
    vehicleId,
    careTask,
    careSubject,
    notices,
    clue,
    duty,
    passToken,
    batchOpen,
    batchToClose,
    batchToCancel,
    batchLocked,
    greenOrder,
    redOrder,
    estate: { otherCommunity, otherEnclosure, otherGate, emptyCommunity, spareGate },
    staff,
    registry,
  };
}

type Payload = (fx: Fixtures, caller: CallerKind) => Record<string, unknown>;
const searchWindow = () => ({ from: daysAgoIso(1), to: new Date(Date.now() + HOUR).toISOString() });
const forDependant = (fx: Fixtures) => ({ residentId: fx.dependant });
const report = () => ({ requestId: requestId(), temperature: 36.4, symptoms: [], trips: [] });
const checkin = () => ({ temperature: 36.5, symptoms: [] });
const appeal = () => ({ requestId: requestId(), reason: '已居家满十四天，申请复核' });
const enclosureIn = (communityId: string) => ({ communityId, name: '矩阵新苑', type: 'village', address: '红荔路' });
/** A gate's fields; an edit with `id` (an undefined one is not sent, as JSON drops it). */
const gateIn = (enclosureId: string, id?: string) => ({ id, enclosureId, name: '矩阵门', vehicles: false });
const BUILDING = { enclosureId: 'enc-chunhua', name: '矩阵楼', units: 2, floors: 8, roomScheme: 'numbered' };
/** An `estate.save` of this kind, with a fresh request id. */
const estateSave =
  (kind: string, fields: (fx: Fixtures) => Doc): Payload =>
  (fx) => ({ kind, requestId: requestId(), ...fields(fx) });
const retireOf = (kind: string, id: string) => ({ kind, id, reason: '权限矩阵：停用' });
/** A `staff.invite` of this role and scope, with a fresh request id. */
const invitee = (role: string, scope: Doc) => ({ requestId: requestId(), role, name: '矩阵受邀人', ...scope });
const GRID_WORKER = { enclosureId: 'enc-chunhua', gridIds: ['enc-chunhua-grid-1'], gateIds: [GATE] };
const invitationCode: Payload = (fx, caller) => ({ code: fx.staff.codes[caller] });
const suspension = (userId: string) => ({ userId, reason: '权限矩阵：停用' });
const handOver = ([fromUserId, toUserId]: string[]) => ({ fromUserId, toUserId });
/** A client's event shaped like CloudBase's timer trigger (no action: the function picks its timer action). */
const timerEvent = () => ({ action: undefined, Type: 'Timer', TriggerName: 'manual', Time: new Date().toISOString() });

/** The event of each row, without `action` (taken from the row's name unless given here). */
export const PAYLOADS: Record<string, Payload> = {
  'account.me': () => ({}),
  'admin.getRules': () => ({}),
  'admin.publishRules': () => ({ rules: { healthStationDays: 4 }, note: '权限矩阵：参数不变的新版本' }),
  'admin.seedAdmin': () => ({ openid: 'matrix-admin-2' }),
  'admin.bootstrap': () => ({}),
  'admin.history': () => ({}),
  'health.desk': () => ({}),
  'health.clear': (fx) => ({ requestId: requestId(), residentId: fx.residentId.green!, note: '复查无异常' }),
  'health.sample': (fx) => ({ tubeCode: `M-${requestId().slice(4)}`, residentId: fx.unverified }),
  'health.results': (fx) => ({
    rows: [{ tubeCode: fx.healthTube, result: 'negative', testedOn: cstDateOf(new Date()) }],
  }),
  'health.stationIn': (fx) => ({ residentId: fx.unverified, station: '温馨驿站' }),
  'health.stationOut': (fx) => ({ residentId: fx.unverified }),
  'health.transfer': (fx) => ({ residentId: fx.unverified, place: '区集中隔离点' }),
  'health.returnHome': (fx) => ({ residentId: fx.unverified }),
  'health.planVisit': (fx) => ({
    requestId: requestId(),
    residentId: fx.residentId.red!,
    dueOn: cstDateOf(new Date()),
  }),
  'health.recordVisit': (fx) => ({ followupId: fx.followupId, outcome: 'normal', note: '情况正常' }),
  'health.visits': () => ({}),
  'care.contact': () => ({}),
  'care.request': () => ({ requestId: requestId(), kind: 'medicine' }),
  'care.tasks': () => ({}),
  'care.accept': (fx) => ({ id: fx.careTask }),
  'care.complete': (fx) => ({ id: fx.careTask }),
  'care.enrol': (fx) => ({
    residentId: fx.careSubject,
    categories: ['elderly'],
    way: 'visit',
    everyDays: 1,
    volunteerOpenid: 'demo-volunteer-1',
  }),
  'care.unenrol': (fx) => ({ residentId: fx.careSubject, reason: '子女接回同住' }),
  'care.subjects': () => ({}),
  'care.flat': (fx) => fx.greenFlat,
  'care.logContact': (fx) => ({ requestId: requestId(), residentId: fx.careSubject, way: 'call', outcome: 'well' }),
  'notices.publish': (fx) => ({
    requestId: requestId(),
    level: 'building',
    targetId: fx.greenBuilding,
    kind: 'delivery',
    title: '配送时间调整',
    body: '明日蔬菜包下午送到楼下。',
  }),
  'notices.inbox': () => ({}),
  'clues.report': (fx) => ({
    requestId: requestId(),
    kind: 'gathering',
    buildingId: fx.greenBuilding,
    placeText: '楼下',
    text: '楼下有人聚集。',
  }),
  'clues.mine': () => ({}),
  'clues.queue': () => ({}),
  'clues.assign': (fx) => ({ id: fx.clue, assigneeOpenid: 'demo-grid-11' }),
  'clues.handle': (fx) => ({ id: fx.clue, outcome: 'resolved', answer: '已清理。' }),
  'grid.plan': () => ({}),
  'grid.publicPlan': () => ({}),
  'duty.people': () => ({}),
  'duty.planShift': (fx) => ({
    gateId: 'enc-chunhua-gate-1',
    date: fx.duty.date,
    slot: 'evening',
    staffOpenid: 'demo-grid-12',
  }),
  'duty.cancelShift': (fx, caller) => ({ shiftId: fx.duty.toCancel[caller] ?? fx.duty.spare }),
  'duty.shifts': (fx) => ({ date: fx.duty.date }),
  'duty.startShift': (fx) => ({ shiftId: fx.duty.shift }),
  'duty.handOver': (fx) => ({ shiftId: fx.duty.shift, note: '一切正常' }),
  'duty.onDuty': () => ({ gateId: 'enc-chunhua-gate-1' }),
  // Each grid worker plans for themselves, in their own enclosure.
  'duty.planRound': (fx, caller) => ({
    requestId: requestId(),
    kind: 'patrol',
    place: '各单元门',
    times: ['21:00'],
    fromDate: fx.duty.date,
    days: 1,
    assigneeOpenid: fx.openid[caller] ?? 'demo-volunteer-1',
  }),
  'duty.endRound': (fx) => ({ planId: fx.duty.roundToEnd }),
  'duty.rounds': (fx) => ({ date: fx.duty.date }),
  'duty.checkRound': (fx) => ({ planId: fx.duty.round, due: fx.duty.due }),
  'duty.missed': () => ({}),
  'notices.scopes': () => ({}),
  'notices.subscribe': () => ({ accepted: 1 }),
  'notices.push': () => ({}),
  'notices.push (timer event)': timerEvent,
  'notices.sent': () => ({}),
  'notices.open': (fx) => ({ noticeId: fx.notices.street }),
  'notices.reads': (fx) => ({ noticeId: fx.notices.building }),
  'estate.tree': () => ({}),
  'estate.placement': () => ({ enclosureId: 'enc-chunhua' }),
  'estate.placement (elsewhere)': (fx) => ({ enclosureId: fx.estate.otherEnclosure }),
  'estate.place': () => ({ enclosureId: 'enc-chunhua', positions: [{ buildingId: 'enc-chunhua-b02', x: 30, y: 40 }] }),
  'estate.enclosure': () => ({ enclosureId: 'enc-chunhua' }),
  'estate.enclosure (elsewhere)': (fx) => ({ enclosureId: fx.estate.otherEnclosure }),
  'estate.overview': () => ({}),
  'estate.map': () => ({ enclosureId: 'enc-chunhua' }),
  'estate.map (elsewhere)': (fx) => ({ enclosureId: fx.estate.otherEnclosure }),
  'estate.save (community)': estateSave('community', () => ({ name: '矩阵新社区' })),
  'estate.save (enclosure)': estateSave('enclosure', () => enclosureIn('com-hongli')),
  'estate.save (enclosure elsewhere)': estateSave('enclosure', (fx) => enclosureIn(fx.estate.otherCommunity)),
  'estate.save (building)': estateSave('building', () => BUILDING),
  'estate.save (gate)': estateSave('gate', () => gateIn('enc-chunhua')),
  'estate.save (gate elsewhere)': estateSave('gate', (fx) => gateIn(fx.estate.otherEnclosure)),
  'estate.save (grid)': estateSave('grid', () => ({ enclosureId: 'enc-chunhua', name: '矩阵网格', buildingIds: [] })),
  'estate.save (edit gate)': estateSave('gate', (fx) => gateIn('enc-chunhua', fx.estate.spareGate)),
  'estate.save (edit elsewhere)': estateSave('gate', (fx) => gateIn(fx.estate.otherEnclosure, fx.estate.otherGate)),
  'estate.retire': (fx) => retireOf('gate', fx.estate.spareGate),
  'estate.retire (community)': (fx) => retireOf('community', fx.estate.emptyCommunity),
  'estate.retire (elsewhere)': (fx) => retireOf('gate', fx.estate.otherGate),
  'gate.scan': (fx) => ({ gateId: GATE, direction: 'in', token: fx.passToken, temperature: 36.5 }),
  'gate.visitor': () => ({ gateId: GATE, direction: 'in', visitorPhone: '13900001234', temperature: 36.5 }),
  'gate.registerVisitor': (fx) => ({
    requestId: requestId(),
    householdId: fx.greenHousehold,
    visitorName: '来访亲友',
    visitorPhone: '13900001234',
    reason: '送药上门',
    days: 1,
  }),
  'gate.requestVisit': (fx) => visitRequest(fx.visits.date),
  'gate.myVisits': () => ({}),
  'gate.cancelVisit': (fx) => ({ visitId: fx.visits.toCancel }),
  'gate.visits': () => ({}),
  'gate.decideVisit': (fx) => ({ visitId: fx.visits.toDecide, decision: 'approve' }),
  'gate.registerVehicle': (fx) => ({ kind: 'resident', plate: '粤B12345', ...fx.greenFlat }),
  'gate.vehicles': () => ({}),
  'gate.removeVehicle': (fx) => ({ vehicleId: fx.vehicleId, reason: '住户已搬离' }),
  'gate.vehicle': () => ({ gateId: GATE, direction: 'in', plate: '粤B12345' }),
  'gate.snapshot': () => ({ gateId: GATE }),
  'gate.sync': () => ({ gateId: GATE, scans: [] }),
  'grid.map': () => ({}),
  'grid.building': (fx) => ({ buildingId: fx.greenBuilding }),
  'grid.verificationQueue': () => ({}),
  'grid.gateLogs': () => ({ gateId: GATE, ...searchWindow() }),
  'grid.appeals': () => ({}),
  'grid.todo': () => ({}),
  'grid.cardHolders': () => ({}),
  'grid.issueCard': (fx) => ({ requestId: requestId(), residentId: fx.dependant }),
  'grid.card': (fx) => ({ cardId: fx.cardId }),
  'grid.revokeCard': (fx) => ({ cardId: fx.cardId, reason: '家属报告遗失' }),
  'grid.answerAppeal': (fx) => ({ appealId: fx.appealId, decision: 'reject', answer: '核实后维持原状态' }),
  'grid.export': () => ({ kind: 'gateLogs', gateId: GATE, ...searchWindow(), requestId: requestId() }),
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
  'registry.template': () => ({}),
  'registry.check': (fx) => fx.registry,
  'registry.check (elsewhere)': (fx) => ({ ...fx.registry, enclosureId: fx.estate.otherEnclosure }),
  // The first admin imports the flat; the second one's import finds it unchanged.
  'registry.apply': (fx) => ({ requestId: requestId(), ...fx.registry }),
  'registry.apply (elsewhere)': (fx) => ({
    requestId: requestId(),
    ...fx.registry,
    enclosureId: fx.estate.otherEnclosure,
  }),
  'residents.me': () => ({}),
  'residents.directory': () => ({}),
  'residents.addDependant': () => ({ requestId: requestId(), name: '小矩阵', relation: 'child', birthYear: 2016 }),
  'residents.acceptMember': (fx) => ({ residentId: fx.newcomer }),
  'residents.registerAtDoor': (_fx, caller) => ({
    requestId: requestId(),
    buildingId: 'enc-chunhua-b02',
    unit: 2,
    room: '198',
    place: 'door',
    consent: true,
    people: [{ name: '矩阵上门', relation: 'head', birthYear: 1960, idNumber: validIdNumber(`matrix-door-${caller}`) }],
  }),
  'residents.report': report,
  'residents.report (dependant)': (fx) => ({ ...report(), ...forDependant(fx) }),
  'residents.pass': () => ({}),
  'residents.pass (dependant)': forDependant,
  'residents.verify': (fx) => ({ residentId: fx.unverified, note: '上门核实身份' }),
  'residents.appeal': appeal,
  'residents.appeal (dependant)': (fx) => ({ ...appeal(), ...forDependant(fx) }),
  'residents.history': () => ({}),
  'residents.history (dependant)': forDependant,
  // Details no register lists: NOT_FOUND (one counted try each), or CONFLICT for a resident.
  'residents.claim': () => ({
    requestId: requestId(),
    name: '无此住户',
    idNumber: validIdNumber('matrix-claim'),
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b03',
    unit: 2,
    room: '801',
  }),
  // Late in the table: it makes residents of the callers who were none (staff, the stranger).
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
  'staff.invite': () => invitee('grid_worker', GRID_WORKER),
  'staff.invite (elsewhere)': (fx) => invitee('volunteer', { enclosureId: fx.estate.otherEnclosure }),
  'staff.invite (community admin)': () => invitee('community_admin', { communityId: 'com-hongli' }),
  'staff.invite (admin)': () => invitee('admin', {}),
  'staff.preview': invitationCode,
  'staff.invitations': () => ({}),
  'staff.revoke': (fx) => ({ invitationId: fx.staff.invitation.ours }),
  'staff.revoke (elsewhere)': (fx) => ({ invitationId: fx.staff.invitation.elsewhere }),
  'staff.members': () => ({}),
  // Each admin column its own volunteer: one suspended already would be answered NOT_FOUND.
  'staff.suspend': (fx, caller) =>
    suspension(fx.staff.volunteers[caller === 'communityAdmin' ? 'communityAdmin' : 'admin']),
  'staff.suspend (elsewhere)': (fx) => suspension(fx.staff.volunteers.elsewhere),
  'staff.handOver': (fx) => handOver(fx.staff.guards.ours),
  'staff.handOver (elsewhere)': (fx) => handOver(fx.staff.guards.elsewhere),
  // Last in the table: it makes the callers 春华苑 volunteers (the street admin issued them: refused).
  'staff.accept': invitationCode,
};

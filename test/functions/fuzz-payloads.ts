/**
 * For the payload fuzz (fuzz.test.ts): every action of every cloud function, a caller who may run
 * it and a valid payload (fresh request ids per call), over the demo estate prepared so that each
 * sample reaches past its permission checks: an isolated household, a pending newcomer, open and
 * cut-off group-order batches, a registered visitor, an open isolation order.
 */
import { nextWindow, openWindow } from '../../core/checkin';
import { demoBatch } from '../../demo/batch';
import { Estate, cstDateIn, daysAgoIso, requestId, validIdNumber } from './journeys';
import { Row, register, registryKit } from './registry-fixtures';

export type Payload = Record<string, unknown>;
type Person = { residentId: string; openid: string; householdId: string };

export interface Fixtures {
  estate: Estate;
  /** Verified green head of a six-person household (b01), with a dependant without WeChat. */
  head: Person;
  dependantId: string | undefined;
  /** Head of a household in a unit under isolation (b12 unit 2), with a care volunteer. */
  isolated: Person;
  /** Registered at the head's flat, waiting for acceptance; has a phone. */
  newcomerId: string;
  /** Green head (b02) who orders in the group-order batches. */
  shopper: Person;
  appealer: Person;
  appointeeId: string;
  unverifiedId: string;
  openBatch: string;
  /** Cut off, pick list opened, goods arrived: the shopper's bag is ready, the isolated one's goes to the door. */
  lockedBatch: string;
  shopperOrder: string;
  isolatedOrder: string;
  isolationOrderId: string;
  /** Verified green heads with WeChat in 春华苑 grid 1: each asks for visitors to decide or cancel. */
  hosts: Person[];
  /** A 红荔社区 enclosure the street admin imported this register (xlsx) into, for `registry` and `claim`. */
  imported: { enclosureId: string; fileID: string; rows: Row[] };
}

export interface ActionCase {
  fn: string;
  action: string;
  /** Told apart when one action has two kinds of payload (export of the map or of gate logs). */
  label?: string;
  caller: (f: Fixtures) => string | undefined;
  sample: (f: Fixtures) => Payload | Promise<Payload>;
  runs?: number;
  /** The cloud clock for this action (check-ins are taken only within a window). */
  clockOffsetMs?: () => number;
  /** Answers a refused verdict with code 0 and logs it (the gate): that one gate log is allowed. */
  logsRefusals?: boolean;
  /** Counts a wrong try (NOT_FOUND) in this collection, against the caller: that one write is allowed. */
  countsFailures?: string;
}

const GRID = 'demo-grid-11'; // grid 1 of 春华苑: buildings b01–b06, both 春华苑 gates
const VOLUNTEER = 'demo-volunteer-1';
const GATE = 'enc-chunhua-gate-1';
const HOUR = 3600_000;
let unique = 0;
const next = () => `${Date.now().toString(36)}-${unique++}`;

async function ok(estate: Estate, fn: string, openid: string | undefined, event: Payload) {
  const res = await estate.call(fn, openid, event);
  if (res.code !== 0) throw new Error(`fixture ${fn}.${String(event.action)}: ${res.code} ${res.message}`);
  return res.data;
}

const cloudNow = (estate: Estate) => Date.now() + estate.cloud.clockOffsetMs;
const newBatch = async (estate: Estate) =>
  (await ok(estate, 'groupbuy', GRID, { ...demoBatch(cloudNow(estate) + 6 * HOUR, requestId()) })).batchId as string;

export async function prepareFixtures(estate: Estate): Promise<Fixtures> {
  const db = estate.cloud.db;
  const find = (collection: string, query: Payload, limit = 1000) =>
    db.find(collection, query, { limit }).docs as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const person = (r: Record<string, unknown>): Person => ({
    residentId: String(r._id),
    openid: String(r.openid),
    householdId: String(r.householdId),
  });
  const resident = (id: string) => find('residents', { _id: id })[0];
  const { green, returnee, unverified } = estate.demo.examples;
  const head = person(resident(green.residentId));
  const dependant = find('residents', { householdId: head.householdId }).find((r) => !r.openid);

  await ok(estate, 'quarantine', 'demo-grid-12', {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b12',
    unit: 2,
    reason: '确诊病例密接单元',
  });
  const isolated = person(
    find('residents', { buildingId: 'enc-chunhua-b12', unit: 2, relation: 'head' }).find((r) => r.openid)!,
  );
  await ok(estate, 'care', isolated.openid, { action: 'contact' });

  const newcomer = await ok(estate, 'residents', 'fuzz-newcomer', {
    action: 'register',
    requestId: requestId(),
    name: '钱新来',
    idNumber: validIdNumber('fuzz-newcomer'),
    phone: '13800000001',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b01',
    unit: 1,
    room: resident(head.residentId).room,
  });

  const greens = new Set(find('statuses', { buildingId: 'enc-chunhua-b02', colour: 'green' }).map((s) => s._id));
  const shopper = person(
    find('residents', { buildingId: 'enc-chunhua-b02', relation: 'head' }).find(
      (r) => r.openid && r.verifiedAt && greens.has(r._id),
    )!,
  );
  const appointee = find('residents', { buildingId: 'enc-chunhua-b05', relation: 'head' }).find((r) => r.openid)!;

  const openBatch = await newBatch(estate);
  const lockedBatch = await newBatch(estate);
  const orderIn = async (who: Person) =>
    (
      await ok(estate, 'groupbuy', who.openid, {
        action: 'order',
        batchId: lockedBatch,
        requestId: requestId(),
        baseVersion: 0,
        lines: [{ itemId: 'i1', qty: 1 }],
      })
    ).id as string;
  const shopperOrder = await orderIn(shopper);
  const isolatedOrder = await orderIn(isolated);
  for (const action of ['close', 'pickList', 'arrived'])
    await ok(estate, 'groupbuy', GRID, { action, batchId: lockedBatch });
  await ok(estate, 'groupbuy', shopper.openid, {
    action: 'complain',
    orderId: shopperOrder,
    reason: 'short',
    detail: '青菜少了半斤',
  });

  await ok(estate, 'gate', GRID, {
    action: 'registerVisitor',
    requestId: requestId(),
    householdId: head.householdId,
    visitorName: '张来访',
    visitorPhone: '13912345678',
    reason: '探望老人',
    days: 1,
  });
  const gridBuildings = find('grids', { _id: 'enc-chunhua-grid-1' })[0].buildingIds as string[];
  const isolationOrder = find('isolation_orders', { state: 'active' }).find(
    (o) => gridBuildings.includes(o.buildingId) && o.residentId !== head.residentId,
  )!;

  visitDate = (days) => cstDateIn(estate.cloud, days);
  const greenInGrid = new Set(
    find('statuses', { buildingId: { $in: gridBuildings }, colour: 'green' }, 5000).map((s) => s._id),
  );
  // No one red in the household either: an isolated household may not have visitors.
  const redHouseholds = new Set(find('statuses', { colour: 'red' }, 5000).map((s) => s.householdId));
  const hosts = find('residents', { buildingId: { $in: gridBuildings }, relation: 'head' }, 5000)
    .filter((r) => r.openid && r.verifiedAt && !r.pendingSince && greenInGrid.has(r._id) && r._id !== head.residentId)
    .filter((r) => !redHouseholds.has(r.householdId))
    .map(person);

  const kit = registryKit(() => estate);
  const rows = register(30);
  const imported = { enclosureId: await kit.freshEnclosure('模糊导入苑'), fileID: await kit.upload(rows), rows };
  await kit.importAll(imported.fileID, imported.enclosureId);

  return {
    estate,
    head,
    dependantId: dependant ? String(dependant._id) : undefined,
    isolated,
    newcomerId: newcomer.residentId,
    shopper,
    appealer: person(resident(returnee.residentId)),
    appointeeId: String(appointee._id),
    unverifiedId: unverified.residentId,
    openBatch,
    lockedBatch,
    shopperOrder,
    isolatedOrder,
    isolationOrderId: String(isolationOrder._id),
    hosts,
    imported,
  };
}

/** The claim form of the next imported person nobody has claimed yet. */
function unclaimed({ estate, imported: { enclosureId, rows } }: Fixtures): Payload {
  const find = (collection: string, query: Payload) =>
    estate.cloud.db.find(collection, query, { limit: 1000 }).docs as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const open = new Set(find('residents', { enclosureId }).flatMap((r) => (r.openid ? [] : [r.name])));
  const [building, unit, room, name, , idNumber] = rows.find((r) => open.has(r[3]))!;
  const buildingId = find('buildings', { enclosureId, name: building })[0]._id;
  return { requestId: requestId(), name, idNumber, enclosureId, buildingId, unit: Number(unit), room };
}

/** Into the next check-in window (07:00–10:00, 17:00–20:00 China time), unless one is open now. */
function inCheckinWindow(): number {
  const at = new Date();
  return openWindow(at) ? 0 : nextWindow(at).start.getTime() + 30 * 60_000 - at.getTime();
}

const visitRequest = (): Payload => ({
  action: 'requestVisit',
  requestId: requestId(),
  visitorName: '赵来访',
  visitorPhone: '13912345670',
  fromDate: visitDate(1),
  toDate: visitDate(2),
  reason: '探望老人',
});
let visitDate: (days: number) => string;
/** A pending visit of the next host in turn (each household may have 5 open at once). */
let visitors = 0;
async function freshVisit(f: Fixtures): Promise<string> {
  const host = f.hosts[++visitors % f.hosts.length];
  return (await ok(f.estate, 'gate', host.openid, visitRequest())).visitId as string;
}

const headFlat = (f: Fixtures) => {
  const r = f.estate.cloud.db.find('residents', { _id: f.head.residentId }, { limit: 1 }).docs[0];
  return { buildingId: r.buildingId, unit: r.unit, room: r.room };
};
/** A car registered afresh for each run (removed ones are registered again). */
let cars = 0;
async function freshVehicle(f: Fixtures): Promise<string> {
  const plate = `粤A${String(10000 + (cars++ % 90000))}`;
  const event = { action: 'registerVehicle', kind: 'resident', plate, ...headFlat(f) };
  return (await ok(f.estate, 'gate', GRID, event)).vehicleId as string;
}

let pass: { token: string; at: number } | undefined;
async function headToken(f: Fixtures): Promise<string> {
  if (!pass || Date.now() - pass.at > 60_000) {
    const data = await ok(f.estate, 'residents', f.head.openid, { action: 'pass' });
    pass = { token: data.token, at: Date.now() };
  }
  return pass.token;
}

const placedOrder = (f: Fixtures) =>
  f.estate.cloud.db.find('group_orders', { batchId: f.openBatch, householdId: f.shopper.householdId }, { limit: 1 })
    .docs[0] as { version: number; state: string } | undefined;

/** Tomorrow at 春华苑's first gate, for the volunteer: planned again after a cancel, so each run has one. */
const dutyShift = (f: Fixtures) => ({
  gateId: GATE,
  date: cstDateIn(f.estate.cloud, 1),
  slot: 'day',
  staffOpenid: VOLUNTEER,
});
const plannedShift = async (f: Fixtures, slot: string) =>
  (await ok(f.estate, 'duty', GRID, { action: 'planShift', ...dutyShift(f), slot })).id as string;
const plannedRound = async (f: Fixtures) =>
  (
    await ok(f.estate, 'duty', GRID, {
      action: 'planRound',
      requestId: requestId(),
      kind: 'disinfection',
      place: '垃圾站',
      times: ['09:00'],
      fromDate: cstDateIn(f.estate.cloud, 1),
      days: 1,
      assigneeOpenid: VOLUNTEER,
    })
  ).planId as string;
/** Tomorrow 09:00, China time: the round plannedRound makes. */
const nextNineOclock = (f: Fixtures) =>
  new Date(Date.parse(`${cstDateIn(f.estate.cloud, 1)}T09:00:00+08:00`)).toISOString();

/** An open report for each run, by 春华苑's residents in turn (each may make five a day). */
let clueReporters: string[] | undefined;
let clueTurn = 0;
async function headClue(f: Fixtures): Promise<string> {
  clueReporters ??= f.estate.cloud.db
    .find('users', { roles: 'resident', homeEnclosureId: 'enc-chunhua' }, { limit: 200 })
    .docs.map((u) => u._id as string);
  return (
    await ok(f.estate, 'clues', clueReporters[clueTurn++ % clueReporters.length], {
      action: 'report',
      requestId: requestId(),
      kind: 'sanitation',
      placeText: '垃圾站',
      text: '垃圾站满了没人清运。',
    })
  ).id as string;
}

/** A notice of g11 to the head's building (b01), published once per run of the fuzz. */
let notice: string | undefined;
async function headNotice(f: Fixtures): Promise<string> {
  notice ??= (
    await ok(f.estate, 'notices', GRID, {
      action: 'publish',
      requestId: requestId(),
      level: 'building',
      targetId: 'enc-chunhua-b01',
      kind: 'rule',
      title: '出入须知',
      body: '出入请出示通行码。',
    })
  ).noticeId as string;
  return notice;
}

const grid = () => GRID;
const none = () => undefined;
const head = (f: Fixtures) => f.head.openid;
const isolated = (f: Fixtures) => f.isolated.openid;
const shopper = (f: Fixtures) => f.shopper.openid;
const volunteer = () => VOLUNTEER;
const medic = () => 'demo-medic-1'; // 春华苑's
const admin = () => 'demo-admin';
const empty = () => ({});
const gateSearch = () => ({ gateId: GATE, from: daysAgoIso(1), to: daysAgoIso(-1), colour: 'green', direction: 'in' });
type Sample = ActionCase['sample'];
const on = (fn: string, action: string, caller: ActionCase['caller'], sample: Sample = empty, more = {}) =>
  ({ fn, action, caller, sample, ...more }) as ActionCase;
const careRequest = (f: Fixtures, kind: string) =>
  ok(f.estate, 'care', f.isolated.openid, { action: 'request', requestId: requestId(), kind });
/** The head as a 关爱对象 of 春华苑's volunteer, visited every two days. */
const careEnrolment = (f: Fixtures) => ({
  action: 'enrol',
  residentId: f.head.residentId,
  categories: ['chronic'],
  way: 'visit',
  everyDays: 2,
  volunteerOpenid: VOLUNTEER,
  note: '高血压',
});
const communityAdmin = () => 'demo-community-admin'; // 红荔社区: both demo enclosures
const CHUNHUA = { enclosureId: 'enc-chunhua' };
const building = (name: string) => ({ ...CHUNHUA, name, units: 2, floors: 8, roomScheme: 'numbered' });
/** A building or gate the street admin adds before the call: for a grid to hold, or to retire. */
const made = async (f: Fixtures, kind: string, fields: Payload) =>
  (await ok(f.estate, 'estate', 'demo-admin', { action: 'save', kind, requestId: requestId(), ...fields }))
    .id as string;
/** One `kind` of estate.save, by the community admin unless said, with a fresh request id. */
const save = (label: string, sample: Sample, caller: ActionCase['caller'] = communityAdmin) =>
  on('estate', 'save', caller, async (f) => ({ requestId: requestId(), ...(await sample(f)) }), {
    label: `estate.save(${label})`,
  });

/** A 春华苑 invitation the street admin issues before the call: to preview, accept or revoke. */
const invitation = async (f: Fixtures, role = 'volunteer', scope: Payload = {}) =>
  (await ok(f.estate, 'staff', 'demo-admin', {
    action: 'invite',
    requestId: requestId(),
    role,
    name: '模糊工作人员',
    ...CHUNHUA,
    ...scope,
  })) as { invitationId: string; code: string };
/** A new 春华苑 staff member, by invitation (a gate guard: a grid worker without a grid), to manage. */
const enlisted = async (f: Fixtures, role = 'volunteer') => {
  const openid = `fuzz-staff-${next()}`;
  const { code } = await invitation(f, role, role === 'grid_worker' ? { gateIds: [GATE] } : {});
  await ok(f.estate, 'staff', openid, { action: 'accept', code });
  return openid;
};

/** A 爱心码 the grid worker prints before the call: to print again or revoke. */
const printedCard = async (f: Fixtures) =>
  (
    await ok(f.estate, 'grid', GRID, {
      action: 'issueCard',
      requestId: requestId(),
      residentId: f.dependantId ?? f.head.residentId,
    })
  ).cardId as string;

const importFile = ({ imported: { fileID, enclosureId } }: Fixtures) => ({ fileID, enclosureId });

/** Ordered so that what changes the estate for everyone (isolations, rules) comes late. */
export const CASES: ActionCase[] = [
  on('account', 'me', grid),
  on('residents', 'me', head),
  on('residents', 'directory', head),
  on(
    'residents',
    'register',
    () => `fuzz-reg-${next()}`,
    () => ({
      requestId: requestId(),
      name: '孙登记',
      idNumber: validIdNumber(`fuzz-${next()}`),
      phone: '13800000002',
      enclosureId: 'enc-chunhua',
      buildingId: 'enc-chunhua-b03',
      unit: 1,
      room: '201',
    }),
  ),
  on('residents', 'claim', () => `fuzz-claim-${next()}`, unclaimed, { countsFailures: 'claim_attempts' }),
  on('residents', 'addDependant', head, () => ({
    requestId: requestId(),
    name: '李长者',
    idNumber: validIdNumber(`fuzz-${next()}`),
    relation: 'elder',
    birthYear: 1950,
  })),
  on('residents', 'acceptMember', head, (f) => ({ residentId: f.newcomerId })),
  on('residents', 'registerAtDoor', grid, () => ({
    requestId: requestId(),
    buildingId: 'enc-chunhua-b02',
    unit: 2,
    room: '199',
    place: 'gate',
    consent: true,
    people: [
      { name: '模糊上门', relation: 'head', birthYear: 1962, idNumber: validIdNumber(`fuzz-${next()}`) },
      { name: '模糊老人', relation: 'elder', birthYear: 1936 },
    ],
  })),
  on('residents', 'report', head, (f) => ({
    requestId: requestId(),
    residentId: f.dependantId ?? f.head.residentId,
    temperature: 36.5,
    symptoms: ['cough'],
    trips: [{ place: '深圳', areaCode: '440300', from: daysAgoIso(5), to: daysAgoIso(4) }],
    returnedAt: daysAgoIso(4),
  })),
  on('residents', 'pass', head, (f) => ({ residentId: f.head.residentId })),
  on('residents', 'verify', grid, (f) => ({ residentId: f.unverifiedId, note: '已当面核实证件' })),
  on(
    'residents',
    'appeal',
    (f) => f.appealer.openid,
    (f) => ({
      requestId: requestId(),
      reason: '已返回满十四天，申请复核',
      residentId: f.appealer.residentId,
    }),
  ),
  on('residents', 'history', head, (f) => ({ residentId: f.head.residentId })),
  on(
    'gate',
    'scan',
    grid,
    async (f) => ({
      gateId: GATE,
      direction: 'in',
      token: await headToken(f),
      temperature: 36.5,
    }),
    {
      logsRefusals: true,
    },
  ),
  on(
    'gate',
    'visitor',
    grid,
    () => ({ gateId: GATE, direction: 'in', visitorPhone: '13912345678', temperature: 36.5 }),
    {
      logsRefusals: true,
    },
  ),
  on('gate', 'registerVisitor', grid, (f) => ({
    requestId: requestId(),
    householdId: f.head.householdId,
    visitorName: '王来访',
    visitorPhone: '13912345679',
    reason: '送药上门',
    days: 1,
  })),
  // Each host in turn (a household may have 5 open requests): the sample moves the turn, the caller follows it.
  on(
    'gate',
    'requestVisit',
    (f) => f.hosts[visitors % f.hosts.length].openid,
    () => {
      visitors++;
      return visitRequest();
    },
  ),
  on('gate', 'myVisits', head),
  // The caller is the host who just asked (the sample runs first).
  on(
    'gate',
    'cancelVisit',
    (f) => f.hosts[visitors % f.hosts.length].openid,
    async (f) => ({
      visitId: await freshVisit(f),
    }),
  ),
  on('gate', 'visits', grid),
  on('gate', 'registerVehicle', grid, (f) => ({
    kind: 'resident',
    plate: '粤B67890',
    ...headFlat(f),
  })),
  on(
    'gate',
    'registerVehicle',
    grid,
    () => ({
      kind: 'supply',
      plate: '粤BD12345',
      supplier: '钱大妈保供点',
      driverName: '李大强',
      driverPhone: '13812345678',
      fromDate: visitDate(0),
      toDate: visitDate(6),
    }),
    { label: 'gate.registerVehicle(supply)' },
  ),
  on('gate', 'vehicles', grid),
  on('gate', 'removeVehicle', grid, async (f) => ({ vehicleId: await freshVehicle(f), reason: '住户已搬离' })),
  on('gate', 'vehicle', grid, () => ({ gateId: GATE, direction: 'in', plate: '粤B67890' }), { logsRefusals: true }),
  on('gate', 'snapshot', grid, () => ({ gateId: GATE })),
  on('gate', 'sync', grid, () => ({
    gateId: GATE,
    scans: [
      {
        id: 'fuzz-offline-1',
        token: 'P2.forged',
        direction: 'out',
        temperature: 36.5,
        at: new Date().toISOString(),
        snapshotAt: new Date().toISOString(),
        allowed: false,
        code: 'token_invalid',
      },
    ],
  })),
  on('gate', 'decideVisit', grid, async (f) => ({ visitId: await freshVisit(f), decision: 'approve' })),
  on('grid', 'map', grid),
  on('grid', 'building', grid, () => ({ buildingId: 'enc-chunhua-b01' })),
  on('grid', 'verificationQueue', grid),
  on('grid', 'gateLogs', grid, () => ({ ...gateSearch(), page: 0, pageSize: 20 })),
  on('grid', 'appeals', grid),
  on('grid', 'todo', grid),
  on('grid', 'plan', grid),
  on('grid', 'publicPlan', head),
  on('grid', 'cardHolders', grid),
  on('grid', 'issueCard', grid, (f) => ({ requestId: requestId(), residentId: f.dependantId ?? f.head.residentId })),
  on('grid', 'card', grid, async (f) => ({ cardId: await printedCard(f) })),
  on('grid', 'revokeCard', grid, async (f) => ({ cardId: await printedCard(f), reason: '家属报告遗失' })),
  on('grid', 'answerAppeal', grid, async (f) => {
    const reason = '已返回满十四天，申请复核';
    const filed = await ok(f.estate, 'residents', f.appealer.openid, {
      action: 'appeal',
      requestId: requestId(),
      reason,
    });
    return { appealId: filed.appealId, decision: 'accept', answer: '核实后调整', colour: 'green', days: 3 };
  }),
  on('grid', 'export', grid, () => ({ kind: 'gateLogs', ...gateSearch(), requestId: requestId() }), {
    label: 'grid.export(gateLogs)',
  }),
  on('grid', 'export', grid, () => ({ kind: 'map' }), { label: 'grid.export(map)' }),
  on('grid', 'retention', none, empty, { runs: 10 }),
  on('grid', 'nightly', none, empty, { runs: 4 }),
  on('health', 'desk', medic),
  on('health', 'clear', medic, (f) => ({ requestId: requestId(), residentId: f.head.residentId, note: '复查无异常' })),
  on('health', 'sample', medic, (f) => ({ tubeCode: `F-${next()}`, residentId: f.head.residentId })),
  on('health', 'results', medic, () => ({
    rows: [{ tubeCode: 'F-UNKNOWN', result: 'negative', testedOn: '2020-02-10' }],
  })),
  on('health', 'stationIn', medic, (f) => ({ residentId: f.head.residentId, station: '温馨驿站' })),
  on('health', 'stationOut', medic, (f) => ({ residentId: f.head.residentId })),
  on('health', 'planVisit', medic, (f) => ({
    requestId: requestId(),
    residentId: f.isolated.residentId,
    dueOn: new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10),
  })),
  on('health', 'recordVisit', medic, async (f) => ({
    followupId: (
      await ok(f.estate, 'health', medic(), {
        action: 'planVisit',
        requestId: requestId(),
        residentId: f.isolated.residentId,
        dueOn: new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10),
      })
    ).followupId,
    outcome: 'absent',
    note: '敲门无人应答',
  })),
  on('health', 'visits', medic),
  on('health', 'transfer', medic, (f) => ({ residentId: f.isolated.residentId, place: '区集中隔离点' })),
  on('health', 'returnHome', medic, (f) => ({ residentId: f.isolated.residentId })),
  on('care', 'contact', isolated),
  on('care', 'request', isolated, () => ({ requestId: requestId(), kind: 'supplies', note: '大米一袋' })),
  on('care', 'tasks', volunteer),
  on('care', 'accept', volunteer, async (f) => ({ id: (await careRequest(f, 'meal')).requestId })),
  on('care', 'complete', volunteer, async (f) => {
    const { requestId: id } = await careRequest(f, 'rubbish');
    await ok(f.estate, 'care', VOLUNTEER, { action: 'accept', id });
    return { id };
  }),
  on('care', 'enrol', grid, (f) => careEnrolment(f)),
  on('care', 'unenrol', grid, async (f) => {
    await ok(f.estate, 'care', GRID, careEnrolment(f));
    return { residentId: f.head.residentId, reason: '子女接回同住' };
  }),
  on('care', 'subjects', volunteer),
  on('care', 'flat', grid, headFlat),
  on('care', 'logContact', volunteer, async (f) => {
    await ok(f.estate, 'care', GRID, careEnrolment(f));
    return { requestId: requestId(), residentId: f.head.residentId, way: 'visit', outcome: 'needs', need: 'meal' };
  }),
  on('quarantine', 'mine', isolated, (f) => ({ residentId: f.isolated.residentId })),
  on(
    'quarantine',
    'checkin',
    isolated,
    (f) => ({ residentId: f.isolated.residentId, temperature: 36.6, symptoms: ['fatigue'] }),
    {
      clockOffsetMs: inCheckinWindow,
    },
  ),
  on('quarantine', 'subscribe', head, () => ({ accepted: 1 })),
  on('quarantine', 'roster', grid),
  on('quarantine', 'decide', grid, (f) => ({
    requestId: requestId(),
    orderId: f.isolationOrderId,
    decision: 'extend',
    days: 3,
    why: '末次测温异常，延长观察',
  })),
  on('quarantine', 'callResident', grid, (f) => ({ residentId: f.newcomerId })),
  on('quarantine', 'tick', none, empty, { runs: 8 }),
  on(
    'quarantine',
    'isolateUnit',
    grid,
    () => ({ requestId: requestId(), buildingId: 'enc-chunhua-b06', unit: 2, reason: '确诊病例密接', days: 14 }),
    {
      runs: 8, // each accepted one recomputes ~50 residents
    },
  ),
  on('groupbuy', 'create', grid, (f) => {
    const { action: _action, ...batch } = demoBatch(cloudNow(f.estate) + 6 * HOUR, requestId());
    return { ...batch };
  }),
  on('groupbuy', 'batches', shopper),
  on('groupbuy', 'batch', shopper, (f) => ({ batchId: f.openBatch })),
  on('groupbuy', 'order', shopper, (f) => ({
    batchId: f.openBatch,
    requestId: requestId(),
    baseVersion: placedOrder(f)?.version ?? 0,
    lines: [
      { itemId: 'i1', qty: 1 },
      { itemId: 'i2', qty: 2 },
    ],
  })),
  on('groupbuy', 'cancel', shopper, async (f) => {
    const found = placedOrder(f);
    if (found?.state !== 'placed') {
      const lines = [{ itemId: 'i1', qty: 1 }];
      const order = {
        action: 'order',
        batchId: f.openBatch,
        requestId: requestId(),
        baseVersion: found?.version ?? 0,
        lines,
      };
      await ok(f.estate, 'groupbuy', f.shopper.openid, order);
    }
    return { batchId: f.openBatch, requestId: requestId() };
  }),
  on('groupbuy', 'myOrders', shopper),
  on('groupbuy', 'confirm', shopper, (f) => ({ orderId: f.shopperOrder })),
  on('groupbuy', 'complain', shopper, (f) => ({
    orderId: f.shopperOrder,
    reason: 'quality',
    detail: '鸡蛋碎了两个',
    photoFileId: 'cloud://local-dev/complaints/fuzz.jpg',
  })),
  on('groupbuy', 'pickList', grid, (f) => ({ batchId: f.lockedBatch })),
  on('groupbuy', 'arrived', grid, (f) => ({ batchId: f.lockedBatch })),
  on('groupbuy', 'deliveries', volunteer),
  on('groupbuy', 'delivered', volunteer, (f) => ({ orderId: f.isolatedOrder })),
  on('groupbuy', 'complaints', grid, (f) => ({ batchId: f.lockedBatch })),
  on('groupbuy', 'answer', grid, (f) => ({ orderId: f.shopperOrder, answer: '已联系供应商补发' })),
  on('groupbuy', 'appoint', grid, (f) => ({ residentId: f.appointeeId })),
  on('groupbuy', 'close', grid, async (f) => ({ batchId: await newBatch(f.estate) })),
  on('groupbuy', 'cancelBatch', grid, async (f) => ({ batchId: await newBatch(f.estate), reason: '供应商缺货' })),
  on('notices', 'publish', grid, () => ({
    requestId: requestId(),
    level: 'building',
    targetId: 'enc-chunhua-b01',
    kind: 'guide',
    title: '居家防护明白纸',
    body: '勤洗手，戴口罩，少聚集。',
    urgent: false,
  })),
  on('clues', 'report', head, () => ({
    requestId: requestId(),
    kind: 'no_mask',
    buildingId: 'enc-chunhua-b01',
    text: '电梯里有人不戴口罩。',
  })),
  on('clues', 'mine', head, () => ({ markSeen: true })),
  on('clues', 'queue', grid, () => ({ closed: false })),
  on('clues', 'assign', grid, async (f) => ({ id: await headClue(f) })),
  on('clues', 'handle', grid, async (f) => ({ id: await headClue(f), outcome: 'referred', answer: '已移交物业。' })),
  on('duty', 'people', grid),
  on('duty', 'planShift', grid, (f) => ({ ...dutyShift(f), slot: 'evening' })),
  on('duty', 'cancelShift', grid, async (f) => ({ shiftId: await plannedShift(f, 'night') })),
  on('duty', 'shifts', volunteer, (f) => ({ date: cstDateIn(f.estate.cloud, 1), mine: true })),
  on('duty', 'startShift', volunteer, async (f) => ({ shiftId: await plannedShift(f, 'day') })),
  on('duty', 'handOver', volunteer, async (f) => ({ shiftId: await plannedShift(f, 'day'), note: '围挡完好' })),
  on('duty', 'onDuty', volunteer, () => ({ gateId: GATE })),
  on('duty', 'planRound', grid, (f) => ({
    requestId: requestId(),
    kind: 'patrol',
    place: '各单元门',
    times: ['08:30', '20:30'],
    fromDate: cstDateIn(f.estate.cloud, 1),
    days: 7,
    assigneeOpenid: VOLUNTEER,
  })),
  on('duty', 'endRound', grid, async (f) => ({ planId: await plannedRound(f) })),
  on('duty', 'rounds', grid, (f) => ({ date: cstDateIn(f.estate.cloud, 1) })),
  on('duty', 'checkRound', volunteer, async (f) => ({ planId: await plannedRound(f), due: nextNineOclock(f) })),
  on('duty', 'missed', grid),
  on('notices', 'inbox', head),
  on('notices', 'scopes', grid),
  on('notices', 'subscribe', head, () => ({ accepted: 1 })),
  on('notices', 'push', none, empty, { runs: 4 }),
  on('notices', 'sent', grid),
  on('notices', 'open', head, async (f) => ({ noticeId: await headNotice(f) })),
  on('notices', 'reads', grid, async (f) => ({ noticeId: await headNotice(f) })),
  on('admin', 'getRules', admin),
  on('admin', 'publishRules', admin, () => ({
    rules: {
      isolationDays: 14,
      feverThresholdCelsius: 37.3,
      outingQuota: { exits: 1, periodDays: 2 },
      keyAreas: [{ code: '420100', name: '湖北省武汉市' }],
    },
    note: '例行复核',
  })),
  on('admin', 'seedAdmin', none, () => ({ openid: 'fuzz-admin-01' })),
  on('admin', 'bootstrap', none, empty, { runs: 8 }), // an admin exists: refused, whatever comes in
  on('admin', 'history', admin),
  on('estate', 'tree', communityAdmin),
  on('estate', 'enclosure', communityAdmin, () => CHUNHUA),
  on('estate', 'overview', communityAdmin),
  on('estate', 'map', communityAdmin, () => CHUNHUA),
  on('estate', 'placement', communityAdmin, () => CHUNHUA),
  on('estate', 'place', communityAdmin, () => ({
    ...CHUNHUA,
    positions: [{ buildingId: 'enc-chunhua-b02', x: 30, y: 40 }],
  })),
  save('community', () => ({ kind: 'community', name: '模糊社区' }), admin),
  save('enclosure', () => ({ kind: 'enclosure', communityId: 'com-hongli', name: '新苑', type: 'open', address: '' })),
  save('building', () => ({ kind: 'building', ...building('模糊楼'), roomScheme: 'labelled' })),
  save('gate', () => ({ kind: 'gate', ...CHUNHUA, name: '模糊门', vehicles: true })),
  save('grid', async (f) => ({
    kind: 'grid',
    ...CHUNHUA,
    name: '模糊网格',
    buildingIds: [await made(f, 'building', building('楼'))],
  })),
  // An edit of a lived-in building: shrinking it below its residents is refused.
  save('edit building', () => ({ kind: 'building', ...building('12栋'), id: 'enc-chunhua-b12' })),
  on('estate', 'retire', communityAdmin, async (f) => {
    const gate = await made(f, 'gate', { ...CHUNHUA, name: '临时门', vehicles: false });
    return { kind: 'gate', id: gate, reason: '临时卡口撤除' };
  }),
  on('registry', 'template', communityAdmin),
  on('registry', 'check', communityAdmin, importFile),
  // Every row is already imported: a new job that finds them unchanged.
  on('registry', 'apply', communityAdmin, (f) => ({ requestId: requestId(), ...importFile(f) })),
  on('staff', 'invite', communityAdmin, () => ({
    requestId: requestId(),
    role: 'grid_worker',
    name: '模糊网格员',
    ...CHUNHUA,
    gridIds: ['enc-chunhua-grid-1'],
    gateIds: [GATE],
    validHours: 24,
  })),
  on('staff', 'preview', head, async (f) => ({ code: (await invitation(f)).code })),
  on(
    'staff',
    'accept',
    () => 'fuzz-invitee',
    async (f) => ({ code: (await invitation(f)).code }),
  ),
  on('staff', 'invitations', communityAdmin),
  on('staff', 'revoke', communityAdmin, async (f) => ({ invitationId: (await invitation(f)).invitationId })),
  on('staff', 'members', communityAdmin),
  on('staff', 'suspend', communityAdmin, async (f) => ({ userId: await enlisted(f), reason: '已离岗' })),
  on('staff', 'handOver', communityAdmin, async (f) => ({
    fromUserId: await enlisted(f, 'grid_worker'),
    toUserId: await enlisted(f, 'grid_worker'),
  })),
];

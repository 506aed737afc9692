/** Quarantine through the local cloud, with its clock moved: unit orders, check-ins, roster, release. */
import { formatMomentCst, startOfDayCst, DAY_MS } from '../../core/time';
import { Estate, countDocs, daysAgoIso, requestId, startEstate, validIdNumber } from './journeys';

let estate: Estate;
/** Today's CST midnight (real clock), so that times below are "day D, 12:00" etc. */
const D = startOfDayCst(new Date()).getTime();
const at = (day: number, hours: number, minutes = 0) => new Date(D + day * DAY_MS + (hours * 60 + minutes) * 60_000);

function setClock(moment: Date) {
  estate.cloud.clockOffsetMs = moment.getTime() - Date.now();
}
/** The timer trigger, fired as CloudBase fires it (and as POST /_localcloud/triggers/quarantine does). */
const tick = async () => {
  const res = await fetch(`${estate.cloud.url}/_localcloud/triggers/quarantine`, { method: 'POST' });
  return { result: await res.json() };
};

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

/** A verified resident with a phone in the given unit, and the residents of that unit. */
function unitOf(buildingId: string, unit: number) {
  const residents = estate.cloud.db.find('residents', { buildingId, unit }, { limit: 1000 }).docs;
  return {
    residents,
    withPhone: residents.find((r) => r.openid && r.verifiedAt) as { _id: string; openid: string; householdId: string },
  };
}

test('a unit order isolates exactly the residents registered in that unit', async () => {
  setClock(at(0, 12));
  const res = await estate.call('quarantine', 'demo-grid-11', {
    action: 'isolateUnit',
    requestId: requestId(),
    buildingId: 'enc-chunhua-b02',
    unit: 1,
    reason: '2栋1单元出现确诊病例',
  });
  const inUnit = unitOf('enc-chunhua-b02', 1).residents;
  expect(res).toMatchObject({ code: 0, data: { isolated: inUnit.length } });
  const statuses = estate.cloud.db.find('statuses', { buildingId: 'enc-chunhua-b02' }, { limit: 1000 }).docs;
  for (const s of statuses) {
    const isolated = (s.reasons as { rule: string }[]).some((r) => r.rule === 'unit_isolation');
    expect(isolated).toBe(s.unit === 1);
  }
  expect(
    await estate.call('quarantine', 'demo-grid-21', {
      action: 'isolateUnit',
      requestId: requestId(),
      buildingId: 'enc-chunhua-b02',
      unit: 2,
      reason: '越权',
    }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
});

test('red for a fever without an isolation order: mine says not isolated, with the colour and why', async () => {
  const fever = estate.demo.examples.fever;
  // Now, after the demo's declarations: the test before set 12:00 today, before them when the demo was built this evening.
  estate.cloud.clockOffsetMs = 0;
  const res = await estate.call('quarantine', fever.openid, { action: 'mine' });
  expect(res).toMatchObject({ code: 0, data: { residentId: fever.residentId, isolated: false, orders: [] } });
  expect(res.data.status.colour).toBe('red');
  expect(res.data.status.reasons.map((r: { rule: string }) => r.rule)).toContain('fever');
  expect(res.data.maskedName).toContain('*');
});

test('a check-in outside the windows is refused with the next window’s time', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1);
  setClock(at(0, 12));
  const res = await estate.call('quarantine', withPhone.openid, { action: 'checkin', temperature: 36.5, symptoms: [] });
  expect(res).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: `当前不在测温打卡时段，下次打卡时间：${formatMomentCst(at(0, 17))}`,
  });
});

test('a 37.8 °C check-in turns the resident red with that reason and alerts the grid worker', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1);
  setClock(at(0, 17, 30));
  const res = await estate.call('quarantine', withPhone.openid, { action: 'checkin', temperature: 37.8, symptoms: [] });
  expect(res.code).toBe(0);
  expect(res.data.status.reasons.map((r: { rule: string }) => r.rule)).toContain('fever');
  const again = await estate.call('quarantine', withPhone.openid, {
    action: 'checkin',
    temperature: 36.5,
    symptoms: [],
  });
  expect(again.data).toMatchObject({ duplicate: true });
  const roster = await estate.call('quarantine', 'demo-grid-11', { action: 'roster' });
  expect(roster.data.alerts).toEqual([
    expect.objectContaining({ residentId: withPhone._id, detail: '37.8℃', maskedName: expect.stringContaining('*') }),
  ]);
});

test('a missed window appears on the roster after one scheduler run, phone masked', async () => {
  // Someone who registers into the isolated unit (with a phone) is isolated at once and missed too.
  setClock(at(0, 13));
  const newcomer = await estate.call('residents', 'o-newcomer-b02', {
    action: 'register',
    requestId: requestId(),
    name: '孙新来',
    idNumber: validIdNumber('o-newcomer-b02'),
    phone: '13812345678',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b02',
    unit: 1,
    room: '502',
  });
  expect(newcomer.data.status.colour).toBe('red');
  const { residents, withPhone } = unitOf('enc-chunhua-b02', 1);
  setClock(at(1, 10, 5)); // the morning window of day 1 has just closed
  const run = await tick();
  expect(run.result).toMatchObject({ code: 0 });
  const roster = await estate.call('quarantine', 'demo-grid-11', { action: 'roster' });
  const missedIds = new Set(roster.data.missed.map((m: { residentId: string }) => m.residentId));
  for (const r of residents) expect(missedIds.has(r._id)).toBe(true);
  const entry = roster.data.missed.find((m: { residentId: string }) => m.residentId === withPhone._id);
  expect(entry).toMatchObject({ overdueHours: expect.any(Number), address: expect.stringMatching(/^2栋1单元/) });
  const newcomerEntry = roster.data.missed.find(
    (m: { residentId: string }) => m.residentId === newcomer.data.residentId,
  );
  expect(newcomerEntry.phoneMasked).toBe('138****5678');
  expect(JSON.stringify(roster.data)).not.toContain('13812345678');
  expect(await estate.call('quarantine', withPhone.openid, { action: 'roster' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('day 14 with normal check-ins ends the isolation by itself and the pass turns green', async () => {
  const { openid } = estate.demo.examples.green;
  setClock(at(0, 12));
  const left = new Date(at(0, 12).getTime() - 13 * DAY_MS).toISOString();
  const reported = await estate.call('residents', openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [{ place: '武汉', areaCode: '420100', from: daysAgoIso(3, new Date(left).getTime()), to: left }],
  });
  expect(reported.data.status).toMatchObject({ colour: 'red', until: at(2, 0).toISOString() });
  for (const moment of [at(1, 7, 30), at(1, 17, 30)]) {
    setClock(moment);
    expect((await estate.call('quarantine', openid, { action: 'checkin', temperature: 36.4, symptoms: [] })).code).toBe(
      0,
    );
  }
  setClock(at(1, 23, 50));
  expect((await estate.call('residents', openid, { action: 'pass' })).data.status.colour).toBe('red');
  setClock(at(2, 0, 5));
  await tick();
  const pass = await estate.call('residents', openid, { action: 'pass' });
  expect(pass.data.status).toMatchObject({ colour: 'green', reasons: [] });
  const audit = estate.cloud.db.find(
    'audit_logs',
    { action: 'isolation_end', residentId: estate.demo.examples.green.residentId },
    { limit: 5 },
  ).docs;
  expect(audit).toEqual([expect.objectContaining({ actor: 'scheduler' })]);
});

test('an isolation whose last check-ins were not normal waits for the grid worker, who decides with a reason', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1); // had a fever on day 0 and missed day 1
  setClock(at(15, 0, 30)); // past the unit order's 14 days
  await tick();
  const roster = await estate.call('quarantine', 'demo-grid-11', { action: 'roster' });
  const waiting = roster.data.awaitingDecision.find((w: { residentId: string }) => w.residentId === withPhone._id);
  expect(waiting).toMatchObject({ why: expect.stringContaining('缺') });
  expect((await estate.call('residents', withPhone.openid, { action: 'pass' })).data.status.colour).toBe('red');
  const extend = {
    action: 'decide',
    requestId: requestId(),
    orderId: waiting.orderId,
    decision: 'extend',
    days: 3,
    why: '发热后补测，延长观察',
  };
  const plannedEndOf = () =>
    (estate.cloud.db.find('isolation_orders', { _id: waiting.orderId }, { limit: 1 }).docs[0] as { plannedEnd: Date })
      .plannedEnd;
  const before = plannedEndOf();
  const decided = await estate.call('quarantine', 'demo-grid-11', extend);
  expect(decided).toMatchObject({ code: 0, data: { state: 'extended' } });
  // The same decision resent (a retry after a lost answer) extends once and is audited once.
  expect(await estate.call('quarantine', 'demo-grid-11', extend)).toMatchObject({
    code: 0,
    data: { state: 'extended' },
  });
  expect(plannedEndOf().getTime() - before.getTime()).toBe(3 * 24 * 3600_000);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'isolation_extend', residentId: withPhone._id })).toBe(1);
  const mine = await estate.call('quarantine', withPhone.openid, { action: 'mine' });
  // The resident is told who extended it, by how long and why.
  expect(mine.data).toMatchObject({
    isolated: true,
    orders: [
      {
        state: 'extended',
        awaitingDecision: false,
        decision: expect.stringMatching(/^网格员于 \d+月\d+日 延长隔离 3 天，理由：发热后补测，延长观察$/),
      },
    ],
    ended: [],
  });
  const pass = await estate.call('residents', withPhone.openid, { action: 'pass' });
  expect(pass.data.status.reasons.map((r: { text: string }) => r.text).join()).toContain('已延长');
  const audit = estate.cloud.db.find(
    'audit_logs',
    { action: 'isolation_extend', residentId: withPhone._id },
    { limit: 5 },
  ).docs;
  expect(audit).toEqual([expect.objectContaining({ actor: 'demo-grid-11', note: '发热后补测，延长观察' })]);
});

test('nobody checks in for someone outside their household', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1);
  const stranger = estate.demo.examples.fever.openid;
  setClock(at(16, 7, 30));
  expect(
    await estate.call('quarantine', stranger, {
      action: 'checkin',
      residentId: withPhone._id,
      temperature: 36.5,
      symptoms: [],
    }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
});

test('every query of these journeys used an index', () => {
  estate.cloud.clockOffsetMs = 0;
  expect(estate.cloud.meter.unindexed).toEqual({});
});

test('the call button reveals a number only to the grid worker of that building, and every reveal is audited', async () => {
  const { withPhone, residents } = unitOf('enc-chunhua-b02', 1);
  const res = await estate.call('quarantine', 'demo-grid-11', { action: 'callResident', residentId: withPhone._id });
  expect(res).toMatchObject({ code: 0, data: { phone: expect.stringMatching(/^139\d{8}$/) } }); // from the register
  // A child has no number in the register: the call goes to the head of the household.
  const child = residents.find((r) => !r.openid)!;
  const head = residents.find((r) => r.householdId === child.householdId && r.relation === 'head')!;
  const [childCall, headCall] = await Promise.all(
    [child, head].map((r) =>
      estate.call('quarantine', 'demo-grid-11', { action: 'callResident', residentId: r._id as string }),
    ),
  );
  expect(childCall).toMatchObject({ code: 0, data: { phone: headCall.data.phone } });
  expect(
    await estate.call('quarantine', 'demo-grid-21', { action: 'callResident', residentId: withPhone._id }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
  // One who registered in the app gives their own number.
  const reg = await estate.call('residents', 'o-caller-test', {
    action: 'register',
    requestId: requestId(),
    name: '孙有电',
    idNumber: '11010519491231002X',
    phone: '13712345678',
    enclosureId: 'enc-chunhua',
    buildingId: 'enc-chunhua-b02',
    unit: 1,
    room: '803',
  });
  expect(reg.code).toBe(0);
  const called = await estate.call('quarantine', 'demo-grid-11', {
    action: 'callResident',
    residentId: reg.data.residentId,
  });
  expect(called).toMatchObject({ code: 0, data: { phone: '13712345678' } });
  expect(
    estate.cloud.db.find('audit_logs', { action: 'reveal_phone', residentId: reg.data.residentId }, { limit: 5 }).docs,
  ).toHaveLength(1);
});

test('a resident who granted one reminder gets exactly one when the window opens, and none after', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1);
  setClock(at(17, 6));
  expect((await estate.call('quarantine', withPhone.openid, { action: 'subscribe', accepted: 1 })).data).toEqual({
    remaining: 1,
  });
  const before = estate.cloud.outbox.length;
  setClock(at(17, 7, 1)); // the morning window has opened
  await tick();
  await tick(); // a second run in the same window sends nothing more
  const sent = estate.cloud.outbox.slice(before);
  // The one grant goes to the first reminder due: the resident's own, or a dependant's (sent to the head).
  expect(sent).toEqual([
    expect.objectContaining({
      api: 'subscribeMessage.send',
      functionName: 'quarantine',
      params: expect.objectContaining({ touser: withPhone.openid }),
    }),
  ]);
  const household = estate.cloud.db
    .find('residents', { householdId: withPhone.householdId }, { limit: 20 })
    .docs.map((r) => r._id);
  const remindedFor = String((sent[0].params as { page: string }).page).split('residentId=')[1];
  expect(household).toContain(remindedFor);
  setClock(at(17, 17, 1)); // evening window: the grant is spent
  await tick();
  expect(estate.cloud.outbox.slice(before)).toHaveLength(1);
});

test('a unit order with a fractional unit or days, a 90,000-character reason or an unknown key is refused, naming it', async () => {
  estate.cloud.clockOffsetMs = 0;
  const order = { action: 'isolateUnit', buildingId: 'enc-chunhua-b03', unit: 1, reason: '确诊病例所在单元' };
  const ordersBefore = estate.cloud.db.count('unit_orders', {}).total;
  const auditsBefore = estate.cloud.db.count('audit_logs', {}).total;
  for (const [bad, field] of [
    [{ unit: 1.5 }, 'unit'],
    [{ unit: '1' }, 'unit'],
    [{ days: 2.5 }, 'days'],
    [{ days: 1e-7 }, 'days'],
    [{ reason: 'r'.repeat(90_000) }, 'reason'],
    [{ buildingId: { $gt: '' } }, 'buildingId'],
    [{ dayz: 7 }, 'dayz'],
  ] as const) {
    const res = await estate.call('quarantine', 'demo-grid-11', { ...order, requestId: requestId(), ...bad });
    expect({ bad, res }).toMatchObject({ bad, res: { code: 'INVALID_ARGUMENT', field, data: null } });
  }
  expect(estate.cloud.db.count('unit_orders', {}).total).toBe(ordersBefore);
  expect(estate.cloud.db.count('audit_logs', {}).total).toBe(auditsBefore);
  // A decision's days are whole days too, and its reason bounded.
  for (const [bad, field] of [
    [{ days: 2.5 }, 'days'],
    [{ why: 'w'.repeat(90_000) }, 'why'],
    [{ orderId: { $ne: '' } }, 'orderId'],
  ] as const) {
    const res = await estate.call('quarantine', 'demo-grid-11', {
      action: 'decide',
      requestId: requestId(),
      orderId: 'any-order',
      decision: 'extend',
      days: 3,
      why: '测温异常，延长观察',
      ...bad,
    });
    expect({ bad, res }).toMatchObject({ bad, res: { code: 'INVALID_ARGUMENT', field } });
  }
  expect(estate.cloud.db.count('audit_logs', {}).total).toBe(auditsBefore);
});

test('the roster lists the worker’s own buildings with their units, for the 单元隔离 pickers', async () => {
  const roster = await estate.call('quarantine', 'demo-grid-11', { action: 'roster' });
  const [grid] = estate.cloud.db.find('grids', { workerOpenids: 'demo-grid-11' }, { limit: 1 }).docs as {
    buildingIds: string[];
  }[];
  expect(roster.data.buildings.map((b: { id: string }) => b.id).sort()).toEqual([...grid.buildingIds].sort());
  expect(roster.data.buildings[0]).toEqual({ id: 'enc-chunhua-b01', name: '1栋', units: 2 });
  expect(roster.data.buildings.map((b: { name: string }) => b.name)).toEqual(
    grid.buildingIds.map((_, i) => `${i + 1}栋`),
  );
});

test('a grid worker who lifts an isolation early gives a reason, which the resident sees for three days', async () => {
  const { withPhone } = unitOf('enc-chunhua-b02', 1);
  const before = await estate.call('quarantine', withPhone.openid, { action: 'mine' });
  const [order] = estate.cloud.db.find(
    'isolation_orders',
    { residentId: withPhone._id, state: { $in: ['active', 'extended'] } },
    { limit: 1 },
  ).docs;
  expect(before.data.isolated).toBe(true);
  const end = { action: 'decide', requestId: requestId(), orderId: order._id, decision: 'end' };
  // No reason, no decision: the worker is told which field, and the order stays open.
  expect(await estate.call('quarantine', 'demo-grid-11', { ...end, why: ' ' })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'why',
  });
  expect(
    await estate.call('quarantine', 'demo-grid-11', { ...end, why: '核酸阴性，社区医生评估后解除' }),
  ).toMatchObject({
    code: 0,
    data: { state: 'ended' },
  });
  const mine = await estate.call('quarantine', withPhone.openid, { action: 'mine' });
  expect(mine.data).toMatchObject({
    isolated: false,
    orders: [],
    ended: [
      { text: order.text, decision: expect.stringContaining('提前解除隔离，理由：核酸阴性，社区医生评估后解除') },
    ],
  });
  const offset = estate.cloud.clockOffsetMs;
  setClock(new Date(Date.now() + offset + 3 * DAY_MS + 60_000));
  try {
    expect((await estate.call('quarantine', withPhone.openid, { action: 'mine' })).data.ended).toEqual([]);
  } finally {
    estate.cloud.clockOffsetMs = offset; // the clock as the tests before left it
  }
});

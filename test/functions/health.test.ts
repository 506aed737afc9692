/** Health follow-up through the local cloud: medical clearance, nucleic-acid tests, health-station stays. */
import { DAY_MS, cstDateOf, startOfDayCst } from '../../core/time';
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
const D = startOfDayCst(new Date()).getTime();
const at = (day: number, hours: number, minutes = 0) => new Date(D + day * DAY_MS + (hours * 60 + minutes) * 60_000);
const setClock = (moment: Date) => (estate.cloud.clockOffsetMs = moment.getTime() - Date.now());
/**
 * The quarantine timer, fired until its quarter-hour run is done: on a loaded machine one
 * invocation's budget may end before this resident's order (the next minute's firing goes on).
 */
const tick = async () => {
  for (let i = 0; i < 20; i++) {
    const res = await (await fetch(`${estate.cloud.url}/_localcloud/triggers/quarantine`, { method: 'POST' })).json();
    if (res.code !== 0 || res.data.done) return res;
  }
  throw new Error('the quarantine timer never finished its run');
};

type Person = { _id: string; openid: string; enclosureId: string; buildingId: string; unit: number };
const medicOf = (enclosureId: string) =>
  estate.cloud.db.find('users', { roles: 'medic', enclosureId }, { limit: 1 }).docs[0]._id as string;
/** Verified residents with a phone, none of them red: fresh people for each journey. */
let people: Person[];
const take = () => people.shift()!;
const statusOf = async (p: Person) => (await estate.call('residents', p.openid, { action: 'pass' })).data.status;

beforeAll(async () => {
  estate = await startEstate();
  const red = new Set(estate.cloud.db.find('statuses', { colour: 'red' }, { limit: 1000 }).docs.map((s) => s._id));
  people = (
    estate.cloud.db.find('residents', { buildingId: 'enc-chunhua-b05' }, { limit: 1000 }).docs as (Person & {
      verifiedAt?: Date;
    })[]
  ).filter((r) => r.openid && r.verifiedAt && !red.has(r._id));
});
afterAll(() => estate.cloud.stop());

test('a medic clears a fever with a note: the pass stops being red, the history says so, and only a medic may', async () => {
  const fever = estate.demo.examples.fever;
  const resident = estate.cloud.db.find('residents', { _id: fever.residentId }, { limit: 1 }).docs[0] as Person;
  const medic = medicOf(resident.enclosureId);
  const otherMedic = estate.cloud.db
    .find('users', { roles: 'medic' }, { limit: 10 })
    .docs.find((u) => u.enclosureId !== resident.enclosureId)!._id as string;
  expect((await statusOf({ ...resident, openid: fever.openid })).colour).toBe('red');
  const request = { action: 'clear', requestId: requestId(), residentId: fever.residentId, note: '发热门诊复查无异常' };
  expect(await estate.call('health', 'demo-grid-11', request)).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await estate.call('health', otherMedic, request)).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '该住户不在您服务的围合区',
  });
  expect(await estate.call('health', medic, { ...request, note: '好' })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'note',
  });
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'medical_clearance' })).toBe(0);

  const cleared = await estate.call('health', medic, request);
  expect(cleared.code).toBe(0);
  expect(cleared.data.status.reasons.map((r: { rule: string }) => r.rule)).not.toContain('fever');
  expect(cleared.data.status.colour).not.toBe('red');
  // A retry answers the same; a second clearance finds nothing left to assess.
  expect((await estate.call('health', medic, request)).code).toBe(0);
  expect(await estate.call('health', medic, { ...request, requestId: requestId() })).toMatchObject({
    code: 'FAILED_PRECONDITION',
  });
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'medical_clearance' })).toBe(1);
  const history = await estate.call('residents', fever.openid, { action: 'history' });
  expect(history.data.changes).toContainEqual(
    expect.objectContaining({ action: 'medical_clearance', why: '发热门诊复查无异常' }),
  );
  // A new fever after the clearance is red again: the clearance covers only what came before it.
  const again = await estate.call('residents', fever.openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 38.1,
    symptoms: [],
    trips: [],
  });
  expect(again.data.status.colour).toBe('red');
});

test('samples by pass and results from a sheet: bad rows are refused whole, a positive turns red and proposes a unit isolation', async () => {
  const [a, b] = [take(), take()];
  const medic = medicOf(a.enclosureId);
  const token = (await estate.call('residents', a.openid, { action: 'pass' })).data.token;
  const sampled = await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0001', token });
  expect(sampled).toMatchObject({ code: 0, data: { duplicate: false, maskedName: expect.stringContaining('*') } });
  expect((await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0001', token })).data.duplicate).toBe(
    true,
  );
  expect(await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0009', token })).toMatchObject({
    code: 'CONFLICT',
    field: 'residentId',
  });
  expect(await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0001', residentId: b._id })).toMatchObject(
    { code: 'CONFLICT', field: 'tubeCode' },
  );
  expect(
    await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0003', token: 'P2.forged' }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'token' });
  expect((await estate.call('health', medic, { action: 'sample', tubeCode: 'T-0002', residentId: b._id })).code).toBe(
    0,
  );
  expect(countDocs(estate.cloud, 'health_tests')).toBe(2);

  const today = cstDateOf(new Date());
  const tomorrow = cstDateOf(new Date(Date.now() + DAY_MS));
  const bad = [
    [
      { tubeCode: 'T-0001', result: 'negative', testedOn: today },
      { tubeCode: 'T-7777', result: 'negative', testedOn: today },
    ],
    [{ tubeCode: 'T-0001', result: 'negative', testedOn: tomorrow }],
    [
      { tubeCode: 'T-0001', result: 'negative', testedOn: today },
      { tubeCode: 'T-0001', result: 'positive', testedOn: today },
    ],
  ];
  const fields = [];
  for (const rows of bad) fields.push((await estate.call('health', medic, { action: 'results', rows })).field);
  expect(fields).toEqual(['rows[1].tubeCode', 'rows[0].testedOn', 'rows[1].result']);
  expect(countDocs(estate.cloud, 'health_tests', { result: null })).toBe(2); // nothing written

  const entered = await estate.call('health', medic, {
    action: 'results',
    rows: [
      { tubeCode: 'T-0001', result: 'negative', testedOn: today },
      { tubeCode: 'T-0002', result: 'positive', testedOn: today },
    ],
  });
  expect(entered.data).toEqual({ entered: 2, unchanged: 0, positives: 1 });
  expect(await statusOf(a)).toMatchObject({ colour: expect.not.stringMatching('red'), test: { result: 'negative' } });
  const positive = await statusOf(b);
  expect(positive).toMatchObject({ colour: 'red', test: { result: 'positive' } });
  expect(positive.reasons[0].text).toMatch(/核酸检测阳性，待医学评估$/);
  const alert = estate.cloud.db.find('alerts', { residentId: b._id, kind: 'test_positive' }, { limit: 5 }).docs;
  expect(alert).toEqual([expect.objectContaining({ detail: expect.stringMatching(/建议对.+单元实施单元隔离$/) })]);
  // The same sheet again changes nothing; a contradicting result is refused at its row.
  expect(
    (
      await estate.call('health', medic, {
        action: 'results',
        rows: [{ tubeCode: 'T-0001', result: 'negative', testedOn: today }],
      })
    ).data,
  ).toEqual({ entered: 0, unchanged: 1, positives: 0 });
  expect(
    await estate.call('health', medic, {
      action: 'results',
      rows: [{ tubeCode: 'T-0002', result: 'negative', testedOn: today }],
    }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'rows[0].result' });
  // The desk: nothing awaiting, b to assess; a medic's clearance ends the positive's red.
  const desk = await estate.call('health', medic, { action: 'desk' });
  expect(desk.data.awaitingResult).toEqual([]);
  expect(desk.data.toAssess.map((p: { residentId: string }) => p.residentId)).toContain(b._id);
  await estate.call('health', medic, {
    action: 'clear',
    requestId: requestId(),
    residentId: b._id,
    note: '复检阴性，排除',
  });
  expect((await statusOf(b)).colour).not.toBe('red');
});

test('a returnee’s station days count toward the 14 and a negative test within 2 days ends the isolation on the right day', async () => {
  const person = take();
  const medic = medicOf(person.enclosureId);
  const published = await estate.call('admin', 'demo-admin', {
    action: 'publishRules',
    rules: { releaseTestDays: 2 },
    note: '解除隔离前需 2 天内核酸阴性',
  });
  expect(published.code).toBe(0);
  setClock(at(0, 12));
  // Left Wuhan yesterday: isolated until the end of day 13 (14 days from leaving).
  const left = at(-1, 9).toISOString();
  await estate.call('residents', person.openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [{ place: '武汉', areaCode: '420100', from: at(-5, 9).toISOString(), to: left }],
  });
  const stationIn = await estate.call('health', medic, {
    action: 'stationIn',
    residentId: person._id,
    station: '温馨驿站',
  });
  expect(stationIn.data.status.reasons.map((r: { rule: string }) => r.rule)).toContain('health_station');
  expect(
    await estate.call('health', medic, { action: 'stationIn', residentId: person._id, station: '温馨驿站' }),
  ).toMatchObject({ code: 'CONFLICT' });
  // At the station no home check-in is expected: the timer records no missed window.
  setClock(at(2, 12));
  await tick();
  expect(countDocs(estate.cloud, 'missed_checkins', { residentId: person._id })).toBe(0);
  setClock(at(3, 11));
  const out = await estate.call('health', medic, { action: 'stationOut', residentId: person._id });
  expect(out.data).toMatchObject({ days: 4, status: { colour: 'red', stationDays: 4 } });
  // At home, a missed evening is recorded.
  setClock(at(4, 12));
  await tick();
  expect(countDocs(estate.cloud, 'missed_checkins', { residentId: person._id })).toBeGreaterThan(0);

  for (const moment of [at(13, 7, 30), at(13, 17, 30)]) {
    setClock(moment);
    expect(
      (await estate.call('quarantine', person.openid, { action: 'checkin', temperature: 36.4, symptoms: [] })).code,
    ).toBe(0);
  }
  setClock(at(13, 18));
  await estate.call('health', medic, { action: 'sample', tubeCode: 'R-1301', residentId: person._id });
  // Day 14: the period is over and the check-ins were normal, but the result is not in.
  setClock(at(14, 0, 5));
  await tick();
  expect((await statusOf(person)).colour).toBe('red');
  const held = estate.cloud.db.find('isolation_orders', { residentId: person._id }, { limit: 5 }).docs[0];
  expect(held.decisionNeeded).toMatchObject({ why: 'test_missing', detail: '核酸结果未出' });
  setClock(at(14, 9));
  await estate.call('health', medic, {
    action: 'results',
    rows: [{ tubeCode: 'R-1301', result: 'negative', testedOn: cstDateOf(at(14, 9)) }],
  });
  setClock(at(14, 9, 15));
  await tick();
  expect(await statusOf(person)).toMatchObject({ colour: 'green', test: { result: 'negative' } });
  await estate.call('admin', 'demo-admin', { action: 'publishRules', rules: { releaseTestDays: 0 }, note: '恢复' });
  estate.cloud.clockOffsetMs = 0;
});

test('随访: a visit planned for an isolated resident and not done is overdue on the roster; a refusal alerts the grid worker', async () => {
  const person = take();
  const medic = medicOf(person.enclosureId);
  const grid = estate.cloud.db.find('grids', { buildingIds: person.buildingId }, { limit: 1 }).docs[0];
  const worker = (grid.workerOpenids as string[])[0];
  setClock(at(20, 10));
  const plan = (who: string, extra: object = {}) =>
    estate.call('health', who, {
      action: 'planVisit',
      requestId: requestId(),
      residentId: person._id,
      dueOn: cstDateOf(at(20, 10)),
      note: '上门测温、送药',
      ...extra,
    });
  expect(await plan(worker)).toMatchObject({ code: 'FAILED_PRECONDITION' }); // not isolated yet
  await estate.call('residents', person.openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [{ place: '武汉', areaCode: '420100', from: at(17, 9).toISOString(), to: at(19, 9).toISOString() }],
  });
  expect(await plan(worker, { dueOn: cstDateOf(at(19, 10)) })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'dueOn',
  });
  expect(await plan('demo-grid-21')).toMatchObject({ code: 'PERMISSION_DENIED' });
  const planned = await plan(worker);
  expect(planned.code).toBe(0);
  expect((await estate.call('health', medic, { action: 'visits' })).data).toContainEqual(
    expect.objectContaining({ id: planned.data.followupId, overdue: false, note: '上门测温、送药' }),
  );
  setClock(at(21, 9));
  const roster = await estate.call('quarantine', worker, { action: 'roster' });
  expect(roster.data.overdueVisits).toContainEqual(
    expect.objectContaining({ followupId: planned.data.followupId, residentId: person._id }),
  );
  const record = (outcome: string) =>
    estate.call('health', medic, {
      action: 'recordVisit',
      followupId: planned.data.followupId,
      outcome,
      note: '拒绝开门测温',
    });
  expect((await record('refused')).data).toEqual({
    followupId: planned.data.followupId,
    outcome: 'refused',
    escalated: true,
  });
  expect((await record('refused')).code).toBe(0);
  expect(await record('normal')).toMatchObject({ code: 'CONFLICT' });
  const after = await estate.call('quarantine', worker, { action: 'roster' });
  expect(after.data.overdueVisits.map((v: { followupId: string }) => v.followupId)).not.toContain(
    planned.data.followupId,
  );
  expect(after.data.alerts).toContainEqual(
    expect.objectContaining({ residentId: person._id, detail: '随访拒绝配合：拒绝开门测温' }),
  );
  estate.cloud.clockOffsetMs = 0;
});

test('a close contact taken to central isolation: recorded, red while away, on the map, and back home by the rules', async () => {
  const person = take();
  const grid = estate.cloud.db.find('grids', { buildingIds: person.buildingId }, { limit: 1 }).docs[0];
  const worker = (grid.workerOpenids as string[])[0];
  const central = () =>
    estate.cloud.db.find('building_stats', { _id: person.buildingId }, { limit: 1 }).docs[0].central as number;
  await estate.call('residents', person.openid, {
    action: 'report',
    requestId: requestId(),
    temperature: 36.5,
    symptoms: [],
    trips: [],
    contactAt: new Date(Date.now() - DAY_MS).toISOString(),
  });
  const before = central();
  const request = { action: 'transfer', residentId: person._id, place: '区第一集中隔离点' };
  expect(await estate.call('health', 'demo-grid-21', request)).toMatchObject({ code: 'PERMISSION_DENIED' });
  const moved = await estate.call('health', worker, request);
  const away = moved.data.status.reasons.find((r: { rule: string }) => r.rule === 'central_isolation');
  expect(away.text).toMatch(/转至区第一集中隔离点集中隔离$/);
  expect(central()).toBe(before + 1);
  expect(await estate.call('health', worker, request)).toMatchObject({ code: 'CONFLICT' });
  const medic = medicOf(person.enclosureId);
  expect(await estate.call('health', medic, { action: 'stationOut', residentId: person._id })).toMatchObject({
    code: 'FAILED_PRECONDITION',
  });
  // Sampled at the site, not on the enclosure's list.
  const desk = await estate.call('health', medic, { action: 'desk' });
  expect(desk.data.due.map((p: { residentId: string }) => p.residentId)).not.toContain(person._id);
  expect(desk.data.central).toContainEqual(
    expect.objectContaining({ residentId: person._id, place: '区第一集中隔离点' }),
  );
  const stay = estate.cloud.db.find('station_stays', { residentId: person._id, kind: 'central' }, { limit: 5 }).docs;
  expect(stay).toEqual([expect.objectContaining({ station: '区第一集中隔离点', inBy: worker, outAt: null })]);
  const back = await estate.call('health', medic, { action: 'returnHome', residentId: person._id });
  const rules = back.data.status.reasons.map((r: { rule: string }) => r.rule);
  expect(rules).not.toContain('central_isolation');
  expect(rules).toContain('close_contact'); // the 14 days from the contact still run
  expect(central()).toBe(before);
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

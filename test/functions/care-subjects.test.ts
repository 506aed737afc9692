/**
 * 关爱对象 through the local cloud: a grid worker enrols an elder living alone with a daily call;
 * the volunteer calls, a missed call alerts the grid worker and a missed day is overdue on the
 * roster; a need found at the door becomes a task; the care ends.
 */
import { DAY_MS } from '../../core/time';
import { Estate, countDocs, cstDateIn, requestId, startEstate } from './journeys';

let estate: Estate;
const VOLUNTEER = 'demo-volunteer-1'; // 春华苑
const OTHER_VOLUNTEER = 'demo-volunteer-2'; // 立新村
const GRID = 'demo-grid-11';
const OTHER_GRID = 'demo-grid-12';
type Resident = { _id: string; openid?: string; householdId: string; buildingId: string; unit: number; room: string };
let elder: Resident;
let neighbour: Resident;

const roster = async () => (await estate.call('quarantine', GRID, { action: 'roster' })).data;
const subjectsOf = async (openid: string) => (await estate.call('care', openid, { action: 'subjects' })).data;
const enrolment = (residentId: string, extra: object = {}) => ({
  action: 'enrol',
  residentId,
  categories: ['livingAlone', 'elderly'],
  way: 'call',
  everyDays: 1,
  note: '每日电话问候',
  ...extra,
});
const contact = (extra: object) => ({ action: 'logContact', requestId: requestId(), residentId: elder._id, ...extra });

beforeAll(async () => {
  estate = await startEstate();
  const [worker] = estate.cloud.db.find('users', { _id: GRID }, { limit: 1 }).docs as { gridIds: string[] }[];
  const [grid] = estate.cloud.db.find('grids', { _id: worker.gridIds[0] }, { limit: 1 }).docs as {
    buildingIds: string[];
  }[];
  const isolated = new Set(
    estate.cloud.db.find('isolation_orders', {}, { limit: 1000 }).docs.map((o) => o.residentId as string),
  );
  const residents = (
    estate.cloud.db.find('residents', { buildingId: grid.buildingIds[0] }, { limit: 1000 }).docs as Resident[]
  ).filter((r) => !isolated.has(r._id));
  // A head with WeChat of a household no one in which is isolated: the elder's household asks for itself too.
  elder = residents.find((r) => r.openid && residents.filter((m) => m.householdId === r.householdId).length === 1)!;
  neighbour = residents.find((r) => r.householdId !== elder.householdId && r.openid)!;
});
afterAll(() => estate.cloud.stop());

test('the grid worker finds the flat and enrols the elder; the volunteer sees them due today', async () => {
  const flat = await estate.call('care', GRID, {
    action: 'flat',
    buildingId: elder.buildingId,
    unit: elder.unit,
    room: elder.room,
  });
  expect(flat.code).toBe(0);
  expect(flat.data).toEqual([expect.objectContaining({ residentId: elder._id, enrolled: false })]);
  expect(flat.data[0].maskedName).toContain('*');

  const enrolled = await estate.call('care', GRID, enrolment(elder._id));
  expect(enrolled).toMatchObject({ code: 0, data: { nextDueOn: cstDateIn(estate.cloud), volunteerName: /^志愿者/ } });
  // Enrolled again (a resend, or a changed plan): one 关爱对象, re-planned.
  expect((await estate.call('care', GRID, enrolment(elder._id))).code).toBe(0);
  expect(countDocs(estate.cloud, 'care_subjects', { _id: elder._id })).toBe(1);
  expect(countDocs(estate.cloud, 'audit_logs', { residentId: elder._id, action: 'care_enrol' })).toBe(1);
  expect(countDocs(estate.cloud, 'audit_logs', { residentId: elder._id, action: 'care_replan' })).toBe(0); // nothing changed

  const mine = await subjectsOf(VOLUNTEER);
  expect(mine).toContainEqual(
    expect.objectContaining({
      residentId: elder._id,
      categories: ['独居老人', '高龄老人'],
      way: 'call',
      wayName: '电话问候',
      everyDays: 1,
      overdueDays: 0,
      lastContact: null,
      nextDueOn: cstDateIn(estate.cloud),
    }),
  );
  expect(await subjectsOf(OTHER_VOLUNTEER)).toEqual([]);
  expect((await estate.call('care', GRID, { action: 'flat', ...pick(elder) })).data[0].enrolled).toBe(true);
  // The volunteer may call the elder (their number is theirs to dial now), audited.
  expect(await estate.call('quarantine', VOLUNTEER, { action: 'callResident', residentId: elder._id })).toMatchObject({
    code: 0,
  });
  expect(
    await estate.call('quarantine', OTHER_VOLUNTEER, { action: 'callResident', residentId: elder._id }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
});

test('an unanswered call alerts the grid worker once a day and leaves the elder due; a missed day is overdue', async () => {
  const missed = await estate.call(
    'care',
    VOLUNTEER,
    contact({ way: 'call', outcome: 'unreached', note: '电话无人接听' }),
  );
  expect(missed).toMatchObject({ code: 0, data: { escalated: true, nextDueOn: cstDateIn(estate.cloud) } });
  await estate.call('care', VOLUNTEER, contact({ way: 'call', outcome: 'unreached' }));
  const alerts = (await roster()).alerts.filter((a: { residentId: string }) => a.residentId === elder._id);
  expect(alerts).toHaveLength(1);
  expect(alerts[0].detail).toMatch(/^关爱对象电话问候：未联系上，电话无人接听（志愿者/);
  expect((await roster()).overdueCare.map((c: { residentId: string }) => c.residentId)).not.toContain(elder._id);

  estate.cloud.clockOffsetMs += DAY_MS; // the next day, nobody reached the elder yesterday
  const overdue = (await roster()).overdueCare.find((c: { residentId: string }) => c.residentId === elder._id);
  expect(overdue).toMatchObject({ dueOn: cstDateIn(estate.cloud, -1), way: '电话问候', volunteerName: /^志愿者/ });
  expect((await subjectsOf(VOLUNTEER)).find((s: { residentId: string }) => s.residentId === elder._id)).toMatchObject({
    overdueDays: 1,
    lastContact: { outcome: '未联系上' },
  });

  // A visit that finds the elder well: not overdue any more, next due tomorrow.
  const visited = await estate.call('care', VOLUNTEER, contact({ way: 'visit', outcome: 'well' }));
  expect(visited).toMatchObject({ code: 0, data: { escalated: false, nextDueOn: cstDateIn(estate.cloud, 1) } });
  expect((await roster()).overdueCare.map((c: { residentId: string }) => c.residentId)).not.toContain(elder._id);
});

test('a need found at the door becomes the volunteer’s task, and the elder’s household may ask for itself', async () => {
  const id = requestId();
  const logged = contact({ requestId: id, way: 'visit', outcome: 'needs', need: 'medicine', note: '降压药快吃完了' });
  const first = await estate.call('care', VOLUNTEER, logged);
  expect(first).toMatchObject({ code: 0, data: { taskId: expect.any(String), escalated: false } });
  // Resent: the same contact and the same task, not two.
  expect((await estate.call('care', VOLUNTEER, logged)).data).toEqual(first.data);
  expect(countDocs(estate.cloud, 'care_contacts', { residentId: elder._id, outcome: 'needs' })).toBe(1);
  const tasks = (await estate.call('care', VOLUNTEER, { action: 'tasks' })).data;
  expect(tasks.filter((t: { id: string }) => t.id === first.data.taskId)).toEqual([
    expect.objectContaining({ kind: '代购药品', note: '降压药快吃完了', residentId: elder._id, state: 'open' }),
  ]);
  // Not isolated, but in care: the household's own request reaches the same volunteer.
  const asked = await estate.call('care', elder.openid!, { action: 'request', requestId: requestId(), kind: 'meal' });
  expect(asked).toMatchObject({ code: 0 });
  expect(
    await estate.call('care', neighbour.openid!, { action: 'request', requestId: requestId(), kind: 'meal' }),
  ).toMatchObject({ code: 'FAILED_PRECONDITION', message: '关爱服务面向居家隔离住户和关爱对象' });
});

test('unanswered, then reached and found unwell the same day: two alerts, not one swallowing the other', async () => {
  await estate.call('care', VOLUNTEER, contact({ way: 'call', outcome: 'unreached', note: '电话无人接听' }));
  const unwell = await estate.call('care', VOLUNTEER, contact({ way: 'visit', outcome: 'unwell', note: '头晕乏力' }));
  expect(unwell).toMatchObject({ code: 0, data: { escalated: true } });
  const today = (await roster()).alerts
    .filter((a: { residentId: string }) => a.residentId === elder._id)
    .map((a: { detail: string }) => a.detail.split('（')[0]);
  expect(today).toEqual(
    expect.arrayContaining(['关爱对象电话问候：未联系上，电话无人接听', '关爱对象上门探访：身体不适，头晕乏力']),
  );
  // A changed plan is audited with what it was; the same plan sent again is not.
  expect((await estate.call('care', GRID, enrolment(elder._id, { everyDays: 3 }))).code).toBe(0);
  expect((await estate.call('care', GRID, enrolment(elder._id, { everyDays: 3 }))).code).toBe(0);
  expect(countDocs(estate.cloud, 'audit_logs', { residentId: elder._id, action: 'care_replan' })).toBe(1);
});

test('bad input and the wrong people are answered clearly, and nothing is written', async () => {
  const before = ['care_subjects', 'care_contacts', 'alerts', 'care_requests', 'audit_logs'].map((c) =>
    countDocs(estate.cloud, c),
  );
  const refusals: [string, object, object][] = [
    [GRID, enrolment(neighbour._id, { categories: [] }), { code: 'INVALID_ARGUMENT', field: 'categories' }],
    [
      GRID,
      enrolment(neighbour._id, { categories: ['elderly', 'elderly'] }),
      { code: 'INVALID_ARGUMENT', field: 'categories' },
    ],
    [GRID, enrolment(neighbour._id, { categories: ['rich'] }), { code: 'INVALID_ARGUMENT' }],
    [GRID, enrolment(neighbour._id, { everyDays: 0 }), { code: 'INVALID_ARGUMENT', field: 'everyDays' }],
    [GRID, enrolment(neighbour._id, { everyDays: 8 }), { code: 'INVALID_ARGUMENT', field: 'everyDays' }],
    [GRID, enrolment(neighbour._id, { way: 'letter' }), { code: 'INVALID_ARGUMENT', field: 'way' }],
    [
      GRID,
      enrolment(neighbour._id, { volunteerOpenid: OTHER_VOLUNTEER }),
      { code: 'INVALID_ARGUMENT', field: 'volunteerOpenid', message: '该志愿者不在本围合区' },
    ],
    [OTHER_GRID, enrolment(neighbour._id), { code: 'PERMISSION_DENIED', message: '该住户不在您负责的网格' }],
    [VOLUNTEER, enrolment(neighbour._id), { code: 'PERMISSION_DENIED' }],
    [neighbour.openid!, enrolment(neighbour._id), { code: 'PERMISSION_DENIED' }],
    [GRID, enrolment('nobody-here'), { code: 'NOT_FOUND' }],
    [VOLUNTEER, contact({ way: 'visit', outcome: 'needs' }), { code: 'INVALID_ARGUMENT', field: 'need' }],
    [VOLUNTEER, contact({ way: 'visit', outcome: 'well', need: 'meal' }), { code: 'INVALID_ARGUMENT', field: 'need' }],
    [VOLUNTEER, contact({ way: 'visit', outcome: 'fine' }), { code: 'INVALID_ARGUMENT', field: 'outcome' }],
    [VOLUNTEER, contact({ way: 'call', outcome: 'well', residentId: neighbour._id }), { code: 'NOT_FOUND' }],
    [
      OTHER_VOLUNTEER,
      contact({ way: 'call', outcome: 'well' }),
      { code: 'PERMISSION_DENIED', message: '该关爱对象不由您负责' },
    ],
    [GRID, contact({ way: 'call', outcome: 'well' }), { code: 'PERMISSION_DENIED' }],
    [OTHER_GRID, { action: 'unenrol', residentId: elder._id, reason: '已搬离' }, { code: 'PERMISSION_DENIED' }],
    [GRID, { action: 'unenrol', residentId: elder._id, reason: '走' }, { code: 'INVALID_ARGUMENT', field: 'reason' }],
    [GRID, { action: 'flat', ...pick(elder), room: '../1' }, { code: 'INVALID_ARGUMENT', field: 'room' }],
    [OTHER_GRID, { action: 'flat', ...pick(elder) }, { code: 'PERMISSION_DENIED' }],
  ];
  for (const [openid, event, wanted] of refusals)
    expect([JSON.stringify(event), await estate.call('care', openid, event)]).toEqual([
      JSON.stringify(event),
      expect.objectContaining(wanted),
    ]);
  const after = ['care_subjects', 'care_contacts', 'alerts', 'care_requests', 'audit_logs'].map((c) =>
    countDocs(estate.cloud, c),
  );
  expect(after).toEqual(before);
});

test('the care ends with a reason: off the lists and the roster, audited once', async () => {
  estate.cloud.clockOffsetMs += 3 * DAY_MS; // overdue again
  expect((await roster()).overdueCare.map((c: { residentId: string }) => c.residentId)).toContain(elder._id);
  const end = { action: 'unenrol', residentId: elder._id, reason: '子女接回同住' };
  expect(await estate.call('care', GRID, end)).toMatchObject({ code: 0, data: { removed: true } });
  expect(await estate.call('care', GRID, end)).toMatchObject({ code: 0, data: { removed: false } });
  expect(countDocs(estate.cloud, 'audit_logs', { residentId: elder._id, action: 'care_end' })).toBe(1);
  expect((await roster()).overdueCare.map((c: { residentId: string }) => c.residentId)).not.toContain(elder._id);
  expect((await subjectsOf(VOLUNTEER)).map((s: { residentId: string }) => s.residentId)).not.toContain(elder._id);
  expect(await estate.call('care', VOLUNTEER, contact({ way: 'call', outcome: 'well' }))).toMatchObject({
    code: 'NOT_FOUND',
  });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

function pick(r: Resident) {
  return { buildingId: r.buildingId, unit: r.unit, room: r.room };
}

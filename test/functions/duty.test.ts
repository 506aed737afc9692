/**
 * 值守与巡查 through the local cloud, on a clock set to tomorrow: a shift is started and handed
 * over (the scan page's line shows who holds the gate and the note), a shift nobody started and a
 * round nobody checked are listed as missed, and bad plans are refused with nothing written.
 */
import { cstDayStart } from '../../core/time';
import { Estate, countDocs, cstDateIn, requestId, startEstate } from './journeys';

let estate: Estate;
let tomorrow: string;
const GATE = 'enc-chunhua-gate-1';
const GRID = 'demo-grid-11';
const VOLUNTEER = 'demo-volunteer-1';
const HOUR = 3600_000;

/** The clock at a China time of tomorrow, e.g. at(7.5) is 07:30. */
const at = (hours: number) => {
  estate.cloud.clockOffsetMs = cstDayStart(tomorrow)!.getTime() + hours * HOUR - Date.now();
};
const shift = (extra: object = {}) => ({
  action: 'planShift',
  gateId: GATE,
  date: tomorrow,
  slot: 'day',
  staffOpenid: VOLUNTEER,
  ...extra,
});

beforeAll(async () => {
  estate = await startEstate();
  tomorrow = cstDateIn(estate.cloud, 1);
});
afterAll(() => estate.cloud.stop());

test('a shift is started at the gate and handed over with a note the scan page shows', async () => {
  at(-12); // the evening before: planned ahead
  const planned = await estate.call('duty', GRID, shift());
  expect(planned).toMatchObject({
    code: 0,
    data: { gateName: expect.any(String), slotName: '白班 08:00–16:00', stateName: '待上岗', staffName: /^志愿者/ },
  });
  expect((await estate.call('duty', GRID, shift())).data.id).toBe(planned.data.id); // planned once
  const shiftId = planned.data.id;

  at(6.5);
  expect(await estate.call('duty', VOLUNTEER, { action: 'startShift', shiftId })).toMatchObject({
    code: 'FAILED_PRECONDITION',
    message: '班次开始前 1 小时内才能上岗',
  });
  expect(await estate.call('duty', GRID, { action: 'startShift', shiftId })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  at(7.75);
  expect(await estate.call('duty', VOLUNTEER, { action: 'startShift', shiftId })).toMatchObject({
    code: 0,
    data: { state: 'on', stateName: '在岗' },
  });
  expect(await estate.call('duty', GRID, { action: 'cancelShift', shiftId })).toMatchObject({
    code: 'FAILED_PRECONDITION',
  });
  at(9);
  expect((await estate.call('duty', GRID, { action: 'onDuty', gateId: GATE })).data).toMatchObject({
    names: [planned.data.staffName],
  });
  const note = '东侧围挡松动已报修；测温枪电池已换。';
  at(15.9);
  expect(await estate.call('duty', VOLUNTEER, { action: 'handOver', shiftId, note })).toMatchObject({
    code: 0,
    data: { state: 'done', handOverNote: note },
  });
  expect((await estate.call('duty', VOLUNTEER, { action: 'handOver', shiftId, note })).code).toBe(0); // a resend
  expect(await estate.call('duty', VOLUNTEER, { action: 'handOver', shiftId, note: '另一条' })).toMatchObject({
    code: 'FAILED_PRECONDITION',
  });
  expect((await estate.call('duty', GRID, { action: 'onDuty', gateId: GATE })).data).toMatchObject({
    names: [],
    handOverNote: note,
    handedOverBy: `${planned.data.staffName}（今天）`,
  });
  // The volunteer's own list, and the enclosure's for the grid worker.
  const mine = (await estate.call('duty', VOLUNTEER, { action: 'shifts', date: tomorrow })).data;
  expect(mine.map((s: { id: string }) => s.id)).toEqual([shiftId]);
  const all = (await estate.call('duty', GRID, { action: 'shifts', date: tomorrow })).data;
  expect(all.map((s: { id: string }) => s.id)).toContain(shiftId);
});

test('a shift nobody started and a round nobody checked are listed as missed; those kept are not', async () => {
  at(-12);
  const evening = await estate.call('duty', GRID, shift({ slot: 'evening', staffOpenid: 'demo-grid-12' }));
  const spare = await estate.call('duty', GRID, shift({ slot: 'night', staffOpenid: 'demo-grid-12' }));
  expect(await estate.call('duty', GRID, { action: 'cancelShift', shiftId: spare.data.id })).toMatchObject({
    code: 0,
  });
  const round = await estate.call('duty', GRID, {
    action: 'planRound',
    requestId: requestId(),
    kind: 'disinfection',
    place: '3栋楼道及电梯',
    times: ['15:00', '09:00'],
    fromDate: tomorrow,
    days: 3,
    assigneeOpenid: VOLUNTEER,
  });
  expect(round.code).toBe(0);
  const { planId } = round.data;

  at(9.2);
  const due9 = new Date(cstDayStart(tomorrow)!.getTime() + 9 * HOUR).toISOString();
  const checked = await estate.call('duty', VOLUNTEER, {
    action: 'checkRound',
    planId,
    due: due9,
    note: '已喷洒消毒液',
  });
  expect(checked).toMatchObject({ code: 0, data: { state: 'done', kindName: '消杀', checkedByName: /^志愿者/ } });
  const mine = (await estate.call('duty', VOLUNTEER, { action: 'rounds', date: tomorrow })).data;
  expect(mine.map((r: { due: string; stateName: string }) => [r.due, r.stateName])).toEqual([
    [due9, '已完成'],
    [new Date(cstDayStart(tomorrow)!.getTime() + 15 * HOUR).toISOString(), '未到时间'],
  ]);

  at(17.5);
  const missed = (await estate.call('duty', GRID, { action: 'missed' })).data;
  expect(missed.shifts.map((s: { id: string }) => s.id)).toEqual([evening.data.id]);
  expect(missed.rounds).toEqual([
    expect.objectContaining({
      planId,
      place: '3栋楼道及电梯',
      stateName: '已逾期',
      due: expect.stringMatching(/T07:00/),
    }),
  ]);
  // Ended: tomorrow's later days fall due no more.
  expect((await estate.call('duty', GRID, { action: 'endRound', planId })).code).toBe(0);
  const dayAfter = cstDateIn(estate.cloud, 1);
  expect((await estate.call('duty', GRID, { action: 'rounds', date: dayAfter })).data).toEqual([]);
});

test('plans outside the enclosure, of the wrong people or times, and callers without the role are refused', async () => {
  at(-12);
  const before = countDocs(estate.cloud, 'duty_shifts') + countDocs(estate.cloud, 'round_plans');
  const round = (extra: object) => ({
    action: 'planRound',
    requestId: requestId(),
    kind: 'patrol',
    place: '各单元门',
    times: ['21:00'],
    fromDate: tomorrow,
    days: 1,
    assigneeOpenid: VOLUNTEER,
    ...extra,
  });
  const resident = estate.demo.examples.green.openid;
  const refusals: [string, object, object][] = [
    ['demo-grid-21', shift({ staffOpenid: 'demo-grid-21' }), { code: 'PERMISSION_DENIED' }],
    [GRID, shift({ staffOpenid: 'demo-grid-21' }), { code: 'INVALID_ARGUMENT', field: 'staffOpenid' }],
    [GRID, shift({ staffOpenid: resident }), { code: 'INVALID_ARGUMENT', field: 'staffOpenid' }],
    [GRID, shift({ date: cstDateIn(estate.cloud, 20) }), { code: 'INVALID_ARGUMENT', field: 'date' }],
    [GRID, shift({ date: '2020-02-30' }), { code: 'INVALID_ARGUMENT', field: 'date' }],
    [GRID, shift({ slot: 'lunch' }), { code: 'INVALID_ARGUMENT', field: 'slot' }],
    [GRID, shift({ gateId: 'enc-lixin-gate-1' }), { code: expect.stringMatching(/PERMISSION_DENIED|NOT_FOUND/) }],
    [VOLUNTEER, shift(), { code: 'PERMISSION_DENIED' }],
    [resident, shift(), { code: 'PERMISSION_DENIED' }],
    [GRID, round({ times: ['25:00'] }), { code: 'INVALID_ARGUMENT', field: 'times.0' }],
    [GRID, round({ times: [] }), { code: 'INVALID_ARGUMENT', field: 'times' }],
    [GRID, round({ days: 61 }), { code: 'INVALID_ARGUMENT', field: 'days' }],
    [GRID, round({ assigneeOpenid: 'demo-grid-21' }), { code: 'INVALID_ARGUMENT', field: 'assigneeOpenid' }],
    [VOLUNTEER, round({}), { code: 'PERMISSION_DENIED' }],
  ];
  for (const [openid, event, wanted] of refusals)
    expect([openid, JSON.stringify(event).slice(0, 140), await estate.call('duty', openid, event)]).toEqual([
      openid,
      JSON.stringify(event).slice(0, 140),
      expect.objectContaining(wanted),
    ]);
  expect(countDocs(estate.cloud, 'duty_shifts') + countDocs(estate.cloud, 'round_plans')).toBe(before);
  // A check at a time the plan does not have.
  const planned = await estate.call('duty', GRID, round({}));
  at(21);
  expect(
    await estate.call('duty', VOLUNTEER, {
      action: 'checkRound',
      planId: planned.data.planId,
      due: new Date(cstDayStart(tomorrow)!.getTime() + 20 * HOUR).toISOString(),
    }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'due' });
  expect(countDocs(estate.cloud, 'round_checks', { planId: planned.data.planId })).toBe(0);
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

/** 值守排班 rendered with miniprogram-simulate: a grid worker plans shifts; whoever is on one starts and hands over. */
import simulate from 'miniprogram-simulate';
import type { Shift } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('duty/duty');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const shift = (overrides: Partial<Shift> = {}): Shift => ({
  id: 's1',
  gateId: 'g1',
  gateName: '春华苑东门',
  date: '2020-02-12',
  slot: 'day',
  slotName: '白班 08:00–16:00',
  startAt: '2020-02-12T00:00:00.000Z',
  endAt: '2020-02-12T08:00:00.000Z',
  staffOpenid: 'v1',
  staffName: '志愿者何磊',
  state: 'open',
  stateName: '可上岗',
  handOverNote: null,
  own: false,
  ...overrides,
});
const actions = (name: string) =>
  cloudCalls()
    .filter((c) => c.data.action === name)
    .map((c) => c.data);
const people = ok({
  people: [
    { openid: 'w1', name: '网格员王伟' },
    { openid: 'v1', name: '志愿者何磊' },
  ],
  gates: [
    { id: 'g1', name: '春华苑东门' },
    { id: 'g2', name: '春华苑南门' },
  ],
});

test('a grid worker puts a volunteer on tomorrow’s night shift at the south gate, and sees what was missed', async () => {
  replyWith('duty', 'shifts', ok([shift()]));
  replyWith('duty', 'people', people);
  replyWith(
    'duty',
    'missed',
    ok({
      shifts: [
        shift({ id: 's0', state: 'missed', stateName: '未到岗', date: '2020-02-11', slotName: '夜班 00:00–08:00' }),
      ],
      rounds: [],
    }),
  );
  replyWith('duty', 'planShift', ok(shift({ id: 's2' })));
  const page = await openPage(id);
  expect(textsOf(page, '.missed-title')).toEqual(['未到岗：2020-02-11 春华苑东门 夜班 00:00–08:00']);
  expect(page.querySelectorAll('.start')).toHaveLength(0); // not theirs to start
  page.querySelectorAll('.tab')[1].dispatchEvent('tap');
  await simulate.sleep(10);
  const [, tomorrow] = actions('shifts').map((s) => s.date);
  page.querySelector('.gate')!.dispatchEvent('change', { detail: { value: 1 } });
  page.querySelector('.slot')!.dispatchEvent('change', { detail: { value: 2 } });
  page.querySelector('.person')!.dispatchEvent('change', { detail: { value: 1 } });
  await simulate.sleep(5);
  page.querySelector('.plan')!.dispatchEvent('tap');
  page.querySelector('.plan')!.dispatchEvent('tap');
  await simulate.sleep(10);
  expect(actions('planShift')).toEqual([
    { action: 'planShift', gateId: 'g2', date: tomorrow, slot: 'night', staffOpenid: 'v1' },
  ]);
  expect(shownToasts()).toContainEqual(expect.objectContaining({ title: '已安排' }));
});

test('a volunteer starts their own shift, then hands over with a note (asked for when empty)', async () => {
  replyWith('duty', 'shifts', ok([shift({ own: true })]));
  replyWith('duty', 'startShift', ok(shift({ own: true, state: 'on', stateName: '在岗' })));
  const page = await openPage(id, { mine: '1' });
  expect(actions('people')).toEqual([]); // a volunteer plans nothing
  expect(onScreen(page, '.form')).toBe(false);
  await tap(page, '.start');
  expect(actions('startShift')).toEqual([{ action: 'startShift', shiftId: 's1' }]);

  replyWith('duty', 'shifts', ok([shift({ own: true, state: 'on', stateName: '在岗' })]));
  replyWith('duty', 'handOver', fail('FAILED_PRECONDITION', '该班次已交班'));
  await (page.instance as unknown as { refresh: () => Promise<void> }).refresh();
  await simulate.sleep(5);
  await tap(page, '.hand-over');
  expect(actions('handOver')).toEqual([]);
  expect(shownToasts().pop()).toMatchObject({ title: '请填写交班记录，如：围挡完好，测温枪电量充足' });
  page.querySelector('.note')!.dispatchEvent('input', { detail: { value: '测温枪电池已换' } });
  await simulate.sleep(5);
  await tap(page, '.hand-over');
  expect(actions('handOver')).toEqual([{ action: 'handOver', shiftId: 's1', note: '测温枪电池已换' }]);
  expect(shownToasts().pop()).toMatchObject({ title: '该班次已交班' });
});

test('a planned shift is taken off after a confirmation, and not without one', async () => {
  let confirm = false;
  wxMock.showModal = async () => ({ confirm });
  replyWith('duty', 'shifts', ok([shift({ state: 'upcoming', stateName: '待上岗' })]));
  replyWith('duty', 'people', people);
  replyWith('duty', 'missed', ok({ shifts: [], rounds: [] }));
  replyWith('duty', 'cancelShift', ok({ cancelled: true as const }));
  const page = await openPage(id);
  expect(textOf(page, '.shift-staff')).toBe('志愿者何磊');
  await tap(page, '.cancel');
  expect(actions('cancelShift')).toEqual([]);
  confirm = true;
  await tap(page, '.cancel');
  expect(actions('cancelShift')).toEqual([{ action: 'cancelShift', shiftId: 's1' }]);
});

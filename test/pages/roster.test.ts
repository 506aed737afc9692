/** 隔离名单 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const rosterPage = loadPage('roster/roster');

test('the grid worker’s roster shows who is overdue (phone masked) and decides on a waiting isolation', async () => {
  replyWith('quarantine', 'roster', {
    code: 0,
    message: 'ok',
    data: {
      missed: [
        { residentId: 'r1', maskedName: '王*', address: '2栋1单元301室', phoneMasked: '138****5678', overdueHours: 5 },
      ],
      alerts: [],
      awaitingDecision: [
        {
          residentId: 'r2',
          maskedName: '李*华',
          address: '2栋1单元502室',
          phoneMasked: null,
          orderId: 'o2',
          text: '所在单元隔离',
          plannedEnd: '2020-02-24T16:00:00.000Z',
          why: '最后2次测温缺1次',
        },
      ],
      buildings: [],
    },
  });
  replyWith('quarantine', 'decide', {
    code: 0,
    message: 'ok',
    data: { orderId: 'o2', state: 'extended', colour: 'red' },
  });
  const page = await openPage(rosterPage);
  expect(textsOf(page, '.missed .who')).toEqual(['王* · 2栋1单元301室']);
  expect(textOf(page, '.missed .overdue')).toBe('已超时 5 小时 · 138****5678');
  await tap(page, '.extend');
  expect(cloudCalls().find((c) => c.data.action === 'decide')!.data).toEqual({
    action: 'decide',
    requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    orderId: 'o2',
    decision: 'extend',
    why: '测温异常，延长观察',
    days: 3,
  });
  expect(shownToasts().map((t) => t.title)).toContain('已延长隔离 3 天');
});

test('shown again, the roster has whoever missed a check-in meanwhile', async () => {
  replyWith('quarantine', 'roster', ok({ missed: [], alerts: [], awaitingDecision: [], buildings: [] }));
  const page = await openPage(rosterPage);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textsOf(page, '.section-title')[2]).toBe('未按时打卡（0）');

  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [{ residentId: 'r5', maskedName: '孙*', address: '2栋1单元601室', phoneMasked: null, overdueHours: 1 }],
      alerts: [],
      awaitingDecision: [],
      buildings: [],
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.section-title')[2]).toBe('未按时打卡（1）');
  expect(textOf(page, '.missed .overdue')).toBe('已超时 1 小时 · 无手机（由户主代报）');
});

const person = { maskedName: '王*', address: '2栋1单元301室', phoneMasked: '138****5678' };
const buildings = [
  { id: 'enc-chunhua-b02', name: '2栋', units: 2 },
  { id: 'enc-chunhua-b03', name: '3栋', units: 2 },
];

test('decisions come first, overdue says days past a day, and every person has a call button that dials', async () => {
  const dialled: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.makePhoneCall = ({
    phoneNumber,
  }: {
    phoneNumber: string;
  }) => dialled.push(phoneNumber);
  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [
        { residentId: 'r1', ...person, overdueHours: 280 },
        { residentId: 'r2', ...person, overdueHours: 0 },
        { residentId: 'r3', ...person, overdueHours: 48 },
      ],
      alerts: [{ residentId: 'r4', ...person, at: '2020-02-15T01:00:00.000Z', detail: '春华苑东门测温 37.8℃' }],
      awaitingDecision: [],
      buildings,
    }),
  );
  replyWith('quarantine', 'callResident', ok({ phone: '13812345678' }));
  const page = await openPage(rosterPage);
  expect(textsOf(page, '.section-title')).toEqual([
    '待确认解除（0）',
    '测温异常（1）',
    '未按时打卡（3）',
    '单元隔离（出现确诊病例时）',
  ]);
  expect(textsOf(page, '.missed .overdue')).toEqual([
    '已超时 11 天 16 小时 · 138****5678',
    '已超时 不足 1 小时 · 138****5678',
    '已超时 2 天 · 138****5678',
  ]);
  await tap(page, '.alert .dial');
  expect(cloudCalls().at(-1)!.data).toEqual({ action: 'callResident', residentId: 'r4' });
  expect(dialled).toEqual(['13812345678']);
});

describe('单元隔离', () => {
  const modals: { content: string; confirmText: string; cancelText: string }[] = [];
  let answer = true;
  beforeEach(() => {
    modals.length = 0;
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof modals)[number]) => {
      modals.push(m);
      return { confirm: answer, cancel: !answer };
    };
  });

  async function fillForm() {
    replyWith('quarantine', 'roster', ok({ missed: [], alerts: [], awaitingDecision: [], buildings }));
    const page = await openPage(rosterPage);
    page.querySelector('.building-picker')!.dispatchEvent('change', { detail: { value: 0 } });
    await simulate.sleep(0);
    page.querySelector('.unit-picker')!.dispatchEvent('change', { detail: { value: 1 } });
    page.querySelector('.unit-form .input')!.dispatchEvent('input', { detail: { value: '2栋2单元出现确诊病例' } });
    await simulate.sleep(0);
    return page;
  }

  test('picked from the worker’s buildings, said out loud first; 再想想 sends nothing', async () => {
    answer = false;
    const page = await fillForm();
    expect(textOf(page, '.building-picker')).toBe('楼栋：2栋 ▾');
    expect(textOf(page, '.unit-picker')).toBe('单元：2单元 ▾');
    await tap(page, '.isolate');
    expect(modals).toEqual([
      expect.objectContaining({
        content: '2栋2单元的全部登记住户将居家隔离。原因：2栋2单元出现确诊病例',
        confirmText: '下达隔离',
        cancelText: '再想想',
      }),
    ]);
    expect(cloudCalls().some((c) => c.data.action === 'isolateUnit')).toBe(false);
  });

  test('confirmed, it isolates that building’s unit by id and says how many, as a toast', async () => {
    answer = true;
    replyWith('quarantine', 'isolateUnit', ok({ orderId: 'u1', isolated: 58, plannedEnd: '2020-02-29T16:00:00.000Z' }));
    const page = await fillForm();
    await tap(page, '.isolate');
    expect(cloudCalls().find((c) => c.data.action === 'isolateUnit')!.data).toEqual({
      action: 'isolateUnit',
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      buildingId: 'enc-chunhua-b02',
      unit: 2,
      reason: '2栋2单元出现确诊病例',
    });
    expect(shownToasts().map((t) => t.title)).toContain('已隔离 58 人');
  });

  test('nothing chosen: the form says what is missing and asks nothing', async () => {
    replyWith('quarantine', 'roster', ok({ missed: [], alerts: [], awaitingDecision: [], buildings }));
    const page = await openPage(rosterPage);
    await tap(page, '.isolate');
    expect(textsOf(page, '.field-error')).toEqual(['请选择楼栋', '请填写原因，如出现确诊病例']);
    expect(modals).toHaveLength(0);
  });
});

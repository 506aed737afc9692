/** 隔离名单 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const rosterPage = loadPage('roster/roster');

const waiting = {
  residentId: 'r2',
  maskedName: '李*华',
  address: '2栋1单元502室',
  phoneMasked: null,
  orderId: 'o2',
  text: '所在单元隔离',
  plannedEnd: '2020-02-24T16:00:00.000Z',
  why: '最后2次测温缺1次',
};
const overdue = { residentId: 'r1', maskedName: '王*', address: '2栋1单元301室', phoneMasked: '138****5678' };

/** Answers each showModal with `answer` (editable dialogs: what the worker typed) and keeps what was asked. */
function answerModals(answer: { confirm: boolean; content?: string }) {
  const asked: { title: string; placeholderText?: string; confirmText: string; cancelText: string }[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof asked)[number]) => {
    asked.push(m);
    return { ...answer, cancel: !answer.confirm, errMsg: 'showModal:ok' };
  };
  return asked;
}

describe('deciding on an isolation that waits', () => {
  beforeEach(() => {
    replyWith(
      'quarantine',
      'roster',
      ok({ missed: [], alerts: [], awaitingDecision: [waiting], overdueVisits: [], overdueCare: [], buildings: [] }),
    );
    replyWith('quarantine', 'decide', ok({ orderId: 'o2', state: 'extended', colour: 'red' }));
  });
  const decisions = () => cloudCalls().filter((c) => c.data.action === 'decide');

  test('extending asks how long, then who and why; the reason goes with the decision', async () => {
    const asked = answerModals({ confirm: true, content: ' 发热后补测，延长观察 ' });
    const page = await openPage(rosterPage);
    page.querySelector('.extend-picker')!.dispatchEvent('change', { detail: { value: 1 } });
    await simulate.sleep(10);
    expect(asked).toEqual([
      expect.objectContaining({ title: '李*华延长隔离 7 天', confirmText: '延长隔离', cancelText: '再想想' }),
    ]);
    expect(decisions().map((c) => c.data)).toEqual([
      {
        action: 'decide',
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
        orderId: 'o2',
        decision: 'extend',
        why: '发热后补测，延长观察',
        days: 7,
      },
    ]);
    expect(shownToasts().map((t) => t.title)).toContain('已延长隔离 7 天');
  });

  test('ending without a reason, or with 再想想, sends nothing', async () => {
    answerModals({ confirm: true, content: ' ' });
    const page = await openPage(rosterPage);
    await tap(page, '.end');
    expect(decisions()).toEqual([]);
    expect(shownToasts().map((t) => t.title)).toEqual(['请填写理由（至少 2 个字），住户将看到']);
    const asked = answerModals({ confirm: false, content: '满14天且测温正常' });
    await tap(page, '.end');
    expect(asked).toEqual([expect.objectContaining({ title: '解除李*华的隔离', confirmText: '解除隔离' })]);
    expect(decisions()).toEqual([]);
  });

  test('ending with a reason sends it once, and a retry after a lost answer resends the same request', async () => {
    answerModals({ confirm: true, content: '满14天且测温正常' });
    replyWith('quarantine', 'decide', () => {
      throw Object.assign(new Error('request:fail'), { errCode: -1 });
    });
    const page = await openPage(rosterPage);
    await tap(page, '.end');
    replyWith('quarantine', 'decide', ok({ orderId: 'o2', state: 'ended', colour: 'green' }));
    await tap(page, '.end');
    const [first, second] = decisions().map((c) => c.data);
    expect(first).toMatchObject({ decision: 'end', why: '满14天且测温正常' });
    expect(second.requestId).toBe(first.requestId);
    expect(shownToasts().map((t) => t.title)).toContain('已解除隔离');
  });
});

test('each list is a tab with its count, opened on the first with anyone in it; overdue says days past a day', async () => {
  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [
        { ...overdue, overdueHours: 280 },
        { ...overdue, residentId: 'r3', overdueHours: 0 },
        { ...overdue, residentId: 'r4', overdueHours: 48 },
      ],
      alerts: [],
      awaitingDecision: [],
      overdueVisits: [],
      overdueCare: [],
      buildings: [],
    }),
  );
  const page = await openPage(rosterPage);
  expect(textsOf(page, '.tab')).toEqual(['待确认解除0', '健康异常0', '未打卡3', '随访逾期0', '关爱逾期0', '单元隔离']);
  expect(textOf(page, '.tab.on')).toBe('未打卡3');
  expect(textsOf(page, '.missed .overdue')).toEqual([
    '已超时 11 天 16 小时 · 138****5678',
    '已超时 不足 1 小时 · 138****5678',
    '已超时 2 天 · 138****5678',
  ]);
  await tap(page, '.tab-decision');
  expect(page.querySelector('.missed')).toBeUndefined();
  expect(textOf(page, '.nobody')).toBe('暂无待确认解除的隔离');
});

test('the search narrows every list by name, building or room, and says when nobody matches', async () => {
  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [
        { ...overdue, overdueHours: 5 },
        { ...overdue, residentId: 'r5', maskedName: '赵*', address: '3栋2单元1201室', overdueHours: 5 },
      ],
      alerts: [],
      awaitingDecision: [waiting],
      overdueVisits: [],
      overdueCare: [],
      buildings: [],
    }),
  );
  const page = await openPage(rosterPage);
  const search = async (value: string) => {
    page.querySelector('.search-input')!.dispatchEvent('input', { detail: { value } });
    await simulate.sleep(0);
  };
  await search('2栋 502'); // the decision tab is open: 李*华 lives in 2栋1单元502室
  expect(textsOf(page, '.waiting .who')).toEqual(['李*华 · 2栋1单元502室']);
  await tap(page, '.tab-missed');
  expect(textOf(page, '.nobody')).toBe('没有符合搜索的人员');
  await search('１２０１'); // full-width digits, as some keyboards type them
  expect(textsOf(page, '.missed .who')).toEqual(['赵* · 3栋2单元1201室']);
  await search('');
  expect(textsOf(page, '.missed .who')).toHaveLength(2);
});

test('shown again, the roster has whoever missed a check-in meanwhile', async () => {
  replyWith(
    'quarantine',
    'roster',
    ok({ missed: [], alerts: [], awaitingDecision: [], overdueVisits: [], overdueCare: [], buildings: [] }),
  );
  const page = await openPage(rosterPage);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textsOf(page, '.tab')[2]).toBe('未打卡0');

  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [{ residentId: 'r5', maskedName: '孙*', address: '2栋1单元601室', phoneMasked: null, overdueHours: 1 }],
      alerts: [],
      awaitingDecision: [],
      overdueVisits: [],
      overdueCare: [],
      buildings: [],
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.tab')[2]).toBe('未打卡1');
  await tap(page, '.tab-missed');
  expect(textOf(page, '.missed .overdue')).toBe('已超时 1 小时 · 无手机（由户主代报）');
});

const person = { maskedName: '王*', address: '2栋1单元301室', phoneMasked: '138****5678' };
const buildings = [
  { id: 'enc-chunhua-b02', name: '2栋', units: 2 },
  { id: 'enc-chunhua-b03', name: '3栋', units: 2 },
];

test('every person has a call button that dials', async () => {
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
      overdueVisits: [],
      overdueCare: [],
      buildings,
    }),
  );
  replyWith('quarantine', 'callResident', ok({ phone: '13812345678' }));
  const page = await openPage(rosterPage);
  expect(textOf(page, '.tab.on')).toBe('健康异常1');
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
    replyWith(
      'quarantine',
      'roster',
      ok({ missed: [], alerts: [], awaitingDecision: [], overdueVisits: [], overdueCare: [], buildings }),
    );
    const page = await openPage(rosterPage);
    await tap(page, '.tab-unit');
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
    replyWith(
      'quarantine',
      'roster',
      ok({ missed: [], alerts: [], awaitingDecision: [], overdueVisits: [], overdueCare: [], buildings }),
    );
    const page = await openPage(rosterPage);
    await tap(page, '.tab-unit');
    await tap(page, '.isolate');
    expect(textsOf(page, '.field-error')).toEqual(['请选择楼栋', '请填写原因，如出现确诊病例']);
    expect(modals).toHaveLength(0);
  });
});

test('a visit planned for a day gone by and not recorded is on its own tab, with what it was for', async () => {
  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [],
      alerts: [],
      awaitingDecision: [],
      overdueVisits: [
        {
          residentId: 'r5',
          maskedName: '周*',
          address: '5栋1单元301室',
          phoneMasked: null,
          followupId: 'f1',
          dueOn: '2020-02-14',
          note: '送降压药',
        },
      ],
      overdueCare: [],
      buildings: [],
    }),
  );
  const page = await openPage(rosterPage);
  expect(textOf(page, '.tab.on')).toBe('随访逾期1');
  expect(textOf(page, '.visit-due')).toBe('应于 2020-02-14 随访：送降压药');
});

test('a 关爱对象 no one reached on their day is on 关爱逾期, with the way and the volunteer', async () => {
  replyWith(
    'quarantine',
    'roster',
    ok({
      missed: [],
      alerts: [],
      awaitingDecision: [],
      overdueVisits: [],
      overdueCare: [
        {
          residentId: 'r6',
          maskedName: '钱*',
          address: '6栋1单元101室',
          phoneMasked: null,
          dueOn: '2020-02-15',
          way: '电话问候',
          volunteerName: '志愿者何磊',
        },
      ],
      buildings: [],
    }),
  );
  const page = await openPage(rosterPage);
  expect(textOf(page, '.tab.on')).toBe('关爱逾期1');
  expect(textOf(page, '.care-due')).toBe('应于 2020-02-15 电话问候 · 志愿者何磊');
});

/** 隔离打卡 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { MyIsolation, StatusView } from '../../typings';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { hasClass, loadPage, onScreen, openPage, tap, textOf, textsOf, opensInCareMode } from './render';

const isolation = loadPage('isolation/isolation');

const red: StatusView = {
  colour: 'red',
  reasons: [
    {
      rule: 'unit_isolation',
      colour: 'red',
      text: '所在单元隔离：2栋1单元出现确诊病例',
      until: null,
      plannedEnd: '2020-02-24T16:00:00.000Z',
    },
  ],
  until: null,
  ruleVersion: 1,
};
/** A tap on one of the help buttons, by the label the resident reads. */
async function askFor(page: Awaited<ReturnType<typeof openPage>>, label: string) {
  const item = page.querySelectorAll('.care-item').find((n) => n.dom!.textContent!.trim() === label);
  if (!item) throw new Error(`no help button ${label}`);
  item.dispatchEvent('tap');
  await simulate.sleep(10);
}

const green: StatusView = { colour: 'green', reasons: [], until: null, ruleVersion: 1 };

const mine = (overrides: Partial<MyIsolation> = {}) =>
  ok<MyIsolation>({
    residentId: 'res-1',
    maskedName: '李*华',
    status: red,
    isolated: true,
    orders: [
      {
        text: '所在单元隔离：2栋1单元出现确诊病例',
        plannedEnd: '2020-02-24T16:00:00.000Z',
        daysLeft: 9,
        state: 'active',
        awaitingDecision: false,
        decision: null,
      },
    ],
    ended: [],
    window: { start: '2020-02-15T09:00:00.000Z', end: '2020-02-15T12:00:00.000Z' },
    checkedIn: false,
    next: '2020-02-15T23:00:00.000Z',
    reminderTemplateId: 'TPL-CHECKIN',
    ...overrides,
  });

test('an isolated resident sees why, until when and how many days are left, and checks in', async () => {
  replyWith('quarantine', 'mine', mine());
  replyWith('quarantine', 'checkin', {
    code: 0,
    message: 'ok',
    data: { duplicate: false, alerted: true, status: null },
  });
  const page = await openPage(isolation);
  expect(textOf(page, '.order-text')).toBe('所在单元隔离：2栋1单元出现确诊病例');
  expect(textOf(page, '.order-end')).toBe('预计 2月25日 00:00 解除，还剩 9 天');
  expect(textOf(page, '.window')).toBe('本次打卡时段至 20:00');
  page.querySelector('.temperature')!.dispatchEvent('input', { detail: { value: '37.9' } });
  await simulate.sleep(5);
  await tap(page, '.checkin');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'checkin', temperature: 37.9, symptoms: [] } });
  expect(textOf(page, '.message')).toBe('体温或症状异常，网格员将尽快联系您');
});

test('an isolation the grid worker extended says who, by how long and why', async () => {
  const decision = '网格员于 2月24日 延长隔离 3 天，理由：测温缺报，延长观察';
  const [order] = mine().data.orders;
  replyWith('quarantine', 'mine', mine({ orders: [{ ...order, state: 'extended', daysLeft: 3, decision }] }));
  const page = await openPage(isolation);
  expect(textOf(page, '.order-decision')).toBe(decision);
});

test('an isolation the grid worker lifted early is shown with the reason, not just 无需隔离', async () => {
  const decision = '网格员于 2月20日 提前解除隔离，理由：核酸阴性，社区医生评估后解除';
  replyWith(
    'quarantine',
    'mine',
    mine({ isolated: false, orders: [], window: null, status: green, ended: [{ text: '所在单元隔离', decision }] }),
  );
  const page = await openPage(isolation);
  expect(onScreen(page, '.state >>> .empty')).toBe(false);
  expect(textOf(page, '.ended-text')).toBe('已解除：所在单元隔离');
  expect(textOf(page, '.ended-decision')).toBe(decision);
  expect(page.querySelector('.checkin')).toBeUndefined();
});

test('outside a window the page says when the next one opens and offers no form', async () => {
  replyWith('quarantine', 'mine', mine({ window: null }));
  const page = await openPage(isolation);
  expect(textOf(page, '.window')).toBe('下次打卡：2月16日 07:00');
  expect(page.querySelector('.checkin')).toBeUndefined();
});

test('a tap on 开启下次打卡提醒 asks WeChat for one message and, if accepted, records the grant', async () => {
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.requestSubscribeMessage = async ({
    tmplIds,
  }: {
    tmplIds: string[];
  }) => ({ [tmplIds[0]]: 'accept', errMsg: 'requestSubscribeMessage:ok' });
  replyWith('quarantine', 'mine', mine());
  replyWith('quarantine', 'subscribe', { code: 0, message: 'ok', data: { remaining: 1 } });
  const page = await openPage(isolation);
  await tap(page, '.subscribe');
  expect(cloudCalls()[1]).toEqual({ name: 'quarantine', data: { action: 'subscribe', accepted: 1 } });
  expect(textOf(page, '.message')).toBe('将在下次打卡时段提醒您（剩余 1 次）');
});

test('someone not isolated is told so, and sees no check-in', async () => {
  replyWith('quarantine', 'mine', mine({ isolated: false, orders: [], window: null, status: green }));
  const page = await openPage(isolation, { residentId: 'res-2' });
  expect(cloudCalls()[0]).toEqual({ name: 'quarantine', data: { action: 'mine', residentId: 'res-2' } });
  expect(textOf(page, '.state >>> .empty')).toBe('当前无需居家隔离');
  expect(page.querySelector('.checkin')).toBeUndefined();
});

test('back on the page once the check-in window has opened, the form is offered', async () => {
  replyWith('quarantine', 'mine', mine({ window: null }));
  const page = await openPage(isolation);
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(page.querySelector('.checkin')).toBeUndefined();
  replyWith('quarantine', 'mine', mine());
  instance.onShow(); // the app reopened at 17:00, in the window
  await simulate.sleep(10);
  expect(textOf(page, '.window')).toBe('本次打卡时段至 20:00');
  expect(page.querySelector('.checkin')).toBeDefined();
});

test('red for a fever without an isolation order: the page says why and what to do, not 无需隔离', async () => {
  const fever: StatusView = {
    colour: 'red',
    reasons: [{ rule: 'fever', colour: 'red', text: '卡口测温 37.9℃', until: null }],
    until: null,
    ruleVersion: 1,
  };
  replyWith('quarantine', 'mine', mine({ isolated: false, orders: [], window: null, status: fever }));
  const page = await openPage(isolation);
  expect(onScreen(page, '.state >>> .empty')).toBe(false);
  expect(textOf(page, '.status-title')).toBe('当前为红码，暂未列入居家隔离');
  expect(textsOf(page, '.reason-text')).toEqual(['卡口测温 37.9℃']);
  expect(textsOf(page, '.reason-until')).toEqual(['待处理']);
  expect(textOf(page, '.advice')).toContain('请留在家中');
  expect(textOf(page, '.advice')).toContain('等待网格员联系');
  expect(page.querySelector('.checkin')).toBeUndefined();
  expect(page.querySelector('.care-item')).toBeUndefined(); // care is for isolated households
});

test('yellow without an order is told to declare or wait for the grid worker', async () => {
  const unverified: StatusView = {
    colour: 'yellow',
    reasons: [{ rule: 'unverified', colour: 'yellow', text: '新登记住户，待网格员核实', until: null }],
    until: null,
    ruleVersion: 1,
  };
  replyWith('quarantine', 'mine', mine({ isolated: false, orders: [], window: null, status: unverified }));
  const page = await openPage(isolation);
  expect(onScreen(page, '.advice')).toBe(true);
  expect(textOf(page, '.status-title')).toBe('当前为黄码，暂未列入居家隔离');
  expect(textsOf(page, '.reason-text')).toEqual(['新登记住户，待网格员核实']);
  expect(textOf(page, '.advice')).toContain('健康申报');
});

test('asking for rubbish pickup names the volunteer once and says to put the bag out, beside the buttons', async () => {
  replyWith('quarantine', 'mine', mine());
  replyWith('care', 'request', ok({ requestId: 'care-1', volunteerName: '志愿者何磊' }));
  const page = await openPage(isolation);
  await askFor(page, '上门收垃圾');
  expect(cloudCalls()[1]).toEqual({
    name: 'care',
    data: { action: 'request', requestId: expect.any(String), kind: 'rubbish' },
  });
  expect(textOf(page, '.care-card .care-answer')).toBe('已通知志愿者何磊：请将垃圾袋扎好放在门口，志愿者上门收取');
  expect(page.querySelector('.message')).toBeUndefined();
});

test('each kind of help gets its own answer, and what to fetch goes with the request', async () => {
  replyWith('quarantine', 'mine', mine());
  replyWith('care', 'request', ok({ requestId: 'care-2', volunteerName: '志愿者何磊' }));
  const page = await openPage(isolation);
  page.querySelector('.care-note')!.dispatchEvent('input', { detail: { value: ' 布洛芬一盒 ' } });
  await simulate.sleep(5);
  await askFor(page, '代购药品');
  expect(cloudCalls()[1].data).toMatchObject({ kind: 'medicine', note: '布洛芬一盒' });
  expect(textOf(page, '.care-answer')).toBe(
    '已通知志愿者何磊：志愿者代购后放在门口；处方药请备好处方，志愿者会电话联系您',
  );
  await askFor(page, '送餐');
  expect(cloudCalls()[2].data).not.toHaveProperty('note'); // the note went with the medicine
  expect(textOf(page, '.care-answer')).toBe('已通知志愿者何磊：餐食将放在门口，志愿者离开后再开门取餐');
});

test('a refused help request says why at the buttons, and a second tap resends the same request', async () => {
  replyWith('quarantine', 'mine', mine());
  replyWith('care', 'request', fail('FAILED_PRECONDITION', '本围合区暂无志愿者，请联系网格员'));
  const page = await openPage(isolation);
  await askFor(page, '代购生活物资');
  expect(textOf(page, '.care-answer')).toBe('本围合区暂无志愿者，请联系网格员');
  await askFor(page, '代购生活物资');
  expect(cloudCalls()[2].data.requestId).toBe(cloudCalls()[1].data.requestId);
});

test('opened from 我的家庭 to ask help for a member: whose page it is, with help first', async () => {
  replyWith('quarantine', 'mine', mine({ residentId: 'res-2', maskedName: '李*' }));
  const page = await openPage(isolation, { residentId: 'res-2', help: '1' });
  expect(textOf(page, '.acting-for')).toBe('正在为家庭成员 李* 操作');
  // One help card, put first by the page's flex column (.care-card.first has order: -1).
  expect(hasClass(page, '.care-card', 'first')).toBe(true);
  expect(page.querySelectorAll('.care-card')).toHaveLength(1);
  replyWith('quarantine', 'mine', mine());
  expect(hasClass(await openPage(isolation), '.care-card', 'first')).toBe(false); // checking in comes first
});

test('with 关怀模式 on (switched at 首页), the page is in large text', async () => {
  expect(await opensInCareMode(isolation, '.state')).toBe(true);
});

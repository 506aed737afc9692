/** 亲友来访 (the host) rendered with miniprogram-simulate: ask, see each request's answer, cancel. */
import simulate from 'miniprogram-simulate';
import type { VisitEntry } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('visits/visits');
const entry = (v: Partial<VisitEntry>): VisitEntry => ({
  id: 'v1',
  state: 'pending',
  visitorMaskedName: '孙*来',
  visitorPhoneMasked: '139****4444',
  reason: '探望父母',
  fromDate: '2020-02-21',
  toDate: '2020-02-21',
  household: '2栋1单元101室',
  hostMaskedName: '王*',
  answer: null,
  createdAt: '2020-02-20T02:00:00.000Z',
  ...v,
});
const cstDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 24 * 3600_000).toISOString().slice(0, 10);

let modals: { title: string; content: string }[];
beforeEach(() => {
  modals = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof modals)[number]) => {
    modals.push(m);
    return { confirm: true, cancel: false };
  };
  replyWith('gate', 'requestVisit', ok({ visitId: 'v9', state: 'pending' }));
  replyWith('gate', 'cancelVisit', ok({ visitId: 'v1', state: 'cancelled' }));
});

const type = async (page: ReturnType<typeof simulate.render>, selector: string, value: string) => {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
};
const requests = () => cloudCalls().filter((c) => c.data.action === 'requestVisit');

test('the host asks for a visitor from tomorrow for 2 days, and the request says exactly those days', async () => {
  replyWith('gate', 'myVisits', ok([]));
  const page = await openPage(id);
  expect(textOf(page, '.none')).toBe('暂无来访申请');
  // Tomorrow is offered first selected: a visitor is rarely let in the same hour.
  expect(textOf(page, '.day-picker')).toMatch(/^明天 \d+月\d+日 周.+▾$/);
  await type(page, '.visitor-name', '孙晓来');
  await type(page, '.visitor-phone', '13900004444');
  await type(page, '.reason', '探望父母');
  page.querySelector('.stay-picker')!.dispatchEvent('change', { detail: { value: 1 } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  expect(requests().pop()!.data).toEqual({
    action: 'requestVisit',
    requestId: expect.any(String),
    visitorName: '孙晓来',
    visitorPhone: '13900004444',
    fromDate: cstDate(1),
    toDate: cstDate(2),
    reason: '探望父母',
  });
  expect(shownToasts().pop()).toMatchObject({ title: '已提交，待网格员审批' });
});

test('a refusal of the server shows at its field, and the same request id is sent again after a fix', async () => {
  replyWith('gate', 'myVisits', ok([]));
  replyWith('gate', 'requestVisit', fail('INVALID_ARGUMENT', '手机号格式不正确', 'visitorPhone'));
  const page = await openPage(id);
  await tap(page, '.submit');
  expect(textOf(page, '.error-visitorPhone')).toBe('手机号格式不正确');
  replyWith('gate', 'requestVisit', ok({ visitId: 'v9', state: 'pending' }));
  await tap(page, '.submit');
  const [first, second] = requests().slice(-2);
  expect(second.data.requestId).toBe(first.data.requestId);
  expect(page.querySelector('.error-visitorPhone')).toBeUndefined();
});

test("each request shows its state and the grid worker's reason; only open ones can be cancelled", async () => {
  replyWith(
    'gate',
    'myVisits',
    ok([
      entry({ id: 'v1', state: 'approved', fromDate: '2020-02-21', toDate: '2020-02-22' }),
      entry({ id: 'v2', state: 'refused', answer: '本周暂停访客' }),
    ]),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.visit-state')).toEqual(['已批准', '未批准']);
  expect(textOf(page, '.visit-refused .answer')).toBe('网格员答复：本周暂停访客');
  expect(textsOf(page, '.cancel')).toEqual(['取消来访']);
  await tap(page, '.visit-approved .cancel');
  expect(modals[0].content).toContain('2020-02-21 至 2020-02-22');
  expect(
    cloudCalls()
      .filter((c) => c.data.action === 'cancelVisit')
      .pop()!.data,
  ).toEqual({
    action: 'cancelVisit',
    visitId: 'v1',
  });
});

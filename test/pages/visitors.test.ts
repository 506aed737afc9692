/** 访客审批 (grid workers) rendered with miniprogram-simulate: approve after a confirmation, refuse with a reason. */
import type { VisitEntry } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('visitors/visitors');
const entry = (v: Partial<VisitEntry>): VisitEntry => ({
  id: 'v1',
  state: 'pending',
  visitorMaskedName: '孙*来',
  visitorPhoneMasked: '139****4444',
  reason: '探望父母',
  fromDate: '2020-02-21',
  toDate: '2020-02-22',
  household: '2栋1单元101室',
  hostMaskedName: '王*',
  answer: null,
  createdAt: '2020-02-20T02:00:00.000Z',
  ...v,
});

let modals: { title: string; content?: string; editable?: boolean }[];
let reply: { confirm: boolean; content?: string };
beforeEach(() => {
  modals = [];
  reply = { confirm: true };
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof modals)[number]) => {
    modals.push(m);
    return { ...reply, cancel: !reply.confirm };
  };
  replyWith(
    'gate',
    'visits',
    ok({ pending: [entry({})], approved: [entry({ id: 'v2', state: 'approved', visitorMaskedName: '赵*' })] }),
  );
  replyWith('gate', 'decideVisit', ok({ visitId: 'v1', state: 'approved' }));
});
const decisions = () => cloudCalls().filter((c) => c.data.action === 'decideVisit');

test('the worker sees who visits which flat on which days, and approves after a confirmation that says so', async () => {
  const page = await openPage(id);
  expect(textOf(page, '.visit .where')).toBe('探访 2栋1单元101室 · 户主 王*');
  expect(textsOf(page, '.section-title')).toEqual(['待审批（1）', '已批准（1）']);
  await tap(page, '.approve');
  expect(modals[0].content).toContain('孙*来 于 2020-02-21 至 2020-02-22 探访 2栋1单元101室');
  expect(decisions().pop()!.data).toEqual({ action: 'decideVisit', visitId: 'v1', decision: 'approve' });
  expect(shownToasts().pop()).toMatchObject({ title: '已批准' });
});

test('a refusal needs a reason of two characters at least, which is sent for the host to read', async () => {
  const page = await openPage(id);
  reply = { confirm: true, content: ' ' };
  await tap(page, '.refuse');
  expect(decisions()).toHaveLength(0);
  expect(shownToasts().pop()!.title).toContain('请填写理由');
  reply = { confirm: true, content: '本周暂停访客，可改为代购送达' };
  await tap(page, '.refuse');
  expect(modals[1]).toMatchObject({ editable: true });
  expect(decisions().pop()!.data).toEqual({
    action: 'decideVisit',
    visitId: 'v1',
    decision: 'refuse',
    answer: '本周暂停访客，可改为代购送达',
  });
});

test('a request answered meanwhile by someone else says so and the list is read again', async () => {
  const page = await openPage(id);
  replyWith('gate', 'decideVisit', fail('CONFLICT', '该申请已取消'));
  replyWith('gate', 'visits', ok({ pending: [], approved: [] }));
  await tap(page, '.approve');
  expect(shownToasts().pop()!.title).toBe('该申请已取消');
  expect(textOf(page, '.none')).toBe('暂无待审批的来访申请');
});

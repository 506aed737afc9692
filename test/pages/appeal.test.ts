/** 申诉与记录 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { type Answer, cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('appeal/appeal');

test('a resident sees the answer to an appeal and every manual change, and files a new appeal', async () => {
  replyWith('residents', 'history', {
    code: 0,
    message: 'ok',
    data: {
      appeals: [
        {
          id: 'a1',
          reason: '体温计故障',
          state: 'accepted',
          answer: '社区医生复测 36.4℃',
          createdAt: '2020-02-15T02:00:00.000Z',
        },
      ],
      changes: [
        {
          at: '2020-02-15T03:00:00.000Z',
          action: 'override',
          before: { colour: 'red' },
          after: { colour: 'green' },
          why: '社区医生复测 36.4℃',
        },
      ],
    },
  });
  replyWith('residents', 'appeal', { code: 0, message: 'ok', data: { appealId: 'a2', state: 'open' } });
  const page = await openPage(id);
  expect(textOf(page, '.appeal-state')).toBe('已接受：社区医生复测 36.4℃');
  expect(textsOf(page, '.what')).toEqual(['网格员复核']);
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '已返回本市满14天' } });
  await simulate.sleep(5);
  await tap(page, '.submit');
  expect(cloudCalls().find((c) => c.data.action === 'appeal')!.data).toMatchObject({
    reason: '已返回本市满14天',
    requestId: expect.stringMatching(/^mp-/),
  });
  expect(textOf(page, '.message')).toBe('申诉已提交，网格员将尽快答复');
});

const history = (state: 'open' | 'accepted', answer: string | null): Answer<'residents', 'history'> => ({
  code: 0,
  message: 'ok',
  data: {
    appeals: [{ id: 'a1', reason: '体温计故障', state, answer, createdAt: '2020-02-15T02:00:00.000Z' }],
    changes: [],
  },
});

test('back on the page after the grid worker answered, the answer is there', async () => {
  replyWith('residents', 'history', history('open', null));
  const page = await openPage(id, { residentId: 'res-2' });
  expect(cloudCalls()[0].data).toEqual({ action: 'history', residentId: 'res-2' });
  const instance = page.instance as unknown as { onShow: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(textOf(page, '.appeal-state')).toBe('处理中');
  replyWith('residents', 'history', history('accepted', '社区医生复测 36.4℃'));
  instance.onShow(); // 返回 from the pass, or the app reopened
  await simulate.sleep(10);
  expect(textOf(page, '.appeal-state')).toBe('已接受：社区医生复测 36.4℃');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'history', residentId: 'res-2' });
});

test('history that cannot be loaded is explained with a retry, and an appeal can still be filed', async () => {
  replyWith('residents', 'history', { code: 'INTERNAL', data: null, message: '服务返回异常，请稍后重试' });
  replyWith('residents', 'appeal', { code: 0, message: 'ok', data: { appealId: 'a2', state: 'open' } });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('服务返回异常，请稍后重试');
  page.querySelector('.reason')!.dispatchEvent('input', { detail: { value: '已返回本市满14天' } });
  await simulate.sleep(5);
  replyWith('residents', 'history', history('open', null));
  await tap(page, '.submit');
  expect(textOf(page, '.message')).toBe('申诉已提交，网格员将尽快答复');
  expect(textOf(page, '.appeal-state')).toBe('处理中');
});

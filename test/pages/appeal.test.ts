/** 申诉与记录 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, replyWith } from './cloud-mock';
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
  expect(textOf(page, '.state')).toBe('已接受：社区医生复测 36.4℃');
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

/** 申诉处理 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const id = loadPage('appeals/appeals');

test('an appeal is answered with the grid worker’s text; an empty answer is refused by the server', async () => {
  replyWith('grid', 'appeals', {
    code: 0,
    message: 'ok',
    data: [
      {
        id: 'a1',
        residentId: 'r1',
        maskedName: '李*华',
        reason: '体温计故障',
        statusAtAppeal: { colour: 'red', reasons: ['体温37.9℃'] },
        createdAt: '2020-02-15T02:00:00.000Z',
      },
    ],
  });
  replyWith('grid', 'answerAppeal', (data: Record<string, unknown>) =>
    data.answer
      ? { code: 0, message: 'ok', data: { appealId: 'a1', state: 'accepted', colour: 'green' } }
      : { code: 'INVALID_ARGUMENT', data: null, message: '请填写答复', field: 'answer' },
  );
  const page = await openPage(id);
  expect(textOf(page, '.at-appeal')).toBe('申诉时：体温37.9℃');
  await tap(page, '.accept');
  expect(textOf(page, '.message')).toBe('请填写答复');
  page.querySelector('.answer')!.dispatchEvent('input', { detail: { value: '社区医生复测 36.4℃' } });
  await simulate.sleep(5);
  await tap(page, '.accept');
  expect(
    cloudCalls()
      .filter((c) => c.data.action === 'answerAppeal')
      .pop()!.data,
  ).toEqual({
    action: 'answerAppeal',
    appealId: 'a1',
    decision: 'accept',
    answer: '社区医生复测 36.4℃',
    colour: 'green',
    days: 3,
  });
  expect(textOf(page, '.message')).toBe('已接受申诉，复核为绿码 3 天');
});

/** 待核实住户 rendered with miniprogram-simulate. */
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('queue/queue');

test('yellow residents with why they wait; verifying one removes them from the list', async () => {
  let queue = [
    {
      residentId: 'r1',
      maskedName: '赵*来',
      address: '3栋1单元803室',
      reasons: ['新登记住户，待网格员核实', '尚未进行健康申报'],
      waitingDays: 2,
      since: '2020-02-13T00:00:00.000Z',
    },
  ];
  replyWith('grid', 'verificationQueue', () => ({ code: 0, message: 'ok', data: queue }));
  replyWith('residents', 'verify', () => {
    queue = [];
    return {
      code: 0,
      message: 'ok',
      data: { residentId: 'r1', status: { colour: 'yellow', reasons: [], until: null, ruleVersion: 1 } },
    };
  });
  const page = await openPage(id);
  expect(textOf(page, '.who')).toBe('赵*来 · 3栋1单元803室');
  expect(textsOf(page, '.reason')).toEqual(['新登记住户，待网格员核实', '尚未进行健康申报']);
  await tap(page, '.verify');
  expect(cloudCalls()[1].data).toMatchObject({ action: 'verify', residentId: 'r1' });
  expect(textOf(page, '.empty')).toBe('暂无待核实住户');
  expect(textOf(page, '.message')).toBe('已核实，当前为黄码');
});

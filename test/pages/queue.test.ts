/** 待核实住户 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith } from './cloud-mock';
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
  expect(textOf(page, '.state >>> .empty')).toBe('暂无待核实住户');
  expect(textOf(page, '.message')).toBe('已核实，当前为黄码');
});

test('shown again, a resident who turned yellow meanwhile is in the queue', async () => {
  replyWith('grid', 'verificationQueue', ok([]));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textOf(page, '.state >>> .empty')).toBe('暂无待核实住户');

  replyWith(
    'grid',
    'verificationQueue',
    ok([
      {
        residentId: 'r3',
        maskedName: '钱*',
        address: '5栋2单元402室',
        reasons: ['离开本市后返回，待网格员核实'],
        waitingDays: 0,
        since: '2020-02-15T00:00:00.000Z',
      },
    ]),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textOf(page, '.state >>> .empty')).toBeUndefined();
  expect(textOf(page, '.who')).toBe('钱* · 5栋2单元402室');
});

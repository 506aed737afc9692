/** 待核实住户 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('queue/queue');

/** Answers each showModal as the worker would and keeps what was asked. */
function answerModals(answer: { confirm: boolean; content?: string }) {
  const asked: { title: string; confirmText: string }[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (m: (typeof asked)[number]) => {
    asked.push(m);
    return { ...answer, cancel: !answer.confirm, errMsg: 'showModal:ok' };
  };
  return asked;
}

test('yellow residents with why they wait; verifying one says how, and removes them from the list', async () => {
  const asked = answerModals({ confirm: true, content: ' 已现场核对身份证件与住址 ' });
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
  expect(asked).toEqual([expect.objectContaining({ title: '核实赵*来（3栋1单元803室）', confirmText: '核实通过' })]);
  expect(cloudCalls()[1].data).toEqual({ action: 'verify', residentId: 'r1', note: '已现场核对身份证件与住址' });
  expect(textOf(page, '.state >>> .empty')).toBe('暂无待核实住户');
  // At the tap, not under a long list: still yellow here (no declaration yet), and it says so.
  expect(shownToasts().map((t) => t.title)).toEqual(['已核实赵*来，当前为黄码']);
});

test('verifying without saying how, or with 再想想, sends nothing', async () => {
  replyWith('grid', 'verificationQueue', ok([entry('r1', '赵*来', '3栋1单元803室')]));
  const page = await openPage(id);
  answerModals({ confirm: true, content: '' });
  await tap(page, '.verify');
  answerModals({ confirm: false, content: '已核实' });
  await tap(page, '.verify');
  expect(cloudCalls().filter((c) => c.data.action === 'verify')).toEqual([]);
  expect(shownToasts().map((t) => t.title)).toEqual(['请填写核实方式（至少 2 个字）']);
});

test('the search finds a resident among many by name, building or room', async () => {
  replyWith(
    'grid',
    'verificationQueue',
    ok([
      entry('r1', '赵*来', '3栋1单元803室'),
      entry('r2', '钱*', '5栋2单元402室'),
      entry('r3', '孙*', '3栋2单元402室'),
    ]),
  );
  const page = await openPage(id);
  expect(textOf(page, '.count')).toBe('共 3 人待核实');
  page.querySelector('.search-input')!.dispatchEvent('input', { detail: { value: '3栋 402' } });
  await simulate.sleep(0);
  expect(textsOf(page, '.who')).toEqual(['孙* · 3栋2单元402室']);
  expect(textOf(page, '.count')).toBe('找到 1 人，共 3 人');
});

function entry(residentId: string, maskedName: string, address: string) {
  return {
    residentId,
    maskedName,
    address,
    reasons: ['新登记住户，待网格员核实'],
    waitingDays: 1,
    since: '2020-02-14T00:00:00.000Z',
  };
}

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

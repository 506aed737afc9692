/** 卡口记录 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { type Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('gatelog/gatelog');

test('scans at my gate, masked, with refusals marked; the next page asks for page 1', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: {
      roles: ['grid_worker'],
      displayName: null,
      enclosureId: 'e',
      enclosureName: '春华苑',
      gates: [{ id: 'g1', name: '春华苑东门' }],
    },
  });
  replyWith('grid', 'gateLogs', (data: Record<string, unknown>) => ({
    code: 0,
    message: 'ok',
    data: {
      page: Number(data.page),
      hasMore: data.page === 0,
      logs: [
        {
          at: '2020-02-15T02:00:00.000Z',
          direction: 'in',
          colour: 'red',
          allowed: false,
          code: 'red_isolation',
          maskedName: '李*华',
          visitor: false,
        },
      ],
    },
  }));
  const page = await openPage(id);
  await new Promise((r) => setTimeout(r, 20));
  expect(textsOf(page, '.name')).toEqual(['李*华']);
  expect(page.querySelectorAll('.log.refused')).toHaveLength(1);
  await tap(page, '.more');
  const searches = cloudCalls().filter((c) => c.data.action === 'gateLogs');
  expect(searches.map((s) => s.data.page)).toEqual([0, 1]);
  expect(searches[0].data).toMatchObject({ gateId: 'g1', pageSize: 20 });
});

const twoGates = ok({
  roles: ['grid_worker' as const],
  displayName: null,
  enclosureId: 'e',
  enclosureName: '春华苑',
  gates: [
    { id: 'g1', name: '春华苑东门' },
    { id: 'g2', name: '春华苑南门' },
  ],
});
const scanAt = (at: string, maskedName: string) => ({
  at,
  direction: 'in' as const,
  colour: 'green' as const,
  allowed: true,
  code: 'ok',
  maskedName,
  visitor: false,
});
async function pick(page: Rendered, selector: string, value: number) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(10);
}

test('shown again, the chosen gate and colour show the scans made meanwhile', async () => {
  replyWith('account', 'me', twoGates);
  replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: false, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  await pick(page, '.gate-picker', 1);
  await pick(page, '.colour-picker', 1);
  expect(textsOf(page, '.filter')).toEqual(['卡口：春华苑南门 ▾', '颜色：绿码 ▾']);

  replyWith(
    'grid',
    'gateLogs',
    ok({
      page: 0,
      hasMore: false,
      logs: [scanAt('2020-02-15T03:00:00.000Z', '赵*来'), scanAt('2020-02-15T02:00:00.000Z', '王*')],
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.name')).toEqual(['赵*来', '王*']);
  expect(cloudCalls().filter((c) => c.data.action === 'me')).toHaveLength(1);
  expect(cloudCalls().pop()!.data).toMatchObject({ action: 'gateLogs', gateId: 'g2', colour: 'green', page: 0 });
});

test('a gate that cannot be searched keeps the gate and scans on screen, and says why in a toast', async () => {
  replyWith('account', 'me', twoGates);
  replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: false, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
  const page = await openPage(id);
  replyWith('grid', 'gateLogs', fail('INTERNAL', '网络异常，请检查网络后重试'));
  await pick(page, '.gate-picker', 1);
  expect(textOf(page, '.state >>> .error-text')).toBeUndefined();
  // The list is still 东门's, and the picker says so.
  expect(textsOf(page, '.filter')).toEqual(['卡口：春华苑东门 ▾', '颜色：全部 ▾']);
  expect(textsOf(page, '.name')).toEqual(['王*']);
  expect(shownToasts()).toEqual([{ title: '网络异常，请检查网络后重试', icon: 'none' }]);
});

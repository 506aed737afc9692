/** 卡口记录 rendered with miniprogram-simulate. */
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textsOf } from './render';

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

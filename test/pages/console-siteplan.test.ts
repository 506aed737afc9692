/** 标注平面图 rendered with miniprogram-simulate: an admin moves a building and saves only what moved. */
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textsOf } from './render';

const id = loadPage('../console/siteplan/siteplan');
const placements = ok({
  enclosureName: '春华苑',
  buildings: [
    { id: 'b1', name: '1栋', position: { x: 25, y: 25 }, placed: false },
    { id: 'b2', name: '2栋', position: { x: 96, y: 25 }, placed: true },
  ],
});
const saved = () =>
  cloudCalls()
    .filter((c) => c.data.action === 'place')
    .map((c) => c.data);

test('a building picked and moved right twice and down once is saved there, alone; the edge holds', async () => {
  replyWith('estate', 'placement', placements);
  replyWith('estate', 'place', ok({ placed: 2 }));
  const page = await openPage(id, { enclosureId: 'enc-chunhua' });
  expect(textsOf(page, '.building')).toEqual(['1栋', '2栋']);
  await tap(page, '.save');
  expect(saved()).toEqual([]);
  expect(shownToasts().pop()).toMatchObject({ title: '没有移动过的楼栋' });
  // The arrows as drawn: ← ↑ ↓ →.
  const arrow = (dir: 'left' | 'up' | 'down' | 'right') =>
    page.querySelectorAll('.arrow')[['left', 'up', 'down', 'right'].indexOf(dir)];
  await tap(page, '.arrow'); // nothing picked yet
  expect(shownToasts().pop()).toMatchObject({ title: '请先点选一栋楼' });
  page.querySelectorAll('.building')[0].dispatchEvent('tap');
  page.querySelectorAll('.building')[1].dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 5));
  arrow('right').dispatchEvent('tap'); // 2栋 at 96: stops at the edge
  page.querySelectorAll('.building')[0].dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 5));
  arrow('right').dispatchEvent('tap');
  arrow('right').dispatchEvent('tap');
  arrow('down').dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 5));
  await tap(page, '.save');
  expect(saved()).toEqual([
    {
      action: 'place',
      enclosureId: 'enc-chunhua',
      positions: [
        { buildingId: 'b1', x: 35, y: 30 },
        { buildingId: 'b2', x: 97, y: 25 },
      ],
    },
  ]);
});

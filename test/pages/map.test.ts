/** 防疫地图 rendered with miniprogram-simulate. */
import type { MapBuilding } from '../../typings';
import simulate from 'miniprogram-simulate';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('map/map');
const building = (over: Partial<MapBuilding>): MapBuilding => ({
  buildingId: 'b1',
  enclosureId: 'enc-chunhua',
  buildingName: '1栋',
  residents: 90,
  neverLeft: 78,
  returned: 10,
  undeclared: 2,
  atStation: 0,
  central: 0,
  isolated: 0,
  green: 85,
  yellow: 5,
  red: 0,
  declarationMissing: 3,
  isolatedUnits: [],
  computedAt: '2020-02-15T02:00:00.000Z',
  contact: null,
  responsible: null,
  ...over,
});
const nobody = { contact: null, responsible: null };

test('the grid worker sees totals, every building’s counts, and isolated units highlighted; export copies the link', async () => {
  const copied: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.setClipboardData = ({ data }: { data: string }) =>
    copied.push(data);
  replyWith('grid', 'map', {
    code: 0,
    message: 'ok',
    data: {
      totals: { residents: 180, isolated: 12, red: 12, yellow: 9, returned: 25 },
      buildings: [
        building({}),
        building({ buildingId: 'b2', buildingName: '2栋', isolated: 12, red: 12, isolatedUnits: [1] }),
      ],
      enclosurePeople: nobody,
    },
  });
  replyWith('grid', 'export', {
    code: 0,
    message: 'ok',
    data: { done: true, fileID: 'cloud://x', url: 'https://example.invalid/map.csv', rows: 2 },
  });
  const page = await openPage(id);
  expect(textsOf(page, '.total')).toEqual(['居住 180', '返回 25', '隔离 12', '红码 12', '黄码 9']);
  // Who never declared is counted apart: not as never having left the city.
  expect(textsOf(page, '.counts')[0]).toMatch(/未离开本市 78 · 离开后返回 10 · 从未申报\s+2 · /);
  expect(textsOf(page, '.building-name')).toEqual(['1栋', '2栋']);
  expect(page.querySelectorAll('.building.has-isolation')).toHaveLength(1);
  expect(textOf(page, '.units')).toBe('隔离单元：1单元');
  await tap(page, '.export');
  expect(cloudCalls()[1].data).toEqual({ action: 'export', kind: 'map' });
  expect(copied).toEqual(['https://example.invalid/map.csv']);
  expect(textOf(page, '.message')).toBe('已导出 2 栋楼（姓名已脱敏），下载链接已复制');
});

test('coming back from a building shows the counts as they are now', async () => {
  const totals = { residents: 180, isolated: 0, red: 0, yellow: 9, returned: 25 };
  replyWith('grid', 'map', ok({ totals, buildings: [building({})], enclosurePeople: nobody }));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textsOf(page, '.total')).toEqual(['居住 180', '返回 25', '隔离 0', '红码 0', '黄码 9']);

  // Meanwhile a unit of 2栋 was put under isolation.
  replyWith(
    'grid',
    'map',
    ok({
      totals: { ...totals, isolated: 12, red: 12 },
      buildings: [building({}), building({ buildingId: 'b2', buildingName: '2栋', isolated: 12, isolatedUnits: [1] })],
      enclosurePeople: nobody,
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.total')).toEqual(['居住 180', '返回 25', '隔离 12', '红码 12', '黄码 9']);
  expect(textOf(page, '.units')).toBe('隔离单元：1单元');
});

test('a map that cannot be loaded says why, and 重试 loads it', async () => {
  replyWith('grid', 'map', fail('PERMISSION_DENIED', '只有网格员可以查看防疫地图'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('只有网格员可以查看防疫地图');
  replyWith(
    'grid',
    'map',
    ok({
      totals: { residents: 90, isolated: 0, red: 0, yellow: 5, returned: 10 },
      buildings: [building({})],
      enclosurePeople: nobody,
    }),
  );
  await tap(page, '.state >>> .retry');
  expect(textsOf(page, '.building-name')).toEqual(['1栋']);
});

test('opened from the street console with an enclosure, the map asks the estate function for that enclosure', async () => {
  replyWith(
    'estate',
    'map',
    ok({
      enclosureName: '立新村',
      totals: { residents: 9, isolated: 2, red: 1, yellow: 0, returned: 3 },
      buildings: [],
      enclosurePeople: nobody,
    }),
  );
  const page = await openPage(id, { enclosureId: 'enc-lixin' });
  expect(cloudCalls().map((c) => [c.name, c.data])).toEqual([['estate', { action: 'map', enclosureId: 'enc-lixin' }]]);
  expect(textOf(page, '.enclosure-name')).toBe('立新村');
  expect(textOf(page, '.isolated')).toBe('隔离 2');
  // Exports are the grid worker's (their own grids), not offered here.
  expect(page.querySelector('.export')).toBeUndefined();
});

test('有事找谁: the enclosure’s two people and each building’s 包干责任人, a tap dials; a building opens its floors', async () => {
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const dialled: string[] = [];
  const opened: string[] = [];
  wxMock.makePhoneCall = ({ phoneNumber }: { phoneNumber: string }) => dialled.push(phoneNumber);
  wxMock.navigateTo = ({ url }: { url: string }) => opened.push(url);
  replyWith(
    'grid',
    'map',
    ok({
      totals: { residents: 180, isolated: 0, red: 0, yellow: 9, returned: 25 },
      buildings: [
        building({ responsible: { name: '楼长王芳', phone: '13800000003' } }),
        building({ buildingId: 'b2', buildingName: '2栋' }),
      ],
      enclosurePeople: { contact: { name: '李联络', phone: '13800000001' }, responsible: null },
    }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.person')).toEqual(['联系人 李联络 13800000001']);
  expect(textsOf(page, '.responsible')).toEqual(['包干责任人 楼长王芳 13800000003']);
  await tap(page, '.person');
  await tap(page, '.responsible .phone');
  expect(dialled).toEqual(['13800000001', '13800000003']);
  expect(opened).toEqual([]); // dialling from a building card does not open it
  const cards = page.querySelectorAll('.building');
  cards[1].dispatchEvent('tap');
  await simulate.sleep(0);
  expect(opened).toEqual(['/pages/building/building?buildingId=b2']);
});

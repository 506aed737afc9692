/** 防疫地图 rendered with miniprogram-simulate. */
import type { MapBuilding } from '../../typings';
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('map/map');
const building = (over: Partial<MapBuilding>): MapBuilding => ({
  buildingId: 'b1',
  enclosureId: 'enc-chunhua',
  buildingName: '1栋',
  residents: 90,
  neverLeft: 80,
  returned: 10,
  isolated: 0,
  green: 85,
  yellow: 5,
  red: 0,
  declarationMissing: 3,
  isolatedUnits: [],
  computedAt: '2020-02-15T02:00:00.000Z',
  ...over,
});

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
    },
  });
  replyWith('grid', 'export', {
    code: 0,
    message: 'ok',
    data: { fileID: 'cloud://x', url: 'https://example.invalid/map.csv', rows: 2 },
  });
  const page = await openPage(id);
  expect(textsOf(page, '.total')).toEqual(['居住 180', '返回 25', '隔离 12', '红码 12', '黄码 9']);
  expect(textsOf(page, '.building-name')).toEqual(['1栋', '2栋']);
  expect(page.querySelectorAll('.building.has-isolation')).toHaveLength(1);
  expect(textOf(page, '.units')).toBe('隔离单元：1单元');
  await tap(page, '.export');
  expect(cloudCalls()[1].data).toEqual({ action: 'export', kind: 'map' });
  expect(copied).toEqual(['https://example.invalid/map.csv']);
  expect(textOf(page, '.message')).toBe('已导出 2 栋楼（姓名已脱敏），下载链接已复制');
});

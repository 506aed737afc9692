/** 楼栋详情 rendered with miniprogram-simulate. */
import { cloudCalls, replyWith } from './cloud-mock';
import { loadPage, openPage, textOf, textsOf } from './render';

const id = loadPage('building/building');

test('a building floor by floor, top floor first, isolated floors marked', async () => {
  replyWith('grid', 'building', {
    code: 0,
    message: 'ok',
    data: {
      buildingId: 'b4',
      buildingName: '4栋',
      isolatedUnits: [2],
      byFloor: {
        '1': { residents: 6, isolated: 0, red: 0, yellow: 1 },
        '2': { residents: 5, isolated: 5, red: 5, yellow: 0 },
      },
    },
  });
  const page = await openPage(id, { buildingId: 'b4' });
  expect(cloudCalls()[0].data).toEqual({ action: 'building', buildingId: 'b4' });
  expect(textOf(page, '.title')).toBe('4栋 · 隔离单元：2单元');
  expect(textsOf(page, '.floor-no')).toEqual(['2层', '1层']);
  expect(page.querySelectorAll('.floor.isolated')).toHaveLength(1);
});

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
      enclosureId: 'enc-chunhua',
      buildingName: '4栋',
      residents: 11,
      neverLeft: 8,
      returned: 3,
      isolated: 5,
      green: 5,
      yellow: 1,
      red: 5,
      declarationMissing: 1,
      isolatedUnits: [2],
      computedAt: '2020-02-15T02:00:00.000Z',
      byFloor: {
        '1': {
          residents: 6,
          neverLeft: 5,
          returned: 1,
          isolated: 0,
          green: 5,
          yellow: 1,
          red: 0,
          declarationMissing: 1,
        },
        '2': {
          residents: 5,
          neverLeft: 3,
          returned: 2,
          isolated: 5,
          green: 0,
          yellow: 0,
          red: 5,
          declarationMissing: 0,
        },
      },
    },
  });
  const page = await openPage(id, { buildingId: 'b4' });
  expect(cloudCalls()[0].data).toEqual({ action: 'building', buildingId: 'b4' });
  expect(textOf(page, '.title')).toBe('4栋 · 隔离单元：2单元');
  expect(textsOf(page, '.floor-no')).toEqual(['2层', '1层']);
  expect(page.querySelectorAll('.floor.isolated')).toHaveLength(1);
});

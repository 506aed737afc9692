/** 楼栋详情 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, textOf, textsOf } from './render';

const id = loadPage('building/building');
/** A floor's counts: six residents, one back from elsewhere, none isolated. */
const floor = {
  residents: 6,
  neverLeft: 4,
  returned: 1,
  undeclared: 1,
  atStation: 0,
  central: 0,
  isolated: 0,
  green: 5,
  yellow: 1,
  red: 0,
  declarationMissing: 1,
};
/** 4栋 without its floors; each test adds them. */
const detail = {
  buildingId: 'b4',
  enclosureId: 'enc-chunhua',
  buildingName: '4栋',
  ...floor,
  isolatedUnits: [] as number[],
  computedAt: '2020-02-15T02:00:00.000Z',
};

test('a building floor by floor, top floor first, isolated floors marked', async () => {
  const isolatedFloor = {
    ...floor,
    residents: 5,
    neverLeft: 3,
    returned: 2,
    undeclared: 0,
    atStation: 0,
    central: 0,
    isolated: 5,
    green: 0,
    yellow: 0,
    red: 5,
  };
  replyWith(
    'grid',
    'building',
    ok({
      ...detail,
      residents: 11,
      neverLeft: 8,
      returned: 3,
      isolated: 5,
      red: 5,
      isolatedUnits: [2],
      byFloor: { '1': floor, '2': { ...isolatedFloor, declarationMissing: 0 } },
    }),
  );
  const page = await openPage(id, { buildingId: 'b4' });
  expect(cloudCalls()[0].data).toEqual({ action: 'building', buildingId: 'b4' });
  expect(textOf(page, '.title')).toBe('4栋 · 隔离单元：2单元');
  expect(textsOf(page, '.floor-no')).toEqual(['2层', '1层']);
  expect(page.querySelectorAll('.floor.isolated')).toHaveLength(1);
});

test('shown again, the same building is asked for and its floors are as they are now', async () => {
  const answer = (isolated: number) =>
    ok({
      ...detail,
      isolated,
      isolatedUnits: isolated ? [1] : [],
      byFloor: { '1': { ...floor, isolated, red: isolated } },
    });
  replyWith('grid', 'building', answer(0));
  const page = await openPage(id, { buildingId: 'b4' });
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  expect(textOf(page, '.title')).toBe('4栋');

  replyWith('grid', 'building', answer(6));
  shown.onShow();
  await simulate.sleep(10);
  expect(cloudCalls().map((c) => c.data)).toEqual([
    { action: 'building', buildingId: 'b4' },
    { action: 'building', buildingId: 'b4' },
  ]);
  expect(textOf(page, '.title')).toBe('4栋 · 隔离单元：1单元');
  expect(page.querySelectorAll('.floor.isolated')).toHaveLength(1);
});

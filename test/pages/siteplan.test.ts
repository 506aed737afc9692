/**
 * 防疫地图 (平面图) rendered with miniprogram-simulate: buildings placed and coloured, one opened to
 * its floors with the sealed units marked; and the residents' version, saved as a poster.
 */
import type { PlanBuilding, PublicPlan, SitePlan } from '../../typings';
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('siteplan/siteplan');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const building = (overrides: Partial<PlanBuilding>): PlanBuilding => ({
  id: 'b1',
  name: '1栋',
  position: { x: 20, y: 30 },
  tone: 'green',
  units: 2,
  floors: 3,
  isolatedUnits: [],
  residents: 60,
  isolated: 0,
  returned: 4,
  red: 0,
  yellow: 0,
  mine: true,
  contact: { name: '王伟', phone: '13800000001' },
  responsible: null,
  ...overrides,
});
const plan: SitePlan = {
  enclosureName: '春华苑',
  computedAt: '2020-02-12T02:00:00.000Z',
  buildings: [
    building({}),
    building({ id: 'b3', name: '3栋', tone: 'isolated', isolatedUnits: [2], isolated: 18, position: { x: 70, y: 30 } }),
    building({ id: 'b9', name: '9栋', tone: 'red', red: 1, mine: false, position: { x: 50, y: 80 } }),
  ],
  totals: { residents: 180, isolated: 18, returned: 12, red: 1, yellow: 0 },
  enclosurePeople: { contact: null, responsible: null },
};

test('each building sits where the plan puts it, coloured by its state; a sealed one opens to its floors', async () => {
  replyWith('grid', 'plan', ok(plan));
  replyWith(
    'grid',
    'building',
    ok({ byFloor: { '3': { isolated: 6 }, '2': { isolated: 6 }, '1': { isolated: 6 } } } as never),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.building-name')).toEqual(['1栋', '3栋', '9栋']);
  expect(page.querySelectorAll('.building')[1].dom!.getAttribute('style')).toContain('left: 70%');
  const tones = page.querySelectorAll('.building').map((b) => b.dom!.className);
  expect(tones[1]).toMatch(/tone-isolated/);
  expect(tones[2]).toMatch(/tone-red/);
  expect(tones[0]).toMatch(/tone-green/);
  page.querySelectorAll('.building')[1].dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 10));
  expect(cloudCalls().filter((c) => c.data.action === 'building')).toEqual([
    { name: 'grid', data: { action: 'building', buildingId: 'b3' } },
  ]);
  expect(textOf(page, '.picked-name')).toBe('3栋 · 有封闭单元');
  // Floors top down; unit 2 sealed on every floor.
  expect(textsOf(page, '.floor-label')).toEqual(['3F', '2F', '1F']);
  expect(page.querySelectorAll('.sealed')).toHaveLength(3);
  expect(textsOf(page, '.floor-isolated')).toEqual(['隔离 6', '隔离 6', '隔离 6']);
});

test('a building of another grid shows its totals but asks for no floors', async () => {
  replyWith('grid', 'plan', ok(plan));
  const page = await openPage(id);
  page.querySelectorAll('.building')[2].dispatchEvent('tap');
  await new Promise((r) => setTimeout(r, 10));
  expect(cloudCalls().filter((c) => c.data.action === 'building')).toEqual([]);
  expect(textOf(page, '.elevation-note')).toBe('非本人网格的楼栋，只显示合计');
  expect(textOf(page, '.picked-name')).toBe('9栋 · 有红码');
});

test('the residents’ version shows the cloud’s counts and saves a poster with no small number on it', async () => {
  const shown: PublicPlan = {
    enclosureName: '春华苑',
    computedAt: '2020-02-12T02:00:00.000Z',
    buildings: [
      {
        id: 'b1',
        name: '1栋',
        position: { x: 20, y: 30 },
        sealed: false,
        sealedUnits: 0,
        residents: 60,
        returned: '<5',
        isolated: 0,
      },
      {
        id: 'b3',
        name: '3栋',
        position: { x: 70, y: 30 },
        sealed: true,
        sealedUnits: 1,
        residents: 60,
        returned: 8,
        isolated: 18,
      },
    ],
    totals: { residents: 120, returned: null, isolated: 18 },
    contact: { name: '王伟', phone: '138****0001' },
  };
  replyWith('grid', 'publicPlan', ok(shown));
  const texts: string[] = [];
  const pen = new Proxy({} as Record<string, unknown>, {
    get: (target, key) =>
      key === 'fillText' ? (t: string) => texts.push(t) : (target[key as string] ?? (() => undefined)),
    set: (target, key, value) => ((target[key as string] = value), true),
  });
  wxMock.createOffscreenCanvas = () => ({ getContext: () => pen });
  wxMock.canvasToTempFilePath = async () => ({ tempFilePath: 'wxfile://poster.png' });
  const saved: unknown[] = [];
  wxMock.saveImageToPhotosAlbum = async (o: unknown) => saved.push(o);
  const page = await openPage(id, { public: '1' });
  expect(cloudCalls().map((c) => c.data.action)).toEqual(['publicPlan']);
  expect(onScreen(page, '.legend')).toBe(false);
  expect(textOf(page, '.contact')).toBe('有事找：王伟 138****0001');
  expect(textsOf(page, '.building-count')).toEqual(['居住 60', '隔离 0', '居住 60', '封闭单元 1']);
  await tap(page, '.save');
  expect(saved).toEqual([{ filePath: 'wxfile://poster.png' }]);
  expect(texts).toEqual(
    expect.arrayContaining([
      '春华苑 防疫地图',
      '1栋',
      '居住 60',
      '封闭单元 1',
      '合计：居住 120  离开后返回 —  隔离 18',
    ]),
  );
  expect(shownToasts()).toContainEqual(expect.objectContaining({ title: '已保存到相册' }));
});

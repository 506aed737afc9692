/** 街道总览 rendered with miniprogram-simulate: the sum, the enclosures most in need first, and the way to each map. */
import type { EnclosureTally } from '../../typings';
import { fail, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('../console/overview/overview');
const tally = (name: string, over: Partial<EnclosureTally>): EnclosureTally => ({
  enclosureId: `enc-${name}`,
  name,
  communityName: '红荔社区',
  retired: false,
  residents: 100,
  returned: 10,
  isolated: 0,
  red: 0,
  yellow: 0,
  declarationMissing: 5,
  ...over,
});

test('the sum of the street, then the enclosures with most red first; tapping one opens its map', async () => {
  const navigated: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    navigated.push(url);
  replyWith(
    'estate',
    'overview',
    ok({
      enclosures: [
        tally('春华苑', { red: 1, isolated: 4 }),
        tally('立新村', { red: 3 }),
        tally('旧厂区', { retired: true, red: 9 }),
        tally('翠竹苑', { red: 1, isolated: 6 }),
      ],
      totals: { residents: 400, returned: 40, isolated: 10, red: 14, yellow: 0, declarationMissing: 20 },
    }),
  );
  const page = await openPage(id);
  expect(textOf(page, '.totals .red')).toBe('红码 14');
  expect(textOf(page, '.totals .missing')).toBe('今日未申报 20');
  // Retired enclosures are history, not a place to watch.
  expect(textsOf(page, '.enclosure .name').map((n) => n.split(' · ')[0])).toEqual(['立新村', '翠竹苑', '春华苑']);
  await tap(page, '.enclosure');
  expect(navigated).toEqual(['/pages/map/map?enclosureId=enc-立新村']);
});

test('the street as a picture: a tile per enclosure coloured as its worst, each opening its map', async () => {
  const navigated: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    navigated.push(url);
  replyWith(
    'estate',
    'overview',
    ok({
      enclosures: [
        tally('春华苑', { isolated: 4 }),
        tally('立新村', { red: 3, isolated: 2 }),
        tally('翠竹苑', { yellow: 2 }),
        tally('新村', {}),
        tally('空楼', { residents: 0, returned: 0, declarationMissing: 0 }),
      ],
      totals: { residents: 400, returned: 40, isolated: 6, red: 3, yellow: 2, declarationMissing: 20 },
    }),
  );
  const page = await openPage(id);
  const tiles = page
    .querySelectorAll('.tile')
    .map((t) => [t.dom!.querySelector('[class*="tile-name"]')!.textContent, t.dom!.className.match(/tone-(\w+)/)![1]]);
  expect(tiles).toEqual([
    ['立新村', 'red'],
    ['春华苑', 'isolated'],
    ['翠竹苑', 'yellow'],
    ['新村', 'green'],
    ['空楼', 'empty'],
  ]);
  await tap(page, '.tile');
  expect(navigated).toEqual(['/pages/map/map?enclosureId=enc-立新村']);
});

test('someone who is not an admin sees the refusal', async () => {
  replyWith('estate', 'overview', fail('PERMISSION_DENIED', '仅街道或社区管理员可以查看街道总览'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('仅街道或社区管理员可以查看街道总览');
});

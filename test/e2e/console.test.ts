/**
 * 街道工作台 driven in Chromium through the preview host, as the street admin of the demo estate
 * would use it on day one: the 社区 and their enclosures, one enclosure's buildings, gates and
 * grids, the street overview, and inviting a grid worker who accepts on their own phone. The
 * screens on the way are the README's (docs/screenshots/console-*.png).
 */
import { decodeQrPng } from '../../localcloud/test/qr-decode';
import {
  World,
  become,
  becomeOpenid,
  byClass,
  docShot,
  expectText,
  journey,
  openPath,
  pagePrefix,
  pick,
  screen,
  startWorld,
  stopWorld,
  tapText,
  typeInto,
} from './browser';

let world: World;

beforeAll(async () => {
  world = await startWorld();
  // A page that fails to open leaves no page on screen: fail on the step, within the test's budget.
  world.page.setDefaultTimeout(10_000);
}, 60_000);
afterAll(() => stopWorld(world));

/**
 * Texts of the top page's elements with the WXML classes, whitespace folded: `'counts'`, or
 * `'gate item-name'` for an `item-name` inside a `gate`.
 */
async function textsOf(classes: string): Promise<string[]> {
  const top = screen(world.page);
  const prefix = pagePrefix((await top.getAttribute('data-route'))!);
  const selector = classes
    .split(' ')
    .map((cls) => `.${prefix}--${cls}`)
    .join(' ');
  const texts = await top.locator(selector).allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** How many people the enclosure's 防疫地图 counts: one status document each. */
const residentsOf = (enclosureId: string) =>
  world.cloud.db.find('statuses', { enclosureId }, { limit: 100_000 }).docs.length;

test('the street admin walks the console, invites a grid worker, and the invitee becomes one', async () => {
  const { page } = world;
  const newcomer = 'e2e-new-grid-worker';
  await journey(world, 'console-invite-accepted', async () => {
    await become(page, '街道管理员');
    await tapText(page, '街道工作台');
    await expectText(page, 'community-name', '红荔社区');
    expect(await textsOf('enclosure-name')).toEqual(['春华苑', '立新村']);
    expect(await textsOf('counts')).toEqual(['楼栋 12 · 卡口 2 · 网格 2', '楼栋 8 · 卡口 1 · 网格 2']);
    await docShot(world, 'console-home');

    await tapText(page, '春华苑');
    await expectText(page, 'enclosure-name', '春华苑');
    await expectText(page, 'counts', '楼栋 12 · 卡口 2 · 网格 2');
    const buildings = await textsOf('building item-name');
    expect(buildings).toHaveLength(12);
    expect(buildings.slice(0, 2)).toEqual(['1栋', '2栋']);
    expect(await textsOf('gate item-name')).toEqual(['春华苑东门', '春华苑南门']);
    expect(await textsOf('grid item-name')).toEqual(['春华苑第1网格', '春华苑第2网格']);
    expect(await textsOf('grid held')).toEqual([
      '楼栋：1栋、2栋、3栋、4栋、5栋、6栋',
      '楼栋：7栋、8栋、9栋、10栋、11栋、12栋',
    ]);
    // The end of the building list, the gates and the grids in one phone screen.
    await (await byClass(page, 'grids')).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await docShot(world, 'console-enclosure');

    await page.click('#nav-back');
    await tapText(page, '街道总览');
    await expectText(page, 'totals', '合计（2 个围合区）');
    const [chunhua, lixin] = [residentsOf('enc-chunhua'), residentsOf('enc-lixin')];
    expect(chunhua).toBeGreaterThan(0);
    // j-component trims the space before `·` that WeChat would show: compare without it.
    const names = (await textsOf('enclosure name')).map((n) => n.replace(/\s*·\s*/, ' · '));
    expect(names).toEqual(['春华苑 · 红荔社区', '立新村 · 红荔社区']);
    const rows = await textsOf('enclosure counts');
    expect(rows[0]).toMatch(new RegExp(`^居住 ${chunhua} 返回 \\d+ 隔离 \\d+ 红 \\d+ 黄 \\d+ 未申报 \\d+$`));
    expect(rows[1]).toMatch(new RegExp(`^居住 ${lixin} 返回 \\d+ 隔离 \\d+ 红 \\d+ 黄 \\d+ 未申报 \\d+$`));
    await expectText(page, 'totals', `居住 ${chunhua + lixin}`);
    await docShot(world, 'console-overview');

    await page.click('#nav-back');
    await tapText(page, '邀请工作人员 ›');
    await pick(page, /^角色：/, '网格员');
    await typeInto(page, 'name', '春华苑东门值守');
    await pick(page, /^围合区：/, '红荔社区 · 春华苑');
    await screen(page).getByText('春华苑第1网格', { exact: true }).click();
    await screen(page).getByText('春华苑东门', { exact: true }).click();
    await (await byClass(page, 'submit')).click();
    await expectText(page, 'issued', '邀请已生成：网格员 · 春华苑 · 春华苑第1网格 · 卡口：春华苑东门');
    await expectText(page, 'who', '网格员 · 春华苑东门值守');
    await expectText(page, 'state-text', '待接受');

    // The 小程序码 on screen is an image that loaded, and it holds the code printed below it.
    const qr = (await byClass(page, 'qr')).locator('img');
    await qr.evaluate((img: HTMLImageElement) => img.decode());
    const png = await qr.evaluate(async (img: HTMLImageElement) => {
      const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
      return Array.from(bytes);
    });
    const code = (await textsOf('code'))[0].replace(/ /g, '');
    expect(code).toMatch(/^[a-z0-9]{16}$/);
    expect(decodeQrPng(Buffer.from(png))).toBe(code);
    await page.locator('.wx-toast').waitFor({ state: 'detached' }); // 邀请已生成 covers the code
    await docShot(world, 'console-invite');

    // On the invitee's phone: the card (or the code) opens the invitation, which they accept.
    await becomeOpenid(page, newcomer);
    await expectText(page, 'greeting', '您好');
    await openPath(page, `/pages/invite/invite?code=${code}`);
    await expectText(page, 'role', '网格员');
    await expectText(page, 'scope', '春华苑 · 春华苑第1网格 · 卡口：春华苑东门');
    await expectText(page, 'who', '邀请对象：春华苑东门值守 · 邀请人：街道管理员');
    await (await byClass(page, 'accept')).click();

    await page.waitForSelector('.mp-page[data-route="pages/home/home"]:not([hidden]) [class*="--entry-title"]');
    await expectText(page, 'roles', '网格员');
    await expectText(page, 'enclosure', '所在围合区：春华苑');
    const entries = await textsOf('entry-title');
    expect(entries).toEqual(expect.arrayContaining(['扫码核验', '隔离名单', '防疫地图', '待核实住户']));
    expect(entries).not.toContain('街道工作台');
    // The gate they were invited to, and only that one, is theirs to guard.
    await tapText(page, '扫码核验');
    await expectText(page, 'gate', '卡口：春华苑东门');
  });
});

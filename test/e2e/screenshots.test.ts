/**
 * The screenshots of docs/pages.md: the main pages of the mini-program as the demo estate's people
 * see them, each in the ordinary look and in 关怀模式 (large text, for elders), in a phone-sized
 * window so that the picture is the phone. `UPDATE_SCREENSHOTS=1` writes them into
 * docs/screenshots/ (`<page>.png`, `<page>-care.png`); an ordinary run leaves them in
 * test-results/e2e/. Each pair also checks what someone would notice: in 关怀模式 the page's text
 * is larger, and nothing spills sideways off the screen.
 */
import { demoBatch } from '../../demo/batch';
import {
  World,
  become,
  byClass,
  docShot,
  expectText,
  journey,
  openPath,
  scanPassShownBy,
  screen,
  startWorld,
  stopWorld,
  callFunction,
} from './browser';

let world: World;
let batchId = '';
const HOUR = 3600_000;
const GREEN = '居民（绿码）';
const ISOLATED = '居民（红码·武汉返回）';
const GRID_WORKER = '网格员 · 春华苑第1网格';
const ORGANISER = 'demo-grid-11';
const GREEN_OPENID = 'demo-resident-00001';

/** A function call as someone, through the gateway; throws when the function refuses. */
const callAs = <B extends { action: string }>(openid: string, fn: string, body: B) =>
  callFunction(world, openid, fn, body);

/** How far to move the clock so that it is inside a check-in window (07–10 or 17–20 CST). */
function intoCheckinWindow(now: number): number {
  const cstHour = new Date(now + 8 * HOUR).getUTCHours();
  if ((cstHour >= 7 && cstHour < 10) || (cstHour >= 17 && cstHour < 20)) return 0;
  const target = cstHour < 7 ? 7.5 : cstHour < 17 ? 17.5 : 31.5;
  const cstMidnight = Math.floor((now + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  return cstMidnight + target * HOUR - now;
}

beforeAll(async () => {
  world = await startWorld();
  world.page.setDefaultTimeout(10_000);
  // A phone-sized window is the phone (preview/host/host.css): the screenshot is the phone alone.
  await world.page.setViewportSize({ width: 375, height: 740 });
  // Inside a check-in window, so that 隔离打卡 shows its form rather than the next window.
  world.cloud.clockOffsetMs += intoCheckinWindow(Date.now() + world.cloud.clockOffsetMs);
  // An open group order of the green resident's enclosure, in which the household has ordered.
  const cutoff = Date.now() + world.cloud.clockOffsetMs + 24 * HOUR;
  batchId = String((await callAs(ORGANISER, 'groupbuy', demoBatch(cutoff, 'e2e-shots-batch'))).batchId);
  const lines = [
    { itemId: 'i1', qty: 2 },
    { itemId: 'i2', qty: 1 },
  ];
  await callAs(GREEN_OPENID, 'groupbuy', {
    action: 'order',
    batchId,
    requestId: 'e2e-shots-order',
    baseVersion: 0,
    lines,
  });
}, 60_000);
afterAll(() => stopWorld(world));

/** A page to photograph: where it is, what shows it has loaded, and a text that grows in 关怀模式. */
interface Shot {
  name: string;
  url: string;
  /** `byClass` of an element that is there once the page has its data. */
  ready: string;
  /** `byClass` of a text whose font size 关怀模式 enlarges. */
  text: string;
}

/** Waits until the page is drawn with its data, then shoots it from the top, as the phone shows it. */
async function shoot(name: string, ready: string): Promise<void> {
  const { page } = world;
  await (await byClass(page, ready)).first().waitFor();
  await screen(page).locator('.c-load-state--loading').waitFor({ state: 'detached' });
  await page.evaluate(async () => {
    await document.fonts.ready;
    window.scrollTo(0, 0);
    document.getElementById('phone-screen')!.scrollTop = 0;
  });
  await docShot(world, name);
}

/** What a reader of the two pictures compares: the page in 关怀模式 or not, a text's size, sideways overflow. */
async function looks(text: string): Promise<{ care: boolean; fontPx: number; overflowPx: number }> {
  const { page } = world;
  const care = await careOn();
  const fontPx = await (await byClass(page, text)).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const overflowPx = await page.evaluate(() => {
    const s = document.getElementById('phone-screen')!;
    return s.scrollWidth - s.clientWidth;
  });
  return { care, fontPx, overflowPx };
}

/** Whether the top page wears 关怀模式: an element of it has the `care` class (`p-<page>--care`). */
async function careOn(): Promise<boolean> {
  return screen(world.page).evaluate((root) =>
    [root, ...root.querySelectorAll('*')].some((el) => [...el.classList].some((c) => /^p-[\w-]+--care$/.test(c))),
  );
}

/** Opens 首页 afresh (the host's 回到首页) and waits for its greeting. */
async function home(): Promise<void> {
  await world.page.click('#home');
  await world.page.waitForSelector('.mp-page[data-route="pages/home/home"]:not([hidden]) [class*="--greeting"]');
}

/** Turns 关怀模式 on or off with 首页's switch, as the person would. */
async function switchCare(on: boolean): Promise<void> {
  const { page } = world;
  await home();
  if ((await careOn()) === on) return;
  await (await byClass(page, 'care-toggle')).click();
  for (const started = Date.now(); (await careOn()) !== on; await page.waitForTimeout(100))
    if (Date.now() - started > 5_000) throw new Error(`关怀模式 did not turn ${on ? 'on' : 'off'}`);
}

/**
 * Shoots each page in the ordinary look, switches 关怀模式 on on 首页, shoots each again as
 * `<name>-care`, and checks each pair; then turns it off again.
 */
async function pairs(shots: Shot[]): Promise<void> {
  const normal = new Map<string, Awaited<ReturnType<typeof looks>>>();
  for (const care of [false, true]) {
    await switchCare(care);
    for (const s of shots) {
      if (s.url === '/pages/home/home') await home();
      else await openPath(world.page, s.url);
      await shoot(care ? `${s.name}-care` : s.name, s.ready);
      const seen = await looks(s.text);
      expect([s.name, seen.care]).toEqual([s.name, care]);
      expect([s.name, seen.overflowPx]).toEqual([s.name, 0]);
      if (!care) normal.set(s.name, seen);
      else if (!(seen.fontPx > normal.get(s.name)!.fontPx))
        throw new Error(
          `${s.name}: ${s.text} is ${seen.fontPx}px in 关怀模式, ${normal.get(s.name)!.fontPx}px without`,
        );
    }
  }
  await switchCare(false);
}

test('a green resident’s pages, ordinary and in 关怀模式: 首页 with the live pass, 通行码, 健康申报, 我的家庭, 团购, 订单', async () => {
  await journey(world, 'screenshots-resident', async () => {
    await become(world.page, GREEN);
    await pairs([
      { name: 'home', url: '/pages/home/home', ready: 'pass-view:qr-cell', text: 'greeting' },
      { name: 'pass', url: '/pages/pass/pass', ready: 'pass-view:qr-cell', text: 'pass-view:colour-label' },
      { name: 'report', url: '/pages/report/report', ready: 'temperature', text: 'label' },
      { name: 'household', url: '/pages/household/household', ready: 'member', text: 'member-relation' },
      { name: 'batches', url: '/pages/batches/batches', ready: 'batch', text: 'cutoff' },
      { name: 'batch', url: `/pages/batch/batch?id=${batchId}`, ready: 'supplier', text: 'organiser' },
      { name: 'myorders', url: '/pages/myorders/myorders', ready: 'order', text: 'pickup' },
    ]);
  });
}, 90_000);

test('an isolated resident’s 隔离打卡, ordinary and in 关怀模式', async () => {
  await journey(world, 'screenshots-isolation', async () => {
    await become(world.page, ISOLATED);
    await pairs([{ name: 'isolation', url: '/pages/isolation/isolation', ready: 'temperature', text: 'label' }]);
  });
});

test('a grid worker’s 首页 and 隔离名单 with a fever to call about, and 扫码核验 letting a green pass in', async () => {
  const { page, demo } = world;
  await journey(world, 'screenshots-worker', async () => {
    // The isolated resident checks in with a fever, so that 隔离名单 has someone to call.
    const isolated = demo.examples.wuhan_returnee.openid;
    await callAs(isolated, 'quarantine', { action: 'checkin', temperature: 37.8, symptoms: [] });
    // The green resident shows the pass, so that the gate's camera has one to read.
    await become(page, GREEN);
    await openPath(page, '/pages/pass/pass');
    await (await byClass(page, 'pass-view:qr-cell')).first().waitFor();

    await become(page, GRID_WORKER);
    await shoot('worker-home', 'entry-title');
    await expectText(page, 'roles', '网格员');
    await openPath(page, '/pages/roster/roster');
    await shoot('roster', 'alert');
    await expectText(page, 'alert-detail', '37.8');

    await openPath(page, '/pages/scan/scan');
    await shoot('scan', 'scan-button');
    await expectText(page, 'gate', '卡口：');
    await (await byClass(page, 'scan-button')).click();
    await scanPassShownBy(page, '绿码', GREEN);
    await expectText(page, 'verdict-title', '绿码 · 放行');
    await shoot('scan-allowed', 'verdict-title');

    // 防疫地图 as a picture: a unit isolation colours its building; the residents' version to print.
    await callAs('demo-grid-11', 'quarantine', {
      action: 'isolateUnit',
      requestId: 'e2e-shots-unit',
      buildingId: 'enc-chunhua-b03',
      unit: 2,
      reason: '3栋2单元出现确诊病例',
    });
    await openPath(page, '/pages/siteplan/siteplan');
    await shoot('siteplan', 'building-name');
    await expectText(page, 'title', '春华苑 防疫地图');
    await openPath(page, '/pages/siteplan/siteplan?public=1');
    await shoot('siteplan-public', 'building-count');
    await expectText(page, 'note', '不足 5 人的不显示具体人数');
  });
});

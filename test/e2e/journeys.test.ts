/**
 * The mini-program driven in Chromium through the preview host, as people of the demo estate
 * would use it: a returnee reports, the gate refuses and admits, a household orders groceries,
 * an isolated resident checks in.
 */
import { demoBatch } from '../../demo/batch';
import {
  World,
  become,
  byClass,
  cstDate,
  expectText,
  journey,
  pick,
  scanPassShownBy,
  screen,
  snap,
  startWorld,
  stopWorld,
  tapText,
  typeInto,
} from './browser';

let world: World;
const HOUR = 3600_000;

beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => stopWorld(world));

/** A green resident of 春华苑 with a WeChat account who is none of the named demo logins. */
function anotherGreenResident(): { openid: string; maskedName: string } {
  const named = new Set(Object.values(world.demo.examples).map((e) => e.openid));
  const statuses = world.cloud.db.find('statuses', { enclosureId: 'enc-chunhua', colour: 'green' }, { limit: 500 })
    .docs as { residentId: string; maskedName: string }[];
  for (const s of statuses) {
    const [resident] = world.cloud.db.find('residents', { _id: s.residentId }, { limit: 1 }).docs as {
      openid?: string;
    }[];
    if (resident.openid && !named.has(resident.openid)) return { openid: resident.openid, maskedName: s.maskedName };
  }
  throw new Error('no green resident with an account');
}

async function becomeOpenid(openid: string) {
  const { page } = world;
  await page.fill('#custom-openid', openid);
  await page.click('#custom-identity button');
  await page.waitForSelector('.mp-page[data-route="pages/home/home"]:not([hidden]) [class*="--greeting"]');
}

let returnee: { openid: string; maskedName: string };

test('a resident reports a trip to Wuhan and sees a red pass with its reason and end date', async () => {
  const { page, cloud } = world;
  returnee = anotherGreenResident();
  await journey(world, 'report-red-pass', async () => {
    await becomeOpenid(returnee.openid);
    await tapText(page, '健康申报');
    await typeInto(page, 'temperature', '36.6');
    await tapText(page, '＋ 添加行程');
    await pick(page, /^地区：/, '湖北省武汉市');
    await typeInto(page, 'trip-place', '武汉市江岸区');
    await pick(page, /^到达日期/, cstDate(cloud, -9));
    await pick(page, /^离开日期/, cstDate(cloud, -3));
    await pick(page, /^返回本市日期/, cstDate(cloud, -3));
    await (await byClass(page, 'submit')).click();
    await (await byClass(page, 'view-pass')).click();
    await screen(page).locator('[class*="--banner"]').waitFor();
    await expectText(page, 'pass-view:banner', '红码');
    await expectText(page, 'pass-view:banner', /隔离至 \d+月\d+日/);
    await expectText(page, 'pass-view:reasons', '武汉');
    await expectText(page, 'pass-view:reasons', /预计至 \d+月\d+日/);
  });
});

test('a grid worker scans the red pass and is refused, then scans a green pass and lets them in', async () => {
  const { page } = world;
  await journey(world, 'gate-verdicts', async () => {
    await become(page, '居民（绿码）');
    await tapText(page, '我的通行码');
    await screen(page).locator('[class*="--qr-cell"]').first().waitFor();
    await become(page, '网格员 · 春华苑第1网格');
    await tapText(page, '扫码核验');
    await (await byClass(page, 'scan-button')).click();
    await page.locator('.wx-sheet').getByText(`红码 · ${returnee.maskedName}`).click();
    await expectText(page, 'verdict-title', '红码 · 禁止通行');
    await snap(world, 'gate-refused');
    await (await byClass(page, 'verdict')).click();
    await (await byClass(page, 'scan-button')).click();
    await scanPassShownBy(page, '绿码', '居民（绿码）');
    await expectText(page, 'verdict-title', '绿码 · 放行');
  });
});

test('a resident orders in a group order and the organiser’s pick list shows it after the cut-off', async () => {
  const { page, cloud } = world;
  const cutoff = Date.now() + cloud.clockOffsetMs + 15 * 60_000;
  const created = await fetch(`${cloud.url}/functions/groupbuy`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'demo-grid-11' },
    body: JSON.stringify(demoBatch(cutoff, 'e2e-batch-0001')),
  }).then((r) => r.json());
  expect(created.code).toBe(0);
  await journey(world, 'group-order', async () => {
    await become(page, '居民（绿码）');
    await tapText(page, '社区团购');
    await tapText(page, '明日蔬菜包');
    const plus = screen(page).locator('[class*="--plus"]');
    await plus.first().click();
    await plus.first().click();
    await expectText(page, 'total-amount', '¥7.00');
    await (await byClass(page, 'submit')).click();
    await expectText(page, 'submit', '修改订单'); // the household's order stands, still changeable
    await expectText(page, 'remaining', '剩余 48斤');

    // Shared into a chat, the card reaches someone of another enclosure, who is refused.
    await page.click('#share');
    await page.locator('.wx-sheet').getByText('以「网格员 · 立新村第1网格」打开').click();
    await expectText(page, 'load-state:error-text', '该团购不属于您所在的围合区');

    cloud.clockOffsetMs += 16 * 60_000; // past the cut-off
    await become(page, '网格员 · 春华苑第1网格');
    await tapText(page, '社区团购');
    await tapText(page, '明日蔬菜包');
    await tapText(page, '拣货单 ›');
    await expectText(page, 'summary', '共 1 户 · 合计 ¥7.00');
    await expectText(page, 'door-lines', '青菜 ×2斤');
    await expectText(page, 'door-label', '青菜×2斤');
  });
});

/** How far to move the clock so that it is inside a check-in window (07–10 or 17–20 CST). */
function intoCheckinWindow(now: number): number {
  const cstHour = new Date(now + 8 * HOUR).getUTCHours();
  if ((cstHour >= 7 && cstHour < 10) || (cstHour >= 17 && cstHour < 20)) return 0;
  const target = cstHour < 7 ? 7.5 : cstHour < 17 ? 17.5 : 31.5;
  const cstMidnight = Math.floor((now + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  return cstMidnight + target * HOUR - now;
}

test('an isolated resident checks in with a temperature', async () => {
  const { page, cloud } = world;
  cloud.clockOffsetMs += intoCheckinWindow(Date.now() + cloud.clockOffsetMs);
  await journey(world, 'isolation-checkin', async () => {
    await become(page, '居民（红码·武汉返回）');
    await tapText(page, '隔离打卡');
    await typeInto(page, 'temperature', '36.5');
    await (await byClass(page, 'checkin')).click();
    await expectText(page, 'checked-in', '本时段已打卡');
  });
});

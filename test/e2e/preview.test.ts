/**
 * The preview host itself, as someone trying the demo in a browser meets it: a phone-sized
 * window, a link naming nobody of the demo estate, a complaint's photo from cloud storage, and a
 * button that spins while its request is out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoBatch } from '../../demo/batch';
import { qrPng } from '../../localcloud/src/qr-png';
import {
  SHOTS,
  World,
  become,
  byClass,
  journey,
  openPath,
  screen,
  snap,
  startWorld,
  stopWorld,
  tapText,
  typeInto,
  callFunction,
} from './browser';

let world: World;
let batchId = '';
const ORGANISER = 'demo-grid-11';
const GREEN = 'demo-resident-00001';

/** A function call as someone, through the gateway; throws when the function refuses. */
const callAs = <B extends { action: string }>(openid: string, fn: string, body: B) =>
  callFunction(world, openid, fn, body);

beforeAll(async () => {
  world = await startWorld();
  world.page.setDefaultTimeout(10_000);
  // A batch past its cut-off whose goods have arrived: the green resident's order can be complained about.
  const cutoff = Date.now() + world.cloud.clockOffsetMs + 15 * 60_000;
  batchId = String((await callAs(ORGANISER, 'groupbuy', demoBatch(cutoff, 'e2e-preview-batch'))).batchId);
  const lines = [{ itemId: 'i1', qty: 1 }];
  await callAs(GREEN, 'groupbuy', { action: 'order', batchId, requestId: 'e2e-preview-order', baseVersion: 0, lines });
  world.cloud.clockOffsetMs += 16 * 60_000;
  for (const action of ['close', 'pickList', 'arrived']) await callAs(ORGANISER, 'groupbuy', { action, batchId });
}, 60_000);
afterAll(() => stopWorld(world));

test('in a phone-sized window the phone frame is the window and the pass’s QR fits inside it', async () => {
  const { page } = world;
  await journey(world, 'preview-narrow-window', async () => {
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${world.preview.url}/?as=${GREEN}&page=/pages/pass/pass`);
      const qr = (await byClass(page, 'pass-view:qr')).first();
      await qr.locator('[class*="--qr-cell"]').first().waitFor();
      const frame = (await page.locator('#phone').boundingBox())!;
      const box = (await qr.boundingBox())!;
      expect(frame.width).toBe(width); // the whole window, not squeezed beside the panel
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
    }
  }).finally(() => page.setViewportSize({ width: 1000, height: 800 }));
});

test('a link as someone who is no demo login says whom it opened instead, and can open as that OPENID', async () => {
  const { page } = world;
  const notice = page.locator('#notice');
  await journey(world, 'preview-unknown-identity', async () => {
    await page.goto(`${world.preview.url}/?as=${ORGANISER}`);
    await page.waitForSelector('body[data-ready]');
    await expect(notice.isVisible()).resolves.toBe(false); // a demo login opens without a word

    await page.goto(`${world.preview.url}/?as=demo-grid-1`); // one digit short
    await page.waitForSelector('.mp-page [class*="--greeting"]');
    await expect(notice.innerText()).resolves.toContain('未知的演示身份：demo-grid-1，已改用「居民（绿码）」');
    expect(await page.locator('#identity').inputValue()).toBe(GREEN);
    await snap(world, 'preview-unknown-identity-notice');

    await notice.getByText('仍以 demo-grid-1 打开（新用户）').click();
    await expect(notice.isVisible()).resolves.toBe(false);
    await page.waitForFunction(() => document.querySelector('[class*="--greeting"]')?.textContent?.trim() === '您好');
    expect(await page.locator('#custom-openid').inputValue()).toBe('demo-grid-1');
  });
});

test('a complaint’s photo shows on the organiser’s pick list, as a thumbnail', async () => {
  const { page } = world;
  const photo = path.join(SHOTS, 'complaint-photo.png');
  await journey(world, 'preview-complaint-photo', async () => {
    await page.goto(`${world.preview.url}/`);
    await become(page, '居民（绿码）');
    await openPath(page, '/pages/myorders/myorders');
    await tapText(page, '投诉');
    await typeInto(page, 'detail', '青菜少了半斤');
    fs.writeFileSync(photo, qrPng('青菜少了半斤'));
    const chooser = page.waitForEvent('filechooser');
    await tapText(page, '附照片（可选）');
    await (await chooser).setFiles(photo);
    await screen(page).getByText('已附照片，点此更换').waitFor();
    await (await byClass(page, 'submit-complaint')).click();
    await screen(page).getByText('等待团长答复').waitFor();

    await become(page, '网格员 · 春华苑第1网格');
    await openPath(page, `/pages/picklist/picklist?id=${batchId}`);
    const img = (await byClass(page, 'complaint-photo')).locator('img');
    await img.waitFor();
    // Loaded from the local cloud's storage: a broken image has no natural size.
    const loaded = await img.evaluate((el: HTMLImageElement) =>
      el.decode().then(
        () => el.naturalWidth,
        () => 0,
      ),
    );
    expect(loaded).toBeGreaterThan(0);
    // The page's 200rpx square (100 px), not the picture's own size spilling over the card.
    const box = (await img.boundingBox())!;
    expect([box.width, box.height]).toEqual([100, 100]);
  });
});

/** The host's `getCurrentPages`: the page instances, whose handlers a tap calls. */
interface Host {
  getCurrentPages(): Record<string, unknown>[];
}

test('a button spins and takes no tap while its request is out, and stops when the answer comes', async () => {
  const { page } = world;
  let release: () => void = () => undefined;
  const answered = new Promise<void>((done) => (release = done));
  await page.route('**/functions/groupbuy', async (route) => {
    if ((route.request().postDataJSON() as { action?: string }).action === 'arrived') await answered;
    await route.continue();
  });
  await journey(world, 'preview-button-loading', async () => {
    await page.goto(`${world.preview.url}/?as=${ORGANISER}&page=/pages/picklist/picklist?id=${batchId}`);
    const button = (await byClass(page, 'arrived')).first();
    const spinner = () =>
      button.evaluate((el) => {
        const before = getComputedStyle(el, '::before');
        return before.content !== 'none' && before.animationName !== 'none' ? before.width : null;
      });
    await button.click();
    await page.locator('.wx-modal').getByText('通知取货').click();

    await page.waitForSelector('wx-button[loading]');
    expect(await spinner()).not.toBeNull();
    await snap(world, 'preview-button-spinning');
    // Count the taps that reach the page's handler: none while it is loading.
    await page.evaluate(() => {
      const top = (globalThis as unknown as Host).getCurrentPages().at(-1)!;
      const arrived = top.arrived as (...args: unknown[]) => unknown;
      top.taps = 0;
      top.arrived = function (this: unknown, ...args: unknown[]) {
        (top.taps as number)++;
        return arrived.apply(this, args);
      };
    });
    await button.click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as unknown as Host).getCurrentPages().at(-1)!.taps)).toBe(0);

    release();
    await page
      .locator('.wx-toast')
      .getByText(/^已通知 \d+ 户取货$/)
      .waitFor();
    await page.waitForSelector('wx-button[loading]', { state: 'detached' });
    expect(await spinner()).toBeNull();
  }).finally(() => page.unroute('**/functions/groupbuy'));
});

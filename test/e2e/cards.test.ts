/**
 * 爱心码 (issue 15), in Chromium through the preview host: a grid worker makes a printed pass for
 * a resident of the grid without a phone, saves it as a picture for the printer, scans it at the
 * gate (the verdict follows the resident's colour), revokes it with a reason, and the gate then
 * refuses the same card.
 */
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';
import {
  SHOTS,
  World,
  become,
  byClass,
  docShot,
  expectText,
  journey,
  openPath,
  screen,
  snap,
  startWorld,
  stopWorld,
  tapText,
} from './browser';
import type { Colour } from '../../typings';
import { COLOUR_NAMES } from '../../miniprogram/shared/colours';

let world: World;
const GRID_WORKER = '网格员 · 春华苑第1网格';
const REVOKED = '爱心码已作废（已补办或挂失），请联系网格员';

beforeAll(async () => {
  world = await startWorld();
  world.page.setDefaultTimeout(10_000);
  // A phone-sized window is the phone (preview/host/host.css): the card's screenshot is the phone alone.
  await world.page.setViewportSize({ width: 375, height: 740 });
}, 60_000);
afterAll(() => stopWorld(world));

interface Doc {
  _id: string;
  [field: string]: unknown;
}
const find = (collection: string, query: Record<string, unknown>) =>
  world.cloud.db.find(collection, query, { limit: 100 }).docs as Doc[];

/** The host's `getCurrentPages`: the page instances and their data. */
interface Host {
  getCurrentPages(): { data: { card?: { token: string | null } } }[];
}

/** A day as the pages write it, in China time: `12月16日`. */
function cstDay(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Waits (up to 5 s) until the element's text is, or matches, what is wanted, then asserts it. */
async function textOf(el: Locator, wanted: string | RegExp): Promise<void> {
  const matches = (t: string) => (typeof wanted === 'string' ? t === wanted : wanted.test(t));
  let text = '';
  for (const started = Date.now(); Date.now() - started < 5_000; await world.page.waitForTimeout(100)) {
    text = (await el.innerText()).trim();
    if (matches(text)) break;
  }
  if (typeof wanted === 'string') expect(text).toBe(wanted);
  else expect(text).toMatch(wanted);
}

/** Scans at 扫码核验 (the first gate, 进入, 36.5℃) what the camera sheet offers under this label. */
async function scanFromSheet(label: string): Promise<void> {
  const { page } = world;
  await openPath(page, '/pages/scan/scan');
  await (await byClass(page, 'scan-button')).click();
  const offered = page.locator('.wx-sheet-item', { hasText: label });
  await offered.first().waitFor();
  expect(await offered.count()).toBe(1);
  await offered.click();
}

test('a grid worker prints a 爱心码, the gate scans it, the card is revoked and the gate refuses it', async () => {
  const { page } = world;
  await journey(world, 'card-revoked', async () => {
    // 1. 首页 → 爱心码: the residents of my grid without a phone; an elder without a card.
    await become(page, GRID_WORKER);
    await tapText(page, /^爱心码$/);
    await page.waitForSelector('.mp-page[data-route="pages/cards/cards"]:not([hidden])');
    const holders = await byClass(page, 'holder');
    await holders.first().waitFor();
    const uncarded = holders.filter({ hasText: '未制卡' });
    const lines = (await uncarded.locator('[class*="--who"]').allInnerTexts()).map((t) => t.trim());
    expect(lines.length).toBeGreaterThan(0);
    const chosen = Math.max(
      lines.findIndex((line) => line.includes('（老人，')),
      0,
    );
    const holder = uncarded.nth(chosen);
    const who = lines[chosen];
    const maskedName = who.split('（')[0];
    const address = (await holder.locator('[class*="--address"]').innerText()).trim();
    expect(who).toMatch(/^.+（.+，\d{4}年生）$/);
    expect(address).toMatch(/单元.+室$/);
    const [resident] = find('residents', { maskedName }).filter(
      (r) => !r.openid && `${String(r.buildingName)}${String(r.unit)}单元${String(r.room)}室` === address,
    );
    expect(resident).toBeDefined(); // a resident without WeChat of their own

    await snap(world, 'card-holders');
    await holder.getByText('制卡', { exact: true }).click();
    const modal = page.locator('.wx-modal');
    await expect(modal.locator('.wx-modal-title').innerText()).resolves.toBe('制发爱心码');
    await expect(modal.locator('.wx-modal-content').innerText()).resolves.toContain(`为${maskedName}（${address}）`);
    await modal.locator('.wx-modal-confirm').click();

    // The card to print: name, address, end date and its QR.
    await page.waitForSelector('.mp-page[data-route="pages/card/card"]:not([hidden])');
    await screen(page).locator('[class*="--qr-cell"]').first().waitFor();
    await expectText(page, 'name', maskedName);
    await expectText(page, 'address', address);
    const [card] = find('pass_cards', { residentId: resident._id, state: 'active' });
    expect(card).toMatchObject({ issuedBy: 'demo-grid-11', maskedName, address });
    await expectText(page, 'expires', `有效期至 ${cstDay(card.expiresAt as Date)}`);
    const cardId = card._id;
    await docShot(world, 'card');

    await (await byClass(page, 'save')).click();
    await page.locator('.wx-toast').getByText('已保存到相册').waitFor();
    const saved = await page.evaluate(async () => {
      const images = (globalThis as unknown as { __savedImages: string[] }).__savedImages;
      const img = new Image();
      img.src = images[0];
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
      const pen = canvas.getContext('2d')!;
      pen.drawImage(img, 0, 0);
      const rgba = pen.getImageData(0, 0, img.width, img.height).data;
      let binary = '';
      for (let i = 0; i < rgba.length; i += 0x8000) binary += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
      return { count: images.length, url: images[0], size: [img.width, img.height], rgba: btoa(binary) };
    });
    expect(saved).toMatchObject({ count: 1, url: expect.stringMatching(/^data:image\/png;base64,/), size: [600, 960] });
    // The picture as it goes to the printer, beside the journey's screenshots.
    fs.writeFileSync(path.join(SHOTS, 'card-saved.png'), Buffer.from(saved.url.split(',')[1], 'base64'));
    // Its QR is the card's own token, the one the page shows.
    const printed = jsQR(new Uint8ClampedArray(Buffer.from(saved.rgba, 'base64')), 600, 960)?.data;
    const shown = await page.evaluate(() => (globalThis as unknown as Host).getCurrentPages().at(-1)!.data.card?.token);
    expect(printed).toMatch(/^C2\./); // signed with Ed25519: checkable offline
    expect(printed).toBe(shown);

    // 2. The gate scans the card: the verdict is the resident's current colour's.
    const [status] = find('statuses', { _id: resident._id });
    const colour = String(status.colour);
    await scanFromSheet(`爱心码 · ${maskedName}`);
    await expectText(page, 'verdict-who', `${maskedName} · ${address}`);
    await expectText(
      page,
      'verdict-title',
      colour === 'red' ? '红码 · 禁止通行' : `${COLOUR_NAMES[colour as Colour]} · 放行`,
    );
    await expect((await byClass(page, 'verdict')).getAttribute('class')).resolves.toMatch(
      colour === 'red' ? /--refused/ : /--allowed/,
    );
    await snap(world, 'card-scanned');

    // 3. Back at 爱心码: 作废 with a reason; the resident has no card again.
    await openPath(page, '/pages/cards/cards');
    const again = (await byClass(page, 'holder')).filter({ hasText: who }).filter({ hasText: address });
    await textOf(again.locator('[class*="--card-state"]'), /^爱心码有效至 \d+月\d+日$/);
    await again.getByText('作废', { exact: true }).click();
    await expect(modal.locator('.wx-modal-title').innerText()).resolves.toBe(`作废${maskedName}的爱心码`);
    await modal.locator('.wx-modal-input').fill('家属报告遗失');
    await modal.locator('.wx-modal-confirm').click();
    await page.locator('.wx-toast').getByText('已作废').waitFor();
    await textOf(again.locator('[class*="--card-state"]'), '未制卡');
    expect(find('pass_cards', { _id: cardId })[0]).toMatchObject({ state: 'revoked', revokeReason: '家属报告遗失' });

    // 4. The same card at the gate: refused, whatever the colour.
    await scanFromSheet(`爱心码 · ${maskedName}`);
    await expectText(page, 'verdict-title', '禁止通行');
    await expectText(page, 'verdict-reason', REVOKED);
    await expectText(page, 'verdict-who', `${maskedName} · ${address}`);
    // Heard as well as seen: the refusal's two low tones, last.
    const sounds = await page.evaluate(() => (window as unknown as { __sounds: string[] }).__sounds);
    expect(sounds.at(-1)).toBe('/assets/sounds/refused.wav');

    const logs = find('gate_logs', { cardId }).sort((a, b) => Number(a.at) - Number(b.at));
    expect(logs.map((l) => [l.residentId, l.allowed, l.code])).toEqual([
      [resident._id, colour !== 'red', expect.any(String)],
      [resident._id, false, 'card_revoked'],
    ]);
  });
});

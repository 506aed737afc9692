/**
 * End-to-end journeys in Debian Chromium: the local cloud with the demo estate, the preview host
 * serving the mini-program's own pages, and playwright-core driving the phone frame as a person
 * would (choose who you are, tap, type, pick). Each journey leaves a screenshot in
 * test-results/e2e/ (named `…-failed.png` when it failed, for diagnosis).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, Locator, Page, chromium } from 'playwright-core';
import { LocalCloud, startLocalCloud } from '../../localcloud/src';
import { tempDir } from '../../localcloud/test/helpers';
import { SeededDemo, loginsOf } from '../../demo/build';
import { loadDemo } from '../../demo/load';
import { PreviewHost, startPreview } from '../../preview/server';

const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-results/e2e');
/** Screenshots the README shows, rewritten by every run of the journeys that take them. */
export const DOC_SHOTS = path.join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface World {
  cloud: LocalCloud;
  demo: SeededDemo;
  preview: PreviewHost;
  browser: Browser;
  page: Page;
}

export async function startWorld(): Promise<World> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run \`npm test\` (it installs it) or set CHROMIUM_PATH`);
  const cloud = await startLocalCloud({ dataDir: tempDir(), port: 0, log: () => undefined });
  const demo = (await loadDemo(cloud))!;
  const preview = await startPreview({
    cloudUrl: cloud.url,
    port: 0,
    buildDir: path.join(ROOT, 'build/preview'),
    identities: () => loginsOf(),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  await page.goto(`${preview.url}/`);
  await page.waitForSelector('body[data-ready]');
  fs.mkdirSync(SHOTS, { recursive: true });
  return { cloud, demo, preview, browser, page };
}

export async function stopWorld(world: World | undefined): Promise<void> {
  await world?.browser.close();
  await world?.preview.close();
  await world?.cloud.stop();
}

/** A function call as someone, through the local cloud's gateway; throws when the function refuses. */
export async function callFunction<B extends { action: string }>(world: World, openid: string, fn: string, body: B) {
  const res = await fetch(`${world.cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { code: unknown; data: Record<string, unknown>; message: string };
  if (answer.code !== 0) throw new Error(`${fn}.${body.action}: ${answer.message}`);
  return answer.data;
}

/** Runs a journey and keeps its last screen: `<name>.png`, or `<name>-failed.png` when it failed. */
export async function journey(world: World, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
    await world.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    fs.rmSync(path.join(SHOTS, `${name}-failed.png`), { force: true });
  } catch (err) {
    await world.page.screenshot({ path: path.join(SHOTS, `${name}-failed.png`) }).catch(() => undefined);
    throw err;
  }
}

/** A screenshot in the middle of a journey (test-results/e2e/<name>.png). */
export async function snap(world: World, name: string): Promise<void> {
  await world.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * A screenshot for the README: into docs/screenshots/<name>.png when UPDATE_SCREENSHOTS=1 (codes,
 * QR and times differ each run, so an ordinary test run must not dirty the tree), else beside the
 * journey's other shots in test-results/e2e/.
 */
export async function docShot(world: World, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? DOC_SHOTS : SHOTS;
  fs.mkdirSync(dir, { recursive: true });
  await world.page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Becomes someone of the demo estate (the host's identity switch); lands on 首页. */
export async function become(page: Page, label: string): Promise<void> {
  await page.selectOption('#identity', { label });
  await page.waitForSelector('.mp-page[data-route="pages/home/home"]:not([hidden]) [class*="--greeting"]');
}

/** Becomes any OPENID (the host's custom identity box), e.g. a WeChat user new to the estate; lands on 首页. */
export async function becomeOpenid(page: Page, openid: string): Promise<void> {
  await page.fill('#custom-openid', openid);
  await page.click('#custom-identity button');
  await page.waitForSelector('.mp-page[data-route="pages/home/home"]:not([hidden]) [class*="--greeting"]');
}

/**
 * Opens a page by its path as the current person, as tapping a share card or scanning a 小程序码
 * does (the host's navigateTo), and waits until it is on top.
 */
export async function openPath(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => (globalThis as unknown as { wx: WechatLike }).wx.navigateTo({ url: to }), url);
  const route = url.split('?')[0].replace(/^\//, '');
  await page.waitForSelector(`.mp-page[data-route="${route}"]:not([hidden])`);
}
interface WechatLike {
  navigateTo(o: { url: string }): Promise<unknown>;
}

/** The page on top of the stack. */
export const screen = (page: Page): Locator => page.locator('#phone-screen .mp-page:not([hidden])');

/** The class prefix the preview gives a page (scripts/preview-build.mjs#prefixOf). */
export function pagePrefix(route: string): string {
  const parts = route.split('/');
  return parts[0] === 'pages' ? `p-${parts[1]}` : `p-${parts[0]}-${parts[parts.length - 2]}`;
}

/**
 * An element of the top page by its WXML class (scoped as `p-<page>--<class>` in the preview);
 * `component:class` finds it inside a custom component the page uses (`c-<component>--<class>`),
 * e.g. `load-state:error-text`.
 */
export async function byClass(page: Page, cls: string): Promise<Locator> {
  const [component, inner] = cls.includes(':') ? cls.split(':') : [null, cls];
  if (component) return screen(page).locator(`.c-${component}--${inner}`);
  const route = await screen(page).getAttribute('data-route');
  return screen(page).locator(`.${pagePrefix(route!)}--${cls}`);
}

/**
 * At the gate, picks from the scan sheet the pass of `colour` that `shownBy` (an identity label) put
 * on screen: other people's passes shown earlier in the same run stay in the sheet for two minutes.
 */
export async function scanPassShownBy(page: Page, colour: string, shownBy: string): Promise<void> {
  await page
    .locator('.wx-sheet .wx-sheet-item')
    .filter({ hasText: `${colour} · ` })
    .filter({ hasText: shownBy })
    .first()
    .click();
}

export async function tapText(page: Page, text: string | RegExp): Promise<void> {
  await screen(page).getByText(text).first().click();
}

export async function typeInto(page: Page, cls: string, value: string): Promise<void> {
  await (await byClass(page, cls)).first().locator('input, textarea').fill(value);
}

/** Opens a picker and chooses a label (selector) or types a date/time. */
export async function pick(page: Page, pickerText: string | RegExp, choice: string): Promise<void> {
  await tapText(page, pickerText);
  const sheet = page.locator('.wx-sheet');
  const dateInput = sheet.locator('input[type="date"], input[type="time"]');
  if (await dateInput.count()) {
    await dateInput.fill(choice);
    await sheet.getByText('确定').click();
  } else {
    await sheet.getByText(choice, { exact: true }).click();
  }
}

/** CST calendar date `days` from now (the cloud's clock), as a date picker gives it. */
export function cstDate(cloud: LocalCloud, days: number): string {
  const at = new Date(Date.now() + cloud.clockOffsetMs + days * 86_400_000 + 8 * 3600_000);
  return at.toISOString().slice(0, 10);
}

/**
 * Waits (up to 5 s) until the first element of the top page with the WXML class shows text
 * matching, then asserts it: the screen updates after the cloud answers, as on a phone.
 */
export async function expectText(page: Page, cls: string, wanted: string | RegExp): Promise<void> {
  const matches = (text: string) => (typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text));
  let text = '';
  for (const started = Date.now(); Date.now() - started < 5_000; await page.waitForTimeout(100)) {
    const el = (await byClass(page, cls)).first();
    text = (await el.count()) ? (await el.innerText()).replace(/\s+/g, ' ').trim() : '';
    if (matches(text)) break;
  }
  if (typeof wanted === 'string') expect(text).toContain(wanted);
  else expect(text).toMatch(wanted);
}

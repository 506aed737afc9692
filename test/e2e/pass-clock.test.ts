/**
 * The pass on a phone whose clock is wrong (issue 18): the page's clock is set hours fast or
 * minutes slow while the local cloud keeps its own time. The QR code shown must stay valid at the
 * gate, renewed once per renewal period — never looping on `pass`, never left to expire.
 *
 * Playwright's fake clock drives the page (its timers included), so two renewal periods (90 s
 * each) pass in a moment; the cloud's clock is moved forward by the same amount, keeping the skew.
 */
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { World, journey, screen, startWorld, stopWorld } from './browser';

let world: World;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RENEWALS = 2;

beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => stopWorld(world));

const cloudNow = () => Date.now() + world.cloud.clockOffsetMs;

interface PassAnswer {
  refreshAt: string;
  serverTime: string;
}

/** A page of its own (fresh storage) whose clock is `skewMs` off the cloud's, counting its `pass` calls. */
async function skewedPhone(skewMs: number) {
  const context: BrowserContext = await world.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  await page.clock.install({ time: cloudNow() + skewMs });
  let calls = 0;
  const isPass = (url: string, body: string | null) =>
    url.endsWith('/functions/residents') && (JSON.parse(body ?? '{}') as { action?: string }).action === 'pass';
  page.on('request', (req) => {
    if (isPass(req.url(), req.postData())) calls++;
  });
  // The first answer tells the renewal period (refreshAt − serverTime), as the page reads it.
  const firstAnswer = page
    .waitForResponse((res) => isPass(res.url(), res.request().postData()), { timeout: 30_000 })
    .then(async (res) => ((await res.json()) as { data: PassAnswer }).data);
  firstAnswer.catch(() => undefined); // a journey that fails before reading it must not also reject unhandled
  return { context, page, firstAnswer, calls: () => calls };
}

/** The token in the QR code on screen, read from its drawn modules as a gate's camera would. */
async function shownToken(page: Page): Promise<string | null> {
  const rows = await screen(page)
    .locator('[class*="--qr-row"]')
    .evaluateAll((els) =>
      els.map((row) =>
        Array.from(row.children).map((cell) => (Array.from(cell.classList).some((c) => c.endsWith('--dark')) ? 1 : 0)),
      ),
    );
  if (!rows.length) return null;
  const scale = 4;
  const quiet = 4;
  const side = (rows.length + 2 * quiet) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  rows.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < scale; y++)
        for (let x = 0; x < scale; x++) {
          const at = (((r + quiet) * scale + y) * side + (c + quiet) * scale + x) * 4;
          rgba.set([0, 0, 0, 255], at);
        }
    }),
  );
  return jsQR(rgba, side, side)?.data ?? null;
}

/** Waits (up to 5 s) for the QR code on screen to show a token other than `previous`. */
async function tokenAfter(page: Page, previous: string | null): Promise<string | null> {
  let token: string | null = null;
  for (const started = Date.now(); Date.now() - started < 5_000; await page.waitForTimeout(200)) {
    token = await shownToken(page);
    if (token && token !== previous) break;
  }
  return token;
}

/** A guard of the pass's own enclosure presents the token at its first gate, coming in. */
async function scanAtGate(token: string) {
  const enclosureId = token.split('.')[3];
  const gateId = `${enclosureId}-gate-1`;
  const [guard] = world.cloud.db.find('users', { roles: 'grid_worker', gateIds: gateId }, { limit: 1 }).docs as {
    _id: string;
  }[];
  const res = await fetch(`${world.cloud.url}/functions/gate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': guard._id },
    body: JSON.stringify({ action: 'scan', gateId, direction: 'in', token, temperature: 36.5 }),
  });
  const answer = (await res.json()) as { code: number; message?: string; data: { allowed: boolean; reason: string } };
  if (answer.code !== 0) throw new Error(`gate.scan: ${answer.message}`);
  return answer.data;
}

const GREEN_LOGIN = '居民（绿码）';

describe.each([
  { skew: 2 * HOUR, clock: '2 hours fast', shot: 'pass-clock-fast' },
  { skew: -10 * MINUTE, clock: '10 minutes slow', shot: 'pass-clock-slow' },
])('on a phone $clock', ({ skew, shot }) => {
  test('the pass’s QR code is accepted at the gate and renewed with one pass call per renewal', async () => {
    const phone = await skewedPhone(skew);
    world.page = phone.page;
    try {
      await journey(world, shot, async () => {
        const { page } = phone;
        const login = world.demo.logins.find((l) => l.label === GREEN_LOGIN)!;
        await page.goto(`${world.preview.url}/?as=${login.openid}&page=/pages/pass/pass`);
        await page.waitForSelector('body[data-ready]');
        await screen(page).locator('[class*="--qr-cell"]').first().waitFor();
        // The phone really is that far off the cloud (within the seconds a page load takes).
        const phoneAhead = (await page.evaluate(() => Date.now())) - cloudNow();
        expect(Math.abs(phoneAhead - skew)).toBeLessThan(30_000);
        let token = await tokenAfter(page, null);
        expect(token).toMatch(/^P2\./);
        expect(await scanAtGate(token!)).toMatchObject({
          allowed: true,
          reason: expect.not.stringContaining('通行码已过期'),
        });
        const loadCalls = phone.calls();
        expect(loadCalls).toBe(1);
        const first = await phone.firstAnswer;
        const period = new Date(first.refreshAt).getTime() - new Date(first.serverTime).getTime();

        for (let renewal = 1; renewal <= RENEWALS; renewal++) {
          // A renewal period later on both clocks; the page's renewal timer fires within it.
          world.cloud.clockOffsetMs += period;
          await page.clock.runFor(period);
          const renewed = await tokenAfter(page, token);
          await page.waitForTimeout(1_500); // room for a renewal loop to show itself
          expect(await scanAtGate(renewed!)).toMatchObject({
            allowed: true,
            reason: expect.not.stringContaining('通行码已过期'),
          });
          expect(renewed).not.toBe(token);
          expect(phone.calls()).toBe(loadCalls + renewal);
          token = renewed;
        }
      });
    } finally {
      await phone.context.close();
    }
  });
});

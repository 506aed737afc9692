/**
 * LocalCloud's own page (issue 19), in Chromium: open it, browse a collection page by page, and
 * find an invocation with its database operations after calling a function.
 */
import { World, callFunction, journey, startWorld, stopWorld } from './browser';

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => stopWorld(world));

test('the local cloud shows its collections, their documents, and each invocation with its operations', () =>
  journey(world, 'localcloud-console', async () => {
    const page = world.page;
    await callFunction(world, 'demo-grid-11', 'account', { action: 'me' });
    await page.goto(`${world.cloud.url}/`);
    await page.waitForSelector('body[data-ready]');
    const gates = page.locator('.collections li[data-name="gates"]');
    await gates.click();
    await page.waitForSelector('.documents pre.document');
    expect(await page.locator('.documents h3').innerText()).toMatch(/^gates 1–\d+ \/ \d+$/);
    expect(await page.locator('.documents pre.document').first().innerText()).toContain('"enclosureId"');
    await page.locator('.collections li[data-name="statuses"]').click();
    await page.waitForSelector('.documents h3:has-text("statuses 1–20")');
    await page.locator('.documents .next').click();
    await page.waitForSelector('.documents h3:has-text("statuses 21–40")');

    await page.locator('nav button[data-tab="invocations"]').click();
    const account = page.locator('tr.invocation', { hasText: 'account' }).first();
    await account.waitFor();
    expect(await account.locator('td.ops').innerText()).toMatch(/^[1-9]\d*（读 [1-9]\d*，写 \d+）$/);
    expect(await page.locator('header .total').innerText()).toMatch(/^数据库操作 \d+/);
    // The storage files, as the cloud's storage holds them (the invitations' 小程序码 among them).
    const files = await fetch(`${world.cloud.url}/_localcloud/storage-files`).then((r) => r.json());
    await page.locator('nav button[data-tab="storage"]').click();
    await page.waitForSelector('table.files');
    expect(await page.locator('table.files tr').count()).toBe(1 + Math.max(1, files.length));
  }));

/**
 * The life every data page shares (behaviors/page-life + components/load-state), seen through the
 * 申诉处理 page: a failed first load offers 重试, coming back shows fresh data, and a refresh that
 * fails keeps what is on screen.
 */
import type { AppealEntry } from '../../typings';
import { fail, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf, textsOf, type Rendered } from './render';
import simulate from 'miniprogram-simulate';
import fs from 'node:fs';
import path from 'node:path';

const id = loadPage('appeals/appeals');

const appeal = (id: string, reason: string): AppealEntry => ({
  id,
  residentId: `r-${id}`,
  maskedName: '李*华',
  reason,
  statusAtAppeal: null,
  createdAt: '2020-02-15T02:00:00.000Z',
});

/** WeChat calls onShow when the page opens and again each time the user comes back to it. */
async function showAgain(page: Rendered) {
  (page.instance as unknown as { onShow(): void }).onShow();
  await simulate.sleep(10);
}

test('a failed first load says why and 重试 loads the page', async () => {
  replyWith('grid', 'appeals', fail('INTERNAL', '网络异常，请检查网络后重试'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('网络异常，请检查网络后重试');
  expect(textsOf(page, '.appeal')).toEqual([]);

  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障')]));
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.state >>> .error-text')).toBeUndefined();
  expect(textOf(page, '.reason')).toBe('体温计故障');
});

test('coming back to the page shows what changed meanwhile, not what it showed before', async () => {
  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障')]));
  const page = await openPage(id);
  await showAgain(page); // the first show, right after onLoad: nothing new to fetch
  expect(textsOf(page, '.reason')).toEqual(['体温计故障']);

  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障'), appeal('a2', '已在家隔离满14天')]));
  await showAgain(page);
  expect(textsOf(page, '.reason')).toEqual(['体温计故障', '已在家隔离满14天']);

  replyWith('grid', 'appeals', ok([]));
  await showAgain(page);
  expect(textOf(page, '.state >>> .empty')).toBe('暂无待处理申诉');
});

test('a refresh that fails keeps the list on screen and says so in a toast', async () => {
  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障')]));
  const page = await openPage(id);
  await showAgain(page);
  replyWith('grid', 'appeals', fail('INTERNAL', '网络异常，请检查网络后重试'));
  await showAgain(page);
  expect(textsOf(page, '.reason')).toEqual(['体温计故障']);
  expect(textOf(page, '.state >>> .error-text')).toBeUndefined();
  expect(shownToasts()).toEqual([{ title: '网络异常，请检查网络后重试', icon: 'none' }]);
});

test('a pull down on a staff list loads it afresh and stops the spinner, also when the load fails', async () => {
  const stopped: number[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.stopPullDownRefresh = () => stopped.push(Date.now());
  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障')]));
  const page = await openPage(id);
  replyWith('grid', 'appeals', ok([appeal('a1', '体温计故障'), appeal('a2', '已返岗')]));
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  expect(textsOf(page, '.reason')).toEqual(['体温计故障', '已返岗']);
  expect(stopped).toHaveLength(1);
  replyWith('grid', 'appeals', fail('INTERNAL', '网络异常，请检查网络后重试'));
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  expect(textsOf(page, '.reason')).toEqual(['体温计故障', '已返岗']); // kept, with a toast
  expect(shownToasts().at(-1)).toMatchObject({ title: '网络异常，请检查网络后重试' });
  expect(stopped).toHaveLength(2);
});

test('the staff lists ask WeChat for pull-down refresh', () => {
  for (const page of ['roster', 'queue', 'appeals', 'map', 'building']) {
    const file = path.resolve(__dirname, `../../miniprogram/pages/${page}/${page}.json`);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { enablePullDownRefresh?: boolean };
    expect([page, json.enablePullDownRefresh]).toEqual([page, true]);
  }
});

/** 卡口记录 rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { GateLogEntry } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { type Rendered, loadPage, openPage, tap, textOf, textsOf } from './render';

const id = loadPage('gatelog/gatelog');

const oneGate = ok({
  roles: ['grid_worker' as const],
  displayName: null,
  enclosureId: 'e',
  enclosureName: '春华苑',
  gates: [{ id: 'g1', name: '春华苑东门' }],
});
const twoGates = ok({
  ...oneGate.data,
  gates: [
    { id: 'g1', name: '春华苑东门' },
    { id: 'g2', name: '春华苑南门' },
  ],
});
const scanAt = (at: string, maskedName: string, more: Partial<GateLogEntry> = {}): GateLogEntry => ({
  at,
  direction: 'in',
  colour: 'green',
  allowed: true,
  code: 'pass',
  maskedName,
  visitor: false,
  ...more,
});
async function pick(page: Rendered, selector: string, value: number) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(10);
}
const searches = () => cloudCalls().filter((c) => c.data.action === 'gateLogs');
/** The colour class of each badge (simulate prefixes classes with the component's name). */
const tonesOf = (page: Rendered) =>
  page.querySelectorAll('.colour').map((n) => /--(green|yellow|red|none)\b/.exec(n.dom!.className)?.[1]);

/** 2020-02-15 10:30 in China: today began at 2020-02-14T16:00Z. */
const NOW = Date.parse('2020-02-15T10:30:00+08:00');
/** Now, give or take the few milliseconds the page's own waits take. */
const NOW_ISH = expect.stringMatching(/^2020-02-15T02:30:0\d/);
async function atNow<T>(run: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
  try {
    return await run();
  } finally {
    jest.useRealTimers();
  }
}

test('each scan shows its colour, the temperature taken and, when refused, why in Chinese; the next page asks for page 1', async () => {
  replyWith('account', 'me', oneGate);
  replyWith('grid', 'gateLogs', (data) =>
    ok({
      page: Number(data.page),
      hasMore: data.page === 0,
      logs: [
        scanAt('2020-02-15T02:00:00.000Z', '李*华', {
          colour: 'red',
          allowed: false,
          code: 'red_isolation',
          temperature: 36.6,
        }),
        scanAt('2020-02-15T01:50:00.000Z', '', {
          colour: 'yellow',
          allowed: false,
          code: 'fever_at_gate',
          maskedName: '周*',
          temperature: 38.2,
        }),
        scanAt('2020-02-15T01:40:00.000Z', '', {
          colour: null,
          allowed: false,
          code: 'token_expired',
          maskedName: null,
        }),
        scanAt('2020-02-15T01:30:00.000Z', '王*', { temperature: 36 }),
        scanAt('2020-02-15T01:20:00.000Z', '', {
          colour: null,
          allowed: false,
          code: 'visitor_refused',
          maskedName: null,
          visitor: true,
        }),
      ],
    }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.name')).toEqual(['李*华', '周*', '—', '王*', '访客']);
  expect(textsOf(page, '.colour')).toEqual(['红码', '黄码', '未识别', '绿码', '访客']);
  expect(tonesOf(page)).toEqual(['red', 'yellow', 'none', 'green', 'none']);
  expect(textsOf(page, '.temperature')).toEqual(['36.6℃', '38.2℃', '36.0℃']);
  expect(page.querySelectorAll('.temperature.fever')).toHaveLength(1);
  expect(textsOf(page, '.result')).toEqual(['拒绝', '拒绝', '拒绝', '放行', '拒绝']);
  // Only refusals carry a reason line, in the gate's own words.
  expect(textsOf(page, '.reason')).toEqual([
    '红码，不得通行，请引导至指定观察点',
    '体温超过发热标准，不得通行，已通知网格员，请引导至发热门诊',
    '通行码已过期，请居民刷新后重新出示',
    '谢绝访客：该访客未经网格员登记',
  ]);
  expect(page.querySelectorAll('.log.refused')).toHaveLength(4);
  await tap(page, '.more');
  expect(searches().map((s) => s.data.page)).toEqual([0, 1]);
  expect(searches()[0].data).toMatchObject({ gateId: 'g1', pageSize: 20 });
});

test('a code the page does not know is still shown as refused, without a made-up reason', async () => {
  replyWith('account', 'me', oneGate);
  replyWith(
    'grid',
    'gateLogs',
    ok({
      page: 0,
      hasMore: false,
      logs: [scanAt('2020-02-15T02:00:00.000Z', '李*', { allowed: false, code: 'toString' })],
    }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.result')).toEqual(['拒绝']);
  expect(page.querySelector('.reason')).toBeUndefined();
});

test('today by default, from midnight China time; 近 3 天 and 近 7 天 reach back to midnight 2 and 6 days before, and say so', () =>
  atNow(async () => {
    replyWith('account', 'me', oneGate);
    replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: true, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
    const page = await openPage(id);
    expect(textsOf(page, '.filter')).toEqual(['卡口：春华苑东门 ▾', '颜色：全部 ▾', '时间：今天 ▾']);
    expect(textOf(page, '.range-text')).toBe('2月15日 00:00 至 2月15日 10:30');
    expect(searches()[0].data).toMatchObject({ from: '2020-02-14T16:00:00.000Z', to: NOW_ISH });

    await pick(page, '.range-picker', 1);
    expect(searches().pop()!.data).toMatchObject({ from: '2020-02-12T16:00:00.000Z', page: 0 });
    expect(textOf(page, '.range-text')).toBe('2月13日 00:00 至 2月15日 10:30');

    await pick(page, '.range-picker', 2);
    expect(textsOf(page, '.filter')[2]).toBe('时间：近 7 天 ▾');
    expect(textOf(page, '.range-text')).toBe('2月9日 00:00 至 2月15日 10:30');
    const week = searches().pop()!.data;
    expect(week).toMatchObject({ from: '2020-02-08T16:00:00.000Z', to: NOW_ISH });

    // Ten minutes on, the next page is of the same list: the same times, not a shifted window.
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    await tap(page, '.more');
    expect(searches().pop()!.data).toMatchObject({ from: week.from, to: week.to, page: 1 });
  }));

test('shown again, the chosen gate, colour and range show the scans made meanwhile', async () => {
  replyWith('account', 'me', twoGates);
  replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: false, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  await pick(page, '.gate-picker', 1);
  await pick(page, '.colour-picker', 1);
  await pick(page, '.range-picker', 1);
  expect(textsOf(page, '.filter')).toEqual(['卡口：春华苑南门 ▾', '颜色：绿码 ▾', '时间：近 3 天 ▾']);
  const chosen = searches().pop()!.data;

  replyWith(
    'grid',
    'gateLogs',
    ok({
      page: 0,
      hasMore: false,
      logs: [scanAt('2020-02-15T03:00:00.000Z', '赵*来'), scanAt('2020-02-15T02:00:00.000Z', '王*')],
    }),
  );
  shown.onShow();
  await simulate.sleep(10);
  expect(textsOf(page, '.name')).toEqual(['赵*来', '王*']);
  expect(cloudCalls().filter((c) => c.data.action === 'me')).toHaveLength(1);
  expect(searches().pop()!.data).toMatchObject({ gateId: 'g2', colour: 'green', page: 0, from: chosen.from });
});

test('a gate that cannot be searched keeps the gate and scans on screen, and says why in a toast', async () => {
  replyWith('account', 'me', twoGates);
  replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: false, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
  const page = await openPage(id);
  replyWith('grid', 'gateLogs', fail('INTERNAL', '网络异常，请检查网络后重试'));
  await pick(page, '.gate-picker', 1);
  expect(textOf(page, '.state >>> .error-text')).toBeUndefined();
  // The list is still 东门's, and the picker says so.
  expect(textsOf(page, '.filter')).toEqual(['卡口：春华苑东门 ▾', '颜色：全部 ▾', '时间：今天 ▾']);
  expect(textsOf(page, '.name')).toEqual(['王*']);
  expect(shownToasts()).toEqual([{ title: '网络异常，请检查网络后重试', icon: 'none' }]);
});

describe('export', () => {
  const wxMock = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  let copied: string[];
  beforeEach(() => {
    copied = [];
    wxMock().setClipboardData = (o: { data: string }) => copied.push(o.data);
    replyWith('account', 'me', twoGates);
    replyWith('grid', 'gateLogs', ok({ page: 0, hasMore: false, logs: [scanAt('2020-02-15T02:00:00.000Z', '王*')] }));
    replyWith('grid', 'export', ok({ done: true, fileID: 'cloud://x.csv', url: 'https://x/export.csv', rows: 12 }));
  });
  const exports = () => cloudCalls().filter((c) => c.data.action === 'export');

  test('exports the gate, range and colour on screen, and says which', () =>
    atNow(async () => {
      const page = await openPage(id);
      await pick(page, '.range-picker', 2);
      await pick(page, '.colour-picker', 3);
      await tap(page, '.export');
      expect(exports()[0].data).toMatchObject({
        kind: 'gateLogs',
        gateId: 'g1',
        colour: 'red',
        from: '2020-02-08T16:00:00.000Z',
        to: NOW_ISH,
      });
      expect(textOf(page, '.message')).toBe('已导出春华苑东门近 7 天的红码记录 12 条（姓名已脱敏），下载链接已复制');
      expect(copied).toEqual(['https://x/export.csv']);
    }));

  test('a long export goes on call by call with the same request, showing how far it is, then copies the link', async () => {
    const progress: string[] = [];
    let calls = 0;
    replyWith('grid', 'export', () => {
      calls += 1;
      return calls < 3
        ? ok({ done: false, rows: calls * 20_000, total: 50_000 })
        : ok({ done: true, fileID: 'cloud://big.csv', url: 'https://x/big.csv', rows: 50_000 });
    });
    const page = await openPage(id);
    const setData = page.instance.setData.bind(page.instance);
    page.instance.setData = (d: Record<string, unknown>) => {
      if (typeof d.message === 'string' && d.message) progress.push(d.message);
      setData(d);
    };
    await tap(page, '.export');
    await simulate.sleep(10);
    const [first, ...rest] = exports().map((c) => c.data);
    expect(rest).toEqual([first, first]);
    expect(first.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(progress.slice(0, 2)).toEqual(['正在导出：已写入 20000 / 50000 条', '正在导出：已写入 40000 / 50000 条']);
    expect(textOf(page, '.message')).toBe('已导出春华苑东门今天的记录 50000 条（姓名已脱敏），下载链接已复制');
    expect(copied).toEqual(['https://x/big.csv']);
  });

  test('a call that got no answer is asked again with the same request, and the export finishes', async () => {
    let calls = 0;
    replyWith('grid', 'export', () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('request:fail'), { errCode: -1 });
      return ok({ done: true, fileID: 'cloud://x.csv', url: 'https://x/export.csv', rows: 12 });
    });
    const page = await openPage(id);
    await tap(page, '.export');
    await simulate.sleep(1200);
    const [first, second] = exports().map((c) => c.data);
    expect(second).toEqual(first);
    expect(textOf(page, '.message')).toBe('已导出春华苑东门今天的记录 12 条（姓名已脱敏），下载链接已复制');
  });

  test('leaving the page stops an export under way', async () => {
    const cloud = wxMock().cloud as { callFunction: (o: { data: { action: string } }) => Promise<unknown> };
    const answer = cloud.callFunction;
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    replyWith('grid', 'export', ok({ done: false, rows: 1000, total: 50_000 }));
    cloud.callFunction = async (o) => {
      if (o.data.action === 'export') await held;
      return answer(o);
    };
    const page = await openPage(id);
    await tap(page, '.export');
    (page.instance as unknown as { onUnload(): void }).onUnload();
    release();
    await simulate.sleep(20);
    expect(exports()).toHaveLength(1);
    expect(page.querySelector('.message')).toBeUndefined();
  });

  test('another tap of 导出 is a new request, with an id of its own', async () => {
    const page = await openPage(id);
    await tap(page, '.export');
    await tap(page, '.export');
    const ids = exports().map((c) => c.data.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test.each([
    ['gate', '.gate-picker', 1],
    ['colour', '.colour-picker', 2],
    ['range', '.range-picker', 1],
  ])('the export message goes when the %s changes', async (_what, picker, value) => {
    const page = await openPage(id);
    await tap(page, '.export');
    expect(textOf(page, '.message')).toBe('已导出春华苑东门今天的记录 12 条（姓名已脱敏），下载链接已复制');
    await pick(page, picker, value);
    expect(page.querySelector('.message')).toBeUndefined();
  });

  test('a refused export says why until the filters change', async () => {
    replyWith('grid', 'export', fail('RESOURCE_EXHAUSTED', '符合条件的记录共 20001 条，超过单次导出上限 20000 条'));
    const page = await openPage(id);
    await tap(page, '.export');
    expect(textOf(page, '.message')).toBe('符合条件的记录共 20001 条，超过单次导出上限 20000 条');
    expect(copied).toEqual([]);
    await pick(page, '.colour-picker', 1);
    expect(page.querySelector('.message')).toBeUndefined();
  });

  test('an export that answers after the gate was switched shows nothing for the new gate', async () => {
    const cloud = wxMock().cloud as { callFunction: (o: { data: { action: string } }) => Promise<unknown> };
    const answer = cloud.callFunction;
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    cloud.callFunction = async (o) => {
      if (o.data.action === 'export') await held;
      return answer(o);
    };
    const page = await openPage(id);
    await tap(page, '.export');
    await pick(page, '.gate-picker', 1);
    release();
    await simulate.sleep(10);
    expect(textsOf(page, '.filter')[0]).toBe('卡口：春华苑南门 ▾');
    expect(page.querySelector('.message')).toBeUndefined();
    expect(copied).toEqual([]);
  });
});

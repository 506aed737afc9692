/** 发起团购 rendered with miniprogram-simulate: prices in yuan become fen, times carry +08:00. */
import simulate from 'miniprogram-simulate';
import { formatFen, yuanToFen as parseYuan } from '../../miniprogram/shared/money';
import { cloudCalls, replyWith } from './cloud-mock';
import { Rendered, loadPage, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('organise/organise');

let redirected: string[];
beforeEach(() => {
  redirected = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.redirectTo = ({ url }: { url: string }) =>
    redirected.push(url);
});

async function type(page: Rendered, selector: string, value: string, n = 0) {
  page.querySelectorAll(selector)[n].dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function pick(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}

/** A whole batch: two items, cut-off tonight at 20:00, delivery tomorrow morning (Beijing time). */
async function fillForm(page: Rendered, secondPrice = '12.9') {
  await type(page, '.title', '2月16日 蔬菜鸡蛋团购');
  await type(page, '.pickup-point', '3栋北门快递柜旁');
  await pick(page, '.cutoff-date', '2020-02-15');
  await pick(page, '.cutoff-time', '20:00');
  await pick(page, '.start-date', '2020-02-16');
  await pick(page, '.start-time', '08:30');
  await pick(page, '.end-date', '2020-02-16');
  await pick(page, '.end-time', '11:00');
  await type(page, '.supplier-name', '武汉鲜达农产品有限公司');
  await type(page, '.licence', 'JY14201020012345');
  await type(page, '.contact', '027-82345678');
  await tap(page, '.add-item');
  for (const [n, values] of [
    ['青菜', '斤', '3.5', '200', '3'],
    ['土鸡蛋', '盒', secondPrice, '30', '2'],
  ].entries()) {
    const [name, unit, price, stock, limit] = values;
    await type(page, '.item-name', name, n);
    await type(page, '.item-unit', unit, n);
    await type(page, '.item-price', price, n);
    await type(page, '.item-stock', stock, n);
    await type(page, '.item-limit', limit, n);
  }
}

test('a price that is not money is caught beside the price and nothing is sent', async () => {
  const page = await openPage(id);
  await fillForm(page, '12.345');
  await type(page, '.item-stock', '三十', 1);
  await tap(page, '.submit');
  expect(textsOf(page, '.error-price')).toEqual(['单价应为金额，最多两位小数，如 12.50']);
  expect(textsOf(page, '.error-stock')).toEqual(['库存应为整数']);
  expect(cloudCalls()).toEqual([]);
  await type(page, '.item-price', '12.90', 1);
  await type(page, '.item-stock', '30', 1);
  replyWith('groupbuy', 'create', {
    code: 0,
    message: 'ok',
    data: { batchId: 'b7', sharePath: '/pages/batch/batch?id=b7' },
  });
  await tap(page, '.submit');
  expect(page.querySelector('.error-price')).toBeUndefined();
  expect(cloudCalls()).toHaveLength(1);
});

test('a good form sends integer fen and Beijing times, then opens the new batch', async () => {
  replyWith('groupbuy', 'create', {
    code: 0,
    message: 'ok',
    data: { batchId: 'b7', sharePath: '/pages/batch/batch?id=b7' },
  });
  const page = await openPage(id);
  await fillForm(page);
  await tap(page, '.submit');
  expect(cloudCalls()).toEqual([
    {
      name: 'groupbuy',
      data: {
        action: 'create',
        requestId: expect.stringMatching(/^mp-/),
        title: '2月16日 蔬菜鸡蛋团购',
        items: [
          { name: '青菜', unit: '斤', priceFen: 350, stock: 200, limit: 3 },
          { name: '土鸡蛋', unit: '盒', priceFen: 1290, stock: 30, limit: 2 },
        ],
        cutoffAt: '2020-02-15T20:00:00+08:00',
        deliveryStart: '2020-02-16T08:30:00+08:00',
        deliveryEnd: '2020-02-16T11:00:00+08:00',
        pickupPoint: '3栋北门快递柜旁',
        supplier: { name: '武汉鲜达农产品有限公司', licence: 'JY14201020012345', contact: '027-82345678' },
      },
    },
  ]);
  expect(new Date(String(cloudCalls()[0].data.cutoffAt)).toISOString()).toBe('2020-02-15T12:00:00.000Z');
  expect(redirected).toEqual(['/pages/batch/batch?id=b7']);
});

test('the server’s field errors appear beside their fields; a retry of the same form keeps its request id', async () => {
  replyWith('groupbuy', 'create', {
    code: 'INVALID_ARGUMENT',
    data: null,
    message: '单价应在 0.01–10000 元之间',
    field: 'items.1.priceFen',
    errors: [
      { field: 'items.1.priceFen', message: '单价应在 0.01–10000 元之间' },
      { field: 'supplier.licence', message: '请填写供应商的统一社会信用代码或食品经营许可证编号' },
      { field: 'cutoffAt', message: '截单时间至少在 10 分钟之后' },
    ],
  });
  const page = await openPage(id);
  await fillForm(page, '0');
  await tap(page, '.submit');
  expect(textsOf(page, '.error-price')).toEqual(['单价应在 0.01–10000 元之间']);
  const [egg, greens] = [page.querySelectorAll('.item')[1], page.querySelectorAll('.item')[0]];
  expect(egg.dom!.textContent).toContain('单价应在 0.01–10000 元之间');
  expect(greens.dom!.textContent).not.toContain('单价应在');
  expect(textOf(page, '.error-licence')).toBe('请填写供应商的统一社会信用代码或食品经营许可证编号');
  expect(textOf(page, '.error-cutoffAt')).toBe('截单时间至少在 10 分钟之后');
  expect(page.querySelector('.form-error')).toBeUndefined();
  expect(redirected).toEqual([]);

  await tap(page, '.submit');
  await type(page, '.item-price', '12.90', 1);
  await tap(page, '.submit');
  const [first, retry, edited] = cloudCalls();
  expect(retry.data.requestId).toBe(first.data.requestId);
  expect(edited.data.requestId).not.toBe(first.data.requestId);
});

test('money is integer fen, parsed and printed as text', () => {
  expect(parseYuan('12.5')).toBe(1250);
  expect(parseYuan('0.01')).toBe(1);
  expect(parseYuan(' 3 ')).toBe(300);
  expect(parseYuan('19.99')).toBe(1999);
  for (const bad of ['12.345', 'abc', '', '-1', '1e3', '12.', '.5', '1,000']) expect(parseYuan(bad)).toBeNull();
  expect(formatFen(1250)).toBe('¥12.50');
  expect(formatFen(1)).toBe('¥0.01');
  expect(formatFen(0)).toBe('¥0.00');
  expect(formatFen(1999 * 3)).toBe('¥59.97');
});

test('typing into the batch form, staff still see what each field is: a label names it, the placeholder is an example', async () => {
  const page = await openPage(id);
  await tap(page, '.add-item');
  // Each item's rows are named by one line over their columns.
  const item = [
    ['item-name', '商品名称 / 单位'],
    ['item-unit', '商品名称 / 单位'],
    ['item-price', '单价（元）'],
    ['item-stock', '库存 / 每户限购'],
    ['item-limit', '库存 / 每户限购'],
  ];
  expect(formFields(page)).toEqual({
    labels: [
      ['title', '团购名称'],
      ['pickup-point', '取货点'],
      ['supplier-name', '供应商名称'],
      ['licence', '统一社会信用代码或食品经营许可证编号'],
      ['contact', '联系电话'],
      ...item,
      ...item,
    ],
    namedByPlaceholder: [],
  });
});

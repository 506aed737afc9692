/** 围合区管理 rendered with miniprogram-simulate: buildings, gates and grids added, edited and retired. */
import simulate from 'miniprogram-simulate';
import type { EnclosureDetail } from '../../typings';
import { cloudCalls, fail, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('../console/enclosure/enclosure');

const enclosureId = 'enc-chunhua';
const building = (id: string, name: string, units: number, floors: number, more = {}) => ({
  ...{ id, enclosureId, name, units, floors, roomScheme: 'numbered' as const, retired: false },
  ...{ contact: null, responsible: null },
  ...more,
});
const gate = (id: string, name: string, vehicles: boolean, retired = false) => ({
  ...{ id, enclosureId, name, vehicles, retired },
});
const grid = (id: string, name: string, buildingIds: string[], retired = false) => ({
  ...{ id, enclosureId, name, buildingIds, retired },
});

function detail(overrides: Partial<EnclosureDetail['enclosure']> = {}): EnclosureDetail {
  return {
    enclosure: {
      ...{ id: enclosureId, communityId: 'com-hongli', name: '春华苑', type: 'estate', address: '红荔路 18 号' },
      ...{ retired: false, buildings: 3, gates: 2, grids: 2, contact: null, responsible: null, ...overrides },
    },
    buildings: [
      building('b1', '1栋', 2, 6),
      building('b2', '2栋', 1, 4, { roomScheme: 'labelled' }),
      building('b3', '3栋', 3, 18),
      building('b9', '9栋', 1, 3, { retired: true }),
    ],
    gates: [gate('g1', '春华苑东门', true), gate('g2', '春华苑南门', false), gate('g3', '旧北门', false, true)],
    grids: [
      grid('grid1', '第1网格', ['b1', 'b9']),
      grid('grid2', '第2网格', ['b2']),
      grid('grid0', '旧网格', ['b3'], true),
    ],
  };
}

let modals: { title?: string; editable?: boolean; placeholderText?: string }[];
let modalAnswer: { confirm: boolean; content?: string };
beforeEach(() => {
  modals = [];
  modalAnswer = { confirm: true, content: '' };
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showModal = async (options: (typeof modals)[0]) => {
    modals.push(options);
    return { ...modalAnswer, cancel: !modalAnswer.confirm, errMsg: 'showModal:ok' };
  };
});

async function open(answer: EnclosureDetail = detail()) {
  replyWith('estate', 'enclosure', ok(answer));
  return openPage(id, { enclosureId });
}
async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function change(page: Rendered, selector: string, value: unknown) {
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
  await simulate.sleep(5);
}
/** Taps the action of the n-th row that offers it (retired rows offer none). */
async function tapIn(page: Rendered, row: string, n: number, action: string) {
  const node = page.querySelectorAll(`${row} ${action}`)[n];
  if (!node) throw new Error(`no ${action} in ${row} #${n}`);
  node.dispatchEvent('tap');
  await simulate.sleep(10);
}
const sent = (action: string) => cloudCalls().filter((c) => c.data.action === action);
const saved = () => ok({ kind: 'building' as const, id: 'x', created: true });

test('buildings, gates and grids are listed; retired ones are greyed, marked 已停用 and offer no actions', async () => {
  const page = await open();
  expect(cloudCalls()[0].data).toEqual({ action: 'enclosure', enclosureId });
  expect(textOf(page, '.enclosure-name')).toBe('春华苑');
  expect(textOf(page, '.type-tag')).toBe('小区');
  expect(textsOf(page, '.building .item-name')).toEqual(['1栋', '2栋', '3栋', '9栋']);
  expect(textsOf(page, '.building .shape')).toEqual([
    '2 个单元 · 6 层 · 按楼层编号（如501）',
    '1 个单元 · 4 层 · 按门牌（如A12）',
    '3 个单元 · 18 层 · 按楼层编号（如501）',
    '1 个单元 · 3 层 · 按楼层编号（如501）',
  ]);
  expect(textsOf(page, '.gate .passage')).toEqual(['车行卡口（人车通行）', '人行卡口', '人行卡口']);
  expect(textsOf(page, '.grid .held')).toEqual(['楼栋：1栋、9栋（已停用）', '楼栋：2栋', '楼栋：3栋']);
  for (const [row, retiredAt] of [
    ['.building', 3],
    ['.gate', 2],
    ['.grid', 2],
  ] as const) {
    const rows = page.querySelectorAll(row);
    rows.forEach((r, n) => {
      const retired = n === retiredAt;
      expect(r.dom!.className.includes('retired')).toBe(retired);
      expect(r.dom!.textContent!.includes('已停用')).toBe(retired || (row === '.grid' && n === 0));
      expect(r.dom!.textContent!.includes('编辑')).toBe(!retired);
    });
    expect(page.querySelectorAll(`${row} .retire`)).toHaveLength(rows.length - 1);
  }
});

test('a new building is sent with whole numbers and the room scheme picked, then the page reloads', async () => {
  const page = await open();
  await tap(page, '.add-building');
  await type(page, '.form-name', ' 4栋 ');
  await type(page, '.form-units', '2');
  await type(page, '.form-floors', '六');
  await tap(page, '.save');
  expect(textOf(page, '.error-floors')).toBe('请填写层数（整数）');
  expect(sent('save')).toEqual([]);

  await type(page, '.form-floors', '11');
  await change(page, '.pick-scheme', 1);
  expect(textOf(page, '.pick-scheme')).toBe('房号方式：按门牌（如A12）');
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  expect(sent('save').map((c) => c.data)).toEqual([
    {
      action: 'save',
      kind: 'building',
      requestId: expect.stringMatching(/^mp-/),
      enclosureId,
      name: '4栋',
      units: 2,
      floors: 11,
      roomScheme: 'labelled',
    },
  ]);
  expect(shownToasts().map((t) => t.title)).toContain('楼栋已新增');
  expect(sent('enclosure')).toHaveLength(2);
  expect(onScreen(page, '.building-form')).toBe(false);
});

test('editing a building starts from what it is; the server’s refusal shows at the field; a resend keeps its id', async () => {
  const page = await open();
  await tapIn(page, '.building', 0, '.edit');
  expect(textOf(page, '.form-title')).toBe('编辑楼栋');
  await type(page, '.form-floors', '5');
  replyWith('estate', 'save', fail('FAILED_PRECONDITION', '6层仍有住户，层数不能少于 6', 'floors'));
  await tap(page, '.save');
  expect(textOf(page, '.error-floors')).toBe('6层仍有住户，层数不能少于 6');
  expect(page.querySelector('.error-form')).toBeUndefined();

  await type(page, '.form-floors', '7');
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  failNetwork('estate', 'save');
  await tap(page, '.save');
  logged.mockRestore();
  expect(textOf(page, '.error-form')).toBe('网络异常，请检查网络后重试');
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  const [refused, lost, resent] = sent('save').map((c) => c.data);
  expect(resent).toEqual({
    action: 'save',
    kind: 'building',
    id: 'b1',
    requestId: lost.requestId,
    enclosureId,
    name: '1栋',
    units: 2,
    floors: 7,
    roomScheme: 'numbered',
  });
  expect(refused.requestId).toBe(lost.requestId);
  expect(shownToasts().map((t) => t.title)).toContain('已保存');
});

test('a gate is added as a 车行卡口 with the switch; an edit starts from what the gate is', async () => {
  const page = await open();
  await tap(page, '.add-gate');
  await type(page, '.form-name', '西门');
  await change(page, '.form-vehicles', true);
  replyWith('estate', 'save', saved());
  await tap(page, '.save');
  await tapIn(page, '.gate', 0, '.edit');
  await tap(page, '.save');
  await tapIn(page, '.gate', 0, '.edit');
  await change(page, '.form-vehicles', false);
  await tap(page, '.save');
  const [added, unchanged, edited] = sent('save').map((c) => c.data);
  expect(added).toMatchObject({ kind: 'gate', enclosureId, name: '西门', vehicles: true });
  expect(added).not.toHaveProperty('id');
  expect(unchanged).toMatchObject({ kind: 'gate', id: 'g1', name: '春华苑东门', vehicles: true });
  expect(edited).toMatchObject({ kind: 'gate', id: 'g1', vehicles: false });
  expect(new Set([added.requestId, unchanged.requestId, edited.requestId]).size).toBe(3);
});

test('the grid form offers live buildings and says which grid already holds one', async () => {
  const page = await open();
  await tap(page, '.add-grid');
  expect(textsOf(page, '.choice-name')).toEqual(['1栋', '2栋', '3栋']);
  // A retired grid holds nothing any more: 3栋 is free.
  expect(textsOf(page, '.choice')).toEqual(['1栋已属于「第1网格」', '2栋已属于「第2网格」', '3栋']);
  const taken = page.querySelectorAll('.choice').map((c) => c.dom!.className.includes('taken'));
  expect(taken).toEqual([true, true, false]);
  await type(page, '.form-name', '第3网格');
  await change(page, '.form-buildings', ['b3']);
  replyWith('estate', 'save', fail('CONFLICT', '所选楼栋已属于「第4网格」，请先从该网格移出', 'buildingIds'));
  await tap(page, '.save');
  expect(sent('save')[0].data).toMatchObject({ kind: 'grid', enclosureId, name: '第3网格', buildingIds: ['b3'] });
  expect(textOf(page, '.error-buildingIds')).toBe('所选楼栋已属于「第4网格」，请先从该网格移出');

  // Editing 第1网格: its own building is ticked, not taken; the retired 9栋 drops out when saved.
  await tapIn(page, '.grid', 0, '.edit');
  expect(textsOf(page, '.choice')).toEqual(['1栋', '2栋已属于「第2网格」', '3栋']);
  replyWith('estate', 'save', ok({ kind: 'grid' as const, id: 'grid1', created: false }));
  await tap(page, '.save');
  expect(sent('save')[1].data).toMatchObject({ kind: 'grid', id: 'grid1', name: '第1网格', buildingIds: ['b1'] });
  await tapIn(page, '.grid', 0, '.edit');
  await change(page, '.form-buildings', ['b1', 'b3']);
  await tap(page, '.save');
  expect(sent('save')[2].data).toMatchObject({ kind: 'grid', id: 'grid1', buildingIds: ['b1', 'b3'] });
});

test('retiring asks first with a reason, and the server’s refusal is shown beside the building', async () => {
  const page = await open();
  // Typed a reason, then thought better of it: 取消 sends nothing.
  modalAnswer = { confirm: false, content: '楼栋拆除' };
  await tapIn(page, '.building', 0, '.retire');
  expect(modals[0]).toMatchObject({ title: '停用楼栋「1栋」', editable: true });
  expect(sent('retire')).toEqual([]);
  expect(page.querySelector('.retire-error')).toBeUndefined();

  modalAnswer = { confirm: true, content: ' ' };
  await tapIn(page, '.building', 0, '.retire');
  expect(textOf(page, '.building .retire-error')).toBe('请填写停用原因（至少 2 个字）');
  expect(sent('retire')).toEqual([]);

  modalAnswer = { confirm: true, content: '楼栋拆除' };
  replyWith('estate', 'retire', fail('FAILED_PRECONDITION', '仍有 104 名住户登记在此，请先办理迁出', 'id'));
  await tapIn(page, '.building', 0, '.retire');
  expect(sent('retire').map((c) => c.data)).toEqual([
    { action: 'retire', kind: 'building', id: 'b1', reason: '楼栋拆除' },
  ]);
  const rows = page.querySelectorAll('.building');
  expect(textsOf(page, '.retire-error')).toEqual(['仍有 104 名住户登记在此，请先办理迁出']);
  expect(rows[0].dom!.textContent).toContain('仍有 104 名住户登记在此，请先办理迁出');
  expect(sent('enclosure')).toHaveLength(1);
});

test('a retired gate is reloaded greyed without actions', async () => {
  const page = await open();
  modalAnswer = { confirm: true, content: '改为封闭' };
  const after = detail();
  after.gates[1] = { ...after.gates[1], retired: true };
  replyWith('estate', 'retire', ok({ kind: 'gate' as const, id: 'g2', retiredAt: '2020-02-16T02:00:00.000Z' }));
  replyWith('estate', 'enclosure', ok(after));
  await tapIn(page, '.gate', 1, '.retire');
  expect(modals[0].title).toBe('停用卡口「春华苑南门」');
  expect(sent('retire')[0].data).toEqual({ action: 'retire', kind: 'gate', id: 'g2', reason: '改为封闭' });
  expect(shownToasts().map((t) => t.title)).toContain('已停用');
  const row = page.querySelectorAll('.gate')[1];
  expect(row.dom!.className).toContain('retired');
  expect(row.dom!.textContent).not.toContain('编辑');
  expect(page.querySelectorAll('.gate .retire')).toHaveLength(1);
});

test('a retired enclosure is shown for history only; a refusal to load shows in the load-state block', async () => {
  const page = await open(detail({ retired: true }));
  expect(textOf(page, '.retired-notice')).toBe('该围合区已停用，仅供查看');
  expect(page.querySelectorAll('.edit')).toHaveLength(0);
  expect(page.querySelectorAll('.retire')).toHaveLength(0);
  expect(page.querySelector('.add-building')).toBeUndefined();

  replyWith('estate', 'enclosure', fail('PERMISSION_DENIED', '只能管理本社区的围合区'));
  const refused = await openPage(id, { enclosureId: 'enc-other' });
  expect(cloudCalls().pop()!.data).toEqual({ action: 'enclosure', enclosureId: 'enc-other' });
  expect(textOf(refused, '.state >>> .error-text')).toBe('只能管理本社区的围合区');
  expect(onScreen(refused, '.buildings')).toBe(false);
});

test('a live enclosure links to its 防疫地图 and to 导入住户名册; a retired one to neither', async () => {
  const navigated: string[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.navigateTo = ({ url }: { url: string }) =>
    navigated.push(url);
  const page = await open();
  await tap(page, '.open-map');
  await tap(page, '.open-import');
  const enclosureId = detail().enclosure.id;
  expect(navigated).toEqual([
    `/pages/map/map?enclosureId=${enclosureId}`,
    `/console/import/import?enclosureId=${enclosureId}`,
  ]);
  const retired = await open(detail({ retired: true }));
  expect(retired.querySelector('.open-import')).toBeUndefined();
});

test('typing into the building, gate or grid form, staff still see what each field is: a label names it, the placeholder is an example', async () => {
  const page = await open();
  await tap(page, '.add-building');
  expect(formFields(page, '.building-form')).toEqual({
    labels: [
      ['form-name', '楼栋名称'],
      ['form-units', '单元数'],
      ['form-floors', '层数'],
      ['form-contactName', '联系人姓名（选填）'],
      ['form-contactPhone', '联系人手机号（选填）'],
      ['form-responsibleName', '包干责任人姓名（选填）'],
      ['form-responsiblePhone', '包干责任人手机号（选填）'],
    ],
    namedByPlaceholder: [],
  });
  await tap(page, '.add-gate');
  expect(formFields(page, '.gate-form')).toEqual({ labels: [['form-name', '卡口名称']], namedByPlaceholder: [] });
  await tap(page, '.add-grid');
  expect(formFields(page, '.grid-form')).toEqual({ labels: [['form-name', '网格名称']], namedByPlaceholder: [] });
});

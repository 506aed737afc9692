/** 规则参数 rendered with miniprogram-simulate: the form, what 发布 sends and confirms, refusals, 版本记录. */
import simulate from 'miniprogram-simulate';
import type { RuleConfig } from '../../core/rule-config';
import type { Failure, RuleVersion } from '../../typings';
import { cloudCalls, fail, ok, replyWith, shownToasts } from './cloud-mock';
import { Rendered, loadPage, onScreen, openPage, tap, textOf, textsOf, formFields } from './render';

const id = loadPage('../console/rules/rules');

const v1: RuleConfig = {
  version: 1,
  keyAreas: [
    { code: '420100', name: '湖北省武汉市' },
    { code: '420000', name: '湖北省' },
  ],
  isolationDays: 14,
  feverThresholdCelsius: 37.3,
  declarationValidityHours: 24,
  healthStationDays: 4,
  outingQuota: { exits: 1, periodDays: 2 },
  retentionDays: 28,
};
const v2: RuleConfig = { ...v1, version: 2, outingQuota: { exits: 1, periodDays: 3 }, feverThresholdCelsius: 37.5 };
const v3: RuleConfig = {
  ...v2,
  version: 3,
  keyAreas: [{ code: '420100', name: '武汉市' }, ...v2.keyAreas.slice(1), { code: '310000', name: '上海市' }],
};
const history: RuleVersion[] = [
  { config: v3, publishedAt: '2020-02-20T02:00:00.000Z', publishedBy: '王主任', note: '新增上海市' },
  { config: v2, publishedAt: '2020-02-12T16:30:00.000Z', publishedBy: '李科长', note: '' },
  { config: v1, publishedAt: '2020-02-01T00:00:00.000Z', publishedBy: '部署脚本', note: '' },
];

let modals: { title?: string; content?: string }[];
let confirm: boolean;

beforeEach(() => {
  modals = [];
  confirm = true;
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showModal = async (options: { title?: string; content?: string }) => {
    modals.push(options);
    return { confirm, cancel: !confirm, content: '', errMsg: 'showModal:ok' };
  };
});

async function open(current: RuleConfig = v3, versions = history): Promise<Rendered> {
  replyWith('admin', 'getRules', ok(current));
  replyWith('admin', 'history', ok(versions));
  return openPage(id);
}
async function type(page: Rendered, selector: string, value: string) {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function typeNth(page: Rendered, selector: string, n: number, value: string) {
  page.querySelectorAll(selector)[n].dispatchEvent('input', { detail: { value } });
  await simulate.sleep(5);
}
async function tapNth(page: Rendered, selector: string, n: number) {
  page.querySelectorAll(selector)[n].dispatchEvent('tap');
  await simulate.sleep(10);
}
/** An attribute as the page set it (built-in components keep none on their DOM node under simulate). */
const valueOf = (page: Rendered, selector: string) => valuesOf(page, selector)[0];
const valuesOf = (page: Rendered, selector: string) =>
  page.querySelectorAll(selector).map((n) => n.toJSON().attrs.find((a) => a.name === 'value')?.value);
const publishes = () => cloudCalls().filter((c) => c.data.action === 'publishRules');
/** The refusal under each 重点地区 row ('' where none). */
const rowErrors = (page: Rendered) =>
  page
    .querySelectorAll('.area')
    .map((row) => row.dom!.querySelector('[class*="area-error"]')?.textContent?.trim() ?? '');
/** Each 版本记录 card's change lines. */
const changeLines = (page: Rendered) =>
  page
    .querySelectorAll('.version')
    .map((card) => [...card.dom!.querySelectorAll('[class*="version-change"]')].map((n) => n.textContent!.trim()));

test('the form shows the current version; 版本记录 says who, when (China time), why and what changed', async () => {
  const page = await open();
  expect(textOf(page, '.current-version')).toBe('当前规则：第 3 版');
  expect(valuesOf(page, '.area-code')).toEqual(['420100', '420000', '310000']);
  expect(valuesOf(page, '.area-name')).toEqual(['武汉市', '湖北省', '上海市']);
  expect(valueOf(page, '.isolationDays')).toBe('14');
  expect(valueOf(page, '.feverThresholdCelsius')).toBe('37.5');
  expect(valueOf(page, '.declarationValidityHours')).toBe('24');
  expect(valueOf(page, '.healthStationDays')).toBe('4');
  expect([valueOf(page, '.exits'), valueOf(page, '.periodDays')]).toEqual(['1', '3']);
  expect(valueOf(page, '.retentionDays')).toBe('28');

  expect(textsOf(page, '.version-number')).toEqual(['第 3 版', '第 2 版', '第 1 版']);
  expect(textsOf(page, '.version-by')).toEqual([
    '王主任 · 2月20日 10:00',
    '李科长 · 2月13日 00:30',
    '部署脚本 · 2月1日 08:00',
  ]);
  expect(textsOf(page, '.version-note')).toEqual(['说明：新增上海市', '（未填写说明）', '（未填写说明）']);
  expect(changeLines(page)).toEqual([
    ['重点地区 新增 310000 上海市', '重点地区 420100 名称 湖北省武汉市 → 武汉市'],
    ['发热阈值 37.3℃ → 37.5℃', '外出限额 1 次/2 天 → 1 次/3 天'],
    ['初始版本'],
  ]);
});

test('typing into the rule form, staff still see what each field is: a label names it, the placeholder is an example', async () => {
  const page = await open();
  const area = '地区代码（6位） / 地区名称';
  expect(formFields(page, '.rule-form')).toEqual({
    labels: [
      ...[0, 1, 2].flatMap(() => [
        ['area-code', area],
        ['area-name', area],
      ]),
      ['isolationDays', '隔离天数'],
      ['feverThresholdCelsius', '发热阈值'],
      ['declarationValidityHours', '申报有效时长（小时）'],
      ['healthStationDays', '健康驿站天数'],
      ['exits', '外出限额'],
      ['periodDays', '外出限额'],
      ['retentionDays', '数据保留天数'],
      ['releaseTestDays', '解除隔离需核酸阴性'],
      ['samplingDays', '隔离期采样日'],
      ['note', '修改说明（必填）'],
    ],
    namedByPlaceholder: [],
  });
});

test('发布 sends only the changed fields, after a confirmation naming the new version and each change', async () => {
  const page = await open();
  await type(page, '.isolationDays', '21');
  await tapNth(page, '.remove-area', 0);
  await tap(page, '.add-area');
  await typeNth(page, '.area-code', 2, ' 320100 ');
  await typeNth(page, '.area-name', 2, '江苏省南京市');
  await type(page, '.note', ' 按区指挥部通知延长隔离期 ');
  const next: RuleConfig = { ...v3, version: 4, isolationDays: 21 };
  replyWith('admin', 'publishRules', ok(next));
  // The cloud as it would be: version 4 is the current one once it is published.
  replyWith('admin', 'getRules', () => (publishes().length ? ok(next) : ok(v3)));
  replyWith(
    'admin',
    'history',
    ok([
      {
        config: next,
        publishedAt: '2020-02-21T02:00:00.000Z',
        publishedBy: '王主任',
        note: '按区指挥部通知延长隔离期',
      },
      ...history,
    ]),
  );
  await tap(page, '.publish');

  expect(modals).toHaveLength(1);
  expect(modals[0].title).toBe('发布第 4 版规则');
  expect(modals[0].content).toContain('重点地区 新增 320100 江苏省南京市');
  expect(modals[0].content).toContain('重点地区 移除 420100 武汉市');
  expect(modals[0].content).toContain('隔离天数 14 → 21');
  expect(modals[0].content).toContain('修改说明：按区指挥部通知延长隔离期');
  expect(modals[0].content).not.toContain('发热阈值');
  expect(publishes().map((c) => c.data)).toEqual([
    {
      action: 'publishRules',
      rules: {
        isolationDays: 21,
        keyAreas: [
          { code: '420000', name: '湖北省' },
          { code: '310000', name: '上海市' },
          { code: '320100', name: '江苏省南京市' },
        ],
      },
      note: '按区指挥部通知延长隔离期',
      // Made against version 3: the server refuses it if another admin published meanwhile.
      baseVersion: 3,
    },
  ]);
  expect(shownToasts()).toContainEqual({ title: '已发布第 4 版', icon: 'success' });
  expect(textOf(page, '.current-version')).toBe('当前规则：第 4 版');
  expect(textsOf(page, '.version-number')[0]).toBe('第 4 版');
  expect(valueOf(page, '.note')).toBe('');
});

/** A refusal with several problems, as `fromInvalid`/publish send it (server/errors.ts). */
const refused = (errors: { field: string; message: string }[]): Failure => ({
  code: 'INVALID_ARGUMENT',
  data: null,
  message: errors[0].message,
  field: errors[0].field,
  errors,
});

test('nothing changed: 发布 says so and sends nothing, even after a field is typed back to its value', async () => {
  const page = await open();
  await type(page, '.note', '例行核对');
  await tap(page, '.publish');
  await type(page, '.isolationDays', '21');
  await type(page, '.isolationDays', '14.0');
  await tap(page, '.publish');
  expect(publishes()).toHaveLength(0);
  expect(modals).toHaveLength(0);
  expect(shownToasts()).toEqual([
    { title: '与当前第 3 版相比没有修改，无需发布', icon: 'none' },
    { title: '与当前第 3 版相比没有修改，无需发布', icon: 'none' },
  ]);
});

test('a 修改说明 is required, a number field must hold a number, and a cancelled confirmation sends nothing', async () => {
  const page = await open();
  await type(page, '.retentionDays', '35');
  await tap(page, '.publish');
  expect(textOf(page, '.error-note')).toBe('请填写修改说明');
  await type(page, '.note', '延长保留期');
  expect(onScreen(page, '.error-note')).toBe(false);
  await type(page, '.exits', '');
  await tap(page, '.publish');
  expect(textOf(page, '.error-outingQuota')).toBe('请填写外出次数（数字）');
  await type(page, '.exits', '2');
  confirm = false;
  await tap(page, '.publish');
  expect(modals.map((m) => m.content!.split('\n').slice(0, 2))).toEqual([
    ['外出限额 1 次/3 天 → 2 次/3 天', '数据保留天数 28 → 35'],
  ]);
  expect(publishes()).toHaveLength(0);
});

test("the server's refusals are shown beside the field, the key-area row and above 发布", async () => {
  const page = await open();
  await type(page, '.isolationDays', '90');
  await tap(page, '.add-area');
  await tap(page, '.add-area');
  // The blank row (index 3) is left out: the 5th row is sent as keyAreas[3].
  await typeNth(page, '.area-code', 4, '32010');
  await typeNth(page, '.area-name', 4, '南京市');
  await type(page, '.note', '测试');
  replyWith(
    'admin',
    'publishRules',
    refused([
      { field: 'rules.isolationDays', message: '隔离天数应在 1–60 之间' },
      { field: 'rules.keyAreas[3].code', message: '第 4 个重点地区的区划代码应为 6 位数字' },
    ]),
  );
  await tap(page, '.publish');
  expect(publishes()[0].data.rules).toEqual({
    isolationDays: 90,
    keyAreas: [...v3.keyAreas, { code: '32010', name: '南京市' }],
  });
  expect(textOf(page, '.error-isolationDays')).toBe('隔离天数应在 1–60 之间');
  expect(rowErrors(page)).toEqual(['', '', '', '', '第 4 个重点地区的区划代码应为 6 位数字']);
  expect(valuesOf(page, '.area-code')[4]).toBe('32010');
  // Typing in the refused field clears its message.
  await type(page, '.isolationDays', '21');
  expect(onScreen(page, '.error-isolationDays')).toBe(false);

  replyWith(
    'admin',
    'publishRules',
    refused([
      { field: 'rules', message: '驿站观察天数不能超过隔离天数' },
      { field: 'rules', message: '数据保留天数不能少于隔离天数加 2 天' },
    ]),
  );
  await tap(page, '.publish');
  expect(textOf(page, '.error-rules')).toBe('驿站观察天数不能超过隔离天数；数据保留天数不能少于隔离天数加 2 天');
  expect(onScreen(page, '.error-form')).toBe(false);
  expect(rowErrors(page)).toEqual(['', '', '', '', '']);

  replyWith('admin', 'publishRules', fail('CONFLICT', '规则刚被他人修改，请刷新后重试'));
  await tap(page, '.publish');
  expect(textOf(page, '.error-form')).toBe('规则刚被他人修改，请刷新后重试');
});

test('a newer version than the one on screen (another admin, or a publish whose answer was lost) is shown before anything is sent', async () => {
  const page = await open();
  await type(page, '.isolationDays', '21');
  await type(page, '.note', '延长隔离期');
  // Version 4 already has the 21 days: this officer's earlier 发布 landed but its answer was lost.
  const v4: RuleConfig = { ...v3, version: 4, isolationDays: 21 };
  replyWith('admin', 'getRules', ok(v4));
  await tap(page, '.publish');
  expect(modals).toHaveLength(0);
  expect(textOf(page, '.error-form')).toBe('规则已更新为第 4 版，页面已刷新，请核对修改后再发布');
  expect(textOf(page, '.current-version')).toBe('当前规则：第 4 版');
  // What was typed stays, and against version 4 it is no change: nothing is published twice.
  expect(valueOf(page, '.isolationDays')).toBe('21');
  await tap(page, '.publish');
  expect(publishes()).toHaveLength(0);
  expect(shownToasts().pop()).toEqual({ title: '与当前第 4 版相比没有修改，无需发布', icon: 'none' });
});

test('a community admin or anyone else sees the refusal in the load-state block, with no form', async () => {
  replyWith('admin', 'getRules', fail('PERMISSION_DENIED', '仅街道管理员可以查看规则参数'));
  replyWith('admin', 'history', fail('PERMISSION_DENIED', '仅街道管理员可以查看规则参数'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('仅街道管理员可以查看规则参数');
  expect(onScreen(page, '.publish')).toBe(false);
  expect(onScreen(page, '.version')).toBe(false);
});

test('版本记录 of a version stored before retention existed, a republish with no change, and a cut-off list', async () => {
  const { retentionDays: _none, ...old } = { ...v1, version: 5 };
  const same: RuleConfig = { ...v1, version: 6, retentionDays: 28 };
  const later: RuleConfig = { ...same, version: 7, retentionDays: 60 };
  const at = '2020-02-25T00:30:00.000Z';
  const page = await open(later, [
    { config: later, publishedAt: at, publishedBy: '王主任', note: '延长' },
    { config: same, publishedAt: at, publishedBy: '王主任', note: '' },
    { config: old, publishedAt: at, publishedBy: '李科长', note: '' },
  ]);
  expect(changeLines(page)).toEqual([['数据保留天数 28 → 60'], ['参数未变'], ['更早的版本未列出，无法比较']]);
});

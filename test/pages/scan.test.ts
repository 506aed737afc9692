/** 扫码核验 rendered with miniprogram-simulate: the verdict fills the screen, from the server. */
import type { Verdict } from '../../typings';
import { type Answer, cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, onScreen, openPage, tap, textOf } from './render';

const id = loadPage('scan/scan');
/** A verdict of the server's, as a guard's scan gets it; each test names what differs. */
const verdictOf = (v: Pick<Verdict, 'allowed' | 'colour' | 'reason'> & Partial<Verdict>): Verdict => ({
  maskedName: '王*',
  household: '1栋1单元101室',
  buildingUnit: '1栋1单元',
  temperature: 36.5,
  logId: 'l1',
  ...v,
});
const me: Answer<'account', 'me'> = {
  code: 0,
  message: 'ok',
  data: {
    roles: ['grid_worker'],
    displayName: '网格员',
    enclosureId: 'e',
    enclosureName: '春华苑',
    gates: [
      { id: 'g1', name: '春华苑东门' },
      { id: 'g2', name: '春华苑南门' },
    ],
  },
};

beforeEach(() => {
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.scanCode = async () => ({ result: 'P1.token-from-camera' });
  wxMock.vibrateLong = () => undefined;
  wxMock.showToast = () => undefined;
  // The offline snapshot is taken at load: refused here, so these tests see the online gate alone.
  replyWith('gate', 'snapshot', fail('FAILED_PRECONDITION', '卡口未配置通行码密钥，请联系街道管理员'));
});
/** The calls the scans made, without the snapshot and duty line fetched at load and on a change of gate. */
const sent = () => cloudCalls().filter((c) => c.data.action !== 'snapshot' && c.data.action !== 'onDuty');

test('a refusal shows the colour, the reason and who, full screen, and what was sent', async () => {
  replyWith('account', 'me', me);
  replyWith(
    'gate',
    'scan',
    ok(
      verdictOf({
        allowed: false,
        colour: 'red',
        reason: '红码，不得通行，请引导至指定观察点',
        maskedName: '李*华',
        household: '3栋2单元501室',
        buildingUnit: '3栋2单元',
      }),
    ),
  );
  const page = await openPage(id);
  await tap(page, '.direction-out');
  await tap(page, '.scan-button');
  expect(page.querySelector('.verdict')!.dom!.className).toContain('red');
  expect(textOf(page, '.verdict-title')).toBe('红码 · 禁止通行');
  expect(textOf(page, '.verdict-reason')).toBe('红码，不得通行，请引导至指定观察点');
  expect(textOf(page, '.verdict-who')).toBe('李*华 · 3栋2单元501室');
  expect(sent()[1]).toEqual({
    name: 'gate',
    data: {
      action: 'scan',
      gateId: 'g1',
      direction: 'out',
      token: 'P1.token-from-camera',
      temperature: 36.5,
      scanId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), // the same id an offline copy would carry
    },
  });
});

test('逢人必测: each scan sends the temperature set for that person, then the next starts at 36.5℃', async () => {
  replyWith('account', 'me', me);
  replyWith(
    'gate',
    'scan',
    ok(
      verdictOf({
        allowed: false,
        colour: 'red',
        reason: '体温超过发热标准，不得通行，已通知网格员，请引导至发热门诊',
        temperature: 37.6,
      }),
    ),
  );
  const page = await openPage(id);
  for (let i = 0; i < 11; i++) await tap(page, '.step-up'); // 36.5 → 37.6
  await tap(page, '.scan-button');
  expect(sent()[1].data).toMatchObject({ action: 'scan', temperature: 37.6 });
  expect(textOf(page, '.verdict-temperature')).toBe('体温 37.6℃');
  expect((page.instance as unknown as { data: { temperature: string } }).data.temperature).toBe('36.5');
});

test('a temperature no thermometer shows is refused on the phone before the camera opens', async () => {
  replyWith('account', 'me', me);
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  let cameraOpened = false;
  const toasts: string[] = [];
  wxMock.showToast = ({ title }: { title: string }) => toasts.push(title);
  wxMock.scanCode = async () => {
    cameraOpened = true;
    return { result: 'P1.token-from-camera' };
  };
  const page = await openPage(id);
  const input = page.querySelector('.temperature-input')!;
  input.dispatchEvent('input', { detail: { value: '3.65' } });
  await tap(page, '.scan-button');
  expect(cameraOpened).toBe(false);
  expect(sent()).toHaveLength(1); // only account.me
  expect(toasts).toEqual(['请填写 34–43℃ 之间的体温']);
});

test('a green pass shows 放行, and a tap clears the screen for the next scan', async () => {
  replyWith('account', 'me', me);
  replyWith(
    'gate',
    'scan',
    ok(
      verdictOf({
        allowed: true,
        colour: 'green',
        reason: '绿码，放行',
        maskedName: '王*',
        household: '1栋1单元101室',
        buildingUnit: '1栋1单元',
      }),
    ),
  );
  const page = await openPage(id);
  expect(onScreen(page, '.scan-button')).toBe(true);
  await tap(page, '.scan-button');
  expect(textOf(page, '.verdict-title')).toBe('绿码 · 放行');
  expect(getComputedStyle(page.querySelector('.verdict')!.dom!).backgroundColor).toBe('rgb(26, 159, 90)');
  await tap(page, '.verdict');
  expect(page.querySelector('.verdict')).toBeUndefined();
});

test('someone who guards no gate is told so and cannot scan', async () => {
  replyWith('account', 'me', {
    code: 0,
    message: 'ok',
    data: { roles: ['resident'], displayName: null, enclosureId: null, enclosureName: null, gates: [] },
  });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('您没有值守的卡口，请联系街道管理员');
  expect(onScreen(page, '.scan-button')).toBe(false);
});

test('a green resident refused for the quota gets a red screen, the reason large, never a green one', async () => {
  replyWith('account', 'me', me);
  replyWith(
    'gate',
    'scan',
    ok(
      verdictOf({
        allowed: false,
        colour: 'green',
        reason: '本户本期外出次数已用完',
        maskedName: '王*',
        household: '1栋1单元101室',
        buildingUnit: '1栋1单元',
      }),
    ),
  );
  const page = await openPage(id);
  await tap(page, '.direction-out');
  await tap(page, '.scan-button');
  const verdict = page.querySelector('.verdict')!.dom!;
  expect(verdict.className).toMatch(/\brefused\b.*\bred\b/);
  expect(verdict.className).not.toMatch(/green/);
  expect(getComputedStyle(verdict).backgroundColor).toBe('rgb(217, 48, 37)'); // the refusal red, not #1a9f5a
  expect(textOf(page, '.verdict-title')).toBe('绿码 · 禁止通行');
  expect(textOf(page, '.verdict-reason')).toBe('本户本期外出次数已用完');
  expect(parseFloat(getComputedStyle(page.querySelector('.verdict-reason')!.dom!).fontSize)).toBeGreaterThanOrEqual(56);
});

test('the camera’s return shows the page again but costs no call and keeps the chosen gate', async () => {
  replyWith('account', 'me', me);
  replyWith('gate', 'scan', ok(verdictOf({ allowed: true, colour: 'green', reason: '绿码，放行' })));
  const page = await openPage(id);
  const shown = page.instance as unknown as { onShow(): void };
  shown.onShow(); // the first show, right after onLoad
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.scanCode = async () => {
    shown.onShow(); // the camera closes: WeChat shows the page again before the code comes back
    return { result: 'P1.token-from-camera' };
  };
  page.querySelector('.gate-picker')!.dispatchEvent('change', { detail: { value: 1 } });
  await tap(page, '.scan-button');
  await tap(page, '.verdict');
  await tap(page, '.scan-button');
  expect(cloudCalls().map((c) => [c.data.action, c.data.gateId])).toEqual([
    ['me', undefined],
    ['onDuty', 'g1'],
    ['snapshot', 'g1'],
    ['onDuty', 'g2'],
    ['snapshot', 'g2'], // the chosen gate's duty line and snapshot; none for the camera's return
    ['scan', 'g2'],
    ['scan', 'g2'],
  ]);
  expect(textOf(page, '.gate')).toBe('卡口：春华苑南门 ▾');
});

test('gates that could not be loaded say why, and 重试 opens the gate screen', async () => {
  replyWith('account', 'me', fail('INTERNAL', '网络异常，请检查网络后重试'));
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('网络异常，请检查网络后重试');
  replyWith('account', 'me', me);
  await tap(page, '.state >>> .retry');
  expect(textOf(page, '.gate')).toBe('卡口：春华苑东门 ▾');
  expect(onScreen(page, '.scan-button')).toBe(true);
});

test('the gate’s roster line says who holds it and the last hand-over note, and changes with the gate', async () => {
  replyWith('account', 'me', me);
  replyWith('duty', 'onDuty', (data) =>
    ok(
      data.gateId === 'g1'
        ? {
            names: ['志愿者何磊', '网格员王伟'],
            handOverNote: '东侧围挡松动已报修',
            handedOverBy: '志愿者陈芳（今天）',
          }
        : { names: [], handOverNote: null, handedOverBy: null },
    ),
  );
  const page = await openPage(id);
  expect(textOf(page, '.on-duty')).toBe('值守：志愿者何磊、网格员王伟');
  expect(textOf(page, '.hand-over')).toBe('交班（志愿者陈芳（今天））：东侧围挡松动已报修');
  page.querySelector('.gate-picker')!.dispatchEvent('change', { detail: { value: 1 } });
  await new Promise((r) => setTimeout(r, 10));
  expect(textOf(page, '.on-duty')).toBe('值守：暂无人上岗');
  expect(onScreen(page, '.hand-over')).toBe(false);
});

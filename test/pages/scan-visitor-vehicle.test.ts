/** 扫码核验's 访客核验 and 车辆核验 rendered with miniprogram-simulate: a number or a plate, the server's verdict. */
import type { Answer } from './cloud-mock';
import { cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const id = loadPage('scan/scan');
const me: Answer<'account', 'me'> = ok({
  roles: ['grid_worker'],
  displayName: '网格员',
  enclosureId: 'e',
  enclosureName: '春华苑',
  gates: [{ id: 'g1', name: '春华苑东门' }],
});
let toasts: string[];
beforeEach(() => {
  toasts = [];
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.showToast = ({ title }: { title: string }) => toasts.push(title);
  wxMock.vibrateShort = () => undefined;
  wxMock.vibrateLong = () => undefined;
  replyWith('account', 'me', me);
  replyWith('gate', 'snapshot', fail('FAILED_PRECONDITION', '卡口未配置通行码密钥，请联系街道管理员'));
});

async function typePhone(page: Awaited<ReturnType<typeof openPage>>, phone: string) {
  await tap(page, '.visitor-toggle');
  page.querySelector('.visitor-phone')!.dispatchEvent('input', { detail: { value: phone } });
}

test('an approved visitor is let in by number with the temperature taken, and the screen says 访客 · 放行', async () => {
  replyWith(
    'gate',
    'visitor',
    ok({
      allowed: true,
      colour: null,
      reason: '访客已登记，放行，请核对身份证件',
      maskedName: '孙*来',
      household: '探访 2栋1单元101室',
      buildingUnit: null,
      temperature: 36.6,
      logId: 'l1',
    }),
  );
  const page = await openPage(id);
  await tap(page, '.step-up');
  await typePhone(page, '13900004444');
  await tap(page, '.visitor-check');
  expect(cloudCalls().pop()!.data).toEqual({
    action: 'visitor',
    gateId: 'g1',
    direction: 'in',
    visitorPhone: '13900004444',
    temperature: 36.6,
  });
  expect(textOf(page, '.verdict-title')).toBe('访客 · 放行');
  expect(textOf(page, '.verdict-who')).toBe('孙*来 · 探访 2栋1单元101室');
  expect(page.querySelector('.verdict')!.dom!.className).toContain('green');
  // The next visitor's number is typed afresh.
  expect((page.instance as unknown as { data: { visitorPhone: string } }).data.visitorPhone).toBe('');
});

test('a refused visitor shows red with the reason; a number that is not a mobile never reaches the cloud', async () => {
  replyWith(
    'gate',
    'visitor',
    ok({
      allowed: false,
      colour: null,
      reason: '谢绝访客：来访申请尚待网格员审批',
      maskedName: null,
      household: null,
      buildingUnit: null,
      temperature: 36.5,
      logId: 'l2',
    }),
  );
  const page = await openPage(id);
  await typePhone(page, '1390000');
  await tap(page, '.visitor-check');
  expect(cloudCalls().filter((c) => c.data.action === 'visitor')).toHaveLength(0);
  expect(toasts).toEqual(['请填写访客的 11 位手机号']);

  page.querySelector('.visitor-phone')!.dispatchEvent('input', { detail: { value: '13900004444' } });
  await tap(page, '.visitor-check');
  expect(textOf(page, '.verdict-title')).toBe('禁止通行');
  expect(textOf(page, '.verdict-reason')).toBe('谢绝访客：来访申请尚待网格员审批');
  expect(page.querySelector('.verdict')!.dom!.className).toContain('red');
});

test('a registered vehicle is let through, then the people aboard are scanned naming it, until 结束', async () => {
  replyWith(
    'gate',
    'vehicle',
    ok({
      allowed: true,
      reason: '车辆已登记，放行；随车人员请逐一扫码',
      plate: '粤B·D12345',
      kind: 'supply',
      who: '钱大妈保供点 李*强 138****5678',
      logId: 'veh-log-1',
    }),
  );
  replyWith(
    'gate',
    'scan',
    ok({
      allowed: true,
      colour: 'green',
      reason: '绿码，放行',
      maskedName: '王*',
      household: '1栋1单元101室',
      buildingUnit: '1栋1单元',
      temperature: 36.5,
      logId: 'l3',
    }),
  );
  const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxMock.scanCode = async () => ({ result: 'P1.token' });
  const page = await openPage(id);
  await tap(page, '.vehicle-toggle');
  page.querySelector('.plate')!.dispatchEvent('input', { detail: { value: '粤BD12345' } });
  await tap(page, '.vehicle-check');
  expect(cloudCalls().pop()!.data).toEqual({ action: 'vehicle', gateId: 'g1', direction: 'in', plate: '粤BD12345' });
  expect(textOf(page, '.verdict-title')).toBe('车辆 · 放行');
  expect(page.querySelector('.verdict-temperature')).toBeUndefined(); // a plate has no temperature
  await tap(page, '.verdict');
  expect(textOf(page, '.aboard-text')).toBe('随车人员扫码中：粤B·D12345');

  await tap(page, '.scan-button');
  expect(cloudCalls().pop()!.data).toMatchObject({ action: 'scan', token: 'P1.token', vehicleLogId: 'veh-log-1' });
  await tap(page, '.verdict');
  await tap(page, '.aboard-end');
  await tap(page, '.scan-button');
  expect(cloudCalls().pop()!.data).not.toHaveProperty('vehicleLogId');
  await tap(page, '.verdict');

  // Another lane is another vehicle: switching direction ends the linking too.
  await tap(page, '.vehicle-toggle');
  page.querySelector('.plate')!.dispatchEvent('input', { detail: { value: '粤BD12345' } });
  await tap(page, '.vehicle-check');
  await tap(page, '.verdict');
  expect(page.querySelector('.aboard')).toBeDefined();
  await tap(page, '.direction-out');
  expect(page.querySelector('.aboard')).toBeUndefined();
});

test('an unknown plate is refused in red', async () => {
  replyWith(
    'gate',
    'vehicle',
    ok({
      allowed: false,
      reason: '车辆未登记，不得通行，请联系网格员登记',
      plate: '粤B·99999',
      kind: null,
      who: null,
      logId: 'veh-log-2',
    }),
  );
  const page = await openPage(id);
  await tap(page, '.vehicle-toggle');
  page.querySelector('.plate')!.dispatchEvent('input', { detail: { value: '粤B99999' } });
  await tap(page, '.vehicle-check');
  expect(textOf(page, '.verdict-title')).toBe('禁止通行');
  expect(textOf(page, '.verdict-reason')).toBe('车辆未登记，不得通行，请联系网格员登记');
  expect(page.querySelector('.verdict')!.dom!.className).toContain('red');
  expect(page.querySelector('.aboard')).toBeUndefined();
});

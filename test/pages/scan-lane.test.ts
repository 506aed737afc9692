/** 扫码核验 at a busy lane: marks, vibrations, the lane's counts and 连续扫码 (miniprogram-simulate). */
import type { Verdict } from '../../typings';
import { type Answer, cloudCalls, fail, ok, replyWith } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const id = loadPage('scan/scan');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const me: Answer<'account', 'me'> = ok({
  roles: ['grid_worker' as const],
  displayName: '网格员',
  enclosureId: 'e',
  enclosureName: '春华苑',
  gates: [{ id: 'g1', name: '春华苑东门' }],
});
const verdict = (allowed: boolean): Verdict => ({
  allowed,
  colour: allowed ? 'green' : 'red',
  reason: allowed ? '绿码，放行' : '红码，不得通行，请引导至指定观察点',
  maskedName: '王*',
  household: '1栋1单元101室',
  buildingUnit: '1栋1单元',
  temperature: 36.5,
  logId: 'l1',
});

let felt: string[];
let cameras: number;
/** The sounds played, by file: the page keeps its players, so one list is emptied per test. */
const heard: string[] = [];
wxMock.setInnerAudioOption = () => undefined;
wxMock.createInnerAudioContext = () => {
  const player = { src: '', stop: () => undefined, play: () => heard.push(player.src) };
  return player;
};
beforeEach(() => {
  felt = [];
  heard.length = 0;
  cameras = 0;
  const storage = new Map<string, unknown>();
  wxMock.getStorageSync = (key: string) => storage.get(key) ?? '';
  wxMock.setStorageSync = (key: string, value: unknown) => storage.set(key, value);
  wxMock.scanCode = async () => {
    cameras++;
    return { result: `P1.token-${cameras}` };
  };
  wxMock.vibrateShort = () => felt.push('short');
  wxMock.vibrateLong = () => felt.push('long');
  replyWith('account', 'me', me);
  replyWith('gate', 'snapshot', fail('FAILED_PRECONDITION', '卡口未配置通行码密钥，请联系街道管理员'));
});

test('a pass and a refusal feel and sound different, show ✓ or ✗, and count on this lane only', async () => {
  let next = true;
  replyWith('gate', 'scan', () => ok(verdict(next)));
  const page = await openPage(id);
  expect(textOf(page, '.lane-counts')).toBe('今日本通道：放行 0 · 劝返 0');
  await tap(page, '.scan-button');
  expect(textOf(page, '.verdict-mark')).toBe('✓');
  await tap(page, '.verdict');
  next = false;
  await tap(page, '.scan-button');
  expect(textOf(page, '.verdict-mark')).toBe('✗');
  expect(felt).toEqual(['short', 'long']);
  expect(heard).toEqual(['/assets/sounds/pass.wav', '/assets/sounds/refused.wav']);
  expect(textOf(page, '.lane-counts')).toBe('今日本通道：放行 1 · 劝返 1');
  await tap(page, '.verdict');
  await tap(page, '.direction-out'); // the other lane of this gate has its own counts
  expect(textOf(page, '.lane-counts')).toBe('今日本通道：放行 0 · 劝返 0');
  await tap(page, '.direction-in');
  expect(textOf(page, '.lane-counts')).toBe('今日本通道：放行 1 · 劝返 1');
});

test('with 连续扫码 the camera opens again by itself: soon after a pass, later after a refusal', async () => {
  jest.useFakeTimers({ advanceTimers: true });
  try {
    let next = true;
    replyWith('gate', 'scan', () => ok(verdict(next)));
    const page = await openPage(id);
    page.querySelector('.continuous-switch')!.dispatchEvent('change', { detail: { value: true } });
    await tap(page, '.scan-button');
    expect(cameras).toBe(1);
    next = false; // the next person is refused
    await jest.advanceTimersByTimeAsync(1500);
    expect(cameras).toBe(2);
    expect(textOf(page, '.verdict-mark')).toBe('✗');
    await jest.advanceTimersByTimeAsync(3000);
    expect(cameras).toBe(2); // a refusal stays on screen longer, for the guard to act on
    await jest.advanceTimersByTimeAsync(1000);
    expect(cameras).toBe(3);
    // Another page on top: no camera behind it.
    (page.instance as unknown as { onHide(): void }).onHide();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(cameras).toBe(3);
    expect(
      cloudCalls()
        .filter((c) => c.data.action === 'scan')
        .map((c) => c.data.token),
    ).toEqual(['P1.token-1', 'P1.token-2', 'P1.token-3']);
  } finally {
    jest.useRealTimers();
  }
});

/**
 * 扫码核验 with the network gone (miniprogram-simulate): the page takes the gate's snapshot while
 * online and keeps it encrypted; with no answer from the cloud a scan is judged on the phone and
 * says so, red stays red, and the scans go up once the network is back; 清除 wipes the snapshot.
 */
import nacl from 'tweetnacl';
import type { SnapshotPage, Verdict } from '../../typings';
import { signedPayload, toBase64Url } from '../../miniprogram/shared/signed-pass';
import { type Answer, cloudCalls, fail, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { loadPage, openPage, tap, textOf } from './render';

const id = loadPage('scan/scan');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const me: Answer<'account', 'me'> = ok({
  roles: ['grid_worker' as const],
  displayName: '网格员',
  enclosureId: 'enc-a',
  enclosureName: '春华苑',
  gates: [{ id: 'g1', name: '春华苑东门' }],
});
const keys = nacl.sign.keyPair();
const ENV = 'test-env';
const pass = (residentId: string, householdId: string) => {
  const expires = Math.floor(Date.now() / 1000) + 60;
  const { payload, signed } = signedPayload({ residentId, householdId, enclosureId: 'enc-a' }, expires, ENV);
  return `${payload}.${toBase64Url(nacl.sign.detached(signed, keys.secretKey))}`;
};
const page0 = (): SnapshotPage => ({
  takenAt: new Date().toISOString(),
  head: {
    enclosureId: 'enc-a',
    publicKey: toBase64Url(keys.publicKey),
    envId: ENV,
    quota: { exits: 1, periodDays: 2, periodKey: 0 },
    feverThreshold: 37.3,
    cards: {},
    vaultKey: toBase64Url(nacl.randomBytes(32)),
  },
  units: ['1栋1单元'],
  rows: [
    ['r-green', 'h1', 'g', 0, 0, '王*', 0],
    ['r-red', 'h2', 'r', 0, 0, '李*华', 0],
  ],
  exits: {},
  next: null,
});

let storage: Map<string, unknown>;
let token = '';
beforeEach(() => {
  storage = new Map();
  wxMock.getStorageSync = (key: string) => storage.get(key) ?? '';
  wxMock.setStorageSync = (key: string, value: unknown) => storage.set(key, value);
  wxMock.removeStorageSync = (key: string) => storage.delete(key);
  wxMock.scanCode = async () => ({ result: token });
  wxMock.vibrateShort = () => undefined;
  wxMock.vibrateLong = () => undefined;
  replyWith('account', 'me', me);
  replyWith('gate', 'snapshot', ok(page0()));
});

test('offline, a scan is judged on the phone from the encrypted snapshot and uploaded once the network is back', async () => {
  const page = await openPage(id);
  expect(textOf(page, '.offline-state')).toMatch(/^离线名单：截至 \d\d:\d\d · 2 人$/);
  // Kept encrypted: no masked name, household or resident id in the clear.
  const kept = JSON.stringify([...storage.entries()]);
  expect(kept).not.toMatch(/王\*|r-green|"h1"/);

  failNetwork('gate', 'scan');
  token = pass('r-green', 'h1');
  await tap(page, '.scan-button');
  expect(textOf(page, '.verdict-mark')).toBe('✓');
  expect(textOf(page, '.verdict-offline')).toMatch(/^离线核验 · 状态截至 \d\d:\d\d$/);
  expect(textOf(page, '.verdict-who')).toBe('王* · 1栋1单元');
  await tap(page, '.verdict');
  token = pass('r-red', 'h2');
  await tap(page, '.scan-button');
  expect(textOf(page, '.verdict-mark')).toBe('✗');
  expect(textOf(page, '.verdict-reason')).toBe('红码，不得通行，请引导至指定观察点');
  await tap(page, '.verdict');
  expect(textOf(page, '.offline-state')).toMatch(/ · 待上传 2 条$/);

  // The network returns: the next scan is the cloud's, and the two judged offline go up with it.
  const online: Verdict = {
    allowed: true,
    colour: 'green',
    reason: '绿码，放行',
    maskedName: '王*',
    household: '1栋1单元101室',
    buildingUnit: '1栋1单元',
    temperature: 36.5,
    logId: 'l1',
  };
  replyWith('gate', 'scan', ok(online));
  replyWith('gate', 'sync', (data) =>
    ok({
      results: (data.scans as { id: string }[]).map((s) => ({ id: s.id, logId: `off-${s.id}`, flagged: false })),
      syncedAt: new Date().toISOString(),
    }),
  );
  token = pass('r-green', 'h1');
  await tap(page, '.scan-button');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(page.querySelector('.verdict-offline')).toBeUndefined();
  const uploads = cloudCalls().filter((c) => c.data.action === 'sync');
  expect(uploads).toHaveLength(1);
  expect((uploads[0].data.scans as { allowed: boolean }[]).map((s) => s.allowed)).toEqual([true, false]);
  expect(textOf(page, '.offline-state')).not.toContain('待上传');
});

test('清除 wipes the snapshot: with no network there is then no verdict, only why', async () => {
  const page = await openPage(id);
  await tap(page, '.offline-wipe');
  // The snapshot and its key go; the queue of scans to upload (none here) is never wiped.
  expect([...storage.keys()].filter((k) => k.startsWith('offline'))).toEqual(['offlineQueue']);
  expect(textOf(page, '.offline-state')).toBe('离线名单：无或已过期，断网时无法核验');
  failNetwork('gate', 'scan');
  token = pass('r-green', 'h1');
  await tap(page, '.scan-button');
  expect(page.querySelector('.verdict')).toBeUndefined();
  expect(shownToasts().map((t) => t.title)).toContain('网络异常，且本机没有离线名单，请联网后核验');
});

test('a guard no longer on duty at the gate loses the snapshot at the next refresh', async () => {
  await openPage(id);
  expect(storage.has('offlineVault')).toBe(true);
  replyWith('gate', 'snapshot', fail('PERMISSION_DENIED', '您不在该卡口值守'));
  const page = await openPage(id);
  expect(storage.has('offlineVault')).toBe(false);
  expect(textOf(page, '.offline-state')).toBe('离线名单：无或已过期，断网时无法核验');
});

/**
 * The guard's phone offline, beyond the rule itself (offline-gate.test.ts): printed cards judged
 * with the snapshot's cards in force, the snapshot kept short and encrypted and read back as it
 * was, refreshes that count every exit once, and the queue's own exits against the quota.
 */
import fc from 'fast-check';
import nacl from 'tweetnacl';
import type { SnapshotPage } from '../../typings';
import { issueSignedCard, issueSignedToken, signingKeyFromSeed } from '../../core/signed-pass';
import {
  PhoneSnapshot,
  QueuedScan,
  applyPages,
  judgeOffline,
  ledgerOf,
  packSnapshot,
  unpackSnapshot,
} from '../../miniprogram/shared/offline-lane';
import { outingPeriodKey } from '../../miniprogram/shared/offline-gate';
import { toBase64Url } from '../../miniprogram/shared/signed-pass';
import * as store from '../../miniprogram/utils/offline-store';

const KEY = signingKeyFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i * 3));
const ENV = 'prod-2g9x4k';
const AT = new Date('2020-02-20T10:00:00+08:00').getTime();
const PERIOD = outingPeriodKey(AT, 2);
const head = (over: Partial<NonNullable<SnapshotPage['head']>> = {}): NonNullable<SnapshotPage['head']> => ({
  enclosureId: 'enc-a',
  publicKey: toBase64Url(KEY.publicKey),
  envId: ENV,
  quota: { exits: 1, periodDays: 2, periodKey: PERIOD },
  feverThreshold: 37.3,
  cards: { cabcdefghijkl: 'r-elder' },
  vaultKey: toBase64Url(new Uint8Array(32)),
  ...over,
});
const page = (over: Partial<SnapshotPage> = {}): SnapshotPage => ({
  takenAt: new Date(AT).toISOString(),
  head: head(),
  units: ['1栋1单元', '2栋1单元'],
  rows: [
    ['r-elder', 'h1', 'g', 0, 0, '王*', 0],
    ['r-son', 'h1', 'g', 0, 0, '王*明', 0],
    ['r-red', 'h2', 'r', 0, 0, '李*', 1],
  ],
  exits: {},
  next: null,
  ...over,
});
const card = (cardId: string, residentId = 'r-elder') =>
  issueSignedCard({ cardId, residentId, householdId: 'h1', enclosureId: 'enc-a' }, new Date(AT + 14 * 86_400_000), {
    key: KEY,
    envId: ENV,
  });
const judge = (token: string, snapshot: PhoneSnapshot, queue: QueuedScan[] = [], direction: 'in' | 'out' = 'in') =>
  judgeOffline(token, { snapshot, queue, direction, temperature: 36.5, at: AT + 1000, id: 'scan-0001' });

test('a printed card passes offline only while it is the card in force, and an HMAC one only online', () => {
  const snapshot = applyPages('g1', [page()]);
  expect(judge(card('cabcdefghijkl'), snapshot).verdict).toMatchObject({ allowed: true, maskedName: '王*' });
  // Reissued after a loss: the snapshot lists another card.
  expect(judge(card('cbbbbbbbbbbbb'), snapshot).verdict.reason).toBe('爱心码已作废（已补办或挂失），请联系网格员');
  // A card in force of someone else, copied onto another resident's card id, does not pass.
  expect(judge(card('cabcdefghijkl', 'r-son'), snapshot).verdict.allowed).toBe(false);
  const late = judgeOffline(card('cabcdefghijkl'), {
    snapshot,
    queue: [],
    direction: 'in',
    temperature: 36.5,
    at: AT + 15 * 86_400_000,
    id: 'scan-0002',
  });
  expect(late.verdict.reason).toBe('爱心码已过期，请联系网格员换发');
  const old = judge('C1.cabcdefghijkl.r-elder.h1.enc-a.1582941600.abcdefghijklmnopqrstuv', snapshot);
  expect(old.verdict).toMatchObject({ allowed: false, reason: expect.stringContaining('无法离线核验') });
  expect(old.queued).toMatchObject({ allowed: false, code: 'offline_unsupported', residentId: null });
});

test('two of one household on one phone: the first goes out, the second is refused, until a refresh counts it', () => {
  const snapshot = applyPages('g1', [page()]);
  const pass = (residentId: string) =>
    issueSignedToken({ residentId, householdId: 'h1', enclosureId: 'enc-a' }, new Date(AT), { key: KEY, envId: ENV })
      .token;
  const first = judge(pass('r-elder'), snapshot, [], 'out');
  expect(first.verdict.allowed).toBe(true);
  const second = judge(pass('r-son'), snapshot, [first.queued], 'out');
  expect(second.verdict).toMatchObject({ allowed: false, reason: '本户本期外出次数已用完' });
  // Uploaded, then a refresh that knows the exit: counted once, by the cloud's count.
  const uploaded = { ...first.queued, uploadedAt: AT + 2000 };
  const refreshed = applyPages(
    'g1',
    [page({ takenAt: new Date(AT + 3000).toISOString(), rows: [], head: head({ exitsSince: { h1: 1 } }) })],
    snapshot,
  );
  expect(ledgerOf([uploaded], refreshed).exits).toEqual({});
  expect(judge(pass('r-son'), refreshed, [uploaded], 'out').verdict.allowed).toBe(false);
  // Uploaded after the snapshot was taken: still the phone's to count.
  expect(ledgerOf([{ ...uploaded, uploadedAt: AT + 4000 }], refreshed).exits).toEqual({ [`${PERIOD}:h1`]: 1 });
});

test('a refresh replaces what changed, marks yellow exits, and a new quota period forgets the old exits', () => {
  const base = applyPages('g1', [page({ exits: { h1: 1 }, rows: [['r-elder', 'h1', 'y', 0, 0, '王*', 0]] })]);
  const refresh = applyPages(
    'g1',
    [page({ rows: [['r-red', 'h2', 'g', 0, 0, '李*', 1]], head: head({ yellowOutSince: ['r-elder'] }) })],
    base,
  );
  expect(refresh.residents['r-red'].colour).toBe('green');
  expect(refresh.residents['r-elder']).toMatchObject({ colour: 'yellow', yellowUsed: true });
  expect(refresh.exits).toEqual({ h1: 1 });
  const nextPeriod = applyPages(
    'g1',
    [page({ rows: [], head: head({ quota: { exits: 1, periodDays: 2, periodKey: PERIOD + 1 } }) })],
    base,
  );
  expect(nextPeriod.exits).toEqual({});
});

const entry = fc.record({
  colour: fc.constantFrom('green', 'yellow', 'red' as const),
  medical: fc.boolean(),
  greenUntil: fc.option(fc.integer({ min: 1, max: 4_000_000_000 }).map((s) => s * 1000)),
  yellowUsed: fc.boolean(),
  householdId: fc.stringMatching(/^h[0-9a-z-]{1,20}$/),
  maskedName: fc.constantFrom('王*', '欧阳*华', '李*'),
  buildingUnit: fc.constantFrom('1栋1单元', '12栋2单元'),
});

test('the snapshot kept as short text reads back as it was', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.stringMatching(/^r[0-9a-z]{1,20}$/), entry), (residents) => {
      const snapshot: PhoneSnapshot = { ...applyPages('g1', [page({ rows: [] })]), residents };
      // Only red carries the medical flag the gate acts on; a green or yellow one keeps none.
      const expected = Object.fromEntries(
        Object.entries(residents).map(([id, e]) => [
          id,
          { ...e, medical: e.colour === 'red' && e.medical, greenUntil: e.greenUntil ?? null },
        ]),
      );
      expect(unpackSnapshot(packSnapshot(snapshot)).residents).toEqual(expected);
    }),
  );
});

describe('kept on the phone', () => {
  const storage = new Map<string, unknown>();
  (globalThis as unknown as { wx: object }).wx = {
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    removeStorageSync: (k: string) => storage.delete(k),
  };
  const vault = toBase64Url(nacl.randomBytes(32));

  test('encrypted under the cloud’s key: read back whole, and nothing with another key or a changed byte', () => {
    const snapshot = applyPages('g1', [page({ takenAt: new Date().toISOString() })]);
    store.saveSnapshot(snapshot, vault);
    expect(JSON.stringify([...storage.values()])).not.toMatch(/王\*|r-elder|\\?"h1\\?"/);
    expect(store.loadSnapshot()).toEqual(snapshot);
    const sealed = String(storage.get('offlineSnapshot:0'));
    storage.set('offlineSnapshot:0', (sealed[0] === 'A' ? 'B' : 'A') + sealed.slice(1));
    expect(store.loadSnapshot()).toBeNull();
    store.saveSnapshot(snapshot, vault);
    storage.set('offlineVault', toBase64Url(nacl.randomBytes(32)));
    expect(store.loadSnapshot()).toBeNull();
    store.wipeSnapshot();
    expect([...storage.keys()]).toEqual([]);
  });

  test('a snapshot over 12 hours old is not read, and is wiped', () => {
    store.saveSnapshot(applyPages('g1', [page()]), vault); // taken in 2020
    expect(store.loadSnapshot()).toBeNull();
    expect([...storage.keys()]).toEqual([]);
  });
});

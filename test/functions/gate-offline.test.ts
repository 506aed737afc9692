/**
 * The gate with its network cut, through the local cloud: the guard's phone takes the snapshot
 * while online, judges 20 scans alone (one red, one forged, one expired, two of one household
 * racing for the last exit, one who turned red after the snapshot), then uploads them: each log
 * reaches the cloud exactly once, the quota holds, and where the cloud would have decided
 * otherwise the grid worker is alerted.
 */
import nacl from 'tweetnacl';
import type { SnapshotPage } from '../../typings';
import { PhoneSnapshot, QueuedScan, applyPages, judgeOffline, toUpload } from '../../miniprogram/shared/offline-lane';
import { signedPayload, toBase64Url } from '../../miniprogram/shared/signed-pass';
import { Estate, countDocs, startEstate } from './journeys';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => {
  estate.cloud.clockOffsetMs = 0;
  return estate.cloud.stop();
});

const GUARD = 'demo-grid-11';
const GATE = 'enc-chunhua-gate-1';
const phoneNow = () => Date.now() + estate.cloud.clockOffsetMs;

/** Resident id → the OPENID of their own phone (one read of the store for the whole file). */
let phones: Map<string, string> | null = null;
function phoneOf(residentId: string): string | undefined {
  phones ??= new Map(
    estate.cloud.db
      .find('users', { residentId: { $exists: true } }, { limit: 100_000 })
      .docs.map((u) => [u.residentId as string, u._id as string]),
  );
  return phones.get(residentId);
}

/** Residents of 春华苑 with a phone of their own, by colour; one per household unless `perHousehold`. */
function residents(colour: string, count: number, perHousehold = 1) {
  const seen = new Map<string, number>();
  const out: { residentId: string; householdId: string; openid: string }[] = [];
  const statuses = estate.cloud.db.find('statuses', { enclosureId: 'enc-chunhua', colour }, { limit: 5000 }).docs;
  for (const s of statuses) {
    const openid = phoneOf(s._id as string);
    const n = seen.get(s.householdId as string) ?? 0;
    if (!openid || n >= perHousehold) continue;
    seen.set(s.householdId as string, n + 1);
    out.push({ residentId: s._id as string, householdId: s.householdId as string, openid });
    if (out.length === count) break;
  }
  expect(out).toHaveLength(count);
  return out;
}

/** A household with two members who have phones, all green, that has not gone out this period. */
function twoOfOneHousehold(exclude: Set<string>) {
  const greens = estate.cloud.db.find(
    'statuses',
    { enclosureId: 'enc-chunhua', colour: 'green' },
    { limit: 5000 },
  ).docs;
  const byHousehold = new Map<string, { residentId: string; householdId: string; openid: string }[]>();
  for (const s of greens) {
    const openid = phoneOf(s._id as string);
    if (!openid || exclude.has(s.householdId as string)) continue;
    const list = byHousehold.get(s.householdId as string) ?? [];
    list.push({ residentId: s._id as string, householdId: s.householdId as string, openid });
    byHousehold.set(s.householdId as string, list);
  }
  const pair = [...byHousehold.values()].find((l) => l.length >= 2);
  expect(pair).toBeDefined();
  return pair!.slice(0, 2);
}

async function passOf(openid: string): Promise<string> {
  const res = await estate.call('residents', openid, { action: 'pass' });
  expect(res.code).toBe(0);
  return res.data.token as string;
}

/** Every page of the snapshot, as the phone downloads it. */
async function download(base: PhoneSnapshot | null = null): Promise<{ snapshot: PhoneSnapshot; calls: number }> {
  const pages: SnapshotPage[] = [];
  let after: string | undefined;
  do {
    const res = await estate.call('gate', GUARD, {
      action: 'snapshot',
      gateId: GATE,
      ...(after ? { after } : {}),
      ...(base ? { since: new Date(base.takenAt).toISOString() } : {}),
    });
    expect(res.code).toBe(0);
    pages.push(res.data);
    after = res.data.next ?? undefined;
  } while (after);
  return { snapshot: applyPages(GATE, pages, base), calls: pages.length };
}

test('20 scans offline: the verdicts, each log in the cloud once, the quota, and the differences flagged', async () => {
  const greens = residents('green', 16);
  const [red] = residents('red', 1);
  const pair = twoOfOneHousehold(new Set([...greens, red].map((r) => r.householdId)));
  const [expiring, turnsRed, ...others] = greens;

  // Online: a pass that will have expired by the time it is shown, then the snapshot.
  const expiredToken = await passOf(expiring.openid);
  estate.cloud.clockOffsetMs += 3 * 60_000;
  const { snapshot } = await download();
  expect(snapshot.residents[red.residentId].colour).toBe('red');
  expect(snapshot.residents[turnsRed.residentId].colour).toBe('green');
  // No full name, ID number or phone in what the phone keeps.
  const kept = JSON.stringify(snapshot);
  const person = estate.cloud.db.find('residents', { _id: red.residentId }, { limit: 1 }).docs[0];
  expect(kept).not.toContain(person.name as string);
  for (const entry of Object.values(snapshot.residents)) {
    expect(Object.keys(entry).sort()).toEqual([
      'buildingUnit',
      'colour',
      'greenUntil',
      'householdId',
      'maskedName',
      'medical',
      'yellowUsed',
    ]);
    expect(entry.maskedName).toContain('*');
  }

  // Still online, after the snapshot: a fever at the gate turns one resident red.
  const fever = await estate.call('gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction: 'in',
    token: await passOf(turnsRed.openid),
    temperature: 38.6,
  });
  expect(fever.data).toMatchObject({ allowed: false, colour: 'red' });

  // The passes are shown; then the network goes.
  const forger = nacl.sign.keyPair();
  const { payload, signed } = signedPayload(
    { residentId: others[0].residentId, householdId: others[0].householdId, enclosureId: 'enc-chunhua' },
    Math.floor(phoneNow() / 1000) + 60,
    snapshot.envId,
  );
  const lane: { who: string; token: string }[] = [
    { who: 'red', token: await passOf(red.openid) },
    { who: 'forged', token: `${payload}.${toBase64Url(nacl.sign.detached(signed, forger.secretKey))}` },
    { who: 'expired', token: expiredToken },
    { who: 'race-1', token: await passOf(pair[0].openid) },
    { who: 'race-2', token: await passOf(pair[1].openid) },
    { who: 'turned-red', token: await passOf(turnsRed.openid) },
    ...(await Promise.all(others.map(async (o, i) => ({ who: `green-${i}`, token: await passOf(o.openid) })))),
  ];
  expect(lane).toHaveLength(20);

  let queue: QueuedScan[] = [];
  const verdicts: Record<string, { allowed: boolean; reason: string }> = {};
  lane.forEach(({ who, token }, i) => {
    const { verdict, queued } = judgeOffline(token, {
      snapshot,
      queue,
      direction: 'out',
      temperature: 36.5,
      at: phoneNow() + i,
      id: `offline-scan-${i}`,
    });
    verdicts[who] = verdict;
    queue = [...queue, queued];
  });
  expect(verdicts.red).toMatchObject({ allowed: false, colour: 'red', reason: expect.stringMatching(/^红码/) });
  expect(verdicts.forged).toMatchObject({ allowed: false, reason: '通行码无效，疑似截图或伪造' });
  expect(verdicts.expired).toMatchObject({ allowed: false, reason: '通行码已过期，请居民刷新后重新出示' });
  expect(verdicts['race-1'].allowed).toBe(true);
  expect(verdicts['race-2']).toMatchObject({ allowed: false, reason: '本户本期外出次数已用完' });
  expect(verdicts['turned-red'].allowed).toBe(true); // the snapshot did not know yet
  for (let i = 0; i < others.length; i++) expect(verdicts[`green-${i}`].allowed).toBe(true);

  // The network returns: the queue goes up, and again as if the first answer had been lost.
  const logsBefore = countDocs(estate.cloud, 'gate_logs');
  const alertsBefore = countDocs(estate.cloud, 'alerts');
  const upload = () => estate.call('gate', GUARD, { action: 'sync', gateId: GATE, scans: toUpload(queue) });
  const first = await upload();
  expect(first.code).toBe(0);
  expect(first.data.results).toHaveLength(20);
  const again = await upload();
  expect(again.data.results).toEqual(first.data.results);
  expect(countDocs(estate.cloud, 'gate_logs') - logsBefore).toBe(20);
  const logIds = first.data.results.map((r: { logId: string }) => r.logId);
  expect(new Set(logIds).size).toBe(20);

  // What happened at the gate is what the logs say; the one the snapshot missed is flagged.
  const flagged = first.data.results.filter((r: { flagged: boolean }) => r.flagged).map((r: { id: string }) => r.id);
  expect(flagged).toEqual(['offline-scan-5']);
  const log = (i: number) => estate.cloud.db.find('gate_logs', { _id: logIds[i] }, { limit: 1 }).docs[0];
  expect(log(5)).toMatchObject({
    residentId: turnsRed.residentId,
    allowed: true,
    flagged: true,
    offline: { cloudAllowed: false, cloudCode: 'red_fever' },
  });
  expect(log(0)).toMatchObject({ residentId: red.residentId, allowed: false, flagged: false });
  expect(log(1)).toMatchObject({ residentId: null, allowed: false, code: 'token_invalid' });
  expect(countDocs(estate.cloud, 'alerts') - alertsBefore).toBe(1);
  const alert = estate.cloud.db.find('alerts', { _id: `offline-${logIds[5]}` }, { limit: 1 }).docs[0];
  expect(alert.detail).toContain('离线核验放行，但按云端状态应劝返');

  // 卡口记录 marks what was judged offline, and where the cloud disagreed.
  const day = 24 * 3600_000;
  const logs = await estate.call('grid', GUARD, {
    action: 'gateLogs',
    gateId: GATE,
    from: new Date(phoneNow() - day).toISOString(),
    to: new Date(phoneNow() + day).toISOString(),
    direction: 'out',
    pageSize: 50,
  });
  const marks = (logs.data.logs as { offline?: string }[]).map((l) => l.offline).filter(Boolean);
  expect(marks.sort()).toEqual([...Array(19).fill('agrees'), 'differs']);

  // The quota: the household's one exit this period was used offline, so the other member is refused online.
  const online = await estate.call('gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction: 'out',
    token: await passOf(pair[1].openid),
    temperature: 36.5,
  });
  expect(online.data).toMatchObject({ allowed: false, reason: '本户本期外出次数已用完' });
});

test('a refresh brings only what changed, and knows the exits made since', async () => {
  const { snapshot, calls } = await download();
  const [someone] = residents('green', 1);
  const before = snapshot.residents[someone.residentId];
  const out = await estate.call('gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction: 'out',
    token: await passOf(someone.openid),
    temperature: 36.5,
  });
  expect(out.data.allowed).toBe(true);
  const res = await estate.call('gate', GUARD, {
    action: 'snapshot',
    gateId: GATE,
    since: new Date(snapshot.takenAt).toISOString(),
  });
  expect(res.code).toBe(0);
  expect(res.data.rows.length).toBeLessThan(Object.keys(snapshot.residents).length);
  expect(res.data.head.exitsSince[someone.householdId]).toBe(1);
  const refreshed = applyPages(GATE, [res.data], snapshot);
  expect(refreshed.residents[someone.residentId]).toEqual(before);
  expect(refreshed.exits[someone.householdId]).toBe(1);
  expect(res.data.next).toBeNull(); // a refresh of a few changes is one call
  expect(calls).toBeGreaterThan(1); // where the first download took several
});

/** One scan as the phone uploads it, judged `allowed` with a snapshot taken now. */
const offlineScan = (id: string, token: string, more: Record<string, unknown> = {}) => ({
  id,
  token,
  direction: 'in',
  temperature: 36.5,
  at: new Date(phoneNow()).toISOString(),
  snapshotAt: new Date(phoneNow()).toISOString(),
  allowed: true,
  code: 'pass',
  ...more,
});
const sync = (scans: object[], guard = GUARD) => estate.call('gate', guard, { action: 'sync', gateId: GATE, scans });

test('only a guard of the gate takes its snapshot or uploads to it; no scan holds the others back', async () => {
  const stranger = await estate.call('gate', 'demo-grid-21', { action: 'snapshot', gateId: GATE });
  expect(stranger.code).toBe('PERMISSION_DENIED');
  const foreign = await sync([], 'demo-grid-21');
  expect(foreign.code).toBe('PERMISSION_DENIED');
  const [early, late] = residents('green', 2);
  // A phone whose clock runs an hour fast: its scan happened by the upload at the latest, and the next one still goes up.
  const res = await sync([
    offlineScan('fast-clock-1', await passOf(early.openid), { at: new Date(phoneNow() + 3600_000).toISOString() }),
    offlineScan('fast-clock-2', await passOf(late.openid)),
  ]);
  expect(res.code).toBe(0);
  const [first] = res.data.results;
  const log = estate.cloud.db.find('gate_logs', { _id: first.logId }, { limit: 1 }).docs[0];
  expect((log.at as Date).getTime()).toBeLessThanOrEqual(Date.parse(res.data.syncedAt));
  expect(res.data.results).toHaveLength(2);
});

test('a phone claiming it let a forged pass through is not believed: refused in the log, and flagged', async () => {
  const [someone] = residents('green', 1);
  const forged = (await passOf(someone.openid)).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  const res = await sync([offlineScan('forged-claim-1', forged)]);
  expect(res.data.results[0].flagged).toBe(true);
  const log = estate.cloud.db.find('gate_logs', { _id: res.data.results[0].logId }, { limit: 1 }).docs[0];
  expect(log).toMatchObject({ allowed: false, offline: { phoneAllowed: true, cloudCode: 'token_invalid' } });
});

test('a live scan whose answer was lost, judged again offline, stays one log', async () => {
  const [someone] = residents('green', 1);
  const token = await passOf(someone.openid);
  const live = await estate.call('gate', GUARD, {
    action: 'scan',
    gateId: GATE,
    direction: 'in',
    token,
    temperature: 36.5,
    scanId: 'lost-answer-1',
  });
  expect(live.code).toBe(0);
  const before = countDocs(estate.cloud, 'gate_logs');
  const res = await sync([offlineScan('lost-answer-1', token)]);
  expect(res.data.results[0].logId).toBe(live.data.logId);
  expect(countDocs(estate.cloud, 'gate_logs')).toBe(before);
});

test('an exit uploaded after a refresh still reaches the next refresh', async () => {
  const { snapshot } = await download();
  const [someone] = residents('green', 1);
  const token = await passOf(someone.openid);
  // Judged offline before the snapshot's refresh, uploaded after it.
  const scannedAt = new Date(phoneNow() - 30_000).toISOString();
  estate.cloud.clockOffsetMs += 2 * 60_000;
  const { snapshot: refreshed } = await download(snapshot);
  const res = await sync([
    offlineScan('late-upload-1', token, {
      direction: 'out',
      at: scannedAt,
      snapshotAt: new Date(snapshot.takenAt).toISOString(),
    }),
  ]);
  expect(res.code).toBe(0);
  estate.cloud.clockOffsetMs += 60_000;
  const { snapshot: next } = await download(refreshed);
  expect(next.exits[someone.householdId]).toBe(1);
});

test('every query of the snapshot and the upload used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

/**
 * The gate offline at 10,000 residents (issue 15): an enclosure of that size is written through
 * the SDK, then a guard's phone takes its snapshot through the gate function — pages, bytes,
 * database operations, time — refreshes it after 100 statuses changed, keeps it encrypted (its
 * size in storage), and judges scans with it alone (tweetnacl's signature check plus the rule,
 * per scan on this machine).
 */
import { performance } from 'node:perf_hooks';
import nacl from 'tweetnacl';
import { issueSignedToken, signingKeyFromSeed } from '../../core/signed-pass';
import type { SnapshotPage } from '../../typings';
import { PhoneSnapshot, applyPages, judgeOffline, packSnapshot } from '../../miniprogram/shared/offline-lane';
import { toBase64Url } from '../../miniprogram/shared/signed-pass';
import { Result, gatewayCall } from './lib';

const RESIDENTS = 10_000;
const ENCLOSURE = 'enc-bench-10k';
const GATE = `${ENCLOSURE}-gate-1`;
const GUARD = 'demo-grid-11';

type Db = {
  collection(name: string): {
    add(o: { data: unknown }): Promise<unknown>;
    doc(id: string): { update(o: { data: object }): Promise<unknown>; set(o: { data: object }): Promise<unknown> };
  };
  command: { push(values: unknown[]): unknown };
};

/** 10,000 statuses of one enclosure, 4 to a household, a tenth yellow and one in fifty red. */
async function seed(db: Db): Promise<void> {
  const now = new Date();
  const computed = new Date(now.getTime() - 3600_000); // an hour ago: a refresh after the download skips them
  const until = new Date(now.getTime() + 24 * 3600_000);
  for (let batch = 0; batch < RESIDENTS / 1000; batch++) {
    const data = Array.from({ length: 1000 }, (_, k) => {
      const i = batch * 1000 + k;
      const colour = i % 50 === 0 ? 'red' : i % 10 === 0 ? 'yellow' : 'green';
      const building = Math.floor(i / 400) + 1;
      return {
        _id: `bench-r${String(i).padStart(5, '0')}`,
        residentId: `bench-r${String(i).padStart(5, '0')}`,
        householdId: `bench-h${Math.floor(i / 4)}`,
        enclosureId: ENCLOSURE,
        buildingId: `${ENCLOSURE}-b${building}`,
        buildingName: `${building}栋`,
        unit: (i % 2) + 1,
        room: `${(Math.floor(i / 8) % 30) + 101}`,
        maskedName: '张*明',
        colour,
        reasons:
          colour === 'green'
            ? []
            : [{ rule: colour === 'red' ? 'isolation' : 'unverified', colour, text: '', since: now, until: null }],
        until: null,
        ruleVersion: 1,
        computedAt: computed,
        reviewAt: colour === 'green' ? until : null,
        declarationExpiresAt: until,
      };
    });
    await db.collection('statuses').add({ data });
  }
  await db
    .collection('gates')
    .doc(GATE)
    .set({ data: { enclosureId: ENCLOSURE, name: '万人苑东门' } });
  await db
    .collection('users')
    .doc(GUARD)
    .update({ data: { gateIds: db.command.push([GATE]) } });
}

async function download(url: string, base: PhoneSnapshot | null) {
  const pages: SnapshotPage[] = [];
  let after: string | undefined;
  let bytes = 0;
  let ops = 0;
  const start = performance.now();
  do {
    const { body, dbOps } = await gatewayCall(url, 'gate', GUARD, {
      action: 'snapshot',
      gateId: GATE,
      ...(after ? { after } : {}),
      ...(base ? { since: new Date(base.takenAt).toISOString() } : {}),
    });
    if (body.code !== 0) throw new Error(`snapshot: ${JSON.stringify(body)}`);
    const page = body.data as SnapshotPage;
    bytes += Buffer.byteLength(JSON.stringify(body));
    ops += dbOps;
    pages.push(page);
    after = page.next ?? undefined;
  } while (after);
  const ms = performance.now() - start;
  return { snapshot: applyPages(GATE, pages, base), pages: pages.length, bytes, ops, ms };
}

export async function offlineGate(url: string, db: Db): Promise<Result[]> {
  await seed(db);
  const full = await download(url, null);
  const now = new Date();
  for (let i = 0; i < 100; i++)
    await db
      .collection('statuses')
      .doc(`bench-r${String(i * 97).padStart(5, '0')}`)
      .update({ data: { computedAt: now } });
  const refresh = await download(url, full.snapshot);
  const sealed = nacl.secretbox(
    Buffer.from(packSnapshot(full.snapshot)),
    new Uint8Array(nacl.secretbox.nonceLength),
    new Uint8Array(32),
  );
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `offline snapshot of ${Object.keys(full.snapshot.residents).length} residents: ` +
      `${full.pages} pages, ${kb(full.bytes)} sent, ${full.ops} db ops, ${full.ms.toFixed(0)} ms; ` +
      `refresh after 100 changes: ${refresh.pages} call, ${kb(refresh.bytes)}, ${refresh.ops} db ops, ${refresh.ms.toFixed(0)} ms; ` +
      `kept encrypted: ${kb(toBase64Url(sealed).length)} in storage`,
  );

  // The guard's phone, alone: a signature check and the rule, with the whole enclosure in memory.
  const key = signingKeyFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i * 5));
  const snapshot = { ...full.snapshot, publicKey: toBase64Url(key.publicKey), envId: 'bench-env' };
  const at = Date.now();
  const tokens = Array.from({ length: 200 }, (_, i) => {
    const r = `bench-r${String(i * 41).padStart(5, '0')}`;
    const subject = { residentId: r, householdId: snapshot.residents[r].householdId, enclosureId: ENCLOSURE };
    return issueSignedToken(subject, new Date(at), { key, envId: 'bench-env' }).token;
  });
  const times: number[] = [];
  const start = performance.now();
  for (const [i, token] of tokens.entries()) {
    const t = performance.now();
    judgeOffline(token, { snapshot, queue: [], direction: 'in', temperature: 36.5, at, id: `bench-scan-${i}` });
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const p = (q: number) => Number(times[Math.floor(q * (times.length - 1))].toFixed(2));
  return [
    {
      name: `offline snapshot, full download (${RESIDENTS.toLocaleString('en')} residents)`,
      requests: full.pages,
      load: 'one phone',
      perSecond: Math.round((full.pages / full.ms) * 1000),
      p50Ms: Math.round(full.ms / full.pages),
      p99Ms: Math.round(full.ms / full.pages),
      dbOpsPerRequest: +(full.ops / full.pages).toFixed(2),
    },
    {
      name: 'offline snapshot, refresh after 100 changes',
      requests: refresh.pages,
      load: 'one phone',
      perSecond: Math.round((refresh.pages / refresh.ms) * 1000),
      p50Ms: Math.round(refresh.ms),
      p99Ms: Math.round(refresh.ms),
      dbOpsPerRequest: +(refresh.ops / refresh.pages).toFixed(2),
    },
    {
      name: "offline scan verdict on the guard's phone (tweetnacl + rule)",
      requests: tokens.length,
      load: 'one at a time',
      perSecond: Math.round((tokens.length / total) * 1000),
      p50Ms: p(0.5),
      p99Ms: p(0.99),
    },
  ];
}

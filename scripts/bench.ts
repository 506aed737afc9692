/**
 * `npm run bench`: speed and cost, measured (never asserted in tests). Starts LocalCloud as its
 * own process with the demo estate, as `npm start` does, then measures
 *  - the database through the real wx-server-sdk (doc().get(), add(), an indexed where()),
 *  - functions through the gateway: account.me, gate scans at a steady 100/s and at saturation, and
 *    scans of printed 爱心码 (with the QR content's length for both), and the Ed25519 pass token
 *    (issue and check in the functions, the offline check on a guard's phone, its QR size),
 *  - the group-order storm: households ordering from one batch at once, with plenty and with 50 in stock,
 *  - day one, the gate offline, and the district's jobs and lists at 10,000 to 1,000,000 residents,
 * with database operations per request from the meter, CPU per request for the gate's saturation
 * (from /proc), and the mini-program's package sizes.
 * Writes build/bench/results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueToken } from '../core/pass-token';
import { qrRows } from '../miniprogram/utils/qr';
import { ROOT, Result, gatewayCall, printTable, saturate, startCloud, steady, withCpu } from './bench/lib';
import { orderStorm } from './bench/groupbuy-orders';
import { dayOne } from './bench/day-one';
import { signedPassBench } from './bench/signed-pass';
import { offlineGate } from './bench/offline-gate';
import { MAIN_PACKAGE_BUDGET, packageSizes } from './bench/package-size';
import { districtJobs, printJobCosts } from './bench/jobs';

/** Fixed, so the demo cache made for the bench (sealed with these keys) is reused between runs. */
const SECRET = 'bench-pass-token-secret-for-local-runs-only';

type Db = {
  createCollection(name: string): Promise<unknown>;
  collection(name: string): {
    add(o: { data: unknown }): Promise<unknown>;
    doc(id: string): { get(): Promise<unknown> };
    where(q: object): { limit(n: number): { get(): Promise<unknown> } };
  };
};

/** The real SDK, as a function would hold it, against the local cloud. */
function sdkDatabase(url: string): Db {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'bench',
    TENCENTCLOUD_SECRETKEY: 'bench',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: 'local-dev',
    SCF_NAMESPACE: 'local-dev',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud.database() as unknown as Db;
}

async function databaseBenchmarks(db: Db, cloudPid: number): Promise<Result[]> {
  await db.createCollection('bench');
  const results: Result[] = [];
  // 100,000 documents first, so lookups run against a realistic size.
  results.push(
    await saturate('add() batch of 1000 docs', 100, 1, (b) =>
      db.collection('bench').add({
        data: Array.from({ length: 1000 }, (_, i) => ({
          _id: `d${b * 1000 + i}`,
          kind: `k${i % 100}`,
          n: b * 1000 + i,
        })),
      }),
    ),
  );
  results.push(
    await withCpu(cloudPid, () =>
      saturate('doc().get() at 100k docs', 3000, 1, (i) =>
        db
          .collection('bench')
          .doc(`d${(i * 7919) % 100000}`)
          .get(),
      ),
    ),
  );
  results.push(
    await withCpu(cloudPid, () =>
      saturate('doc().get() at 100k docs', 5000, 16, (i) =>
        db
          .collection('bench')
          .doc(`d${(i * 7919) % 100000}`)
          .get(),
      ),
    ),
  );
  results.push(
    await saturate('add() one document', 3000, 1, (i) =>
      db.collection('bench').add({ data: { _id: `a${i}`, kind: 'new', n: i } }),
    ),
  );
  results.push(
    await saturate('add() one document', 5000, 16, (i) =>
      db.collection('bench').add({ data: { _id: `c${i}`, kind: 'new', n: i } }),
    ),
  );
  results.push(
    await saturate('where() residents by building (indexed)', 1000, 1, (i) =>
      db
        .collection('residents')
        .where({ buildingId: `enc-chunhua-b${String((i % 12) + 1).padStart(2, '0')}` })
        .limit(200)
        .get(),
    ),
  );
  return results;
}

/** Tokens for green residents of 春华苑, as their pass pages would show them (read through the SDK). */
async function greenTokens(db: Db): Promise<string[]> {
  const { data } = (await db
    .collection('statuses')
    .where({ enclosureId: 'enc-chunhua', colour: 'green' })
    .limit(1000)
    .get()) as { data: { _id: string; householdId: string }[] };
  return data.map(
    (s) =>
      issueToken({ residentId: s._id, householdId: s.householdId, enclosureId: 'enc-chunhua' }, new Date(), SECRET)
        .token,
  );
}

/** 爱心码 for residents of grid 1 without a phone, printed through the grid function as a worker would. */
async function printedCards(url: string): Promise<string[]> {
  const holders = (await gatewayCall(url, 'grid', 'demo-grid-11', { action: 'cardHolders' })).body.data as {
    residentId: string;
  }[];
  const cards: string[] = [];
  for (const [i, h] of holders.slice(0, 100).entries()) {
    const { body } = await gatewayCall(url, 'grid', 'demo-grid-11', {
      action: 'issueCard',
      requestId: `bench-card-${i}-${Date.now()}`,
      residentId: h.residentId,
    });
    cards.push((body.data as { token: string }).token);
  }
  return cards;
}

async function functionBenchmarks(url: string, db: Db, cloudPid: number): Promise<Result[]> {
  const results: Result[] = [];
  let ops = 0;
  const counted = async (fn: string, openid: string, event: object) => {
    const { dbOps } = await gatewayCall(url, fn, openid, event);
    ops += dbOps; // added after the await: `ops += await …` would read `ops` first and lose updates
  };
  const withOps = (result: Result) => {
    result.dbOpsPerRequest = +(ops / result.requests).toFixed(2);
    ops = 0;
    return result;
  };
  // Warm eight instances of each: a cold start loads wx-server-sdk, which is not what we measure.
  const scanEvent = (token: string, i: number) => ({
    action: 'scan',
    gateId: 'enc-chunhua-gate-1',
    direction: i % 4 === 0 ? 'out' : 'in',
    token,
    temperature: 36.5,
  });
  const tokens = await greenTokens(db);
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      counted('account', 'demo-grid-11', { action: 'me' }).then(() =>
        counted('gate', 'demo-grid-11', scanEvent(tokens[i], 1)),
      ),
    ),
  );
  ops = 0;
  results.push(
    withOps(
      await saturate('account.me via gateway', 1000, 8, (i) =>
        counted('account', i % 2 ? 'demo-grid-11' : `demo-resident-${String((i % 900) + 1).padStart(5, '0')}`, {
          action: 'me',
        }),
      ),
    ),
  );
  results.push(
    withOps(
      await steady('gate scan, steady', 100, 10, (i) =>
        counted('gate', 'demo-grid-11', scanEvent(tokens[i % tokens.length], i)),
      ),
    ),
  );
  results.push(
    withOps(
      await withCpu(cloudPid, () =>
        saturate('gate scan, saturation', 3000, 16, (i) =>
          counted('gate', 'demo-grid-11', scanEvent(tokens[(i * 7) % tokens.length], i)),
        ),
      ),
    ),
  );
  const cards = await printedCards(url);
  ops = 0;
  results.push(
    withOps(
      await steady('gate scan of 爱心码, steady', 100, 10, (i) =>
        counted('gate', 'demo-grid-11', scanEvent(cards[i % cards.length], i)),
      ),
    ),
  );
  results.push(...signedPassBench(tokens));
  const longest = (list: string[]) => Math.max(...list.map((t) => t.length));
  console.log(
    `QR content: phone pass ≤ ${longest(tokens)} characters (${qrRows(tokens[0]).length} modules a side), ` +
      `爱心码 ≤ ${longest(cards)} characters (${qrRows(cards[0]).length} modules a side)`,
  );
  return results;
}

/** Issue 20's yardstick for the local runner's overhead: the saturated scan rate as a share of the raw read rate. */
function scanToRawGet(results: Result[]): number | undefined {
  const rate = (name: string) => results.find((r) => r.name === name && r.load === '16 in flight')?.perSecond;
  const scan = rate('gate scan, saturation');
  const raw = rate('doc().get() at 100k docs');
  return scan && raw ? Math.round((scan / raw) * 100) : undefined;
}

const ENV = { PASS_TOKEN_SECRET: SECRET, PII_KEY: `${SECRET}-pii-key-for-bench-only` };

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const { child, url, startMs } = await startCloud(dataDir, ENV);
  let results: Result[] = [];
  try {
    // BENCH_ONLY=offline or gate (the database and the gate scan) runs one part (the others take minutes).
    const only = process.env.BENCH_ONLY;
    const pid = child.pid!;
    const gate = async () => [
      ...(await databaseBenchmarks(sdkDatabase(url), pid)),
      ...(await functionBenchmarks(url, sdkDatabase(url), pid)),
    ];
    const offline = () => offlineGate(url, sdkDatabase(url) as unknown as Parameters<typeof offlineGate>[1]);
    if (only === 'offline') results = await offline();
    else if (only === 'gate') results = await gate();
    else if (only !== 'districts')
      results = [
        ...(await gate()),
        ...(await orderStorm(url)),
        ...(await dayOne(url, sdkDatabase(url))),
        ...(await offline()),
      ];
  } finally {
    child.kill('SIGTERM');
  }
  // The timers at district sizes, each in a cloud of its own (BENCH_ONLY=districts runs these alone).
  const districts =
    !process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'districts'
      ? await districtJobs(sdkDatabase as never, ENV)
      : undefined;
  console.log(`\nLocalCloud benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`start with the demo estate seeded (as npm start): ${startMs} ms\n`);
  printTable(results);
  const ratio = scanToRawGet(results);
  if (ratio !== undefined) console.log(`\ngate scan saturation / raw doc().get() at 16 in flight: ${ratio} %`);
  for (const r of results.filter((r) => r.cpuMsPerRequest)) {
    const { cloudMain, cloudOthers, client } = r.cpuMsPerRequest!;
    console.log(
      `CPU per request, ${r.name} (${r.load}): LocalCloud main thread ${cloudMain} ms, its other threads ` +
        `(function instances, V8's helpers) ${cloudOthers} ms, the bench's client ${client} ms`,
    );
  }
  if (districts) printJobCosts(districts.costs, districts.memory);
  const sizes = packageSizes(path.join(ROOT, 'miniprogram'), path.join(ROOT, 'node_modules'));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nmini-program packages (main budget ${kb(MAIN_PACKAGE_BUDGET)}; WeChat's limit 2 MB each):`);
  for (const [name, bytes] of Object.entries(sizes.packages)) console.log(`  ${name.padEnd(10)} ${kb(bytes)}`);
  console.log(`  largest in main: ${sizes.largestMain.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`);
  const outDir = path.join(ROOT, 'build/bench');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'results.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        startMs,
        results,
        scanToRawGetPercent: ratio,
        districts,
        packages: sizes.packages,
      },
      null,
      2,
    ),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench`: speed and cost of the local cloud, measured (never asserted in tests).
 * Starts the local cloud as its own process with the demo estate, as `npm start` does, and
 * drives it from here with the real wx-server-sdk and through the function gateway.
 * Prints a table and writes build/bench/results.json.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '../..');

interface Result {
  name: string;
  requests: number;
  concurrency: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  dbOpsPerRequest?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `task` `requests` times with `concurrency` in flight; latencies per request. */
async function measure(
  name: string,
  requests: number,
  concurrency: number,
  task: (i: number) => unknown,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests,
    concurrency,
    perSecond: Math.round(requests / seconds),
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p99Ms: +percentile(latencies, 99).toFixed(2),
  };
}

function startCloud(dataDir: string): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'build/localcloud/cli.js'), '--port', '0', '--data', dataDir, '--demo'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/SDK endpoint\s+(http:\/\/127\.0\.0\.1:\d+)\/admin/);
      if (match) resolve({ child, url: match[1], startMs: Math.round(performance.now() - t0) });
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited (${code})`)));
  });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const { child, url, startMs } = await startCloud(dataDir);
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
  const db = cloud.database();
  const results: Result[] = [];
  try {
    await db.createCollection('bench');
    // 100,000 documents in batches, so lookups below run against a realistic size.
    const bulk = await measure('add() batch of 1000 docs', 100, 1, (b) =>
      db.collection('bench').add({
        data: Array.from({ length: 1000 }, (_, i) => ({
          _id: `d${b * 1000 + i}`,
          kind: `k${i % 100}`,
          n: b * 1000 + i,
        })),
      }),
    );
    results.push(bulk);
    results.push(
      await measure('doc().get() at 100k docs', 3000, 1, (i) =>
        db
          .collection('bench')
          .doc(`d${(i * 7919) % 100000}`)
          .get(),
      ),
    );
    results.push(
      await measure('doc().get() at 100k docs', 5000, 16, (i) =>
        db
          .collection('bench')
          .doc(`d${(i * 7919) % 100000}`)
          .get(),
      ),
    );
    results.push(
      await measure('add() one document', 3000, 1, (i) =>
        db.collection('bench').add({ data: { _id: `a${i}`, kind: 'new', n: i } }),
      ),
    );
    results.push(
      await measure('add() one document', 5000, 16, (i) =>
        db.collection('bench').add({ data: { _id: `c${i}`, kind: 'new', n: i } }),
      ),
    );
    results.push(
      await measure('where() on residents.buildingId (indexed)', 1000, 1, (i) =>
        db
          .collection('residents')
          .where({ buildingId: `enc-chunhua-b${String((i % 12) + 1).padStart(2, '0')}` })
          .limit(200)
          .get(),
      ),
    );
    const gateway = async (openid: string) => {
      const res = await fetch(`${url}/functions/account`, {
        method: 'POST',
        headers: { 'x-wx-openid': openid },
        body: '{"action":"me"}',
      });
      await res.json();
      return Number(res.headers.get('x-localcloud-db-ops'));
    };
    let ops = 0;
    // Warm eight instances first: a cold start loads wx-server-sdk, which is not what we measure here.
    await Promise.all(Array.from({ length: 8 }, () => gateway('demo-grid-11')));
    const viaGateway = await measure('function account.me via gateway', 1000, 8, async (i) => {
      const used = await gateway(i % 2 ? 'demo-grid-11' : `demo-resident-${String((i % 900) + 1).padStart(5, '0')}`);
      ops += used; // not `ops += await …`: that reads `ops` before the await and loses updates
    });
    viaGateway.dbOpsPerRequest = +(ops / viaGateway.requests).toFixed(2);
    results.push(viaGateway);
  } finally {
    child.kill('SIGTERM');
  }

  console.log(`\nLocalCloud benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`npm start equivalent (start + seed demo estate): ${startMs} ms\n`);
  console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | db ops/request |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.requests} | ${r.concurrency} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.dbOpsPerRequest ?? ''} |`,
    );
  }
  const outDir = path.join(ROOT, 'build/bench');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'results.json'),
    JSON.stringify({ at: new Date().toISOString(), startMs, results }, null, 2),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

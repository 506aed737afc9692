/** Measuring helpers for `npm run bench`: closed-loop saturation, open-loop steady rate, percentiles. */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = path.resolve(__dirname, '../..');

export interface Result {
  name: string;
  requests: number;
  /** "16 in flight" (saturation) or "100/s offered" (steady). */
  load: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  dbOpsPerRequest?: number;
  /** CPU milliseconds per request: the local cloud's main thread, its other threads, the bench's client. */
  cpuMsPerRequest?: { cloudMain: number; cloudOthers: number; client: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(name: string, load: string, latencies: number[], seconds: number): Result {
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    load,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p99Ms: +percentile(latencies, 99).toFixed(2),
  };
}

/** Saturation: `concurrency` requests always in flight until `requests` are done. */
export async function saturate(
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
  return summarise(name, `${concurrency} in flight`, latencies, (performance.now() - started) / 1000);
}

/** Steady load: a request every 1/rate seconds whether or not earlier ones finished (open loop). */
export async function steady(
  name: string,
  ratePerSecond: number,
  seconds: number,
  task: (i: number) => Promise<unknown>,
): Promise<Result> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.round(ratePerSecond * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      task(i).then(() => {
        latencies.push(performance.now() - t0);
      }),
    );
  }
  await Promise.all(pending);
  return summarise(name, `${ratePerSecond}/s offered`, latencies, (performance.now() - started) / 1000);
}

/** CPU used by a process's threads so far (Linux /proc; undefined elsewhere): its main thread apart from the rest. */
function threadCpuMs(pid: number): { main: number; others: number } | undefined {
  const tasks = `/proc/${pid}/task`;
  if (!fs.existsSync(tasks)) return undefined;
  const cpu = { main: 0, others: 0 };
  for (const tid of fs.readdirSync(tasks)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`${tasks}/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // utime and stime, in clock ticks of 10 ms, are fields 14 and 15; the name before them may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    cpu[tid === String(pid) ? 'main' : 'others'] += ms;
  }
  return cpu;
}

/**
 * Runs `measure` and adds where the CPU went per request: the cloud's main thread (gateway and
 * database), its other threads (function instances and V8's helpers) and this process (the client).
 */
export async function withCpu(pid: number, measure: () => Promise<Result>): Promise<Result> {
  const before = threadCpuMs(pid);
  const client = process.cpuUsage();
  const result = await measure();
  const after = threadCpuMs(pid);
  const { user, system } = process.cpuUsage(client);
  if (!before || !after) return result;
  const per = (ms: number) => +(ms / result.requests).toFixed(2);
  result.cpuMsPerRequest = {
    cloudMain: per(after.main - before.main),
    cloudOthers: per(after.others - before.others),
    client: per((user + system) / 1000),
  };
  return result;
}

/** Starts LocalCloud as its own process with the demo estate; resolves once it is listening. */
export function startCloud(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        // BENCH_CPU_PROF=<dir> writes a V8 CPU profile per thread (main and every function instance) there.
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        path.join(ROOT, 'build/scripts/start.js'),
        ...['--port', '0', '--data', dataDir, '--preview', 'off'],
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...env },
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

/** Calls a function through the gateway (as the server itself without an openid); answers the database operations it used. */
export async function gatewayCall(
  url: string,
  fn: string,
  openid: string | undefined,
  event: object,
): Promise<{ body: Record<string, unknown>; dbOps: number }> {
  const res = await fetch(`${url}/functions/${fn}`, {
    method: 'POST',
    headers: openid ? { 'x-wx-openid': openid } : {},
    body: JSON.stringify(event),
  });
  return { body: (await res.json()) as Record<string, unknown>, dbOps: Number(res.headers.get('x-localcloud-db-ops')) };
}

export function printTable(results: Result[]): void {
  console.log('| operation | requests | load | per second | p50 ms | p99 ms | db ops/request |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.requests} | ${r.load} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.dbOpsPerRequest ?? ''} |`,
    );
  }
}

export interface JobCost {
  size: number;
  job: string;
  invocations: number;
  longestMs: number;
  totalMs: number;
  dbOps: number;
  opsPerResident: number;
}

/** A job (or an export) called until it answers done; `onDone` checks the last answer. */
export async function runToEnd(
  url: string,
  size: number,
  job: string,
  call: { fn: string; event: object; openid?: string },
  onDone: (data: Record<string, unknown>) => void = () => undefined,
): Promise<JobCost> {
  let invocations = 0;
  let longestMs = 0;
  let dbOps = 0;
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const { body, dbOps: ops } = await gatewayCall(url, call.fn, call.openid, call.event);
    if (body.code !== 0) throw new Error(`${call.fn}: ${JSON.stringify(body)}`);
    invocations++;
    dbOps += ops;
    longestMs = Math.max(longestMs, performance.now() - t0);
    const data = body.data as Record<string, unknown>;
    if (!data.done) continue;
    onDone(data);
    break;
  }
  return {
    size,
    job,
    invocations,
    longestMs: Math.round(longestMs),
    totalMs: Math.round(performance.now() - started),
    dbOps,
    opsPerResident: Number((dbOps / size).toPrecision(2)),
  };
}

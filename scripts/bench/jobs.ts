/**
 * The timers as the district grows (issue 20): for each size, a fresh local cloud seeded with the
 * district fixture through the SDK's batch adds, then the nightly job (retention of a day of gate
 * logs at 1,200 scans per gate per hour, one gate per 50,000 residents, and the map's recount) and
 * the quarantine timer with 1 % and then 5 % isolated, each run to its end: invocations, the
 * longest invocation, the run's time, database operations, operations per resident, and the local
 * cloud's memory; then what staff open at that size (district-lists.ts). BENCH_DISTRICTS=10000,100000,1000000
 * chooses the sizes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { districtDocs, gateLogDocs, type Doc } from './district';
import { listCosts, seedLists } from './district-lists';
import { type JobCost, runToEnd, startCloud } from './lib';

type Db = {
  collection(name: string): {
    add(o: { data: Doc[] }): Promise<unknown>;
    doc(id: string): { remove(): Promise<unknown>; update(o: { data: object }): Promise<unknown> };
  };
};

const PER_BUILDING = 500;
const BUILDINGS_PER_SLICE = 20;

async function seed(db: Db, docs: Record<string, Doc[]>): Promise<void> {
  for (const [collection, list] of Object.entries(docs))
    for (let i = 0; i < list.length; i += 1000) await db.collection(collection).add({ data: list.slice(i, i + 1000) });
}

/** The process's resident memory in MB (0 once it has exited). */
function rssMb(pid: number): number {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return line ? Math.round(Number(line[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export async function districtJobs(
  sdkDatabase: (url: string) => Db,
  env: Record<string, string>,
): Promise<{ costs: JobCost[]; memory: { size: number; rssMb: number }[] }> {
  const sizes = (process.env.BENCH_DISTRICTS ?? '10000,100000,1000000').split(',').map(Number);
  const costs: JobCost[] = [];
  const memory: { size: number; rssMb: number }[] = [];
  for (const size of sizes) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-district-'));
    const { child, url } = await startCloud(dataDir, env);
    // The peak, sampled each second while this size is seeded and run.
    const peak = { size, rssMb: rssMb(child.pid!) };
    memory.push(peak);
    const sampler = setInterval(() => (peak.rssMb = Math.max(peak.rssMb, rssMb(child.pid!))), 1000);
    try {
      const db = sdkDatabase(url);
      const at = new Date();
      const buildings = Math.ceil(size / PER_BUILDING);
      const options = { buildings, perBuilding: PER_BUILDING, isolatedShare: 0.01 };
      for (let b = 0; b < buildings; b += BUILDINGS_PER_SLICE)
        await seed(db, districtDocs(options, at, b, Math.min(buildings, b + BUILDINGS_PER_SLICE)));
      const dayOfLogs = 1200 * 24 * Math.ceil(size / 50_000);
      for (let k = 0; k < dayOfLogs; k += 10_000)
        await seed(db, { gate_logs: gateLogDocs(at, 'old', Math.min(10_000, dayOfLogs - k), k) });
      costs.push(
        await runToEnd(url, size, `nightly (${dayOfLogs} logs expired)`, { fn: 'grid', event: { action: 'nightly' } }),
      );
      costs.push(
        await runToEnd(url, size, 'quarantine timer, 1 % isolated', { fn: 'quarantine', event: { action: 'tick' } }),
      );
      // 5 %: the orders of every 20th resident instead of every 100th, and the timer's run again.
      const five = { ...options, isolatedShare: 0.05 };
      for (let b = 0; b < buildings; b += BUILDINGS_PER_SLICE) {
        const docs = districtDocs(five, at, b, Math.min(buildings, b + BUILDINGS_PER_SLICE));
        const newOrders = docs.isolation_orders.filter((o) => Number(String(o._id).slice(6)) % 100 !== 0);
        const newCheckins = docs.checkins.filter((c) => Number(String(c._id).slice(6, 13)) % 100 !== 0);
        await seed(db, { isolation_orders: newOrders, checkins: newCheckins });
      }
      await db.collection('jobs').doc('quarantine-tick').remove();
      costs.push(
        await runToEnd(url, size, 'quarantine timer, 5 % isolated (the first 1 % handled)', {
          fn: 'quarantine',
          event: { action: 'tick' },
        }),
      );
      await seedLists(db, at);
      costs.push(...(await listCosts(url, size, at)));
    } finally {
      clearInterval(sampler);
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { costs, memory };
}

export function printJobCosts(costs: JobCost[], memory: { size: number; rssMb: number }[]): void {
  console.log('\n| residents | job | invocations | longest invocation ms | run ms | db ops | ops/resident |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of costs)
    console.log(
      `| ${c.size} | ${c.job} | ${c.invocations} | ${c.longestMs} | ${c.totalMs} | ${c.dbOps} | ${c.opsPerResident} |`,
    );
  console.log(`local cloud memory (peak RSS): ${memory.map((m) => `${m.size} residents ${m.rssMb} MB`).join(', ')}`);
}

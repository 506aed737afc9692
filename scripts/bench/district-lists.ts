/**
 * What staff open, as the district grows (issue 20): the street office's overview (one grouped read
 * of every building's map snapshot), a grid worker's map and verification queue (a grid of 2,000
 * residents among the district's), and an export of 50,000 gate logs of one gate (a job of several
 * calls). Each is measured after the nightly recount, in the same cloud as the timers.
 */
import { performance } from 'node:perf_hooks';
import { ENCLOSURE, buildingId, residentId, type Doc } from './district';
import { type JobCost, gatewayCall, runToEnd } from './lib';

const ADMIN = 'demo-admin';
const WORKER = 'demo-grid-11';
const GRID = 'dist-grid-0';
const GATE = 'dist-gate-0';
/** A grid worker's share: 4 buildings of 500. */
const GRID_BUILDINGS = 4;
export const EXPORT_ROWS = 50_000;

type Db = {
  collection(name: string): {
    add(o: { data: Doc | Doc[] }): Promise<unknown>;
    doc(id: string): { update(o: { data: object }): Promise<unknown> };
  };
};

/** The worker's grid becomes 4 of the district's buildings, and one of its gates the district's busiest. */
export async function seedLists(db: Db, at: Date): Promise<void> {
  const buildingIds = Array.from({ length: GRID_BUILDINGS }, (_, b) => buildingId(b));
  await db.collection('grids').add({ data: { _id: GRID, enclosureId: ENCLOSURE, name: '区网格', buildingIds } });
  await db
    .collection('users')
    .doc(WORKER)
    .update({ data: { gridIds: [GRID], gateIds: [GATE] } });
  // The gate at 1,200 scans an hour (one each 3 s) for the last 42 hours.
  for (let k = 0; k < EXPORT_ROWS; k += 1000)
    await db.collection('gate_logs').add({
      data: Array.from({ length: 1000 }, (_, n) => {
        const i = k + n;
        return {
          _id: `dist-exp-${String(i).padStart(6, '0')}`,
          gateId: GATE,
          residentId: residentId(i % 2000),
          maskedName: '张*丰',
          direction: i % 2 ? 'in' : 'out',
          colour: 'green',
          allowed: true,
          code: 'pass',
          at: new Date(at.getTime() - 60_000 - i * 3000),
        };
      }),
    });
}

async function timed(url: string, size: number, job: string, fn: string, openid: string, event: object, runs = 10) {
  const times: number[] = [];
  let dbOps = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const { body, dbOps: ops } = await gatewayCall(url, fn, openid, event);
    if (body.code !== 0) throw new Error(`${fn}.${JSON.stringify(event)}: ${JSON.stringify(body)}`);
    times.push(performance.now() - t0);
    dbOps = ops;
  }
  times.sort((a, b) => a - b);
  const p50 = Math.round(times[Math.floor(runs / 2)]);
  return {
    size,
    job,
    invocations: 1,
    longestMs: Math.round(times[runs - 1]),
    totalMs: p50,
    dbOps,
    opsPerResident: Number((dbOps / size).toPrecision(2)),
  };
}

export async function listCosts(url: string, size: number, at: Date): Promise<JobCost[]> {
  const costs = [
    await timed(url, size, 'street overview (p50 of 10 calls)', 'estate', ADMIN, { action: 'overview' }),
    await timed(url, size, "a grid's map, 2,000 residents (p50 of 10)", 'grid', WORKER, { action: 'map' }),
    await timed(url, size, "a grid's verification queue (p50 of 10)", 'grid', WORKER, { action: 'verificationQueue' }),
  ];
  const request = {
    action: 'export',
    kind: 'gateLogs',
    gateId: GATE,
    from: new Date(at.getTime() - 3 * 86_400_000).toISOString(),
    to: at.toISOString(),
    requestId: `bench-export-${size}-${at.getTime()}`,
  };
  costs.push(
    await runToEnd(
      url,
      size,
      `export of ${EXPORT_ROWS.toLocaleString('en')} gate logs`,
      {
        fn: 'grid',
        openid: WORKER,
        event: request,
      },
      (data) => {
        if (data.rows !== EXPORT_ROWS) throw new Error(`grid.export wrote ${String(data.rows)} rows`);
      },
    ),
  );
  return costs;
}

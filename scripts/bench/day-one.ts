/**
 * Day one, measured: the street overview (the admin's first screen) at the demo's size and over a
 * district of 100,000 residents, accepting an invitation (one per new staff member), and importing
 * a register of 1,000 and 10,000 rows (time, apply calls, database operations per row).
 */
import { performance } from 'node:perf_hooks';
import { Result, gatewayCall, saturate, steady } from './lib';

const ADMIN = 'demo-admin';
let seq = 0;
const requestId = () => `bench-${Date.now().toString(36)}-${(seq++).toString(36).padStart(4, '0')}`;

/** A valid ID number (check digit computed) for invented person n: distinct for distinct n. */
function idNumber(n: number): string {
  const base = `1101051980${String(n).padStart(7, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  return base + '10X98765432'[sum % 11];
}

async function save(url: string, fields: object): Promise<string> {
  const { body } = await gatewayCall(url, 'estate', ADMIN, { action: 'save', requestId: requestId(), ...fields });
  if (body.code !== 0) throw new Error(`estate.save: ${JSON.stringify(body)}`);
  return (body.data as { id: string }).id;
}

/** Imports a register of `rows` people (3 per flat) into a fresh enclosure; one result row. */
async function importRegister(url: string, rows: number): Promise<Result> {
  const enclosureId = await save(url, {
    kind: 'enclosure',
    communityId: 'com-hongli',
    name: `压测苑${rows}`,
    type: 'estate',
    address: '',
  });
  const flats = Math.ceil(rows / 3);
  const buildings = Math.ceil(flats / (2 * 30 * 4));
  for (let b = 1; b <= buildings; b++)
    await save(url, { kind: 'building', enclosureId, name: `${b}栋`, units: 2, floors: 30, roomScheme: 'numbered' });
  const lines = ['楼栋,单元,房号,姓名,与户主关系,身份证号,手机号'];
  for (let i = 0; i < rows; i++) {
    const flat = Math.floor(i / 3);
    const building = Math.floor(flat / 240) + 1;
    const unit = Math.floor((flat % 240) / 120) + 1;
    const room = `${Math.floor((flat % 120) / 4) + 1}${String((flat % 4) + 1).padStart(2, '0')}`;
    const relation = i % 3 === 0 ? '户主' : i % 3 === 1 ? '配偶' : '子女';
    lines.push(
      `${building}栋,${unit},${room},压测${i},${relation},${idNumber(rows * 100 + i)},${i % 3 === 2 ? '' : `139${String(i).padStart(8, '0')}`}`,
    );
  }
  const path = `imports/bench-${rows}-${Date.now()}.csv`;
  const put = await fetch(`${url}/_localcloud/storage/${path}`, { method: 'PUT', body: lines.join('\r\n') });
  if (!put.ok) throw new Error(`upload: ${put.status}`);
  const fileID = `cloud://local-dev.local-bucket/${path}`;
  // As the page does: the dry run first (and a bench register must check clean).
  const { body: report } = await gatewayCall(url, 'registry', ADMIN, { action: 'check', fileID, enclosureId });
  const problems = (report.data as { problemCount?: number; problems?: unknown[] } | null) ?? {};
  if (report.code !== 0 || problems.problemCount)
    throw new Error(`registry.check: ${JSON.stringify(report.code === 0 ? problems.problems?.slice(0, 3) : report)}`);
  const rid = requestId();
  const started = performance.now();
  let ops = 0;
  let calls = 0;
  for (;;) {
    const { body, dbOps } = await gatewayCall(url, 'registry', ADMIN, {
      action: 'apply',
      requestId: rid,
      fileID,
      enclosureId,
    });
    ops += dbOps;
    calls++;
    if (body.code !== 0) throw new Error(`registry.apply: ${JSON.stringify(body)}`);
    if ((body.data as { state: string }).state === 'done') break;
  }
  const ms = performance.now() - started;
  return {
    name: `register import, ${rows} rows (${calls} apply calls)`,
    requests: rows,
    load: 'rows',
    perSecond: Math.round((rows / ms) * 1000),
    p50Ms: +(ms / calls).toFixed(0),
    p99Ms: +ms.toFixed(0),
    dbOpsPerRequest: +(ops / rows).toFixed(2),
  };
}

/** What the bench needs of the SDK's database: batch adds. */
export type BatchDb = { collection(name: string): { add(o: { data: unknown }): Promise<unknown> } };

/**
 * A district of 100,000 residents as the overview reads it: 50 more enclosures of 20 buildings,
 * each building's map snapshot counting 100 people (written through the SDK's batch adds, as a
 * migration would; the counts themselves are what the nightly recount would store).
 */
async function district(db: BatchDb): Promise<number> {
  const enclosures = Array.from({ length: 50 }, (_, e) => ({
    _id: `bench-enc-${e}`,
    name: `压测片区${e + 1}`,
    type: 'estate',
    address: '',
    communityId: 'com-hongli',
  }));
  await db.collection('enclosures').add({ data: enclosures });
  const now = new Date();
  for (const enclosure of enclosures) {
    const stats = Array.from({ length: 20 }, (_, b) => ({
      _id: `${enclosure._id}-b${b}`,
      buildingId: `${enclosure._id}-b${b}`,
      enclosureId: enclosure._id,
      buildingName: `${b + 1}栋`,
      residents: 100,
      neverLeft: 88,
      returned: 10,
      undeclared: 2,
      isolated: b % 5,
      green: 93,
      yellow: 5,
      red: 2,
      declarationMissing: b % 7,
      isolatedUnits: [],
      byFloor: {},
      computedAt: now,
    }));
    await db.collection('building_stats').add({ data: stats });
  }
  return enclosures.length * 20 * 100;
}

export async function dayOne(url: string, db: BatchDb): Promise<Result[]> {
  const results: Result[] = [];
  let ops = 0;
  const counted = async (fn: string, openid: string, event: object) => {
    const { body, dbOps } = await gatewayCall(url, fn, openid, event);
    ops += dbOps;
    return body;
  };
  const withOps = (result: Result) => {
    result.dbOpsPerRequest = +(ops / result.requests).toFixed(2);
    ops = 0;
    return result;
  };
  await counted('estate', ADMIN, { action: 'overview' });
  ops = 0;
  results.push(
    withOps(
      await steady('street overview (estate.overview)', 20, 5, () => counted('estate', ADMIN, { action: 'overview' })),
    ),
  );

  const codes: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { body } = await gatewayCall(url, 'staff', ADMIN, {
      action: 'invite',
      requestId: requestId(),
      role: 'volunteer',
      name: `志愿者${i}`,
      enclosureId: 'enc-lixin',
    });
    codes.push((body.data as { code: string }).code);
  }
  results.push(
    withOps(
      await saturate('accepting an invitation (staff.accept)', codes.length, 8, (i) =>
        counted('staff', `o-bench-volunteer-${String(i).padStart(5, '0')}`, { action: 'accept', code: codes[i] }),
      ),
    ),
  );
  results.push(await importRegister(url, 1_000));
  results.push(await importRegister(url, 10_000));

  const residents = await district(db);
  await counted('estate', ADMIN, { action: 'overview' });
  ops = 0;
  results.push(
    withOps(
      await steady(`street overview, ${residents.toLocaleString('en')} more residents`, 20, 5, () =>
        counted('estate', ADMIN, { action: 'overview' }),
      ),
    ),
  );
  return results;
}

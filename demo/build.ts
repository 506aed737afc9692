/**
 * Puts the demo estate into service as a street office would on day one, through the functions
 * only (nothing is written into the store): the deploy's one-time code makes the street admin, who
 * sets up the 社区, the enclosures, buildings, gates and grids, invites the staff (each invitation
 * accepted by its WeChat user) and imports the register (`demo/register-*.csv`); residents claim
 * their records, a few register themselves, and everyone declares. The clock is moved back for the
 * story: the register came 40 days ago, declarations hours ago, returnees days ago.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LocalCloud, REPO_ROOT } from '../localcloud/src';
import { DAY_MS } from '../core/time';
import { DemoData, demoEstate } from './estate';
import { DemoPerson, Story, demoPeople } from './register';

export interface SeededDemo {
  logins: { openid: string; role: string; label: string }[];
  /** A resident with a login for each story, for people trying the demo and for tests. */
  examples: Record<string, { residentId: string; openid: string }>;
}

type Answer = { code: number | string; message?: string; data?: Record<string, unknown> };
const HOUR_MS = 3600_000;
const ADMIN = 'demo-admin';
/**
 * Calls in flight at once. The local cloud's one database thread is the bottleneck: on 2 cores 4
 * build the demo in about 103 s, 8 in 115 s (more threads waking each other), 2 in 118 s.
 */
const IN_FLIGHT = 4;

export const registerFile = (enclosureId: string) => path.join(REPO_ROOT, 'demo', `register-${enclosureId}.csv`);

export async function buildDemo(cloud: LocalCloud, plan: DemoData = demoEstate()): Promise<SeededDemo> {
  const baseOffset = cloud.clockOffsetMs;
  const daysAgo = (days: number) => (cloud.clockOffsetMs = baseOffset - days * DAY_MS);
  const call = async (fn: string, openid: string | undefined, event: Record<string, unknown>) => {
    const res = await fetch(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(event),
    });
    const answer = (await res.json()) as Answer;
    if (answer.code !== 0) throw new Error(`demo: ${fn}.${String(event.action)} refused: ${JSON.stringify(answer)}`);
    return answer.data ?? {};
  };
  let requests = 0;
  const rid = (what: string) => `demo-${what}-${String(++requests).padStart(6, '0')}`;
  try {
    daysAgo(40);
    await setUpEstate(call, rid, plan);
    await inviteStaff(call, rid, plan);
    const people = demoPeople(plan);
    for (const enclosure of plan.collections.enclosures) await importRegister(cloud, call, rid, String(enclosure._id));

    daysAgo(30);
    const listed = people.filter((p) => p.openid && !p.selfRegistered);
    await inParallel(listed, (p) =>
      call('residents', p.openid!, {
        action: 'claim',
        requestId: rid('claim'),
        name: p.name,
        idNumber: p.idNumber,
        enclosureId: p.enclosureId,
        buildingId: p.buildingId,
        unit: p.unit,
        room: p.room,
      }),
    );
    daysAgo(20);
    await inParallel(
      people.filter((p) => p.selfRegistered),
      async (p) => {
        const registered = await call('residents', p.openid!, {
          action: 'register',
          requestId: rid('register'),
          name: p.name,
          idNumber: p.idNumber,
          phone: p.phone,
          enclosureId: p.enclosureId,
          buildingId: p.buildingId,
          unit: p.unit,
          room: p.room,
        });
        const head = people.find((h) => h.relation === 'head' && sameFlat(h, p))!;
        await call('residents', head.openid!, { action: 'acceptMember', residentId: registered.residentId });
      },
    );
    await declareAll(cloud, call, people, baseOffset);
    return { examples: examplesOf(cloud, people), logins: loginsOf(plan, people) };
  } finally {
    cloud.clockOffsetMs = baseOffset;
  }
}

type Call = (
  fn: string,
  openid: string | undefined,
  event: Record<string, unknown>,
) => Promise<Record<string, unknown>>;
type Rid = (what: string) => string;

const sameFlat = (a: DemoPerson, b: DemoPerson) =>
  a.buildingId === b.buildingId && a.unit === b.unit && a.room === b.room;

async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/** Invented 联系人 and 包干责任人 of an enclosure or building (made-up numbers). */
const person = (name: string, n: number) => ({ name, phone: `138${String(20200000 + n).padStart(8, '0')}` });

async function setUpEstate(call: Call, rid: Rid, plan: DemoData): Promise<void> {
  const { code } = await call('admin', undefined, { action: 'bootstrap' });
  await call('staff', ADMIN, { action: 'accept', code });
  const save = (fields: Record<string, unknown>) =>
    call('estate', ADMIN, { action: 'save', requestId: rid('estate'), ...fields });
  const [community] = plan.collections.communities;
  await save({ kind: 'community', code: community._id, name: community.name });
  let n = 0;
  for (const enc of plan.collections.enclosures) {
    await save({
      kind: 'enclosure',
      code: enc._id,
      communityId: enc.communityId,
      name: enc.name,
      type: enc.type,
      address: enc.address,
      contact: person(`${String(enc.name).slice(0, 1)}联络员`, ++n),
      responsible: person(`${String(enc.name).slice(0, 1)}包干员`, ++n),
    });
    const inEnclosure = (list: Record<string, unknown>[]) => list.filter((d) => d.enclosureId === enc._id);
    for (const b of inEnclosure(plan.collections.buildings))
      await save({
        kind: 'building',
        code: b._id,
        enclosureId: enc._id,
        name: b.name,
        units: b.units,
        floors: b.floors,
        roomScheme: 'numbered',
        responsible: person(`楼长${String(b.name)}`, ++n),
      });
    for (const g of inEnclosure(plan.collections.gates))
      await save({ kind: 'gate', code: g._id, enclosureId: enc._id, name: g.name, vehicles: false });
    for (const g of inEnclosure(plan.collections.grids))
      await save({ kind: 'grid', code: g._id, enclosureId: enc._id, name: g.name, buildingIds: g.buildingIds });
  }
}

/** Every staff member of the plan gets an invitation and accepts it from their own WeChat. */
async function inviteStaff(call: Call, rid: Rid, plan: DemoData): Promise<void> {
  for (const user of plan.collections.users) {
    const roles = user.roles as string[];
    if (roles.includes('resident') || roles.includes('admin')) continue;
    const [role] = roles;
    const scope =
      role === 'community_admin'
        ? { communityId: user.communityId }
        : { enclosureId: user.enclosureId, gridIds: user.gridIds, gateIds: user.gateIds };
    const invited = await call('staff', ADMIN, {
      action: 'invite',
      requestId: rid('invite'),
      role,
      name: user.name,
      ...Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined)),
    });
    await call('staff', String(user._id), { action: 'accept', code: invited.code });
  }
}

async function importRegister(cloud: LocalCloud, call: Call, rid: Rid, enclosureId: string): Promise<void> {
  const stored = `imports/demo-register-${enclosureId}.csv`;
  cloud.storage.write(stored, fs.readFileSync(registerFile(enclosureId)));
  const fileID = cloud.storage.fileId(stored);
  const checked = await call('registry', ADMIN, { action: 'check', fileID, enclosureId });
  if ((checked.problems as unknown[]).length > 0)
    throw new Error(`demo: the register of ${enclosureId} has problems: ${JSON.stringify(checked.problems)}`);
  const requestId = rid('import');
  for (let calls = 0; calls < 100; calls++) {
    const progress = await call('registry', ADMIN, { action: 'apply', requestId, fileID, enclosureId });
    if (progress.state === 'done') return;
  }
  throw new Error(`demo: the import of ${enclosureId} never finished`);
}

const KEY_AREA_TRIP = { place: '湖北省武汉市', areaCode: '420100' };

/** Each person declares (a dependant through the head) some hours ago; returnees came back days ago. */
async function declareAll(cloud: LocalCloud, call: Call, people: DemoPerson[], baseOffset: number) {
  // Which stored resident each person became (read back, never written): by flat and name.
  type Flat = { buildingId: string; unit: number; room: string; name: string };
  const flatAndName = (r: Flat) => `${r.buildingId}|${r.unit}|${r.room}|${r.name}`;
  const residents = cloud.db.find('residents', {}, { limit: Number.MAX_SAFE_INTEGER }).docs as (Flat & {
    _id: string;
  })[];
  const stored = new Map(residents.map((r) => [flatAndName(r), r._id]));
  const residentOf = new Map<number, string>();
  for (const p of people) {
    const id = stored.get(flatAndName(p));
    if (!id) throw new Error(`demo: ${p.name} of ${p.buildingId} ${p.room} was not registered`);
    residentOf.set(p.number, id);
  }
  if (new Set(residentOf.values()).size !== people.length) throw new Error('demo: two people share a flat and a name');
  // Oldest first: each declaration recounts its building's map at its own time, and a recount at
  // an earlier time than a declaration already stored would not count that declaration yet.
  for (let hours = 10; hours >= 1; hours--) {
    cloud.clockOffsetMs = baseOffset - hours * HOUR_MS;
    const declaredAt = Date.now() + cloud.clockOffsetMs;
    await inParallel(acrossBuildings(people.filter((p) => (p.number % 10) + 1 === hours)), (p) =>
      call('residents', p.declaredBy, declarationOf(p, residentOf.get(p.number)!, declaredAt)),
    );
  }
}

/** One building after another, so the calls in flight recount different buildings' maps. */
function acrossBuildings(people: DemoPerson[]): DemoPerson[] {
  const rank = new Map<string, number>();
  const place = people.map((p) => {
    const n = rank.get(p.buildingId) ?? 0;
    rank.set(p.buildingId, n + 1);
    return { p, n };
  });
  return place.sort((a, b) => a.n - b.n || a.p.buildingId.localeCompare(b.p.buildingId)).map(({ p }) => p);
}

function declarationOf(p: DemoPerson, residentId: string, at: number): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = {
    action: 'report',
    requestId: `demo-report-${p.number}`,
    ...(p.openid ? {} : { residentId }),
    temperature: p.story === 'fever' ? 37.9 : 36.3 + (p.number % 5) / 10,
    symptoms: [],
    trips: [] as unknown[],
  };
  if (p.story === 'wuhan_returnee') {
    const left = at - ((p.number % 9) + 2) * DAY_MS;
    return {
      ...base,
      trips: [{ ...KEY_AREA_TRIP, from: iso(left - 12 * DAY_MS), to: iso(left) }],
      returnedAt: iso(left),
    };
  }
  if (p.story === 'returnee') return { ...base, returnedAt: iso(at - ((p.number % 3) + 1) * DAY_MS) };
  return base;
}

const STORY_LABELS: Record<Story, string> = {
  green: '绿码',
  wuhan_returnee: '红码·武汉返回',
  fever: '红码·发热',
  unverified: '黄码·待核实',
  returnee: '黄码·返回待核实',
};

/** The first person with a phone of each story. */
function examplesOf(cloud: LocalCloud, people: DemoPerson[]): SeededDemo['examples'] {
  const examples: SeededDemo['examples'] = {};
  for (const p of people) {
    if (!p.openid || examples[p.story]) continue;
    const user = cloud.db.find('users', { _id: p.openid }, { limit: 1 }).docs[0] as { residentId: string };
    examples[p.story] = { residentId: user.residentId, openid: p.openid };
  }
  return examples;
}

/**
 * Who one can be in the demo: a resident for each story, then every grid worker, volunteer and
 * admin. Pure: the same estate every time, built or not (the preview lists them before any call).
 */
export function loginsOf(plan: DemoData = demoEstate(), people = demoPeople(plan)): SeededDemo['logins'] {
  const seen = new Set<Story>();
  const residents = people.filter((p) => p.openid && !seen.has(p.story) && seen.add(p.story));
  return [
    ...residents.map((p) => ({ openid: p.openid!, role: 'resident', label: `居民（${STORY_LABELS[p.story]}）` })),
    ...plan.logins.filter((l) => l.role !== 'resident'),
  ];
}

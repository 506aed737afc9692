/** The grid worker's console and the retention job, through the local cloud. */
import { keyOf } from '../../localcloud/src/store';
import { DAY_MS } from '../../core/time';
import { Estate, cstDateIn, requestId, startEstate } from './journeys';

let estate: Estate;

beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const gridOf = (openid: string) =>
  estate.cloud.db.find('users', { _id: openid }, { limit: 1 }).docs[0].gridIds as string[];
const buildingsOf = (gridIds: string[]) =>
  estate.cloud.db
    .find('grids', { _id: { $in: gridIds } }, { limit: 10 })
    .docs.flatMap((g) => g.buildingIds as string[]);

test('the verification queue lists the yellow residents of my grid only, longest waiting first, with why', async () => {
  const res = await estate.call('grid', 'demo-grid-11', { action: 'verificationQueue' });
  expect(res.code).toBe(0);
  const mine = new Set(buildingsOf(gridOf('demo-grid-11')));
  const queue = res.data as { residentId: string; reasons: string[]; since: string; maskedName: string }[];
  expect(queue.length).toBeGreaterThan(0);
  for (const entry of queue) {
    const status = estate.cloud.db.find('statuses', { _id: entry.residentId }, { limit: 1 }).docs[0];
    expect(mine.has(status.buildingId as string)).toBe(true);
    expect(status.colour).toBe('yellow');
    expect(entry.reasons.length).toBeGreaterThan(0);
    expect(entry.maskedName).toContain('*');
  }
  expect(queue.map((q) => q.since)).toEqual([...queue.map((q) => q.since)].sort());
  expect(await estate.call('grid', estate.demo.examples.green.openid, { action: 'verificationQueue' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('gate logs of my gate by time, colour and direction, masked and paged; other gates refused', async () => {
  const base = Date.now() - 3 * 3600_000;
  const logs = Array.from({ length: 30 }, (_, i) => ({
    _id: `log-${i}`,
    gateId: 'enc-chunhua-gate-1',
    at: new Date(base + i * 60_000),
    direction: i % 2 ? 'in' : 'out',
    colour: i % 3 ? 'green' : 'red',
    allowed: i % 3 !== 0,
    code: 'pass',
    maskedName: '王*',
    residentId: `res-${i}`,
    // Logs from before gates measured have no temperature.
    ...(i % 3 === 1 ? {} : { temperature: 36 + i / 10 }),
  }));
  estate.cloud.db.store.commit(logs.map((doc) => ({ collection: 'gate_logs', id: keyOf(doc._id), doc })));
  const query = {
    action: 'gateLogs',
    gateId: 'enc-chunhua-gate-1',
    from: new Date(base).toISOString(),
    to: new Date(base + 3600_000).toISOString(),
  };
  const first = await estate.call('grid', 'demo-grid-11', { ...query, colour: 'green', direction: 'in', pageSize: 5 });
  const expected = logs.filter((l) => l.colour === 'green' && l.direction === 'in').reverse();
  expect(first.data.logs.map((l: { at: string }) => l.at)).toEqual(expected.slice(0, 5).map((l) => l.at.toISOString()));
  expect(first.data.hasMore).toBe(true);
  // The temperature taken at each scan, where there is one, and no key where there is none.
  const temperatures = (list: { temperature?: number }[]) =>
    list.map((l) => ('temperature' in l ? l.temperature : '—'));
  expect(temperatures(first.data.logs)).toEqual(temperatures(expected.slice(0, 5)));
  expect(temperatures(first.data.logs)).toContain('—');
  const second = await estate.call('grid', 'demo-grid-11', {
    ...query,
    colour: 'green',
    direction: 'in',
    pageSize: 5,
    page: 1,
  });
  expect(second.data.logs.map((l: { at: string }) => l.at)).toEqual(
    expected.slice(5, 10).map((l) => l.at.toISOString()),
  );
  expect(JSON.stringify(first.data)).not.toContain('res-');
  expect(await estate.call('grid', 'demo-grid-21', query)).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await estate.call('grid', 'demo-grid-11', { ...query, to: 'yesterday' })).toMatchObject({
    code: 'INVALID_ARGUMENT',
    field: 'to',
  });
});

test('retention deletes exactly the records older than 28 days and reports how many; audit records stay', async () => {
  const now = Date.now();
  const old = (days: number) => new Date(now - days * DAY_MS);
  const docs: { collection: string; doc: Record<string, unknown> & { _id: string } }[] = [
    { collection: 'gate_logs', doc: { _id: 'old-log', at: old(29), gateId: 'g' } },
    { collection: 'gate_logs', doc: { _id: 'recent-log', at: old(27), gateId: 'g' } },
    { collection: 'checkins', doc: { _id: 'old-checkin', at: old(40), residentId: 'r' } },
    { collection: 'checkins', doc: { _id: 'recent-checkin', at: old(1), residentId: 'r' } },
    { collection: 'audit_logs', doc: { _id: 'old-audit', at: old(90), actor: 'x', action: 'verify' } },
  ];
  // A gate-log export's sheet holds masked names: it goes with its job, the retention period after it began.
  const { storage } = estate.cloud;
  const sheets = ['exports/w-old/gateLogs-1.csv', 'exports/w-new/gateLogs-2.csv'];
  sheets.forEach((path) => storage.write(path, Buffer.from('时间,方向\n', 'utf8')));
  docs.push(
    { collection: 'export_jobs', doc: { _id: 'old-export', startedAt: old(29), fileID: storage.fileId(sheets[0]) } },
    { collection: 'export_jobs', doc: { _id: 'new-export', startedAt: old(2), fileID: storage.fileId(sheets[1]) } },
  );
  estate.cloud.db.store.commit(docs.map(({ collection, doc }) => ({ collection, id: keyOf(doc._id), doc })));
  const before = {
    logs: estate.cloud.db.count('gate_logs', {}).total,
    declarations: estate.cloud.db.count('declarations', {}).total,
  };
  const res = await fetch(`${estate.cloud.url}/_localcloud/triggers/grid`, { method: 'POST' }).then((r) => r.json());
  expect(res).toMatchObject({
    code: 0,
    data: { retentionDays: 28, removed: { gate_logs: 1, checkins: 1, declarations: 0 } },
  });
  expect(estate.cloud.db.count('gate_logs', { _id: { $in: ['old-log', 'recent-log'] } }).total).toBe(1);
  expect(estate.cloud.db.count('gate_logs', {}).total).toBe(before.logs - 1);
  expect(estate.cloud.db.count('declarations', {}).total).toBe(before.declarations);
  expect(estate.cloud.db.count('audit_logs', { _id: 'old-audit' }).total).toBe(1);
  expect(res.data.removed.export_jobs).toBe(1);
  expect(estate.cloud.db.count('export_jobs', { _id: { $in: ['old-export', 'new-export'] } }).total).toBe(1);
  expect(sheets.map((path) => storage.read(path) !== null)).toEqual([false, true]);
  expect(await estate.call('grid', 'demo-grid-11', { action: 'retention' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('the counts on a grid worker’s 首页 are what the lists they open hold, and drop as work is done', async () => {
  const counts = async (worker: string) => {
    const [todo, queue, appeals, roster, visits, clues] = await Promise.all([
      estate.call('grid', worker, { action: 'todo' }),
      estate.call('grid', worker, { action: 'verificationQueue' }),
      estate.call('grid', worker, { action: 'appeals' }),
      estate.call('quarantine', worker, { action: 'roster' }),
      estate.call('gate', worker, { action: 'visits' }),
      estate.call('clues', worker, { action: 'queue' }),
    ]);
    const lists = roster.data as Record<'missed' | 'alerts' | 'awaitingDecision', unknown[]>;
    return {
      todo: todo.data,
      lists: {
        toVerify: (queue.data as unknown[]).length,
        appeals: (appeals.data as unknown[]).length,
        roster: lists.missed.length + lists.alerts.length + lists.awaitingDecision.length,
        visits: (visits.data as { pending: unknown[] }).pending.length,
        clues: (clues.data as unknown[]).length,
      },
      first: (queue.data as { residentId: string }[])[0]?.residentId,
    };
  };
  // A host of grid 1 asks for a visitor: 访客审批 counts it.
  const asked = await estate.call('gate', estate.demo.examples.green.openid, {
    action: 'requestVisit',
    requestId: requestId(),
    visitorName: '周来访',
    visitorPhone: '13900001111',
    fromDate: cstDateIn(estate.cloud, 1),
    toDate: cstDateIn(estate.cloud, 1),
    reason: '送菜',
  });
  expect(asked.code).toBe(0);
  // And reports a hazard at their own building, and one at a public place: 隐患线索 counts both.
  const green = estate.cloud.db.find('residents', { _id: estate.demo.examples.green.residentId }, { limit: 1 }).docs[0];
  for (const place of [{ buildingId: green.buildingId }, { placeText: '南门外空地' }])
    expect(
      (
        await estate.call('clues', estate.demo.examples.green.openid, {
          action: 'report',
          requestId: requestId(),
          kind: 'gathering',
          text: '傍晚有人聚集聊天。',
          ...place,
        })
      ).code,
    ).toBe(0);
  const mine = await counts('demo-grid-11');
  expect(mine.todo).toEqual(mine.lists);
  expect(mine.todo.visits).toBe(1);
  expect(mine.todo.clues).toBe(2);
  expect(mine.todo.toVerify).toBeGreaterThan(0);
  // Another grid's worker counts their own buildings only.
  const theirs = await counts('demo-grid-21');
  expect(theirs.todo).toEqual(theirs.lists);
  expect(theirs.todo).not.toEqual(mine.todo);

  const verified = await estate.call('residents', 'demo-grid-11', {
    action: 'verify',
    residentId: mine.first!,
    note: '现场核对身份证件',
  });
  expect(verified.code).toBe(0);
  const after = await counts('demo-grid-11');
  expect(after.todo).toEqual({ ...mine.todo, toVerify: mine.todo.toVerify - 1 });
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

test('an appeal is answered by the grid worker: accepted with an override that is audited, seen by the resident', async () => {
  const { openid, residentId } = estate.demo.examples.fever; // red: 37.9 °C declared
  const filed = await estate.call('residents', openid, {
    action: 'appeal',
    requestId: 'req-appeal-0001',
    reason: '体温计故障，已复测正常',
  });
  expect(filed).toMatchObject({ code: 0, data: { state: 'open' } });
  const status = estate.cloud.db.find('statuses', { _id: residentId }, { limit: 1 }).docs[0];
  const worker = estate.cloud.db.find('grids', { buildingIds: status.buildingId }, { limit: 1 }).docs[0]
    .workerOpenids as string[];
  const other = worker[0] === 'demo-grid-11' ? 'demo-grid-21' : 'demo-grid-11';
  const listed = await estate.call('grid', worker[0], { action: 'appeals' });
  expect(listed.data).toEqual([
    expect.objectContaining({
      id: filed.data.appealId,
      reason: '体温计故障，已复测正常',
      statusAtAppeal: expect.objectContaining({ colour: 'red' }),
    }),
  ]);
  const answer = {
    action: 'answerAppeal',
    appealId: filed.data.appealId,
    decision: 'accept',
    colour: 'green',
    days: 2,
    answer: '社区医生上门复测 36.4℃',
  };
  expect(await estate.call('grid', other, answer)).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await estate.call('grid', worker[0], answer)).toMatchObject({
    code: 0,
    data: { state: 'accepted', colour: 'green' },
  });
  expect(await estate.call('grid', worker[0], answer)).toMatchObject({ code: 'CONFLICT' });
  const reviewed = (await estate.call('residents', openid, { action: 'pass' })).data.status;
  expect(reviewed.colour).toBe('green');
  // The pass says the green is a review's, until when (2 days from now).
  expect(Math.abs(Date.parse(reviewed.overrideUntil) - (Date.now() + 2 * 24 * 3600_000))).toBeLessThan(60_000);
  const history = await estate.call('residents', openid, { action: 'history' });
  expect(history.data.appeals[0]).toMatchObject({ state: 'accepted', answer: '社区医生上门复测 36.4℃' });
  expect(history.data.changes[0]).toMatchObject({
    action: 'override',
    why: '社区医生上门复测 36.4℃',
    before: { colour: 'red' },
    after: { colour: 'green' },
  });
  expect(estate.cloud.meter.unindexed).toEqual({});
});

test('gate-log pages must be whole numbers: 0.5 and 1e-7 are refused naming the field, as are unknown keys', async () => {
  const query = {
    action: 'gateLogs',
    gateId: 'enc-chunhua-gate-1',
    from: new Date(Date.now() - 3600_000).toISOString(),
    to: new Date().toISOString(),
  };
  for (const [bad, field] of [
    [{ page: 0.5 }, 'page'],
    [{ page: 1e-7 }, 'page'],
    [{ page: '1' }, 'page'],
    [{ pageSize: 2.5 }, 'pageSize'],
    [{ gateId: { $gt: '' } }, 'gateId'],
    [{ colour: ['red'] }, 'colour'],
    [{ sort: 'at' }, 'sort'],
  ] as const) {
    const res = await estate.call('grid', 'demo-grid-11', { ...query, ...bad });
    expect({ bad, res }).toMatchObject({ bad, res: { code: 'INVALID_ARGUMENT', field, data: null } });
  }
  expect((await estate.call('grid', 'demo-grid-11', { ...query, page: 1 })).code).toBe(0);
});

test('an appeal answer of 90,000 characters or a fractional number of days is refused', async () => {
  for (const [bad, field] of [
    [{ answer: 'a'.repeat(90_000) }, 'answer'],
    [{ days: 1.5 }, 'days'],
    [{ appealId: { $ne: '' } }, 'appealId'],
  ] as const) {
    const res = await estate.call('grid', 'demo-grid-11', {
      action: 'answerAppeal',
      appealId: 'appeal-0000',
      decision: 'accept',
      colour: 'green',
      days: 2,
      answer: '社区医生上门复测正常',
      ...bad,
    });
    expect({ bad, res }).toMatchObject({ bad, res: { code: 'INVALID_ARGUMENT', field } });
  }
});

/**
 * 隐患与线索 through the local cloud: a resident's report reaches the grid worker of its place (and
 * not the next grid's), is taken, handled and answered, and the answer reaches the reporter; bad
 * photos, other enclosures' places and a flood are refused with nothing written.
 */
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
type Resident = { _id: string; openid: string; buildingId: string; enclosureId: string };
let reporters: Resident[];
let g11Building: string;

const usersOf = (buildingId: string) =>
  (estate.cloud.db.find('residents', { buildingId }, { limit: 1000 }).docs as Resident[]).filter(
    (r) => r.openid && estate.cloud.db.find('users', { _id: r.openid }, { limit: 1 }).docs[0]?.residentId === r._id,
  );
const gridBuildings = (worker: string): string[] => {
  const [user] = estate.cloud.db.find('users', { _id: worker }, { limit: 1 }).docs as { gridIds: string[] }[];
  return estate.cloud.db
    .find('grids', { _id: { $in: user.gridIds } }, { limit: 10 })
    .docs.flatMap((g) => g.buildingIds as string[]);
};
/** A file the page would have uploaded to cloud storage. */
const uploaded = (name: string, content: Buffer) => {
  estate.cloud.storage.write(name, content);
  return estate.cloud.storage.fileId(name);
};
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const clue = (extra: object = {}) => ({
  action: 'report',
  requestId: requestId(),
  kind: 'sanitation',
  buildingId: g11Building,
  placeText: '2单元楼道',
  text: '楼道垃圾三天没人清运，气味很大。',
  ...extra,
});
const queueOf = async (openid: string, closed = false) =>
  (await estate.call('clues', openid, { action: 'queue', closed })).data as { id: string; state: string }[];

beforeAll(async () => {
  estate = await startEstate();
  g11Building = gridBuildings('demo-grid-11')[0];
  reporters = usersOf(g11Building);
});
afterAll(() => estate.cloud.stop());

test('a report at a building reaches its grid worker, who takes and handles it; the reporter reads the answer', async () => {
  const [reporter] = reporters;
  const photo = uploaded('clues/rubbish-1.jpg', JPEG);
  const sent = await estate.call('clues', reporter.openid, clue({ photoFileId: photo }));
  expect(sent).toMatchObject({ code: 0, data: { remainingToday: 4 } });
  const { id } = sent.data;

  const listed = (await estate.call('clues', 'demo-grid-11', { action: 'queue' })).data;
  expect(listed).toContainEqual(
    expect.objectContaining({
      id,
      kindName: '卫生死角、垃圾堆积',
      place: expect.stringMatching(/栋 2单元楼道$/),
      stateName: '待受理',
      photoUrl: expect.stringContaining('clues/rubbish-1.jpg'),
      reporter: expect.stringMatching(/\*/),
    }),
  );
  // Masked, never named: the stored name of the reporter appears nowhere in what staff read.
  const [stored] = estate.cloud.db.find('residents', { _id: reporter._id }, { limit: 1 }).docs as { name: string }[];
  expect(JSON.stringify(listed)).not.toContain(stored.name);
  expect((await queueOf('demo-grid-12')).map((c) => c.id)).not.toContain(id);
  expect(await estate.call('clues', 'demo-grid-12', { action: 'assign', id })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });

  const taken = await estate.call('clues', 'demo-grid-11', { action: 'assign', id });
  expect(taken).toMatchObject({
    code: 0,
    data: { stateName: '处理中', assigneeName: expect.stringMatching(/^网格员/) },
  });
  const answer = { action: 'handle', id, outcome: 'resolved', answer: '已联系保洁今日清运，并安排每日巡查。' };
  expect(await estate.call('clues', 'demo-grid-11', answer)).toMatchObject({ code: 0, data: { stateName: '已办结' } });
  expect((await estate.call('clues', 'demo-grid-11', answer)).code).toBe(0); // a resend: the same
  expect(
    await estate.call('clues', 'demo-grid-11', { ...answer, outcome: 'unfounded', answer: '不属实' }),
  ).toMatchObject({ code: 'FAILED_PRECONDITION' });
  expect((await queueOf('demo-grid-11')).map((c) => c.id)).not.toContain(id);
  expect((await queueOf('demo-grid-11', true)).map((c) => c.id)).toContain(id);

  const mine = (markSeen?: boolean) =>
    estate.call('clues', reporter.openid, { action: 'mine', ...(markSeen === undefined ? {} : { markSeen }) });
  const first = (await mine()).data;
  expect(first).toMatchObject({ unseen: 1 });
  // The places a report may name: the buildings of the reporter's own enclosure.
  expect(first.buildings.map((b: { id: string }) => b.id)).toContain(g11Building);
  expect(first.buildings.map((b: { id: string }) => b.id)).toEqual(
    expect.arrayContaining(gridBuildings('demo-grid-12')),
  );
  expect(first.buildings.every((b: { id: string }) => b.id.startsWith('enc-chunhua-'))).toBe(true);
  expect((await mine(true)).data.clues[0]).toMatchObject({
    id,
    outcomeName: '已处理',
    answer: answer.answer,
    unseen: true,
  });
  expect((await mine()).data).toMatchObject({ unseen: 0 });
  // Another resident of the same building sees nothing of it.
  expect((await estate.call('clues', reporters[1].openid, { action: 'mine' })).data.clues).toEqual([]);
});

test('a public place reaches every grid worker of the enclosure, its 社区 and the street, not another enclosure', async () => {
  const sent = await estate.call(
    'clues',
    reporters[1].openid,
    clue({ kind: 'gathering', buildingId: undefined, placeText: '东门外空地', text: '每天傍晚有十几人聚集打牌。' }),
  );
  expect(sent.code).toBe(0);
  for (const staff of ['demo-grid-11', 'demo-grid-12', 'demo-community-admin', 'demo-admin'])
    expect([staff, (await queueOf(staff)).map((c) => c.id)]).toEqual([staff, expect.arrayContaining([sent.data.id])]);
  expect((await queueOf('demo-grid-21')).map((c) => c.id)).not.toContain(sent.data.id);
  // Given to the other grid worker of 春华苑; not to one of 立新村.
  expect(
    await estate.call('clues', 'demo-grid-11', { action: 'assign', id: sent.data.id, assigneeOpenid: 'demo-grid-21' }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'assigneeOpenid' });
  expect(
    await estate.call('clues', 'demo-grid-11', { action: 'assign', id: sent.data.id, assigneeOpenid: 'demo-grid-12' }),
  ).toMatchObject({ code: 0, data: { stateName: '处理中' } });
  expect(await estate.call('clues', 'demo-volunteer-1', { action: 'queue' })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
});

test('bad photos, places outside the enclosure and bad input are refused by field, and nothing is written', async () => {
  const reporter = reporters[2];
  const before = countDocs(estate.cloud, 'clues');
  const lixin = estate.cloud.db.find('buildings', { enclosureId: 'enc-lixin' }, { limit: 1 }).docs[0]._id as string;
  const big = uploaded('clues/big.jpg', Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]));
  const pdf = uploaded('clues/doc.jpg', Buffer.from('%PDF-1.4 not a picture'));
  const refusals: [object, object][] = [
    [
      clue({ photoFileId: big }),
      { code: 'INVALID_ARGUMENT', field: 'photoFileId', message: '照片不能超过 2 MB，请重新选择' },
    ],
    [clue({ photoFileId: pdf }), { code: 'INVALID_ARGUMENT', field: 'photoFileId', message: '只能上传照片' }],
    [clue({ photoFileId: 'cloud://local-dev.local-bucket/exports/roster.csv' }), { field: 'photoFileId' }],
    [clue({ photoFileId: estate.cloud.storage.fileId('clues/missing.jpg') }), { field: 'photoFileId' }],
    [clue({ buildingId: lixin }), { code: 'INVALID_ARGUMENT', field: 'buildingId' }],
    [clue({ buildingId: undefined, placeText: '' }), { code: 'INVALID_ARGUMENT', field: 'placeText' }],
    [clue({ kind: 'noise' }), { code: 'INVALID_ARGUMENT', field: 'kind' }],
    [clue({ text: '脏' }), { code: 'INVALID_ARGUMENT', field: 'text' }],
    [clue({ text: '脏'.repeat(301) }), { code: 'INVALID_ARGUMENT', field: 'text' }],
  ];
  for (const [event, wanted] of refusals)
    expect([JSON.stringify(event).slice(0, 160), await estate.call('clues', reporter.openid, event)]).toEqual([
      JSON.stringify(event).slice(0, 160),
      expect.objectContaining(wanted),
    ]);
  expect(countDocs(estate.cloud, 'clues')).toBe(before);
  expect(countDocs(estate.cloud, 'clue_quota', { _id: { $regex: `^${reporter._id}:` } })).toBe(0);
});

test('a flood stops at five a day; a retry of one report counts once', async () => {
  const reporter = reporters[3];
  const first = clue();
  const answers = [];
  answers.push(await estate.call('clues', reporter.openid, first));
  answers.push(await estate.call('clues', reporter.openid, first)); // a retry: the same report
  for (let i = 0; i < 5; i++) answers.push(await estate.call('clues', reporter.openid, clue()));
  expect(answers.map((a) => a.code)).toEqual([0, 0, 0, 0, 0, 0, 'RESOURCE_EXHAUSTED']);
  expect(answers[1].data.id).toBe(answers[0].data.id);
  expect(answers.slice(0, 6).map((a) => a.data.remainingToday)).toEqual([4, 4, 3, 2, 1, 0]);
  expect(answers[6].message).toMatch(/每人每天最多反映 5 条/);
  expect(countDocs(estate.cloud, 'clues', { reporterResidentId: reporter._id })).toBe(5);
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

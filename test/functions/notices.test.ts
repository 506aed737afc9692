/** 通知公告 through the local cloud: published to a scope, read by its residents only, reads counted. */
import { Estate, countDocs, requestId, startEstate } from './journeys';

let estate: Estate;
type Resident = { _id: string; openid: string; buildingId: string; enclosureId: string };
let gridBuildings: Record<string, string[]>;
const residentsOf = (buildingId: string) =>
  (estate.cloud.db.find('residents', { buildingId }, { limit: 1000 }).docs as Resident[]).filter(
    (r) => r.openid && estate.cloud.db.find('users', { _id: r.openid }, { limit: 1 }).docs[0]?.residentId === r._id,
  );
const buildingsOf = (worker: string): string[] => {
  const [user] = estate.cloud.db.find('users', { _id: worker }, { limit: 1 }).docs as { gridIds: string[] }[];
  return estate.cloud.db
    .find('grids', { _id: { $in: user.gridIds } }, { limit: 10 })
    .docs.flatMap((g) => g.buildingIds as string[]);
};
const notice = (extra: object = {}) => ({
  action: 'publish',
  requestId: requestId(),
  level: 'building',
  kind: 'delivery',
  title: '明日蔬菜配送时间调整',
  body: '因道路管控，明日蔬菜包改为下午 3 点送到楼下，请勿聚集。',
  ...extra,
});
const inboxOf = async (openid: string) => (await estate.call('notices', openid, { action: 'inbox' })).data;

beforeAll(async () => {
  estate = await startEstate();
  gridBuildings = { g11: buildingsOf('demo-grid-11'), g12: buildingsOf('demo-grid-12') };
});
afterAll(() => estate.cloud.stop());

test('a notice to a building reaches its residents, not the next building’s; opening it counts one read', async () => {
  const [building, next] = gridBuildings.g11;
  const [reader] = residentsOf(building);
  const [neighbour] = residentsOf(next);
  const event = notice({ targetId: building });
  const published = await estate.call('notices', 'demo-grid-11', event);
  expect(published).toMatchObject({ code: 0, data: { scopeName: expect.stringMatching(/^春华苑.+栋$/) } });
  expect((await estate.call('notices', 'demo-grid-11', event)).data.noticeId).toBe(published.data.noticeId);
  expect(countDocs(estate.cloud, 'notices', { _id: published.data.noticeId })).toBe(1);
  const { noticeId } = published.data;

  const mine = await inboxOf(reader.openid);
  expect(mine.notices[0]).toMatchObject({ id: noticeId, unread: true, kindName: '配送安排', publisherName: /^网格员/ });
  expect((await inboxOf(neighbour.openid)).notices.map((n: { id: string }) => n.id)).not.toContain(noticeId);

  // Opened from the list, or from its share card in the building chat: read once however often.
  const opened = await estate.call('notices', reader.openid, { action: 'open', noticeId });
  expect(opened).toMatchObject({ code: 0, data: { body: event.body } });
  await estate.call('notices', reader.openid, { action: 'open', noticeId });
  expect((await inboxOf(reader.openid)).notices[0]).toMatchObject({ id: noticeId, unread: false });
  // The card forwarded to another building's chat opens nothing there.
  expect(await estate.call('notices', neighbour.openid, { action: 'open', noticeId })).toMatchObject({
    code: 'PERMISSION_DENIED',
    message: '该通知不是发给您所在楼栋的',
  });

  const counted = await estate.call('notices', 'demo-grid-11', { action: 'reads', noticeId });
  expect(counted.data.places).toEqual([
    expect.objectContaining({ id: building, reads: 1, residents: expect.any(Number) }),
  ]);
  expect(counted.data.places[0].residents).toBeGreaterThan(1);
  expect(await estate.call('notices', 'demo-grid-12', { action: 'reads', noticeId })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  const sent = (await estate.call('notices', 'demo-grid-11', { action: 'sent' })).data;
  expect(sent[0]).toMatchObject({ id: noticeId, reads: 1 });
  expect((await estate.call('notices', 'demo-grid-12', { action: 'sent' })).data).toEqual([]);
});

test('the street reaches everyone, and counts its reads per enclosure', async () => {
  const published = await estate.call('notices', 'demo-admin', notice({ level: 'street', kind: 'rule', urgent: true }));
  expect(published).toMatchObject({ code: 0, data: { scopeName: '全街道' } });
  const { noticeId } = published.data;
  const [a] = residentsOf(gridBuildings.g11[0]);
  const lixin = estate.cloud.db.find('buildings', { enclosureId: 'enc-lixin' }, { limit: 1 }).docs[0]._id as string;
  const [b] = residentsOf(lixin);
  for (const r of [a, b]) {
    expect((await inboxOf(r.openid)).notices[0]).toMatchObject({
      id: noticeId,
      urgent: true,
      publisherName: '街道办事处',
    });
    await estate.call('notices', r.openid, { action: 'open', noticeId });
  }
  const places = (await estate.call('notices', 'demo-admin', { action: 'reads', noticeId })).data.places;
  expect(places.map((p: { name: string; reads: number }) => [p.name, p.reads])).toEqual(
    expect.arrayContaining([
      ['春华苑', 1],
      ['立新村', 1],
    ]),
  );
});

test('a 明白纸 carries its pictures; an oversized or non-picture one is refused by position, nothing written', async () => {
  const [building] = gridBuildings.g11;
  const [reader] = residentsOf(building);
  const upload = (name: string, content: Buffer) => {
    estate.cloud.storage.write(name, content);
    return estate.cloud.storage.fileId(name);
  };
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000)]);
  const page1 = upload('notices/guide-1.jpg', jpeg);
  const page2 = upload('notices/guide-2.jpg', jpeg);
  const big = upload('notices/big.jpg', Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]));
  const before = countDocs(estate.cloud, 'notices');
  for (const [images, field] of [
    [[page1, big], 'images.1'],
    [[upload('notices/doc.jpg', Buffer.from('%PDF-1.4'))], 'images.0'],
    [['cloud://local-dev.local-bucket/clues/x.jpg'], 'images.0'],
    [[page1, page1, page1, page1, page1], 'images'],
  ] as [string[], string][])
    expect(
      await estate.call('notices', 'demo-grid-11', notice({ targetId: building, kind: 'guide', images })),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', field });
  expect(countDocs(estate.cloud, 'notices')).toBe(before);
  const published = await estate.call(
    'notices',
    'demo-grid-11',
    notice({ targetId: building, kind: 'guide', title: '居家防护明白纸', images: [page1, page2] }),
  );
  expect(published.code).toBe(0);
  const opened = await estate.call('notices', reader.openid, { action: 'open', noticeId: published.data.noticeId });
  expect(opened.data.imageUrls).toEqual([
    expect.stringContaining('notices/guide-1.jpg'),
    expect.stringContaining('notices/guide-2.jpg'),
  ]);
});

test('each publisher is offered exactly the scopes they hold', async () => {
  const targets = async (openid: string) =>
    ((await estate.call('notices', openid, { action: 'scopes' })).data as { level: string; targetId?: string }[]).map(
      (s) => `${s.level}:${s.targetId ?? ''}`,
    );
  const g11 = await targets('demo-grid-11');
  expect(g11).toEqual(['enclosure:enc-chunhua', ...gridBuildings.g11.map((b) => `building:${b}`).sort()]);
  expect(g11).not.toContain(`building:${gridBuildings.g12[0]}`);
  expect(await targets('demo-community-admin')).toEqual(
    expect.arrayContaining(['enclosure:enc-chunhua', 'enclosure:enc-lixin']),
  );
  expect(await targets('demo-community-admin')).not.toContain('street:');
  expect((await targets('demo-admin'))[0]).toBe('street:');
  // Every offered scope is one publish accepts.
  for (const scope of (await estate.call('notices', 'demo-grid-11', { action: 'scopes' })).data)
    expect(
      (await estate.call('notices', 'demo-grid-11', notice({ level: scope.level, targetId: scope.targetId }))).code,
    ).toBe(0);
});

test('a scope the publisher does not hold and bad input are refused, and nothing is written', async () => {
  const before = countDocs(estate.cloud, 'notices');
  const refusals: [string, object, object][] = [
    [
      'demo-grid-11',
      notice({ targetId: gridBuildings.g12[0] }),
      { code: 'PERMISSION_DENIED', message: '只能向本人负责的范围发布通知' },
    ],
    ['demo-grid-11', notice({ level: 'street' }), { code: 'PERMISSION_DENIED' }],
    ['demo-grid-21', notice({ level: 'enclosure', targetId: 'enc-chunhua' }), { code: 'PERMISSION_DENIED' }],
    ['demo-grid-11', notice({ level: 'enclosure' }), { code: 'INVALID_ARGUMENT', field: 'targetId' }],
    ['demo-grid-11', notice({ targetId: 'enc-chunhua-b99' }), { code: 'NOT_FOUND' }],
    [
      'demo-grid-11',
      notice({ targetId: gridBuildings.g11[0], title: '通' }),
      { code: 'INVALID_ARGUMENT', field: 'title' },
    ],
    [
      'demo-grid-11',
      notice({ targetId: gridBuildings.g11[0], body: '疫'.repeat(2001) }),
      { code: 'INVALID_ARGUMENT', field: 'body' },
    ],
    [
      'demo-grid-11',
      notice({ targetId: gridBuildings.g11[0], kind: 'ad' }),
      { code: 'INVALID_ARGUMENT', field: 'kind' },
    ],
    ['demo-volunteer-1', notice({ targetId: gridBuildings.g11[0] }), { code: 'PERMISSION_DENIED' }],
    [estate.demo.examples.green.openid, notice({ targetId: gridBuildings.g11[0] }), { code: 'PERMISSION_DENIED' }],
  ];
  for (const [openid, event, wanted] of refusals)
    expect([JSON.stringify(event).slice(0, 120), await estate.call('notices', openid, event)]).toEqual([
      JSON.stringify(event).slice(0, 120),
      expect.objectContaining(wanted),
    ]);
  expect(countDocs(estate.cloud, 'notices')).toBe(before);
  // The 社区 admin holds both demo enclosures' 社区 and may publish to either.
  const [chunhua] = gridBuildings.g11;
  expect(await estate.call('notices', 'demo-community-admin', notice({ targetId: chunhua }))).toMatchObject({
    code: 0,
  });
});

/** The timer trigger, fired as CloudBase fires it. */
const pushRun = async () =>
  (await (await fetch(`${estate.cloud.url}/_localcloud/triggers/notices`, { method: 'POST' })).json()) as object;
const messagesSince = (before: number) =>
  estate.cloud.outbox.slice(before).filter((m) => m.functionName === 'notices' && m.api === 'subscribeMessage.send');

test('an urgent notice goes as a message to each resident of its scope who subscribed, once, and to no one else', async () => {
  const [building, next] = gridBuildings.g11;
  const [subscriber, quiet] = residentsOf(building);
  const [neighbour] = residentsOf(next);
  await pushRun(); // the urgent notices of the tests before go out first, to no one: none had subscribed
  const inbox = await inboxOf(subscriber.openid);
  expect(inbox.urgentTemplateId).toEqual(expect.any(String));
  for (const r of [subscriber, neighbour])
    expect(await estate.call('notices', r.openid, { action: 'subscribe', accepted: 1 })).toMatchObject({
      code: 0,
      data: { remaining: 1 },
    });
  // A check-in reminder grant is another template's: it does not carry a notice.
  await estate.call('quarantine', quiet.openid, { action: 'subscribe', accepted: 1 });

  const before = estate.cloud.outbox.length;
  await estate.call('notices', 'demo-grid-11', notice({ targetId: building, kind: 'rule' })); // not urgent
  const urgent = await estate.call(
    'notices',
    'demo-grid-11',
    notice({ targetId: building, kind: 'isolation', title: '本楼2单元即日起封闭管理', urgent: true }),
  );
  await pushRun();
  await pushRun(); // nothing is left to push
  expect(messagesSince(before)).toEqual([
    expect.objectContaining({
      params: expect.objectContaining({
        touser: subscriber.openid,
        page: `pages/notice/notice?id=${urgent.data.noticeId}`,
        data: expect.objectContaining({ thing1: { value: '本楼2单元即日起封闭管理' } }),
      }),
    }),
  ]);
  const [doc] = estate.cloud.db.find('notices', { _id: urgent.data.noticeId }, { limit: 1 }).docs;
  expect(doc).toMatchObject({ pushPending: false, pushed: 1 });
  // The grant is spent: the next urgent notice reaches no one until they subscribe again.
  await estate.call('notices', 'demo-grid-11', notice({ targetId: building, urgent: true }));
  await pushRun();
  expect(messagesSince(before)).toHaveLength(1);
});

test('a street-wide urgent notice pages through every resident of the street', async () => {
  const lixin = estate.cloud.db.find('buildings', { enclosureId: 'enc-lixin' }, { limit: 1 }).docs[0]._id as string;
  const subscribers = [...residentsOf(gridBuildings.g12[0]).slice(0, 2), ...residentsOf(lixin).slice(0, 2)];
  for (const r of subscribers) await estate.call('notices', r.openid, { action: 'subscribe', accepted: 2 });
  const residents = estate.cloud.db.find('residents', {}, { limit: 100_000 }).docs.length;
  expect(residents).toBeGreaterThan(100); // more than one page of the push
  // Everyone holding a notice grant now: these four, and the neighbour of the test before, who got nothing then.
  const granted = (
    estate.cloud.db.find('subscriptions', {}, { limit: 1000 }).docs as { _id: string; remaining: number }[]
  )
    .filter((s) => s._id.endsWith(':notice') && s.remaining >= 1)
    .map((s) => s._id.replace(/:notice$/, ''));
  expect(granted).toEqual(expect.arrayContaining(subscribers.map((r) => r.openid)));
  expect(granted).toHaveLength(subscribers.length + 1);
  const before = estate.cloud.outbox.length;
  await estate.call(
    'notices',
    'demo-admin',
    notice({ level: 'street', urgent: true, title: '全街道暂停开放集贸市场' }),
  );
  expect(await pushRun()).toMatchObject({ code: 0, data: { finished: 1, pending: 0 } });
  expect(
    messagesSince(before)
      .map((m) => m.params.touser)
      .sort(),
  ).toEqual(granted.sort());
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

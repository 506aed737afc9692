/**
 * 爱心码 through the local cloud: a grid worker prints a card for an elder without a phone, the
 * gate lets it through by the elder's current colour, and a revoked, reissued, expired or altered
 * card is refused — each scan logged, in the same two database operations as a phone's pass.
 */
import { Estate, countDocs, requestId, startEstate } from './journeys';
import type { CardHolder, CardView } from '../../typings';

let estate: Estate;
beforeAll(async () => {
  estate = await startEstate();
});
afterAll(() => estate.cloud.stop());

const WORKER = 'demo-grid-11';
const DAY = 24 * 3600_000;
const gridOf = (openid: string) =>
  estate.cloud.db
    .find('grids', { workerOpenids: openid }, { limit: 10 })
    .docs.flatMap((g) => g.buildingIds as string[]);

async function holders(worker = WORKER): Promise<CardHolder[]> {
  const res = await estate.call('grid', worker, { action: 'cardHolders' });
  expect(res.code).toBe(0);
  return res.data;
}

async function issue(residentId: string, request = requestId(), worker = WORKER) {
  return estate.call('grid', worker, { action: 'issueCard', requestId: request, residentId });
}

async function scan(token: string, direction: 'in' | 'out' = 'in') {
  const res = await estate.calls(estate.cloud, 'gate', WORKER, {
    action: 'scan',
    gateId: 'enc-chunhua-gate-1',
    direction,
    token,
    temperature: 36.5,
  });
  return { ...res.body.data, dbOps: res.dbOps } as { allowed: boolean; reason: string; logId: string; dbOps: number };
}

let elder: CardHolder;

test('the worker sees the people of their grid without a phone, and none of anyone else’s', async () => {
  const list = await holders();
  expect(list.length).toBeGreaterThan(0);
  const mine = new Set(gridOf(WORKER));
  for (const h of list) {
    const resident = estate.cloud.db.find('residents', { _id: h.residentId }, { limit: 1 }).docs[0];
    expect(mine.has(resident.buildingId as string)).toBe(true);
    expect(resident.openid).toBeUndefined();
    expect(h.maskedName).toContain('*');
  }
  elder = list.find((h) => h.relation === 'elder') ?? list[0];
  expect(elder.card).toBeNull();
});

test('an elder a medic cleared (health.clear) is still offered a card: a clearance is not a move-out', async () => {
  const other = (await holders()).find((h) => h.residentId !== elder.residentId)!;
  estate.cloud.db.modify(
    'residents',
    { _id: other.residentId },
    { clearedAt: new Date() },
    { multi: false, merge: true, upsert: false, byId: true },
  );
  expect((await holders()).map((h) => h.residentId)).toContain(other.residentId);
  expect((await issue(other.residentId)).code).toBe(0);
});

test('a printed card lets the elder through by their colour now; a resent issue prints the same card', async () => {
  const request = requestId();
  const first = await issue(elder.residentId, request);
  expect(first).toMatchObject({ code: 0, data: { state: 'active', maskedName: elder.maskedName } });
  const card = first.data as CardView;
  expect(new Date(card.expiresAt).getTime() - new Date(card.issuedAt).getTime()).toBe(14 * DAY);
  expect((await issue(elder.residentId, request)).data).toEqual(card);
  expect(countDocs(estate.cloud, 'pass_cards', { residentId: elder.residentId })).toBe(1);
  expect(countDocs(estate.cloud, 'audit_logs', { action: 'card_issue', residentId: elder.residentId })).toBe(1);

  const verdict = await scan(card.token!);
  const colour = estate.cloud.db.find('statuses', { _id: elder.residentId }, { limit: 1 }).docs[0].colour;
  expect(verdict.allowed).toBe(colour !== 'red');
  expect(verdict.dbOps).toBeLessThanOrEqual(2);
  const log = estate.cloud.db.find('gate_logs', { _id: verdict.logId }, { limit: 1 }).docs[0];
  expect(log).toMatchObject({ residentId: elder.residentId, cardId: card.cardId });
  // Printing it again gives the same QR; the list shows the card in force.
  expect((await estate.call('grid', WORKER, { action: 'card', cardId: card.cardId })).data.token).toBe(card.token);
  expect((await holders()).find((h) => h.residentId === elder.residentId)!.card).toEqual({
    cardId: card.cardId,
    expiresAt: card.expiresAt,
  });
});

test('a reissued card voids the lost one at once; a revoked card is refused, with a reason recorded', async () => {
  const lost = ((await issue(elder.residentId)).data as CardView).token!;
  const reissued = (await issue(elder.residentId)).data as CardView;
  expect(await scan(lost)).toMatchObject({ allowed: false, reason: '爱心码已作废（已补办或挂失），请联系网格员' });
  expect((await scan(reissued.token!)).reason).not.toContain('爱心码');

  expect(
    await estate.call('grid', WORKER, { action: 'revokeCard', cardId: reissued.cardId, reason: ' ' }),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'reason' });
  const revoked = await estate.call('grid', WORKER, {
    action: 'revokeCard',
    cardId: reissued.cardId,
    reason: '家属报告遗失',
  });
  expect(revoked).toMatchObject({ code: 0, data: { state: 'revoked' } });
  expect(await scan(reissued.token!)).toMatchObject({ allowed: false, reason: expect.stringContaining('已作废') });
  // A revoked card is never printed again.
  expect((await estate.call('grid', WORKER, { action: 'card', cardId: reissued.cardId })).data).toMatchObject({
    state: 'revoked',
    token: null,
  });
  const audit = estate.cloud.db.find(
    'audit_logs',
    { action: 'card_revoke', residentId: elder.residentId },
    {
      limit: 5,
    },
  ).docs;
  expect(audit).toEqual([expect.objectContaining({ actor: WORKER, note: '家属报告遗失' })]);
});

test('a late retry of an earlier issue answers that card and does not void the one issued after it', async () => {
  const early = requestId();
  const first = (await issue(elder.residentId, early)).data as CardView;
  const second = (await issue(elder.residentId)).data as CardView;
  const retried = (await issue(elder.residentId, early)).data as CardView;
  expect(retried).toMatchObject({ cardId: first.cardId, state: 'revoked', token: null });
  expect((await scan(second.token!)).reason).not.toContain('爱心码');
});

test('an altered card is refused as forged, and an expired one is sent back for a new one', async () => {
  const card = ((await issue(elder.residentId)).data as CardView).token!;
  const altered = card.replace(/\.(\d+)\./, (_, s: string) => `.${Number(s) + 30 * 86400}.`); // a longer life
  expect(await scan(altered)).toMatchObject({ allowed: false, reason: '通行码无效，疑似截图或伪造' });
  estate.cloud.clockOffsetMs = 15 * DAY;
  try {
    expect(await scan(card)).toMatchObject({ allowed: false, reason: '爱心码已过期，请联系网格员换发' });
  } finally {
    estate.cloud.clockOffsetMs = 0;
  }
});

test('a worker of another grid can neither print, reprint nor revoke this grid’s cards', async () => {
  const card = (await issue(elder.residentId)).data as CardView;
  const other = 'demo-grid-12';
  expect(await issue(elder.residentId, requestId(), other)).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await estate.call('grid', other, { action: 'card', cardId: card.cardId })).toMatchObject({
    code: 'PERMISSION_DENIED',
  });
  expect(
    await estate.call('grid', other, { action: 'revokeCard', cardId: card.cardId, reason: '冒充作废' }),
  ).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect((await holders(other)).some((h) => h.residentId === elder.residentId)).toBe(false);
});

test('every query of these journeys used an index', () => {
  expect(estate.cloud.meter.unindexed).toEqual({});
});

/**
 * The resident's side: a report at a building or a public place of their own enclosure, once per
 * request id and at most DAILY_CLUE_LIMIT a China day; their own reports with the answers (seen
 * once the 我的反映 page lists them; 首页 only counts them).
 */
import { CLUE_KINDS, DAILY_CLUE_LIMIT } from '../../../core/clue';
import { DAY_MS, cstDateOf } from '../../../core/time';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { checkPhoto } from '../../../server/photo';
import { Stored, findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError, invalid, notFound } from '../../../server/errors';
import type { Self } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, requestId, text, v } from '../../../server/schema';
import { ClueDoc, myClueOf } from './model';

const PHOTO = /^cloud:\/\/[^/\s]+\/clues\/[^\s]{1,200}$/;

export const report = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    kind: oneOf('类型', CLUE_KINDS),
    buildingId: v.optional(id('楼栋')),
    placeText: v.optional(text('地点', { min: 0, max: 40 })),
    text: text('情况说明', { min: 4, max: 300 }),
    // Only a photo the page uploaded for a report (clues/…), not any file of the environment.
    photoFileId: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.regex(PHOTO))], '照片无效，请重新上传')),
  }),
  async run({ requestId: rid, kind, buildingId, placeText = '', text: body, photoFileId = '' }, { self }) {
    const clueId = idFor('clue', self.residentId, rid);
    const day = cstDateOf(now());
    const quotaId = `${self.residentId}:${day}`;
    const used = async () => (await findById<{ n: number }>('clue_quota', quotaId))?.n ?? 0;
    if (await findById('clues', clueId)) return { id: clueId, remainingToday: DAILY_CLUE_LIMIT - (await used()) };
    const place = await placeOf(self, buildingId, placeText.trim());
    if (photoFileId) await checkPhoto(photoFileId, 'photoFileId');
    await spendQuota(quotaId);
    const at = now();
    const stored = await insertOnce<Stored<ClueDoc>>('clues', {
      _id: clueId,
      kind,
      text: body,
      ...place,
      enclosureId: self.resident.enclosureId,
      photoFileId: photoFileId || null,
      reporterResidentId: self.residentId,
      reporterMasked: `${self.resident.maskedName}（${self.resident.buildingName}）`,
      state: 'open',
      at,
      assigneeOpenid: null,
      assigneeName: null,
      outcome: null,
      answer: null,
      handledBy: null,
      closedAt: null,
      seenByReporter: false,
    });
    // The same request at the same moment stored it first: this one costs none of the day's.
    if (!stored) await updateWhere('clue_quota', { _id: quotaId }, { n: command.inc(-1) });
    return { id: clueId, remainingToday: DAILY_CLUE_LIMIT - (await used()) };
  },
} satisfies Def<'clues', 'report'>;

/** A building of the reporter's own enclosure, or a public place of it, named. */
async function placeOf(self: Self, buildingId: string | undefined, placeText: string) {
  const enclosure = await findById<{ communityId?: string }>('enclosures', self.resident.enclosureId);
  const communityId = enclosure?.communityId ?? null;
  if (buildingId) {
    const building = await findById<{ name: string; enclosureId: string; retiredAt?: Date }>('buildings', buildingId);
    if (!building || building.retiredAt) throw notFound('楼栋不存在');
    if (building.enclosureId !== self.resident.enclosureId) throw invalid('buildingId', '只能反映本围合区内的情况');
    const place = placeText ? `${building.name} ${placeText}` : building.name;
    return { place, placeKind: 'building' as const, buildingId, communityId };
  }
  if (placeText.length < 2) throw invalid('placeText', '请选择楼栋或填写地点');
  return { place: placeText, placeKind: 'public' as const, buildingId: null, communityId };
}

/** One more of today's reports, or a refusal once the day's are used: atomic either way. */
async function spendQuota(quotaId: string) {
  const at = now();
  if (await insertOnce('clue_quota', { _id: quotaId, n: 1, at })) return;
  const spent = await updateWhere(
    'clue_quota',
    { _id: quotaId, n: command.lt(DAILY_CLUE_LIMIT) },
    { n: command.inc(1) },
  );
  if (spent === 0)
    throw new AppError('RESOURCE_EXHAUSTED', `每人每天最多反映 ${DAILY_CLUE_LIMIT} 条，请明天再试或直接联系网格员`);
}

export const mine = {
  who: 'resident',
  input: input({ markSeen: v.optional(v.boolean('请选择是否标记已读')) }),
  async run({ markSeen = false }, { self }) {
    const since = new Date(now().getTime() - 30 * DAY_MS);
    const [clues, buildings] = await Promise.all([
      findMany<ClueDoc>(
        'clues',
        { reporterResidentId: self.residentId, at: command.gt(since) },
        { orderBy: ['at', 'desc'], limit: 50 },
      ),
      findMany<{ name: string; retiredAt?: Date }>(
        'buildings',
        { enclosureId: self.resident.enclosureId },
        { limit: 1000, fields: { name: true, retiredAt: true } },
      ),
    ]);
    const listed = clues.map(myClueOf);
    const unseen = listed.filter((c) => c.unseen).length;
    if (unseen && markSeen)
      await updateWhere(
        'clues',
        { reporterResidentId: self.residentId, state: 'closed', seenByReporter: false },
        { seenByReporter: true },
      );
    const places = buildings
      .filter((b) => !b.retiredAt)
      .map((b) => ({ id: b._id, name: b.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
    return { clues: listed, unseen, buildings: places };
  },
} satisfies Def<'clues', 'mine'>;

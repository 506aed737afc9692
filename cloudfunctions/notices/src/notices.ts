/**
 * 通知公告: published once per request id to a scope the publisher holds; a resident's inbox holds
 * the notices of the last 30 days whose scope covers their building, each marked read the first
 * time they open it; the publisher sees how many residents of each building (or enclosure, for a
 * wider notice) have opened it. Bodies are plain text: no personal data belongs in a notice.
 */
import { NOTICE_KINDS, NOTICE_LEVELS, NoticeKind, NoticeLevel, residentKeys } from '../../../core/notice';
import { DAY_MS } from '../../../core/time';
import type { NoticeSummary, NoticeView } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, aggregate, findAll, findById, findMany, insertOnce } from '../../../server/db';
import { denied, notFound } from '../../../server/errors';
import type { Self } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { checkPhoto, photoUrls } from '../../../server/photo';
import { id, input, list, oneOf, requestId, text, v } from '../../../server/schema';
import { UserDoc, hasRole } from '../../../server/users';
import { NOTICE_KIND_NAMES } from '../../../miniprogram/shared/notice-names';
import { urgentTemplateId } from './push';
import { scopeFor, scopesOf } from './scope';

const INBOX_DAYS = 30;
const INBOX_MAX = 30;
const PUBLISHERS = ['admin', 'community_admin', 'grid_worker'] as const;

export interface NoticeDoc {
  title: string;
  body: string;
  kind: NoticeKind;
  urgent: boolean;
  level: NoticeLevel;
  audience: string;
  scopeName: string;
  communityId: string | null;
  enclosureId: string | null;
  buildingId: string | null;
  publishedBy: string;
  publisherName: string;
  publishedAt: Date;
  images?: string[];
  /** An urgent notice whose subscribe messages are still going out (push.ts), and how far they got. */
  pushPending?: boolean;
  pushAfter?: string | null;
  pushed?: number;
}

const publisherNameOf = (user: UserDoc) =>
  hasRole(user, 'admin') ? '街道办事处' : hasRole(user, 'community_admin') ? '社区居委会' : `网格员${user.name ?? ''}`;

const summaryOf = (n: Stored<NoticeDoc>): NoticeSummary => ({
  id: n._id,
  title: n.title,
  kind: n.kind,
  kindName: NOTICE_KIND_NAMES[n.kind],
  urgent: n.urgent,
  scopeName: n.scopeName,
  publisherName: n.publisherName,
  publishedAt: n.publishedAt.toISOString(),
});
async function viewOf(n: Stored<NoticeDoc>): Promise<NoticeView> {
  const images = n.images ?? [];
  const urls = await photoUrls(images);
  return { ...summaryOf(n), body: n.body, imageUrls: images.map((f) => urls.get(f) ?? '').filter(Boolean) };
}
const IMAGE = /^cloud:\/\/[^/\s]+\/notices\/[^\s]{1,200}$/;

export const publish = {
  who: 'staff',
  role: PUBLISHERS,
  denied: '仅街道、社区管理员或网格员可以发布通知',
  input: input({
    requestId: requestId(),
    level: oneOf('发布范围', NOTICE_LEVELS),
    targetId: v.optional(id('发布范围')),
    kind: oneOf('通知类型', NOTICE_KINDS),
    title: text('标题', { min: 2, max: 40 }),
    body: text('正文', { min: 2, max: 2000 }),
    urgent: v.optional(v.boolean('请选择是否紧急')),
    images: v.optional(list('图片', v.pipe(v.string('图片无效'), v.regex(IMAGE, '图片无效，请重新上传')), 4)),
  }),
  async run({ requestId, level, targetId, kind, title, body, urgent = false, images = [] }, { user }) {
    const noticeId = idFor('notice', user._id, requestId);
    const done = await findById<NoticeDoc>('notices', noticeId);
    if (done) return { noticeId, scopeName: done.scopeName }; // a resend: published once
    const scope = await scopeFor(user, level, targetId);
    for (const [i, image] of images.entries()) await checkPhoto(image, `images.${i}`);
    await insertOnce<Stored<NoticeDoc>>('notices', {
      _id: noticeId,
      title,
      body,
      kind,
      urgent,
      ...(images.length ? { images } : {}),
      level,
      audience: scope.audience,
      scopeName: scope.name,
      communityId: scope.communityId,
      enclosureId: scope.enclosureId,
      buildingId: scope.buildingId,
      publishedBy: user._id,
      publisherName: publisherNameOf(user),
      publishedAt: now(),
      ...(urgent ? { pushPending: true, pushAfter: null, pushed: 0 } : {}),
    });
    return { noticeId, scopeName: scope.name };
  },
} satisfies Def<'notices', 'publish'>;

export const scopes = {
  who: 'staff',
  role: PUBLISHERS,
  denied: '仅街道、社区管理员或网格员可以发布通知',
  input: input({}),
  run: (_input, { user }) => scopesOf(user),
} satisfies Def<'notices', 'scopes'>;

export const sent = {
  who: 'staff',
  role: PUBLISHERS,
  denied: '仅街道、社区管理员或网格员可以发布通知',
  input: input({}),
  async run(_input, { user }) {
    const since = new Date(now().getTime() - INBOX_DAYS * DAY_MS);
    const notices = await findMany<NoticeDoc>(
      'notices',
      { publishedBy: user._id, publishedAt: command.gt(since) },
      { orderBy: ['publishedAt', 'desc'], limit: INBOX_MAX },
    );
    const counts = notices.length
      ? ((
          await aggregate('notice_reads')
            .match({ noticeId: command.in(notices.map((n) => n._id)) })
            .group({ _id: '$noticeId', n: { $sum: 1 } })
            .limit(INBOX_MAX)
            .end()
        ).list as { _id: string; n: number }[])
      : [];
    const readsOf = new Map(counts.map((c) => [c._id, c.n]));
    return notices.map((n) => ({ ...summaryOf(n), reads: readsOf.get(n._id) ?? 0 }));
  },
} satisfies Def<'notices', 'sent'>;

async function keysOf(self: Self): Promise<string[]> {
  const enclosure = await findById<{ communityId?: string }>('enclosures', self.resident.enclosureId);
  return residentKeys({ ...self.resident, communityId: enclosure?.communityId });
}
const readId = (noticeId: string, residentId: string) => `${noticeId}:${residentId}`;

export const inbox = {
  who: 'resident',
  input: input({}),
  async run(_input, { self }) {
    const since = new Date(now().getTime() - INBOX_DAYS * DAY_MS);
    const notices = await findMany<NoticeDoc>(
      'notices',
      { audience: command.in(await keysOf(self)), publishedAt: command.gt(since) },
      { orderBy: ['publishedAt', 'desc'], limit: INBOX_MAX },
    );
    const ids = notices.map((n) => readId(n._id, self.residentId));
    const read = ids.length
      ? new Set(
          (await findMany('notice_reads', { _id: command.in(ids) }, { limit: ids.length, fields: { _id: true } })).map(
            (r) => r._id,
          ),
        )
      : new Set<string>();
    const listed = notices.map((n) => ({ ...summaryOf(n), unread: !read.has(readId(n._id, self.residentId)) }));
    return { notices: listed, unread: listed.filter((n) => n.unread).length, urgentTemplateId: urgentTemplateId() };
  },
} satisfies Def<'notices', 'inbox'>;

export const open = {
  who: 'resident',
  input: input({ noticeId: id('通知') }),
  async run({ noticeId }, { self }) {
    const notice = await findById<NoticeDoc>('notices', noticeId);
    if (!notice) throw notFound('通知不存在或已过期');
    if (!(await keysOf(self)).includes(notice.audience)) throw denied('该通知不是发给您所在楼栋的');
    const r = self.resident;
    // Once per resident: opening it again (or a resend) counts no second read.
    await insertOnce('notice_reads', {
      _id: readId(noticeId, self.residentId),
      noticeId,
      residentId: self.residentId,
      buildingId: r.buildingId,
      enclosureId: r.enclosureId,
      at: now(),
    });
    return await viewOf(notice);
  },
} satisfies Def<'notices', 'open'>;

export const reads = {
  who: 'staff',
  role: PUBLISHERS,
  denied: '仅通知的发布人可以查看阅读情况',
  input: input({ noticeId: id('通知') }),
  async run({ noticeId }, { user }) {
    const notice = await findById<NoticeDoc>('notices', noticeId);
    if (!notice) throw notFound('通知不存在或已过期');
    const communityAdmin =
      hasRole(user, 'community_admin') && !!notice.communityId && notice.communityId === user.communityId;
    if (notice.publishedBy !== user._id && !hasRole(user, 'admin') && !communityAdmin)
      throw denied('仅通知的发布人可以查看阅读情况');
    return { notice: await viewOf(notice), places: await readCounts(notice) };
  },
} satisfies Def<'notices', 'reads'>;

/**
 * Reads against residents: per building for a notice within one enclosure, per enclosure for a
 * wider one — one grouped read of the reads, one of the map's per-building snapshots.
 */
async function readCounts(notice: Stored<NoticeDoc>) {
  const byBuilding = !!notice.enclosureId;
  const key = byBuilding ? 'buildingId' : 'enclosureId';
  const enclosures = byBuilding
    ? []
    : await findAll<{ name: string }>('enclosures', notice.communityId ? { communityId: notice.communityId } : {}, {
        fields: { name: true },
      });
  const where = notice.buildingId
    ? { buildingId: notice.buildingId }
    : notice.enclosureId
      ? { enclosureId: notice.enclosureId }
      : notice.communityId
        ? { enclosureId: command.in(enclosures.map((e) => e._id)) }
        : {};
  const grouped = async (collection: string, match: object, sum: string | number) =>
    (
      (
        await aggregate(collection)
          .match(match)
          .group({ _id: `$${key}`, n: { $sum: sum }, ...(byBuilding ? { name: { $first: '$buildingName' } } : {}) })
          .limit(10_000) // an aggregate answers 20 rows unless told otherwise
          .end()
      ).list as { _id: string; n: number; name?: string }[]
    ).sort((a, b) => (a.name ?? a._id).localeCompare(b.name ?? b._id, 'zh-CN', { numeric: true }));
  const [readRows, residentRows] = await Promise.all([
    grouped('notice_reads', { noticeId: notice._id }, 1),
    grouped('building_stats', notice.buildingId ? { _id: notice.buildingId } : where, '$residents'),
  ]);
  const readsOf = new Map(readRows.map((r) => [r._id, r.n]));
  const enclosureName = new Map(enclosures.map((e) => [e._id, e.name]));
  return residentRows.map((row) => ({
    id: row._id,
    name: (byBuilding ? row.name : enclosureName.get(row._id)) ?? '',
    reads: readsOf.get(row._id) ?? 0,
    residents: row.n,
  }));
}

/**
 * 紧急通知 as subscribe messages. A resident taps 订阅 once per message they will accept (WeChat's
 * rule for ordinary mini-programs); the timer (every minute) takes the urgent notices still to
 * push, oldest first, and goes through the residents of each one's scope in `_id` order, a page at
 * a time, sending to each WeChat user holding a grant. Where it stopped is kept on the notice, so a
 * run cut short by its budget leaves the rest to the next. A notice a day old is no longer pushed:
 * by then it is news on 首页, not an alert.
 */
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findAll, findMany, updateById } from '../../../server/db';
import { addGrants, grantKey, sendWithGrant } from '../../../server/notify';
import { input, int } from '../../../server/schema';
import { DAY_MS } from '../../../core/time';
import type { NoticeDoc } from './notices';

/** Time one run may spend: config.json gives the function 20 s, and CloudBase kills it then. */
const PUSH_BUDGET_MS = 15_000;
const PAGE = 100;

/** The urgent notice's template id, for `wx.requestSubscribeMessage`; null where none is set up. */
export const urgentTemplateId = () => process.env.NOTICE_URGENT_TEMPLATE || null;

export const subscribe = {
  who: 'resident',
  input: input({ accepted: int('订阅次数', 1, 10) }),
  run: async ({ accepted }, { self }) => ({ remaining: await addGrants(self.openid, accepted, now(), 'notice') }),
} satisfies Def<'notices', 'subscribe'>;

/** The timer; never a user's call. */
export const push = {
  who: 'server',
  input: input({}),
  run: () => runPush(Date.now() + PUSH_BUDGET_MS),
} satisfies Def<'notices', 'push'>;

export async function runPush(deadline: number): Promise<{ sent: number; finished: number; pending: number }> {
  const templateId = urgentTemplateId();
  const at = now();
  const due = await findMany<NoticeDoc>(
    'notices',
    { pushPending: true },
    { orderBy: ['publishedAt', 'asc'], limit: 20 },
  );
  let sent = 0;
  let finished = 0;
  for (const notice of due) {
    if (Date.now() >= deadline) break;
    if (!templateId || at.getTime() - notice.publishedAt.getTime() > DAY_MS) {
      await updateById('notices', notice._id, { pushPending: false });
      finished++;
      continue;
    }
    const outcome = await pushOne(notice, templateId, deadline);
    sent += outcome.sent;
    if (outcome.done) finished++;
  }
  return { sent, finished, pending: due.length - finished };
}

async function pushOne(notice: Stored<NoticeDoc>, templateId: string, deadline: number) {
  const scope = await residentsWhere(notice);
  let after = notice.pushAfter ?? null;
  let sent = 0;
  const save = (done: boolean) =>
    updateById('notices', notice._id, {
      pushAfter: after,
      pushed: command.inc(sent),
      ...(done ? { pushPending: false } : {}),
    });
  for (;;) {
    const page = await findMany<{ openid?: string }>(
      'residents',
      after ? { ...scope, _id: command.gt(after) } : scope,
      { orderBy: ['_id', 'asc'], limit: PAGE, fields: { openid: true } },
    );
    const keys = page.flatMap((r) => (r.openid ? [grantKey(r.openid, 'notice')] : []));
    const granted = keys.length
      ? new Set(
          (
            await findMany(
              'subscriptions',
              { _id: command.in(keys), remaining: command.gte(1) },
              { limit: keys.length },
            )
          ).map((s) => s._id),
        )
      : new Set<string>();
    for (const resident of page) {
      if (Date.now() >= deadline) {
        await save(false);
        return { sent, done: false };
      }
      if (resident.openid && granted.has(grantKey(resident.openid, 'notice'))) {
        const delivered = await sendWithGrant(
          resident.openid,
          {
            templateId,
            page: `pages/notice/notice?id=${notice._id}`,
            data: {
              thing1: { value: notice.title.slice(0, 20) },
              thing2: { value: notice.publisherName.slice(0, 20) },
            },
          },
          'notice',
        );
        if (delivered) sent++;
      }
      after = resident._id;
    }
    if (page.length < PAGE) {
      await save(true);
      return { sent, done: true };
    }
  }
}

/** The residents a notice is for, as a query. */
async function residentsWhere(notice: NoticeDoc): Promise<object> {
  if (notice.buildingId) return { buildingId: notice.buildingId };
  if (notice.enclosureId) return { enclosureId: notice.enclosureId };
  if (notice.communityId) {
    const enclosures = await findAll('enclosures', { communityId: notice.communityId }, { fields: { _id: true } });
    return { enclosureId: command.in(enclosures.map((e) => e._id)) };
  }
  return {};
}

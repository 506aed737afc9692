/**
 * Subscribe messages (订阅消息): one tap by the user grants one send (long-term subscriptions are
 * only for government and medical accounts), so grants are counted per user and spent one by one.
 */
import { cloud } from './cloud';
import { findById, updateWhere, replace } from './db';

/**
 * Grants are WeChat's per template: each topic (a template) counts its own. The check-in
 * reminder's, the first, is kept under the bare OPENID.
 */
export type Topic = 'checkin' | 'notice';
export const grantKey = (openid: string, topic: Topic = 'checkin') =>
  topic === 'checkin' ? openid : `${openid}:${topic}`;

/** Adds the grants the user just accepted in `wx.requestSubscribeMessage`. */
export async function addGrants(openid: string, accepted: number, at: Date, topic: Topic = 'checkin'): Promise<number> {
  const key = grantKey(openid, topic);
  const current = (await findById<{ remaining: number }>('subscriptions', key))?.remaining ?? 0;
  const remaining = Math.min(current + accepted, 60);
  await replace('subscriptions', key, { remaining, updatedAt: at });
  return remaining;
}

/** Spends one grant and sends; answers false (nothing sent) when the user has none left. */
export async function sendWithGrant(
  openid: string,
  message: { templateId: string; page: string; data: Record<string, { value: string }> },
  topic: Topic = 'checkin',
): Promise<boolean> {
  const spent = await updateWhere(
    'subscriptions',
    { _id: grantKey(openid, topic), remaining: { $gte: 1 } },
    { remaining: cloud.database().command.inc(-1) },
  );
  if (spent === 0) return false;
  await (cloud.openapi as unknown as { subscribeMessage: { send(o: object): Promise<unknown> } }).subscribeMessage.send(
    {
      touser: openid,
      templateId: message.templateId,
      page: message.page,
      data: message.data,
      miniprogramState: 'formal',
    },
  );
  return true;
}

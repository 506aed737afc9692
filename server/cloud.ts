/**
 * The one place that initialises wx-server-sdk. `DYNAMIC_CURRENT_ENV` makes every function use
 * the environment it runs in, in the cloud and in the local cloud alike.
 */
import cloud from 'wx-server-sdk';
import type { Caller } from './handler';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const db = cloud.database();
export const command = db.command;

export function currentCaller(): Caller {
  const { OPENID } = cloud.getWXContext();
  return { openid: OPENID || undefined };
}

export { cloud };

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

/** `doc().get()` that answers null for a missing document instead of throwing. */
export async function getById<T>(collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const { data } = (await db.collection(collection).where({ _id: id }).limit(1).get()) as unknown as {
    data: (T & { _id: string })[];
  };
  return data[0] ?? null;
}

export { cloud };

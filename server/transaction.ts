/**
 * Several single-document writes that land together or not at all (CloudBase transactions:
 * `doc().set/update/remove` and `add` only). A write conflict (someone else changed the same
 * document at the same moment) ends the transaction; the work is then run again, a few times
 * with short random pauses, and a conflict that outlasts them is answered as CONFLICT.
 */
import { db } from './cloud';

interface TxDoc {
  set(o: { data: object }): Promise<unknown>;
  update(o: { data: object }): Promise<unknown>;
  get(): Promise<{ data: unknown }>;
}
interface Tx {
  collection(name: string): { doc(id: string): TxDoc };
}

export interface Writes {
  set(collection: string, id: string, doc: object): Promise<unknown>;
  update(collection: string, id: string, data: object): Promise<unknown>;
  get<T>(collection: string, id: string): Promise<(T & { _id: string }) | null>;
  /**
   * Adds the document unless one with this id is there (then changes nothing, answers false):
   * for append-only records such as audit_logs, whose id makes a resend recognisable.
   */
  insert(collection: string, id: string, doc: object): Promise<boolean>;
}

const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';
const ATTEMPTS = 6;

/**
 * CloudBase's conflict: `code` DATABASE_TRANSACTION_CONFLICT at commit; inside the callback
 * wx-server-sdk rewrites it to errCode -501001 and keeps only the text
 * "[ResourceUnavailable.TransactionConflict]", which is why `runTransaction` alone would not retry it.
 */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === CONFLICT_CODE) return true;
  return /TransactionConflict|DATABASE_TRANSACTION_CONFLICT/.test(
    `${String(e.errMsg ?? '')} ${String(e.message ?? '')}`,
  );
}

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.round(15 * attempt * (0.5 + Math.random()))));

export async function inTransaction<T>(work: (w: Writes) => Promise<T>): Promise<T> {
  const run = (db as unknown as { runTransaction(cb: (tx: Tx) => Promise<T>, times?: number): Promise<T> })
    .runTransaction;
  for (let attempt = 1; ; attempt++) {
    try {
      // Retries are ours (with pauses), so the SDK's own immediate ones are off.
      return await run.call(db, (tx: Tx) => work(writesOf(tx)), 0);
    } catch (err) {
      if (!isTransactionConflict(err) || attempt >= ATTEMPTS) throw err;
      await pause(attempt);
    }
  }
}

function writesOf(tx: Tx): Writes {
  const writes: Writes = {
    set: (collection, id, doc) => tx.collection(collection).doc(id).set({ data: doc }),
    update: (collection, id, data) => tx.collection(collection).doc(id).update({ data }),
    get: async <D>(collection: string, id: string) => {
      try {
        return ((await tx.collection(collection).doc(id).get()).data as (D & { _id: string }) | null) ?? null;
      } catch (err) {
        // wx-server-sdk throws for a missing document (its `throwOnNotFound` default), here and in the cloud.
        if (!isTransactionConflict(err) && /does not exist/.test(String((err as { errMsg?: string }).errMsg ?? err)))
          return null;
        throw err;
      }
    },
    insert: async (collection, id, doc) => {
      if (await writes.get(collection, id)) return false;
      await tx.collection(collection).doc(id).set({ data: doc });
      return true;
    },
  };
  return writes;
}

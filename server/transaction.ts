/**
 * Several single-document writes that land together or not at all (CloudBase transactions:
 * `doc().set/update/remove` and `add` only). Conflicts are retried by `runTransaction`.
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
}

export async function inTransaction<T>(work: (w: Writes) => Promise<T>): Promise<T> {
  const run = (db as unknown as { runTransaction(cb: (tx: Tx) => Promise<T>, times?: number): Promise<T> })
    .runTransaction;
  return run.call(db, async (tx: Tx) =>
    work({
      set: (collection, id, doc) => tx.collection(collection).doc(id).set({ data: doc }),
      update: (collection, id, data) => tx.collection(collection).doc(id).update({ data }),
      get: async <D>(collection: string, id: string) =>
        ((await tx.collection(collection).doc(id).get()).data as (D & { _id: string }) | null) ?? null,
    }),
  );
}

/**
 * Typed access to the cloud database. wx-server-sdk's .d.ts types every call as
 * `Promise | void | string` (callback overloads); these helpers give the functions plain
 * promises of the shapes they store, and are the one place that casts.
 */
import { db } from './cloud';

export type Stored<T> = T & { _id: string };

// The SDK's query builder, typed loosely once here instead of at every call.
interface QueryLike {
  where(q: object): QueryLike;
  orderBy(field: string, dir: 'asc' | 'desc'): QueryLike;
  limit(n: number): QueryLike;
  skip(n: number): QueryLike;
  field(p: object): QueryLike;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(o: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

const collection = (name: string) =>
  db.collection(name) as unknown as QueryLike & {
    add(o: { data: object | object[] }): Promise<{ _id: string }>;
    doc(id: string): {
      set(o: { data: object }): Promise<unknown>;
      update(o: { data: object }): Promise<{ stats: { updated: number } }>;
    };
    aggregate(): AggregateLike;
  };

export interface AggregateLike {
  match(q: object): AggregateLike;
  group(spec: object): AggregateLike;
  lookup(spec: object): AggregateLike;
  project(spec: object): AggregateLike;
  sort(spec: object): AggregateLike;
  limit(n: number): AggregateLike;
  end(): Promise<{ list: unknown[] }>;
}

export async function findById<T>(name: string, id: string): Promise<Stored<T> | null> {
  const { data } = await collection(name).where({ _id: id }).limit(1).get();
  return (data[0] as Stored<T>) ?? null;
}

/** A sort key: the field, then the direction. Several sort in turn (the second breaks ties of the first). */
export type Order = [string, 'asc' | 'desc'];

export async function findMany<T>(
  name: string,
  query: object,
  options: { orderBy?: Order | Order[]; limit?: number; skip?: number; fields?: object } = {},
): Promise<Stored<T>[]> {
  let q = collection(name).where(query);
  const orders = options.orderBy ? (Array.isArray(options.orderBy[0]) ? options.orderBy : [options.orderBy]) : [];
  for (const order of orders as Order[]) q = q.orderBy(...order);
  if (options.fields) q = q.field(options.fields);
  if (options.skip) q = q.skip(options.skip);
  const { data } = await q.limit(options.limit ?? 100).get();
  return data as Stored<T>[];
}

/** The server SDK answers at most this many documents per query (it clamps larger limits). */
export const PAGE_SIZE = 1000;

/** More documents match than the caller may read at once (see `findAll`'s `max`). */
export class TooManyDocuments extends Error {
  constructor(
    readonly collection: string,
    readonly max: number,
  ) {
    super(`findAll(${collection}): more than ${max} documents match`);
  }
}

/**
 * Every document matching `query`, read in pages of 1000 ordered by `_id`, each page starting
 * after the last `_id` seen (so no document is read twice or skipped as pages go by). Use it for
 * any list or count that can exceed one page; `max` bounds the work, and more matches than that
 * throws `TooManyDocuments` rather than answering a silently shortened list.
 */
export async function findAll<T>(
  name: string,
  query: object,
  options: { fields?: object; max?: number } = {},
): Promise<Stored<T>[]> {
  const max = options.max ?? 50_000;
  const all: Stored<T>[] = [];
  for (;;) {
    const last = all.length > 0 ? all[all.length - 1]._id : undefined;
    const where = last === undefined ? query : { $and: [query, { _id: { $gt: last } }] };
    let q = collection(name).where(where).orderBy('_id', 'asc');
    if (options.fields) q = q.field({ ...options.fields, _id: true });
    const { data } = await q.limit(PAGE_SIZE).get();
    all.push(...(data as Stored<T>[]));
    if (all.length > max) throw new TooManyDocuments(name, max);
    if (data.length < PAGE_SIZE) return all;
  }
}

/** How many documents match (one operation, whatever the number). */
export async function countWhere(name: string, query: object): Promise<number> {
  return (await collection(name).where(query).count()).total;
}

/** True when a write failed because a document with that `_id` (or unique key) exists. */
export function isDuplicateKey(err: unknown): boolean {
  return /duplicate key|E11000/.test(String((err as { errMsg?: string }).errMsg ?? (err as Error)?.message));
}

/** Inserts with a chosen `_id`; answers false when that id exists (a retried request). */
export async function insertOnce<T extends { _id: string }>(name: string, doc: T): Promise<boolean> {
  try {
    await collection(name).add({ data: doc });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Documents per batch add (the server SDK sends an array as one operation). */
const ADD_BATCH = 200;

/**
 * Inserts documents with chosen `_id`s, a batch per operation; a batch holding one that exists (a
 * run at the same moment wrote it) goes again one by one. Answers how many were new — on the
 * cloud, where a batch may stop part way at the duplicate, those it wrote count as existing.
 */
export async function insertAllOnce<T extends { _id: string }>(name: string, docs: T[]): Promise<number> {
  let fresh = 0;
  for (let i = 0; i < docs.length; i += ADD_BATCH) {
    const batch = docs.slice(i, i + ADD_BATCH);
    try {
      await collection(name).add({ data: batch });
      fresh += batch.length;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const doc of batch) if (await insertOnce(name, doc)) fresh++;
    }
  }
  return fresh;
}

export async function insert(name: string, doc: object): Promise<string> {
  return (await collection(name).add({ data: doc }))._id;
}

export async function replace(name: string, id: string, doc: object): Promise<void> {
  await collection(name).doc(id).set({ data: doc });
}

export async function updateById(name: string, id: string, data: object): Promise<number> {
  return (await collection(name).doc(id).update({ data })).stats.updated;
}

export async function updateWhere(name: string, query: object, data: object): Promise<number> {
  return (await collection(name).where(query).update({ data })).stats.updated;
}

export async function removeWhere(name: string, query: object): Promise<number> {
  return (await collection(name).where(query).remove()).stats.removed;
}

export function aggregate(name: string): AggregateLike {
  return collection(name).aggregate();
}

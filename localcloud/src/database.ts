/**
 * The CloudBase database's semantics over the store: queries, updates and aggregation with mingo
 * (MongoDB semantics, which is what CloudBase's document database is built on), candidates found
 * through the planner, every write committed atomically, transactions kept snapshot-consistent.
 */
import crypto from 'node:crypto';
import { runPipeline } from './aggregate';
import { Query } from './mongo-ops';
import { update as applyUpdate } from 'mingo/updater';
import { Doc, resolveServerDates } from './ejson';
import { CloudError, Errors } from './errors';
import { idBounds, plan } from './planner';
import { IndexSpec, RowWrite, Store, keyOf } from './store';
import { Transaction, TransactionManager } from './transactions';

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit: number;
  projection?: Record<string, unknown>;
}

/** A find that may stop reading early: `enough` matches, unordered or in an order the store can give. */
interface Streaming {
  enough: number;
  /** By `_id` (no field), or by a field then `_id`, both the same way. */
  order?: { field?: string; dir: 'ASC' | 'DESC' };
  unordered?: boolean;
}

/** `{_id}` or `{field, _id}` (or `{field}`: ties come by id, which any order of them allows), one direction. */
function streamableOrder(order: Record<string, 1 | -1>): Streaming['order'] {
  const keys = Object.keys(order);
  const dirs = new Set(Object.values(order));
  if (dirs.size !== 1 || keys.length > 2 || (keys.length === 2 && keys[1] !== '_id')) return undefined;
  const dir = order[keys[0]] === -1 ? 'DESC' : 'ASC';
  return keys[0] === '_id' ? { dir } : { field: keys[0], dir };
}

export interface CollectionDeclaration {
  name: string;
  indexes?: IndexSpec[];
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$inc',
  '$mul',
  '$unset',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$min',
  '$max',
  '$rename',
]);

/** Called once per database operation with how many documents it touched. */
export type OperationListener = (op: {
  kind: 'read' | 'write' | 'other';
  collection?: string;
  scanned: number;
}) => void;

export function newDocumentId(): string {
  return crypto.randomBytes(16).toString('hex'); // CloudBase ids are 32 hex characters
}

export class CloudDatabase {
  readonly transactions: TransactionManager;
  /**
   * Told of every filtered query that found no usable index (as WeChat DevTools warns), while a
   * client request is being answered; direct calls from tests and seeding are not reported.
   */
  onUnindexedQuery?: (collection: string, fields: string[]) => void;
  private reporting = false;

  constructor(
    readonly store: Store,
    private readonly now: () => number = Date.now,
    transactionIdleMs = 30_000,
  ) {
    this.transactions = new TransactionManager(store, transactionIdleMs, now);
  }

  declare(collections: CollectionDeclaration[]): void {
    for (const c of collections) {
      if (!this.store.hasCollection(c.name)) this.store.createCollection(c.name);
      for (const index of c.indexes ?? []) this.store.ensureIndex(c.name, index);
    }
  }

  createCollection(name: string): void {
    this.store.createCollection(name);
  }

  find(collection: string, query: Doc, options: FindOptions): { docs: Doc[]; scanned: number } {
    // When candidates come in the answer's order (unordered, by `_id`, or by the range key of the
    // compound index the plan walks, then `_id`), reading stops once offset + limit have matched:
    // a page costs its size, not the collection's.
    const order = options.order && Object.keys(options.order).length > 0 ? options.order : undefined;
    const { docs, scanned } = this.match(collection, query, {
      enough: (options.offset ?? 0) + options.limit,
      order: order && streamableOrder(order),
      unordered: !order,
    });
    let cursor = new Query({}).find(docs, options.projection as Record<string, 1 | 0> | undefined);
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order);
    if (options.offset) cursor = cursor.skip(options.offset);
    cursor = cursor.limit(options.limit);
    return { docs: cursor.all() as Doc[], scanned };
  }

  count(collection: string, query: Doc): { total: number; scanned: number } {
    const { docs, scanned } = this.match(collection, query);
    return { total: docs.length, scanned };
  }

  insert(collection: string, docs: Doc[], txn?: Transaction): string[] {
    this.requireCollection(collection);
    const now = this.now();
    const prepared = docs.map((raw) => {
      const doc = resolveServerDates(raw, now) as Doc;
      if (doc._id === undefined) doc._id = newDocumentId();
      assertStorable(doc);
      return doc;
    });
    const seen = new Set<string>();
    for (const doc of prepared) {
      const id = keyOf(doc._id);
      const exists = txn ? this.transactions.read(txn, collection, doc._id) !== null : !!this.store.get(collection, id);
      if (exists || seen.has(id)) throw Errors.duplicateKey(collection, id);
      seen.add(id);
    }
    if (txn) prepared.forEach((doc) => this.transactions.write(txn, collection, doc._id, doc));
    else this.commit(prepared.map((doc) => ({ collection, id: keyOf(doc._id), doc })));
    return prepared.map((doc) => keyOf(doc._id));
  }

  /**
   * `update()` (operators, merge) and `set()` (replacement, upsert) for one document by id or for
   * every document a query matches. `updated` counts documents actually changed, as CloudBase does.
   */
  modify(
    collection: string,
    query: Doc,
    data: Doc,
    opts: { multi: boolean; merge: boolean; upsert: boolean; byId: boolean; countMatched?: boolean },
    txn?: Transaction,
  ): { updated: number; upsertId?: string; docs: Doc[] } {
    this.requireCollection(collection);
    const resolved = resolveServerDates(data, this.now()) as Doc;
    const change = opts.merge ? toModifier(resolved) : undefined;
    const targets = txn ? this.txnTargets(collection, query, txn) : this.match(collection, query).docs;
    const chosen = opts.multi ? targets : targets.slice(0, 1);
    const writes: RowWrite[] = [];
    const docs: Doc[] = [];
    for (const before of chosen) {
      const after = change ? updated(before, change) : { ...resolved, _id: before._id };
      if (after === undefined || sameDocument(before, after)) {
        docs.push(before);
        continue;
      }
      assertStorable(after);
      writes.push({ collection, id: keyOf(before._id), doc: after });
      docs.push(after);
    }
    if (chosen.length === 0 && opts.upsert) {
      const id = query._id ?? newDocumentId();
      const doc = change ? (updated({ _id: id }, change) ?? { _id: id }) : { ...resolved, _id: id };
      assertStorable(doc);
      this.writeAll([{ collection, id: keyOf(id), doc }], txn);
      return { updated: 0, upsertId: keyOf(id), docs: [doc] };
    }
    this.writeAll(writes, txn);
    // `set()` and `updateAndReturn` answer 1 for a document they matched, changed or not, as the cloud does.
    return { updated: opts.countMatched || !opts.merge ? chosen.length : writes.length, docs };
  }

  remove(collection: string, query: Doc, multi: boolean, txn?: Transaction): number {
    this.requireCollection(collection);
    const targets = txn ? this.txnTargets(collection, query, txn) : this.match(collection, query).docs;
    const chosen = multi ? targets : targets.slice(0, 1);
    this.writeAll(
      chosen.map((doc) => ({ collection, id: keyOf(doc._id), doc: null })),
      txn,
    );
    return chosen.length;
  }

  aggregate(collection: string, stages: Doc[]): { docs: Doc[]; scanned: number } {
    this.requireCollection(collection);
    return runPipeline(collection, stages, {
      match: (name, query) => this.match(name, query),
      all: (name) => {
        this.requireCollection(name);
        return [...this.store.scan(name)].map((r) => r.doc);
      },
    });
  }

  requireCollection(name: string): void {
    if (!this.store.hasCollection(name)) throw Errors.collectionNotExist(name);
  }

  /** Candidates from the plan, kept only where the query really matches. */
  /** Runs `work` (synchronous, like every operation here) as the answer to a client request. */
  answering<T>(work: () => T): T {
    this.reporting = true;
    try {
      return work();
    } finally {
      this.reporting = false;
    }
  }

  private match(collection: string, query: Doc, stream?: Streaming): { docs: Doc[]; scanned: number } {
    this.requireCollection(collection);
    const matcher = compileQuery(query);
    const chosen = plan(query, this.store.usableIndexFields(collection), (field) =>
      this.store.usableSecondKeys(collection, field),
    );
    // `_id` is indexed in every CloudBase collection: a range on it alone is no missing index.
    const fields = Object.keys(query).filter((k) => !k.startsWith('$') && k !== '_id');
    if (chosen.kind === 'scan' && fields.length > 0 && this.reporting)
      this.onUnindexedQuery?.(collection, fields.sort());
    const docs: Doc[] = [];
    let scanned = 0;
    const consider = (doc: Doc | undefined) => {
      if (!doc) return;
      scanned++;
      if (matcher.test(doc)) docs.push(doc);
    };
    if (chosen.kind === 'ids') {
      for (const id of new Set(chosen.ids.map(keyOf))) consider(this.store.get(collection, id)?.doc);
    } else {
      const filter = chosen.kind === 'index' ? chosen.filter : undefined;
      // The store gives a field's order only along the compound index the plan walks.
      const ordered = stream?.order && (!stream.order.field || filter?.then?.field === stream.order.field);
      const early = !!stream && (stream.unordered || ordered);
      const rows = this.store.scan(collection, filter, {
        idBounds: idBounds(query),
        order: ordered ? stream!.order!.dir : undefined,
        orderField: ordered ? stream!.order!.field : undefined,
      });
      for (const row of rows) {
        consider(row.doc);
        if (early && docs.length >= stream!.enough) break;
      }
    }
    return { docs, scanned };
  }

  /**
   * The documents a query inside a transaction finds: by id from the transaction's view, else
   * every document of that view the query matches (the database as the transaction started, with
   * its own writes). Tencent's database suite, written against the cloud, queries inside
   * transactions and reads its own inserts back (issue 19); WeChat's guide says single-document
   * only — the SDK sends the transaction with `where().get()`, so the cloud takes it.
   */
  private txnTargets(collection: string, query: Doc, txn: Transaction): Doc[] {
    const keys = Object.keys(query);
    if (keys.length === 1 && keys[0] === '_id' && typeof query._id !== 'object') {
      const doc = this.transactions.read(txn, collection, query._id);
      return doc ? [doc] : [];
    }
    const matcher = compileQuery(query);
    return this.transactions.view(txn, collection).filter((doc) => matcher.test(doc));
  }

  private writeAll(writes: RowWrite[], txn?: Transaction): void {
    if (writes.length === 0) return;
    if (txn) writes.forEach((w) => this.transactions.write(txn, w.collection, w.doc?._id ?? w.id, w.doc));
    else this.commit(writes);
  }

  private commit(writes: RowWrite[]): void {
    this.transactions.applied(this.store.commit(writes), writes);
  }

  /** A query inside a transaction: its view, ordered and limited as `find` is. */
  findInTransaction(collection: string, query: Doc, options: FindOptions, txn: Transaction): Doc[] {
    this.requireCollection(collection);
    let cursor = new Query({}).find(
      this.txnTargets(collection, query, txn),
      options.projection as Record<string, 1 | 0> | undefined,
    );
    if (options.order && Object.keys(options.order).length > 0) cursor = cursor.sort(options.order);
    if (options.offset) cursor = cursor.skip(options.offset);
    return cursor.limit(options.limit).all() as Doc[];
  }
}

function compileQuery(query: Doc): Query {
  try {
    return new Query(query);
  } catch (err) {
    throw Errors.invalidOperator(`invalid query: ${(err as Error).message}`);
  }
}

/** An update's data: operators as sent, or a plain object meaning `$set` of its fields. */
function toModifier(data: Doc): Record<string, Doc> {
  const keys = Object.keys(data);
  if (keys.length === 0) throw Errors.invalidParam('update data must not be empty');
  if (!keys.some((k) => k.startsWith('$'))) return { $set: data };
  for (const key of keys) {
    if (!UPDATE_OPERATORS.has(key)) throw Errors.invalidOperator(`unknown update operator: ${key}`);
  }
  for (const fields of Object.values(data)) {
    if (fields && typeof fields === 'object' && '_id' in fields) throw Errors.invalidParam('不能更新_id的值');
  }
  return data as Record<string, Doc>;
}

function updated(before: Doc, modifier: Record<string, Doc>): Doc | undefined {
  const copy = structuredClone(before);
  try {
    const changed = applyUpdate(copy, modifier as never, undefined, undefined, { cloneMode: 'deep' });
    return changed.length > 0 ? copy : undefined;
  } catch (err) {
    throw Errors.invalidParam(`update failed: ${(err as Error).message}`);
  }
}

/** MongoDB's rule, which the cloud applies: no stored field name starts with `$` ($_key is refused). */
function assertStorable(value: unknown, path = ''): void {
  if (Array.isArray(value)) return value.forEach((v) => assertStorable(v, path));
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$'))
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        `The dollar ($) prefixed field '${key}' in '${path ? `${path}.` : ''}${key}' is not valid for storage.`,
      );
    assertStorable(inner, path ? `${path}.${key}` : key);
  }
}

function sameDocument(a: Doc, b: Doc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

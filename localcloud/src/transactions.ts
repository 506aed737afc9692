/**
 * Transactions with snapshot isolation, as CloudBase offers them: single-document writes and
 * reads, and queries (`where().get()`) over the transaction's view, writes buffered until
 * commit, first writer wins. A transaction reads the database
 * as it was when it started (older versions are kept while any transaction might need them);
 * writing a document that someone else changed since then, or that another open transaction has
 * written, fails at once with DATABASE_TRANSACTION_CONFLICT and ends the transaction, as MongoDB
 * under CloudBase aborts it (a later rollback is answered "transaction does not exist").
 * `db.runTransaction` retries only errors whose `code` is DATABASE_TRANSACTION_CONFLICT: a failed
 * commit keeps it, but wx-server-sdk rewrites a failed doc().get/set/update/remove into
 * `{ errCode: -501001, errMsg }` without `code`, so those conflicts reach the caller unretried.
 */
import crypto from 'node:crypto';
import { Doc } from './ejson';
import { Errors } from './errors';
import { RowWrite, Store, StoredRow, keyOf } from './store';

interface Version {
  from: number; // seq that wrote this version (0 = did not exist)
  to: number; // seq that replaced it
  doc: Doc | null;
}

export interface Transaction {
  id: string;
  startSeq: number;
  writes: Map<string, RowWrite>;
  lastUsed: number;
}

const rowKey = (collection: string, id: string) => `${collection}\u0000${id}`;

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>(); // row key → transaction id
  private readonly history = new Map<string, Version[]>();

  constructor(
    private readonly store: Store,
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  get activeCount(): number {
    return this.open.size;
  }

  start(): Transaction {
    this.expireIdle();
    const txn: Transaction = {
      id: crypto.randomBytes(12).toString('hex'),
      startSeq: this.store.currentSeq,
      writes: new Map(),
      lastUsed: this.now(),
    };
    this.open.set(txn.id, txn);
    return txn;
  }

  get(id: unknown): Transaction {
    this.expireIdle();
    const txn = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!txn) throw Errors.transactionNotExist();
    txn.lastUsed = this.now();
    return txn;
  }

  /** The document as this transaction sees it: its own writes, else the snapshot. */
  read(txn: Transaction, collection: string, id: unknown): Doc | null {
    const key = rowKey(collection, keyOf(id));
    const own = txn.writes.get(key);
    if (own) return own.doc;
    const row = this.store.get(collection, keyOf(id));
    if (row && row.seq <= txn.startSeq) return row.doc;
    const version = this.history.get(key)?.find((v) => v.from <= txn.startSeq && txn.startSeq < v.to);
    if (version) return version.doc;
    return row && row.seq <= txn.startSeq ? row.doc : null;
  }

  /** Every document of a collection as this transaction sees it (for a query inside it). */
  view(txn: Transaction, collection: string): Doc[] {
    const prefix = rowKey(collection, '');
    const ids = new Set<unknown>([...this.store.scan(collection)].map((row) => row.doc._id));
    for (const key of [...this.history.keys(), ...txn.writes.keys()])
      if (key.startsWith(prefix)) ids.add(key.slice(prefix.length));
    return [...ids].flatMap((id): Doc[] => {
      const doc = this.read(txn, collection, id);
      return doc ? [doc] : [];
    });
  }

  write(txn: Transaction, collection: string, id: unknown, doc: Doc | null): void {
    const key = rowKey(collection, keyOf(id));
    const holder = this.locks.get(key);
    const conflict =
      holder && holder !== txn.id
        ? 'is being written by another transaction'
        : this.changedSince(collection, keyOf(id), txn.startSeq)
          ? 'changed after the transaction started'
          : undefined;
    if (conflict) {
      // Aborted at once, so its other writes stop blocking the retry that usually follows.
      this.end(txn);
      throw Errors.transactionConflict(`${collection}/${keyOf(id)} ${conflict}`);
    }
    this.locks.set(key, txn.id);
    txn.writes.set(key, { collection, id: keyOf(id), doc });
  }

  commit(id: unknown): number {
    const txn = this.get(id);
    try {
      for (const write of txn.writes.values()) {
        if (this.changedSince(write.collection, write.id, txn.startSeq)) {
          throw Errors.transactionConflict(`${write.collection}/${write.id} changed after the transaction started`);
        }
      }
      if (txn.writes.size > 0) this.applied(this.store.commit([...txn.writes.values()]), [...txn.writes.values()]);
      return txn.writes.size;
    } finally {
      this.end(txn);
    }
  }

  abort(id: unknown): void {
    this.end(this.get(id));
  }

  /** Every commit passes through here so open transactions keep seeing their snapshot. */
  applied(result: { seq: number; previous: (StoredRow | undefined)[] }, writes: RowWrite[]): void {
    if (this.open.size === 0) return;
    writes.forEach((write, i) => {
      const key = rowKey(write.collection, write.id);
      const before = result.previous[i];
      const versions = this.history.get(key) ?? [];
      versions.push({ from: before?.seq ?? 0, to: result.seq, doc: before?.doc ?? null });
      this.history.set(key, versions);
    });
  }

  private changedSince(collection: string, id: string, seq: number): boolean {
    const row = this.store.get(collection, id);
    if (row && row.seq > seq) return true;
    return (this.history.get(rowKey(collection, id)) ?? []).some((v) => v.to > seq);
  }

  private end(txn: Transaction): void {
    this.open.delete(txn.id);
    for (const key of txn.writes.keys()) if (this.locks.get(key) === txn.id) this.locks.delete(key);
    this.pruneHistory();
  }

  private expireIdle(): void {
    const cutoff = this.now() - this.idleTimeoutMs;
    for (const txn of this.open.values()) if (txn.lastUsed < cutoff) this.end(txn);
  }

  /** Versions no open transaction can see any more are dropped. */
  private pruneHistory(): void {
    if (this.open.size === 0) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...[...this.open.values()].map((t) => t.startSeq));
    for (const [key, versions] of this.history) {
      const kept = versions.filter((v) => v.to > oldest);
      if (kept.length === 0) this.history.delete(key);
      else this.history.set(key, kept);
    }
  }
}

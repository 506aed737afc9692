/**
 * On-disk storage: one SQLite file (WAL) in the data folder, one table per collection holding each
 * document as relaxed EJSON with the commit sequence that last wrote it. SQLite gives durability
 * (an acknowledged write is in the WAL before we answer), atomic multi-document commits and
 * expression indexes on `json_extract`; query semantics live in the query layer (mingo).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Doc, decodeFromStore, encodeForStore, isDate } from './ejson';
import { Errors } from './errors';

export interface StoredRow {
  id: string;
  seq: number;
  doc: Doc;
}

/** A write to apply at commit: a new document body, or null to delete. */
export interface RowWrite {
  collection: string;
  id: string;
  doc: Doc | null;
}

export interface IndexSpec {
  name: string;
  keys: { field: string; direction: 1 | -1 }[];
  unique?: boolean;
}

/**
 * Bounds and order on the primary key (`_id`), so that a page after a cursor (`_id > last`,
 * ordered by `_id`) is read from where it starts instead of from the first document.
 */
export interface IdScan {
  idBounds?: ['>' | '>=' | '<' | '<=', string][];
  order?: 'ASC' | 'DESC';
  /** Order by this field (then by id), as the filter's compound index holds it; by id alone without. */
  orderField?: string;
}

/** An SQL pre-filter the planner derived from an index; mingo still checks every row it yields. */
export interface SqlFilter {
  field: string;
  /** `=` and `IN` take `values`; a range takes one or two bounds, e.g. [['>=', a], ['<', b]]. */
  op: '=' | 'IN' | 'RANGE';
  values: (string | number)[];
  bounds?: ['>' | '>=' | '<' | '<=', string | number][];
  /** A range on the next key of a compound index whose first key `field` is equal to a value. */
  then?: { field: string; bounds: ['>' | '>=' | '<' | '<=', string | number][] };
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export function keyOf(id: unknown): string {
  return typeof id === 'string' ? id : JSON.stringify(id);
}

const table = (collection: string) => `"c_${collection}"`;
const jsonPath = (field: string) => `'$.${field.replace(/'/g, "''")}'`;

export class Store {
  private readonly db: Database.Database;
  private readonly collections = new Set<string>();
  /** Indexed fields per collection, with whether any stored value there was an array or object. */
  private readonly indexedFields = new Map<string, Map<string, boolean>>();
  /** The first key of each index: the fields SQLite can look up by. */
  private readonly leadingFields = new Map<string, Set<string>>();
  /** For each leading field, the second keys of compound indexes that start with it. */
  private readonly secondKeys = new Map<string, Map<string, Set<string>>>();
  private seqCounter = 0;
  /** Statements by their SQL: preparing one costs more than running it (a tenth of a demo build). */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'localcloud.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is in the OS before we answer, so it survives a killed process.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS lc_collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS lc_index_fields (collection TEXT, field TEXT, multikey INTEGER NOT NULL,
        PRIMARY KEY (collection, field));`);
    for (const row of this.db.prepare('SELECT name FROM lc_collections').all() as { name: string }[]) {
      this.collections.add(row.name);
      const max = this.db.prepare(`SELECT max(seq) AS m FROM ${table(row.name)}`).get() as { m: number | null };
      this.seqCounter = Math.max(this.seqCounter, max.m ?? 0);
    }
    for (const row of this.db.prepare('SELECT * FROM lc_index_fields').all() as {
      collection: string;
      field: string;
      multikey: number;
    }[]) {
      this.fieldsOf(row.collection).set(row.field, row.multikey === 1);
    }
  }

  /** The prepared statement for this SQL, or a new one while the cached one is still iterating. */
  private statement(sql: string): Database.Statement {
    const cached = this.statements.get(sql);
    if (cached && !cached.busy) return cached;
    const fresh = this.db.prepare(sql);
    // `IN (?, ?, …)` differs by its length: bounded, so a long run cannot grow it without end.
    if (this.statements.size >= 1000) this.statements.clear();
    if (!cached) this.statements.set(sql, fresh);
    return fresh;
  }

  get currentSeq(): number {
    return this.seqCounter;
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  listCollections(): string[] {
    return [...this.collections].sort();
  }

  createCollection(name: string): void {
    if (!NAME_PATTERN.test(name)) throw Errors.invalidParam(`invalid collection name: ${name}`);
    if (this.collections.has(name)) throw Errors.collectionExists(name);
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE ${table(name)} (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL)`);
      this.db.prepare('INSERT INTO lc_collections VALUES (?, ?)').run(name, Date.now());
    })();
    this.collections.add(name);
  }

  /** Creates the expression index if missing; existing documents are scanned for array values. */
  ensureIndex(collection: string, spec: IndexSpec): void {
    const exprs = spec.keys.map(
      (k) => `json_extract(body, ${jsonPath(k.field)}) ${k.direction === -1 ? 'DESC' : 'ASC'}`,
    );
    const unique = spec.unique ? 'UNIQUE ' : '';
    if (!this.leadingFields.has(collection)) this.leadingFields.set(collection, new Set());
    this.leadingFields.get(collection)!.add(spec.keys[0].field);
    if (spec.keys.length > 1) {
      const byLeading = this.secondKeys.get(collection) ?? new Map<string, Set<string>>();
      this.secondKeys.set(collection, byLeading);
      const seconds = byLeading.get(spec.keys[0].field) ?? new Set<string>();
      byLeading.set(spec.keys[0].field, seconds.add(spec.keys[1].field));
    }
    this.db.exec(
      `CREATE ${unique}INDEX IF NOT EXISTS "ix_${collection}_${spec.name}" ON ${table(collection)} (${exprs.join(', ')})`,
    );
    for (const key of spec.keys) {
      if (this.fieldsOf(collection).has(key.field)) continue;
      const multikey = this.db
        .prepare(
          // Arrays, and objects other than stored dates ({"$date": …}), make a field multikey.
          `SELECT 1 FROM ${table(collection)} WHERE json_type(body, ${jsonPath(key.field)}) = 'array'
             OR (json_type(body, ${jsonPath(key.field)}) = 'object' AND json_extract(body, ${jsonPath(`${key.field}."$date"`)}) IS NULL) LIMIT 1`,
        )
        .get();
      this.setFieldFlag(collection, key.field, multikey !== undefined);
    }
  }

  /** Fields the planner may use: indexed and never seen holding an array or object. */
  usableIndexFields(collection: string): Set<string> {
    const usable = new Set<string>();
    const leading = this.leadingFields.get(collection) ?? new Set<string>();
    for (const [field, multikey] of this.fieldsOf(collection)) if (!multikey && leading.has(field)) usable.add(field);
    return usable;
  }

  /** The second keys of compound indexes led by `field`, usable as `usableIndexFields` are. */
  usableSecondKeys(collection: string, field: string): Set<string> {
    const flags = this.fieldsOf(collection);
    const seconds = this.secondKeys.get(collection)?.get(field) ?? new Set<string>();
    return new Set([...seconds].filter((f) => flags.get(f) === false));
  }

  get(collection: string, id: string): StoredRow | undefined {
    const row = this.statement(`SELECT id, seq, body FROM ${table(collection)} WHERE id = ?`).get(id) as
      { id: string; seq: number; body: string } | undefined;
    return row && { id: row.id, seq: row.seq, doc: decodeFromStore(row.body) };
  }

  /** Every row, or the rows an index pre-filter selects. Rows are decoded lazily, one at a time. */
  *scan(collection: string, filter?: SqlFilter, by: IdScan = {}): Generator<StoredRow> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter) {
      const expr = `json_extract(body, ${jsonPath(filter.field)})`;
      if (filter.op === 'RANGE') {
        const bounds = filter.bounds ?? [];
        where.push(...bounds.map(([op]) => `${expr} ${op} ?`));
        params.push(...bounds.map(([, value]) => value));
      } else {
        where.push(filter.op === 'IN' ? `${expr} IN (${filter.values.map(() => '?').join(',')})` : `${expr} = ?`);
        params.push(...filter.values);
      }
      if (filter.then) {
        const next = `json_extract(body, ${jsonPath(filter.then.field)})`;
        where.push(...filter.then.bounds.map(([op]) => `${next} ${op} ?`));
        params.push(...filter.then.bounds.map(([, value]) => value));
      }
    }
    // With an index filter, `+id` keeps SQLite on that index (then it sorts the matches, cheap
    // beside decoding them); walking the whole primary key for the order would read every row.
    const key = filter ? '+id' : 'id';
    for (const [op, value] of by.idBounds ?? []) {
      where.push(`${key} ${op} ?`);
      params.push(value);
    }
    let sql = `SELECT id, seq, body FROM ${table(collection)}`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    if (by.order && by.orderField)
      sql += ` ORDER BY json_extract(body, ${jsonPath(by.orderField)}) ${by.order}, id ${by.order}`;
    else if (by.order) sql += ` ORDER BY ${key} ${by.order}`;
    for (const row of this.statement(sql).iterate(...params) as Iterable<{ id: string; seq: number; body: string }>) {
      yield { id: row.id, seq: row.seq, doc: decodeFromStore(row.body) };
    }
  }

  count(collection: string): number {
    return (this.statement(`SELECT count(*) AS n FROM ${table(collection)}`).get() as { n: number }).n;
  }

  /**
   * Applies all writes in one SQLite transaction under one new sequence number and returns the
   * rows they replaced (for transaction snapshots). Either every write lands or none does.
   */
  commit(writes: RowWrite[]): { seq: number; previous: (StoredRow | undefined)[] } {
    const seq = this.seqCounter + 1;
    const previous: (StoredRow | undefined)[] = [];
    this.db.transaction(() => {
      for (const write of writes) {
        previous.push(this.get(write.collection, write.id));
        if (write.doc === null) {
          this.statement(`DELETE FROM ${table(write.collection)} WHERE id = ?`).run(write.id);
        } else {
          this.statement(`INSERT OR REPLACE INTO ${table(write.collection)} (id, seq, body) VALUES (?, ?, ?)`).run(
            write.id,
            seq,
            encodeForStore(write.doc),
          );
          this.flagMultikeyValues(write.collection, write.doc);
        }
      }
    })();
    this.seqCounter = seq;
    return { seq, previous };
  }

  close(): void {
    this.db.close();
  }

  private fieldsOf(collection: string): Map<string, boolean> {
    let fields = this.indexedFields.get(collection);
    if (!fields) this.indexedFields.set(collection, (fields = new Map()));
    return fields;
  }

  private setFieldFlag(collection: string, field: string, multikey: boolean): void {
    this.fieldsOf(collection).set(field, multikey);
    this.db.prepare('INSERT OR REPLACE INTO lc_index_fields VALUES (?, ?, ?)').run(collection, field, multikey ? 1 : 0);
  }

  private flagMultikeyValues(collection: string, doc: Doc): void {
    for (const [field, multikey] of this.fieldsOf(collection)) {
      if (multikey) continue;
      if (pathCrossesContainer(doc, field)) this.setFieldFlag(collection, field, true);
    }
  }
}

/** True when the dotted path meets an array or ends on an object, where json_extract and Mongo differ. */
function pathCrossesContainer(doc: Doc, field: string): boolean {
  let value: unknown = doc;
  for (const part of field.split('.')) {
    if (Array.isArray(value)) return true;
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string, unknown>)[part];
  }
  return Array.isArray(value) || (value !== null && typeof value === 'object' && !isDate(value));
}

/**
 * Snapshots of a local cloud, as the Firebase emulators keep them (`--import`, `--export-on-exit`):
 * a folder with one EJSON-lines file per collection (`database/<name>.jsonl`, Dates and ids kept
 * exactly) and the cloud storage files (`storage/`). Importing fills collections through the
 * store's own commit, so indexes and the planner see the documents as if they had been written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Doc, decodeFromStore, encodeForStore } from './ejson';
import { keyOf } from './store';
import type { LocalCloud } from './index';

/** Collection name → documents (each with its `_id`). */
export type Collections = Record<string, Doc[]>;

export function importDocuments(cloud: LocalCloud, collections: Collections): void {
  for (const [collection, docs] of Object.entries(collections)) {
    if (!/^[A-Za-z_][\w-]{0,63}$/.test(collection)) throw new Error(`not a collection name: ${collection}`);
    if (docs.length === 0) continue;
    if (!cloud.db.store.hasCollection(collection)) cloud.db.store.createCollection(collection);
    cloud.db.store.commit(docs.map((doc) => ({ collection, id: keyOf(doc._id), doc })));
  }
}

export function exportSnapshot(cloud: LocalCloud, dir: string): { collections: number; documents: number } {
  const database = path.join(dir, 'database');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(database, { recursive: true });
  let documents = 0;
  const names = cloud.db.store.listCollections();
  for (const name of names) {
    const docs = cloud.db.find(name, {}, { limit: Number.MAX_SAFE_INTEGER }).docs;
    documents += docs.length;
    fs.writeFileSync(path.join(database, `${name}.jsonl`), docs.map((d) => encodeForStore(d)).join('\n'));
  }
  if (fs.existsSync(cloud.storage.rootDir))
    fs.cpSync(cloud.storage.rootDir, path.join(dir, 'storage'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'snapshot.json'),
    JSON.stringify(
      { envId: cloud.envId, exportedAt: new Date().toISOString(), collections: names.length, documents },
      null,
      2,
    ),
  );
  return { collections: names.length, documents };
}

/** A copy of the value with every Date moved by `ms` (a snapshot made earlier, brought to today). */
export function shiftDates<T>(value: T, ms: number): T {
  if (value instanceof Date) return new Date(value.getTime() + ms) as T;
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, ms)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, ms)])) as T;
  return value;
}

/**
 * Loads a snapshot into a local cloud whose database is empty (refuses to merge into data).
 * `shiftDatesMs` moves every stored date, for a snapshot whose story is told relative to the day
 * it was made (the demo estate: declared hours ago, returned days ago).
 */
export function importSnapshot(
  cloud: LocalCloud,
  dir: string,
  { shiftDatesMs = 0 }: { shiftDatesMs?: number } = {},
): { collections: number; documents: number } {
  const database = path.join(dir, 'database');
  if (!fs.existsSync(database)) throw new Error(`${dir} is not a snapshot (no database/ folder)`);
  const occupied = cloud.db.store.listCollections().filter((c) => cloud.db.count(c, {}).total > 0);
  if (occupied.length > 0)
    throw new Error(`the database already holds data (${occupied.join(', ')}): import needs an empty one`);
  const collections: Collections = {};
  for (const file of fs.readdirSync(database).filter((f) => f.endsWith('.jsonl'))) {
    const text = fs.readFileSync(path.join(database, file), 'utf8');
    const docs = text ? text.split('\n').map((line) => decodeFromStore(line)) : [];
    collections[file.replace(/\.jsonl$/, '')] = shiftDatesMs ? docs.map((doc) => shiftDates(doc, shiftDatesMs)) : docs;
  }
  importDocuments(cloud, collections);
  const storage = path.join(dir, 'storage');
  if (fs.existsSync(storage)) fs.cpSync(storage, cloud.storage.rootDir, { recursive: true });
  return {
    collections: Object.keys(collections).length,
    documents: Object.values(collections).reduce((n, docs) => n + docs.length, 0),
  };
}

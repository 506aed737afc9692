/**
 * The CloudBase server API as `@cloudbase/node-sdk` (inside `wx-server-sdk`) speaks it:
 * `POST /admin?env=…` with `{ action, …params }`; values are canonical EJSON strings. Answers
 * carry `requestId` and `data`, or `code` and `message`, which the SDK throws as an error.
 */
import crypto from 'node:crypto';
import { CloudDatabase, FindOptions } from './database';
import { Doc, decode, decodeObject, encodeForWire } from './ejson';
import { CloudError, Errors } from './errors';
import { Transaction } from './transactions';

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
/** Reported by the community, not in the official docs: aggregate without $limit answers 20. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export interface DbOperation {
  kind: 'read' | 'write' | 'other';
  collection?: string;
  scanned: number;
}

export interface ProtocolContext {
  db: CloudDatabase;
  /** Called once for every database operation answered (successful or not). */
  onOperation: (op: DbOperation) => void;
  /** `functions.invokeFunction` from inside a function. */
  invokeFunction: (name: string, event: unknown) => Promise<unknown>;
  warn: (message: string) => void;
  storage: import('./storage').LocalStorage;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

function str(params: Params, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw Errors.invalidParam(`${key} is required`);
  return value;
}

function nonNegativeInt(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw Errors.invalidParam(`${key} must be a non-negative integer`);
  return n;
}

function flag(params: Params, key: string, fallback: boolean): boolean {
  const value = params[key];
  return value === undefined ? fallback : value === true || value === 'true';
}

/**
 * `collection.update()` or `.remove()` with no `where()`: the SDK sends no query (update) or an
 * empty one (remove), and a database would take it as "every document". Tencent's suite expects
 * a parameter error and CloudBase documents remove as where-only: refused, so a mass write never
 * happens by omission. An explicit `where({})` is a choice, and is taken.
 */
function requireWhere(params: Params, what: 'update' | 'remove'): void {
  if (params.query === undefined || params.query === null || params.query === '')
    throw Errors.invalidParam(`collection.${what}() needs a where(): use where({}) to ${what} every document`);
}

function transactionOf(ctx: ProtocolContext, params: Params): Transaction | undefined {
  return params.transactionId ? ctx.db.transactions.get(params.transactionId) : undefined;
}

const handlers: Record<string, (ctx: ProtocolContext, p: Params) => Answer | Promise<Answer>> = {
  'database.getDocument'(ctx, p) {
    const collection = str(p, 'collectionName');
    const query = decodeObject(p.query, 'query');
    const txn = transactionOf(ctx, p);
    const limit = nonNegativeInt(p, 'limit') ?? DEFAULT_LIMIT;
    if (limit > MAX_LIMIT) throw Errors.limitExceeded(limit);
    const options: FindOptions = {
      limit: limit === 0 ? DEFAULT_LIMIT : limit,
      offset: nonNegativeInt(p, 'offset'),
      order: decode(p.order, 'order') as FindOptions['order'],
      projection: decode(p.projection, 'projection') as FindOptions['projection'],
    };
    if (txn) {
      const docs = ctx.db.findInTransaction(collection, query, options, txn);
      ctx.onOperation({ kind: 'read', collection, scanned: docs.length });
      return { data: { list: docs.map(encodeForWire) } };
    }
    const { docs, scanned } = ctx.db.find(collection, query, options);
    ctx.onOperation({ kind: 'read', collection, scanned });
    return { data: { list: docs.map(encodeForWire), limit: options.limit, offset: options.offset ?? 0 } };
  },

  'database.calculateDocument'(ctx, p) {
    const collection = str(p, 'collectionName');
    const { total, scanned } = ctx.db.count(collection, decodeObject(p.query, 'query'));
    ctx.onOperation({ kind: 'read', collection, scanned });
    return { data: { total } };
  },

  'database.insertDocument'(ctx, p) {
    const collection = str(p, 'collectionName');
    if (!Array.isArray(p.data) || p.data.length === 0)
      throw Errors.invalidParam('data must be a non-empty array of documents');
    const docs = p.data.map((item) => decodeObject(item, 'document'));
    const ids = ctx.db.insert(collection, docs, transactionOf(ctx, p));
    ctx.onOperation({ kind: 'write', collection, scanned: 0 });
    return { data: { insertedIds: ids } };
  },

  'database.modifyDocument'(ctx, p) {
    const collection = str(p, 'collectionName');
    const byId = p.queryType === 'DOC';
    if (!byId) requireWhere(p, 'update');
    const result = ctx.db.modify(
      collection,
      decodeObject(p.query, 'query'),
      decodeObject(p.data, 'data'),
      {
        multi: byId ? false : flag(p, 'multi', false),
        merge: flag(p, 'merge', true),
        upsert: flag(p, 'upsert', false),
        byId,
      },
      transactionOf(ctx, p),
    );
    ctx.onOperation({ kind: 'write', collection, scanned: result.docs.length });
    return { data: { updated: result.updated, upsert_id: result.upsertId } };
  },

  'database.modifyAndReturnDoc'(ctx, p) {
    const collection = str(p, 'collectionName');
    const result = ctx.db.modify(
      collection,
      decodeObject(p.query, 'query'),
      decodeObject(p.data, 'data'),
      { multi: false, merge: true, upsert: false, byId: false, countMatched: true },
      transactionOf(ctx, p),
    );
    ctx.onOperation({ kind: 'write', collection, scanned: result.docs.length });
    const doc = result.docs[0];
    return { data: { updated: result.updated, doc: doc ? encodeForWire(doc) : null } };
  },

  'database.removeDocument'(ctx, p) {
    const collection = str(p, 'collectionName');
    const byId = p.queryType === 'DOC';
    if (!byId) requireWhere(p, 'remove');
    const deleted = ctx.db.remove(
      collection,
      decodeObject(p.query, 'query'),
      byId ? false : flag(p, 'multi', false),
      transactionOf(ctx, p),
    );
    ctx.onOperation({ kind: 'write', collection, scanned: deleted });
    return { data: { deleted } };
  },
  'database.deleteDocument'(ctx, p) {
    return handlers['database.removeDocument'](ctx, p);
  },

  'database.aggregateDocuments'(ctx, p) {
    const collection = str(p, 'collectionName');
    if (!Array.isArray(p.stages)) throw Errors.invalidParam('stages must be an array');
    const stages = p.stages.map((stage: { stageKey?: unknown; stageValue?: unknown }) => {
      if (typeof stage?.stageKey !== 'string' || !stage.stageKey.startsWith('$'))
        throw Errors.invalidParam('every stage needs a stageKey like $match');
      if (stage.stageKey === '$geoNear') throw Errors.unsupported('aggregate stage $geoNear');
      return { [stage.stageKey]: decode(stage.stageValue, stage.stageKey) } as Doc;
    });
    if (!stages.some((s) => '$limit' in s || '$count' in s)) {
      stages.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
      ctx.warn(
        `aggregate on ${collection} without .limit(): answering at most ${AGGREGATE_DEFAULT_LIMIT} records, as CloudBase is reported to`,
      );
    }
    const { docs, scanned } = ctx.db.aggregate(collection, stages);
    ctx.onOperation({ kind: 'read', collection, scanned });
    return { data: { list: docs.map(encodeForWire) } };
  },

  'database.addCollection'(ctx, p) {
    const collection = str(p, 'collectionName');
    ctx.db.createCollection(collection);
    ctx.onOperation({ kind: 'other', collection, scanned: 0 });
    return { data: {} };
  },

  'database.startTransaction'(ctx) {
    const txn = ctx.db.transactions.start();
    ctx.onOperation({ kind: 'other', scanned: 0 });
    return { transactionId: txn.id };
  },
  'database.commitTransaction'(ctx, p) {
    ctx.onOperation({ kind: 'other', scanned: 0 });
    ctx.db.transactions.commit(p.transactionId);
    return {};
  },
  'database.abortTransaction'(ctx, p) {
    ctx.onOperation({ kind: 'other', scanned: 0 });
    ctx.db.transactions.abort(p.transactionId);
    return {};
  },

  'storage.getUploadMetadata'(ctx, p) {
    const cloudPath = str(p, 'path');
    return {
      data: {
        url: ctx.storage.urlFor(cloudPath),
        token: 'local',
        authorization: 'local',
        fileId: ctx.storage.fileId(cloudPath),
        cosFileId: 'local',
      },
    };
  },
  // The SDK's deleteFile: each file answered on its own. A missing file's code is our guess (not in
  // CloudBase's docs); the SDK passes the list through without checking it.
  'storage.batchDeleteFile'(ctx, p) {
    if (!Array.isArray(p.fileid_list)) throw Errors.invalidParam('fileid_list must be an array');
    return {
      data: {
        delete_list: p.fileid_list.map((id: unknown) => ({
          fileID: id,
          code: ctx.storage.remove(ctx.storage.pathOfFileId(String(id))) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
        })),
      },
    };
  },
  'storage.batchGetDownloadUrl'(ctx, p) {
    if (!Array.isArray(p.file_list)) throw Errors.invalidParam('file_list must be an array');
    return {
      data: {
        download_list: p.file_list.map((f: { fileid?: string; max_age?: number }) => ({
          fileID: f.fileid,
          tempFileURL: ctx.storage.urlFor(ctx.storage.pathOfFileId(String(f.fileid))),
          maxAge: f.max_age ?? 86400,
          code: 'SUCCESS',
        })),
      },
    };
  },

  async 'functions.invokeFunction'(ctx, p) {
    const name = str(p, 'function_name');
    let event: unknown = {};
    if (typeof p.request_data === 'string' && p.request_data !== '') {
      try {
        event = JSON.parse(p.request_data);
      } catch {
        throw Errors.invalidParam('request_data must be JSON');
      }
    }
    const result = await ctx.invokeFunction(name, event);
    return { data: { response_data: JSON.stringify(result ?? null) } };
  },
};

/** Answers one request body; never throws: every failure becomes `{ code, message }`. */
export async function answer(ctx: ProtocolContext, body: unknown): Promise<Answer> {
  const requestId = crypto.randomBytes(8).toString('hex');
  try {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw Errors.invalidParam('request body must be a JSON object');
    const params = body as Params;
    const action = params.action;
    if (typeof action !== 'string') throw Errors.invalidParam('action is required');
    const handler = Object.prototype.hasOwnProperty.call(handlers, action) ? handlers[action] : undefined;
    if (!handler) throw Errors.unknownAction(action);
    if (!action.startsWith('database.')) return { requestId, ...(await handler(ctx, params)) };
    // Database handlers are synchronous. A request the database refuses (a conflict, a lost race,
    // a bad query) is still one operation, as CloudBase bills and throttles it.
    let counted = false;
    const counting: ProtocolContext = {
      ...ctx,
      onOperation: (op) => {
        counted = true;
        ctx.onOperation(op);
      },
    };
    try {
      return { requestId, ...ctx.db.answering(() => handler(counting, params) as Answer) };
    } finally {
      if (!counted) ctx.onOperation(failedOperation(action, params));
    }
  } catch (err) {
    if (err instanceof CloudError) {
      if (err.detail) ctx.warn(`${err.code}: ${err.detail}`);
      return { requestId, code: err.code, message: err.message };
    }
    return { requestId, code: 'LOCAL_INTERNAL_ERROR', message: (err as Error)?.message ?? String(err) };
  }
}

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);
const WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.deleteDocument',
]);

/** The operation a refused database request still was. */
function failedOperation(action: string, params: Params): DbOperation {
  const collection = typeof params.collectionName === 'string' ? params.collectionName : undefined;
  if (READS.has(action)) return { kind: 'read', collection, scanned: 0 };
  if (WRITES.has(action)) return { kind: 'write', collection, scanned: 0 };
  return { kind: 'other', collection, scanned: 0 };
}

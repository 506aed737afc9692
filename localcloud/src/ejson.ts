/**
 * Extended JSON as the SDK sends it (canonical EJSON strings, bson@4) and as we store it.
 * Incoming values are turned into plain JS values that mingo understands (RegExp, Date, number).
 */
import { BSONRegExp, EJSON } from 'bson';
import { Errors } from './errors';

export type Doc = Record<string, unknown> & { _id?: unknown };

/**
 * Type tests that hold across realms: values made by `structuredClone` or another context (a Jest
 * sandbox, a worker) are Dates and RegExps without being `instanceof` this realm's classes.
 */
export const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';
export const isRegExp = (value: unknown): value is RegExp =>
  Object.prototype.toString.call(value) === '[object RegExp]';

const GEO_OPERATORS = new Set(['$geoNear', '$nearSphere', '$geoWithin', '$geoIntersects', '$near']);

/** Parse an EJSON string from a request, or a plain object the SDK sent without stringifying. */
export function decode(value: unknown, what: string): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = EJSON.parse(value, { relaxed: true });
    } catch (err) {
      throw Errors.invalidParam(`${what} is not valid Extended JSON: ${(err as Error).message}`);
    }
  } else {
    parsed = EJSON.deserialize(value as object, { relaxed: true });
  }
  return normalise(parsed);
}

/** Decode, requiring a JSON object (a query, an update, a document). */
export function decodeObject(value: unknown, what: string): Doc {
  const parsed = decode(value, what);
  if (parsed === undefined) return {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw Errors.invalidParam(`${what} must be an object`);
  }
  return parsed as Doc;
}

function normalise(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object' && !isDate(value) && !isRegExp(value)) {
    const bsontype = (value as { _bsontype?: string })._bsontype;
    if (bsontype === 'ObjectId' || bsontype === 'ObjectID') return String(value);
    if (bsontype === 'Long') return Number(value);
    if (bsontype === 'Decimal128') return Number(String(value));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (GEO_OPERATORS.has(key)) throw Errors.unsupported(`geo query ${key}`);
      out[key] = normalise(inner);
    }
    return out;
  }
  return value;
}

/**
 * `db.serverDate({offset})` arrives as `{"$tcb_server_date":{"offset":N}}`; the server puts its own
 * clock in, so clients cannot forge timestamps.
 */
export function resolveServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (value && typeof value === 'object' && !isDate(value) && !isRegExp(value)) {
    const marker = (value as { $tcb_server_date?: { offset?: number } }).$tcb_server_date;
    if (marker !== undefined) return new Date(now + Number(marker?.offset ?? 0));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = resolveServerDates(inner, now);
    return out;
  }
  return value;
}

/** Canonical EJSON, which is what the SDK's `EJSON.parse` expects in answers. */
export function encodeForWire(doc: unknown): string {
  return EJSON.stringify(doc as object, { relaxed: false });
}

/**
 * Dates are stored as {"$date":"YYYY-MM-DDTHH:mm:ss.sssZ"} always with milliseconds (bson drops
 * ".000"), so that the stored text sorts in time order and date ranges can use an index.
 */
function fixedWidthDates(value: unknown): unknown {
  if (isDate(value)) {
    const year = value.getUTCFullYear();
    return year >= 1970 && year <= 9999 ? { $date: value.toISOString() } : value;
  }
  if (Array.isArray(value)) return value.map(fixedWidthDates);
  if (value && typeof value === 'object' && !isRegExp(value) && !(value as { _bsontype?: string })._bsontype) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = fixedWidthDates(inner);
    return out;
  }
  return value;
}

export function encodeForStore(doc: Doc): string {
  return EJSON.stringify(fixedWidthDates(doc) as Doc, { relaxed: true });
}

/**
 * A stored document back as values. Nearly every stored document holds plain JSON and dates only:
 * JSON.parse, then one walk turning {"$date": ISO} into Dates, is over twice as fast as bson's
 * EJSON.parse (which was most of a 500-document read). Stored field names never start with `$`
 * (the store refuses them), so any other `$` key is an EJSON wrapper ($numberLong,
 * $regularExpression, a date outside 1970–9999): such a document goes through bson as before.
 */
export function decodeFromStore(text: string): Doc {
  const found = { wrapper: false };
  const doc = withDates(JSON.parse(text), found) as Doc;
  return found.wrapper ? (normalise(EJSON.parse(text, { relaxed: true })) as Doc) : doc;
}

function withDates(value: object, found: { wrapper: boolean }): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (value[i] && typeof value[i] === 'object') value[i] = withDates(value[i], found);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$date === 'string') return new Date(record.$date);
  for (const key in record) {
    if (key.charCodeAt(0) === 36) found.wrapper = true; // '$'
    const inner = record[key];
    if (inner && typeof inner === 'object') record[key] = withDates(inner, found);
  }
  return value;
}

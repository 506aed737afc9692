/**
 * Picks how to find candidate documents for a query: by `_id`, through a declared index, or by a
 * full scan. Whatever it picks is only a superset; mingo re-checks every candidate, so a plan can
 * make a query faster but never change its answer.
 */
import { isDate, isRegExp } from './ejson';
import { SqlFilter } from './store';

export type Plan = { kind: 'ids'; ids: unknown[] } | { kind: 'index'; filter: SqlFilter } | { kind: 'scan' };

type Primitive = string | number;

/**
 * How a value looks to `json_extract` on the stored relaxed EJSON. A date is stored as
 * {"$date":"<ISO>"} (years 1970–9999); that text sorts in time order, so date ranges can use
 * an index too.
 */
function sqlValue(value: unknown): Primitive | undefined {
  if (isDate(value)) {
    const year = value.getUTCFullYear();
    return year >= 1970 && year <= 9999 ? JSON.stringify({ $date: value.toISOString() }) : undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0; // json_extract yields 1/0 for booleans
  return undefined;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !isDate(value) &&
    !isRegExp(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k.startsWith('$'))
  );
}

/** The top-level conjuncts of a query: its own fields plus those of a top-level `$and`. */
function conjuncts(query: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value)
        if (part && typeof part === 'object') out.push(...conjuncts(part as Record<string, unknown>));
    } else if (!key.startsWith('$')) {
      out.push([key, value]);
    }
  }
  return out;
}

function filterFor(field: string, condition: unknown): SqlFilter | undefined {
  if (!isOperatorObject(condition)) {
    const v = sqlValue(condition);
    return v === undefined ? undefined : { field, op: '=', values: [v] };
  }
  if ('$eq' in condition) {
    const v = sqlValue(condition.$eq);
    if (v !== undefined) return { field, op: '=', values: [v] };
  }
  if ('$in' in condition && Array.isArray(condition.$in)) {
    const values = condition.$in.map(sqlValue);
    if (values.length > 0 && values.every((v) => v !== undefined))
      return { field, op: 'IN', values: values as Primitive[] };
  }
  const bounds: NonNullable<SqlFilter['bounds']> = [];
  for (const [op, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    if (!(op in condition) || typeof condition[op] === 'boolean') continue;
    const bound = sqlValue(condition[op]);
    if (bound !== undefined) bounds.push([sql, bound]);
  }
  if (bounds.length > 0) return { field, op: 'RANGE', values: [], bounds };
  return undefined;
}

/**
 * `secondKeys(field)`: the next keys of compound indexes led by `field`. An equality on the first
 * key with a range on the second narrows to that range, as MongoDB walks a compound index.
 */
export function plan(
  query: Record<string, unknown>,
  indexedFields: Set<string>,
  secondKeys: (field: string) => Set<string> = () => new Set(),
): Plan {
  const parts = conjuncts(query);
  for (const [field, condition] of parts) {
    if (field !== '_id') continue;
    if (typeof condition === 'string' || typeof condition === 'number') return { kind: 'ids', ids: [condition] };
    if (isOperatorObject(condition) && Object.keys(condition).length === 1) {
      if (typeof condition.$eq === 'string') return { kind: 'ids', ids: [condition.$eq] };
      if (Array.isArray(condition.$in)) return { kind: 'ids', ids: condition.$in };
    }
  }
  // Equality first: it narrows most; a range on an index is still better than a scan. Bounds on
  // one field from several conjuncts (`_.gte(a).and(_.lt(b))`) make one range.
  let range: SqlFilter | undefined;
  for (const [field, condition] of parts) {
    if (!indexedFields.has(field)) continue;
    const filter = filterFor(field, condition);
    if (!filter) continue;
    if (filter.op === '=') return { kind: 'index', filter: withNextRange(filter, parts, secondKeys(field)) };
    if (filter.op !== 'RANGE') return { kind: 'index', filter };
    if (!range) range = filter;
    else if (range.field === field) range = { ...range, bounds: [...(range.bounds ?? []), ...(filter.bounds ?? [])] };
  }
  return range ? { kind: 'index', filter: range } : { kind: 'scan' };
}

/** The equality filter, with the bounds the query puts on the first second key that has any. */
function withNextRange(filter: SqlFilter, parts: [string, unknown][], seconds: Set<string>): SqlFilter {
  for (const second of seconds) {
    const bounds = parts.flatMap(([field, condition]) => {
      const range = field === second ? filterFor(field, condition) : undefined;
      return range?.op === 'RANGE' ? (range.bounds ?? []) : [];
    });
    if (bounds.length > 0) return { ...filter, then: { field: second, bounds } };
  }
  return filter;
}

/**
 * The string bounds a query puts on `_id` (`_id > cursor`), which the store applies to its primary
 * key. SQLite compares the text by bytes and MongoDB by code units: the same order for the ASCII
 * ids CloudBase makes and this project chooses; mingo re-checks every candidate either way.
 */
export function idBounds(query: Record<string, unknown>): ['>' | '>=' | '<' | '<=', string][] {
  const bounds: ['>' | '>=' | '<' | '<=', string][] = [];
  for (const [field, condition] of conjuncts(query)) {
    if (field !== '_id' || !isOperatorObject(condition)) continue;
    for (const [op, sql] of [
      ['$gt', '>'],
      ['$gte', '>='],
      ['$lt', '<'],
      ['$lte', '<='],
    ] as const)
      if (typeof condition[op] === 'string') bounds.push([sql, condition[op] as string]);
  }
  return bounds;
}

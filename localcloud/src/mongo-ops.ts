/**
 * mingo as CloudBase answers (issue 19, measured with Tencent's own database test suite): one
 * operator context with mingo's operators and our corrections where mingo and MongoDB — which
 * CloudBase's document database is — disagree: `$week` counts weeks from the first Sunday (%U),
 * a negative `$substr`/`$substrBytes` length means "to the end", `$indexOfCP` exists, and
 * `$jsonSchema` queries validate with MongoDB's keywords. `$elemMatch` with field conditions
 * matches only array elements that are documents (`rewriteQuery`).
 */
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import { jsonSchemaValidator } from './json-schema';

type Expr = (obj: unknown, expr: unknown, options: never) => unknown;
const builtin = expression as unknown as Record<string, Expr>;

/** Week of the year, weeks starting on Sunday, days before the first Sunday in week 0 (MongoDB, %U). */
const $week: Expr = (obj, expr, options) => {
  const dayOfYear = builtin.$dayOfYear(obj, expr, options) as number | null;
  if (dayOfYear === null || dayOfYear === undefined) return null;
  const dayOfWeek = builtin.$dayOfWeek(obj, expr, options) as number; // 1 = Sunday
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7);
};

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** A negative length is "to the end of the string", as CloudBase documents it. */
const toTheEnd =
  (op: Expr, length: (s: string) => number): Expr =>
  (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length !== 3) return op(obj, expr, options);
    const [s, start, count] = evalExpr(obj, expr, options as never) as [unknown, unknown, unknown];
    if (typeof count !== 'number' || count >= 0 || typeof s !== 'string' || typeof start !== 'number')
      return op(obj, [{ $literal: s }, { $literal: start }, { $literal: count }], options);
    return op(obj, [{ $literal: s }, start, Math.max(0, length(s) - start)], options);
  };

/** The index of a substring in code points (MongoDB's $indexOfCP). */
const $indexOfCP: Expr = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options as never) as unknown[];
  const [text, search] = args;
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string' || typeof search !== 'string')
    throw new Error('$indexOfCP requires a string and a string to search for');
  const points = Array.from(text);
  const wanted = Array.from(search);
  const start = (args[2] as number | undefined) ?? 0;
  const end = Math.min((args[3] as number | undefined) ?? points.length, points.length);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(end) || end < 0)
    throw new Error('$indexOfCP start and end must be non-negative integers');
  for (let i = start; i + wanted.length <= end; i++) if (wanted.every((c, k) => points[i + k] === c)) return i;
  return -1;
};

const CONTEXT = Context.init({
  accumulator: accumulator as never,
  expression: {
    ...builtin,
    $week,
    $substr: toTheEnd(builtin.$substr, utf8Length),
    $substrBytes: toTheEnd(builtin.$substrBytes, utf8Length),
    $indexOfCP,
  } as never,
  pipeline: pipeline as never,
  projection: projection as never,
  query: queryOps as never,
  window: window as never,
});

/** A document's type as `$type` names it: an element condition applies to documents only. */
const IS_DOCUMENT = { $expr: { $eq: [{ $type: '$$ROOT' }, 'object'] } };

/** The query with every `$elemMatch` of field conditions limited to elements that are documents. */
export function rewriteQuery(query: unknown): unknown {
  if (Array.isArray(query)) return query.map(rewriteQuery);
  if (!query || typeof query !== 'object' || query instanceof Date || query instanceof RegExp) return query;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const inner = rewriteQuery(value);
    const fieldConditions =
      key === '$elemMatch' &&
      !!inner &&
      typeof inner === 'object' &&
      !Array.isArray(inner) &&
      Object.keys(inner).some((k) => !k.startsWith('$'));
    out[key] = fieldConditions ? { $and: [inner, IS_DOCUMENT] } : inner;
  }
  return out;
}

const options = () => ({ context: CONTEXT, jsonSchemaValidator });

export class Query extends BaseQuery {
  constructor(condition: Record<string, unknown>) {
    super(rewriteQuery(condition) as Record<string, unknown>, options() as never);
  }
}

export class Aggregator extends BaseAggregator {
  constructor(stages: never[], more: { collectionResolver: (name: string) => unknown[] }) {
    super(
      stages.map((stage) => rewriteQuery(stage)) as never[],
      { ...options(), collectionResolver: more.collectionResolver } as never,
    );
  }
}

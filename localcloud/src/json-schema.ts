/**
 * `_.jsonSchema(...)` queries: MongoDB's $jsonSchema (draft 4 with `bsonType`), the keywords
 * MongoDB supports and no others — an unsupported one (`format`, `$ref`, `default`…) is refused,
 * as MongoDB refuses it. Small on purpose: a query filter, not a validation library.
 */
type Schema = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const SUPPORTED = new Set([
  'bsonType',
  'type',
  'required',
  'properties',
  'additionalProperties',
  'patternProperties',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'dependencies',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'title',
  'description',
]);

const isDocument = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/** The BSON type names a value has (a whole number is int, long and double's "number" alias alike). */
function bsonTypes(v: unknown): string[] {
  if (v === null || v === undefined) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (v instanceof Date) return ['date'];
  if (v instanceof RegExp) return ['regex'];
  switch (typeof v) {
    case 'string':
      return ['string'];
    case 'boolean':
      return ['bool'];
    case 'number':
      return Number.isInteger(v) ? ['int', 'long', 'double', 'number'] : ['double', 'number'];
    default:
      return isDocument(v) ? ['object'] : [];
  }
}

/** JSON Schema's `type`: its names, not BSON's (MongoDB has no `integer` there). */
function jsonTypes(v: unknown): string[] {
  const b = bsonTypes(v);
  if (b.includes('bool')) return ['boolean'];
  if (b.includes('number')) return ['number'];
  return b;
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compile(schema: unknown): Check {
  if (!isDocument(schema)) throw new Error('$jsonSchema must be an object');
  for (const key of Object.keys(schema))
    if (!SUPPORTED.has(key)) throw new Error(`$jsonSchema keyword '${key}' is not supported`);
  const s = schema as Schema;
  const checks: Check[] = [];
  const num = (v: unknown): v is number => typeof v === 'number';
  if (s.bsonType !== undefined) checks.push((v) => list(s.bsonType).some((t) => bsonTypes(v).includes(t as string)));
  if (s.type !== undefined) checks.push((v) => list(s.type).some((t) => jsonTypes(v).includes(t as string)));
  if (s.enum !== undefined) checks.push((v) => (s.enum as unknown[]).some((e) => same(e, v)));
  if (num(s.minimum))
    checks.push(
      (v) => !num(v) || (s.exclusiveMinimum === true ? v > (s.minimum as number) : v >= (s.minimum as number)),
    );
  if (num(s.maximum))
    checks.push(
      (v) => !num(v) || (s.exclusiveMaximum === true ? v < (s.maximum as number) : v <= (s.maximum as number)),
    );
  if (num(s.multipleOf)) checks.push((v) => !num(v) || Number.isInteger(v / (s.multipleOf as number)));
  if (num(s.minLength)) checks.push((v) => typeof v !== 'string' || Array.from(v).length >= (s.minLength as number));
  if (num(s.maxLength)) checks.push((v) => typeof v !== 'string' || Array.from(v).length <= (s.maxLength as number));
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    checks.push((v) => typeof v !== 'string' || re.test(v));
  }
  if (num(s.minItems)) checks.push((v) => !Array.isArray(v) || v.length >= (s.minItems as number));
  if (num(s.maxItems)) checks.push((v) => !Array.isArray(v) || v.length <= (s.maxItems as number));
  if (s.uniqueItems === true)
    checks.push((v) => !Array.isArray(v) || new Set(v.map((x) => JSON.stringify(x))).size === v.length);
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) {
      const each = s.items.map(compile);
      const rest = isDocument(s.additionalItems) ? compile(s.additionalItems) : null;
      checks.push(
        (v) =>
          !Array.isArray(v) ||
          v.every((x, i) =>
            i < each.length ? each[i](x) : s.additionalItems === false ? false : rest ? rest(x) : true,
          ),
      );
    } else {
      const each = compile(s.items);
      checks.push((v) => !Array.isArray(v) || v.every(each));
    }
  }
  checks.push(...objectChecks(s));
  for (const [key, combine] of [
    ['allOf', (r: boolean[]) => r.every(Boolean)],
    ['anyOf', (r: boolean[]) => r.some(Boolean)],
    ['oneOf', (r: boolean[]) => r.filter(Boolean).length === 1],
  ] as const) {
    if (s[key] === undefined) continue;
    const parts = (s[key] as unknown[]).map(compile);
    checks.push((v) => combine(parts.map((p) => p(v))));
  }
  if (s.not !== undefined) {
    const not = compile(s.not);
    checks.push((v) => !not(v));
  }
  return (v) => checks.every((c) => c(v));
}

function objectChecks(s: Schema): Check[] {
  const checks: Check[] = [];
  const onDocs =
    (c: (v: Record<string, unknown>) => boolean): Check =>
    (v) =>
      !isDocument(v) || c(v);
  if (Array.isArray(s.required)) checks.push(onDocs((v) => (s.required as string[]).every((k) => k in v)));
  if (typeof s.minProperties === 'number')
    checks.push(onDocs((v) => Object.keys(v).length >= (s.minProperties as number)));
  if (typeof s.maxProperties === 'number')
    checks.push(onDocs((v) => Object.keys(v).length <= (s.maxProperties as number)));
  const properties = Object.entries((s.properties as Schema | undefined) ?? {}).map(
    ([k, p]) => [k, compile(p)] as const,
  );
  const patterns = Object.entries((s.patternProperties as Schema | undefined) ?? {}).map(
    ([k, p]) => [new RegExp(k, 'u'), compile(p)] as const,
  );
  const additional = isDocument(s.additionalProperties) ? compile(s.additionalProperties) : null;
  checks.push(
    onDocs((v) =>
      Object.entries(v).every(([key, value]) => {
        const named = properties.find(([k]) => k === key);
        const matched = patterns.filter(([re]) => re.test(key));
        if (named && !named[1](value)) return false;
        if (matched.some(([, p]) => !p(value))) return false;
        if (named || matched.length) return true;
        return s.additionalProperties === false ? false : additional ? additional(value) : true;
      }),
    ),
  );
  if (isDocument(s.dependencies))
    for (const [key, dep] of Object.entries(s.dependencies)) {
      const inner = Array.isArray(dep) ? null : compile(dep);
      checks.push(onDocs((v) => !(key in v) || (inner ? inner(v) : (dep as string[]).every((k) => k in v))));
    }
  return checks;
}

/** mingo's hook: a schema to a predicate, compiled once per query. */
export const jsonSchemaValidator = (schema: unknown): Check => compile(schema);

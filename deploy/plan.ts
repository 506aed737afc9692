/**
 * The deployment plan, read from the repository (no network): functions with their bundles,
 * pinned SDK versions, timeouts, memory, variables and triggers; collections with indexes and
 * client rules; the mini-program's main package. `checkPlan` lists what would make a deploy
 * wrong: a collection used in code but not declared, a bundle over the limit, a client write
 * rule without a reason, an unpinned SDK, an open API called but not declared in config.json
 * (CloudBase refuses it at run time, errCode -604101), a main package over 2 MB.
 */
import fs from 'node:fs';
import path from 'node:path';

/** CloudBase's limit for one function's uploaded code package (zip), in bytes. */
export const FUNCTION_PACKAGE_LIMIT = 50 * 1024 * 1024;
/** WeChat's limit for a mini-program's main package, in bytes. */
export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
export const MAX_INDEXES_PER_COLLECTION = 20;

export interface Trigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionPlan {
  name: string;
  bundleBytes: number;
  sdkVersion: string | null;
  timeout: number;
  memorySize: number;
  envVariables: string[];
  triggers: Trigger[];
  /** Collections its code names (read from its bundle). */
  collections: string[];
  /** Open APIs its config.json allows (`permissions.openapi`). */
  openapi: string[];
  /** Open APIs its code calls, as `namespace.method` (read from its bundle). */
  openapiCalls: string[];
}

export interface CollectionPlan {
  name: string;
  indexes: { name: string; keys: { field: string; direction: number }[]; unique?: boolean }[];
  rule: { read: boolean | string; write: boolean | string };
  clientWriteReason?: string;
}

export interface Plan {
  functions: FunctionPlan[];
  collections: CollectionPlan[];
  variables: string[];
  miniprogramBytes: number;
}

// How the code names a collection: our db helpers, the SDK's collection(), transaction writes and
// $lookup's `from`, in TypeScript sources or in the esbuild bundle (double quotes, no generics).
const COLLECTION_USES = [
  // The server/db helpers are called bare; `.replace("v", …)` in a bundled library is a string's.
  /(?<![.\w])(?:findById|findMany|findAll|countWhere|insert|insertOnce|replace|updateById|updateWhere|removeWhere|aggregate)\s*(?:<[^>()]*>)?\(\s*['"]([a-z_]+)['"]/g,
  /\bcollection\s*(?:<[^>()]*>)?\(\s*['"]([a-z_]+)['"]/g,
  /\b(?:w|tx)\.(?:set|update|get|insert)\s*(?:<[^>()]*>)?\(\s*['"]([a-z_]+)['"]/g,
  /\bfrom:\s*['"]([a-z_]+)['"]/g,
];

// `cloud.openapi.subscribeMessage.send(` in the bundle; in TypeScript the SDK's missing types
// may put a cast between: `(cloud.openapi as unknown as {…}).subscribeMessage.send(`.
const OPENAPI_CALL = /\bopenapi\b(?:\s+as\b[^;]*?\))?\s*\.\s*([A-Za-z]\w*)\s*\.\s*([A-Za-z]\w*)\s*\(/g;

/** Open APIs (`namespace.method`) the code of a function calls. */
export function openApisUsed(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files)
    for (const match of fs.readFileSync(file, 'utf8').matchAll(OPENAPI_CALL)) names.add(`${match[1]}.${match[2]}`);
  return [...names].sort();
}

function sourcesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Collection names the code of a function (and the shared server code) uses. */
export function collectionsUsed(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of COLLECTION_USES) for (const match of text.matchAll(pattern)) names.add(match[1]);
  }
  return [...names].sort();
}

function dirSize(dir: string, skip: (name: string) => boolean): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    if (skip(entry.name)) return sum;
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? dirSize(full, skip) : fs.statSync(full).size);
  }, 0);
}

export function readPlan(root: string): Plan {
  const functionsDir = path.join(root, 'cloudfunctions');
  const shared = sourcesUnder(path.join(root, 'server'));
  const functions = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'src/index.ts')))
    .map((d): FunctionPlan => {
      const dir = path.join(functionsDir, d.name);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Partial<FunctionPlan> & {
        permissions?: { openapi?: string[] };
      };
      const bundle = path.join(dir, 'index.js');
      // The bundle holds exactly the code the function ships; before a build, its sources and all shared code.
      const code = fs.existsSync(bundle) ? [bundle] : [...sourcesUnder(path.join(dir, 'src')), ...shared];
      return {
        name: d.name,
        bundleBytes: fs.existsSync(bundle) ? fs.statSync(bundle).size : -1,
        sdkVersion: pkg.dependencies?.['wx-server-sdk'] ?? null,
        timeout: config.timeout ?? 3,
        memorySize: config.memorySize ?? 256,
        envVariables: config.envVariables ?? [],
        triggers: config.triggers ?? [],
        collections: collectionsUsed(code),
        openapi: config.permissions?.openapi ?? [],
        openapiCalls: openApisUsed(code),
      };
    });
  const declared = JSON.parse(fs.readFileSync(path.join(root, 'database/collections.json'), 'utf8')) as {
    collections: CollectionPlan[];
  };
  const miniprogramBytes = dirSize(path.join(root, 'miniprogram'), (name) =>
    ['node_modules', 'package.json', 'package-lock.json', 'tsconfig.json'].includes(name),
  );
  return {
    functions,
    collections: declared.collections,
    variables: [...new Set(functions.flatMap((f) => f.envVariables))].sort(),
    miniprogramBytes,
  };
}

const CRON_FIELDS = 7; // CloudBase timer triggers: second minute hour day month weekday year

export function checkPlan(plan: Plan): string[] {
  const problems: string[] = [];
  const declared = new Map(plan.collections.map((c) => [c.name, c]));
  for (const fn of plan.functions) {
    if (fn.bundleBytes < 0) problems.push(`function ${fn.name}: not built (index.js missing)`);
    if (fn.bundleBytes > FUNCTION_PACKAGE_LIMIT)
      problems.push(
        `function ${fn.name}: bundle ${fn.bundleBytes} bytes is over CloudBase's ${FUNCTION_PACKAGE_LIMIT}`,
      );
    if (!fn.sdkVersion || !/^\d+\.\d+\.\d+$/.test(fn.sdkVersion))
      problems.push(
        `function ${fn.name}: wx-server-sdk must be pinned to an exact version, found ${fn.sdkVersion ?? 'none'}`,
      );
    if (fn.timeout < 1 || fn.timeout > 60) problems.push(`function ${fn.name}: timeout ${fn.timeout}s is outside 1–60`);
    for (const trigger of fn.triggers) {
      if (trigger.type !== 'timer' || trigger.config.trim().split(/\s+/).length !== CRON_FIELDS) {
        problems.push(`function ${fn.name}: trigger ${trigger.name} needs a 7-field timer expression`);
      }
    }
    for (const name of fn.collections)
      if (!declared.has(name))
        problems.push(`function ${fn.name}: uses collection ${name}, which database/collections.json does not declare`);
    for (const api of fn.openapiCalls)
      if (!fn.openapi.includes(api))
        problems.push(
          `function ${fn.name}: calls open API ${api}, which its config.json does not declare in permissions.openapi (the cloud refuses it: -604101)`,
        );
  }
  for (const c of plan.collections) {
    if (c.indexes.length > MAX_INDEXES_PER_COLLECTION)
      problems.push(
        `collection ${c.name}: ${c.indexes.length} indexes, CloudBase allows ${MAX_INDEXES_PER_COLLECTION}`,
      );
    const names = new Set<string>();
    for (const index of c.indexes) {
      if (names.has(index.name)) problems.push(`collection ${c.name}: index name ${index.name} repeated`);
      names.add(index.name);
      if (index.keys.length === 0) problems.push(`collection ${c.name}: index ${index.name} has no keys`);
    }
    if (!c.rule || c.rule.read === undefined || c.rule.write === undefined)
      problems.push(`collection ${c.name}: no client rule (read and write must be stated)`);
    else if (c.rule.write !== false && !c.clientWriteReason)
      problems.push(
        `collection ${c.name}: rule lets clients write; state why in clientWriteReason or set write to false`,
      );
  }
  if (plan.miniprogramBytes > MAIN_PACKAGE_LIMIT)
    problems.push(`mini-program main package ${plan.miniprogramBytes} bytes is over ${MAIN_PACKAGE_LIMIT}`);
  return problems;
}

/**
 * No function can modify or delete an audit record: every function bundle (exactly the code
 * deployed) writes to audit_logs only by inserting, and the client rule denies clients any access.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../localcloud/src';

const functionsDir = path.join(REPO_ROOT, 'cloudfunctions');
const bundles = fs
  .readdirSync(functionsDir)
  .filter((name) => fs.existsSync(path.join(functionsDir, name, 'index.js')))
  .map((name) => ({ name, code: fs.readFileSync(path.join(functionsDir, name, 'index.js'), 'utf8') }));

test('the deployed functions only ever insert into audit_logs', () => {
  expect(bundles.length).toBeGreaterThanOrEqual(6);
  // The pattern does see the bundled calls: several functions insert audit records.
  expect(bundles.filter(({ code }) => /insert\(\s*"audit_logs"/.test(code)).length).toBeGreaterThanOrEqual(4);
  for (const { name, code } of bundles) {
    const uses = [...code.matchAll(/(\w+)\(\s*"audit_logs"/g)].map((m) => m[1]);
    // insertOnce only ever adds a record with a chosen id (a retry finds it there); it never changes one.
    const writesOtherThanInsert = uses.filter((fn) => !['insert', 'insertOnce', 'findMany', 'findById'].includes(fn));
    expect({ name, writesOtherThanInsert }).toEqual({ name, writesOtherThanInsert: [] });
    expect(code).not.toMatch(/collection\(\s*"audit_logs"\s*\)\s*\.(?:doc|where)\([^)]*\)\s*\.(?:update|set|remove)/);
  }
});

test('clients have no access to audit_logs at all', () => {
  const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'database/collections.json'), 'utf8'));
  expect(config.collections.find((c: { name: string }) => c.name === 'audit_logs').rule).toEqual({
    read: false,
    write: false,
  });
});

/**
 * Snapshots (`--import`, `--export-on-exit`): what one local cloud exports another imports
 * unchanged — documents with their Dates and ids, indexes usable, storage files — and an import
 * never merges into a database that already holds data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportSnapshot, importSnapshot } from '../src/snapshot';
import { startTestCloud, tempDir } from './helpers';

const afterCleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(afterCleanup.splice(0).map((stop) => stop()));
});

test('a snapshot made days ago is brought to today: every stored date moves, nothing else', async () => {
  const first = await startTestCloud();
  const declaredAt = new Date('2020-02-10T08:30:00.000Z');
  first.importDocuments({
    declarations: [
      {
        _id: 'dec-1',
        at: declaredAt,
        trips: [{ to: declaredAt, place: '武汉' }],
        temperature: 36.5,
        note: '2020-02-10',
      },
    ],
  });
  const dir = path.join(tempDir(), 'snapshot');
  exportSnapshot(first, dir);
  await first.stop();
  const second = await startTestCloud();
  afterCleanup.push(() => second.stop());
  const threeDays = 3 * 24 * 3600_000;
  importSnapshot(second, dir, { shiftDatesMs: threeDays });
  const later = new Date(declaredAt.getTime() + threeDays);
  expect(second.db.find('declarations', { at: later }, { limit: 1 }).docs).toEqual([
    { _id: 'dec-1', at: later, trips: [{ to: later, place: '武汉' }], temperature: 36.5, note: '2020-02-10' },
  ]);
});

test('a snapshot exported by one cloud is imported by another exactly, storage included', async () => {
  const first = await startTestCloud();
  const at = new Date('2020-02-10T08:30:00.000Z');
  first.importDocuments({
    residents: [
      { _id: 'res-1', name: '张三丰', buildingId: 'b1', registeredAt: at },
      { _id: 'res-2', name: '李四', buildingId: 'b2', registeredAt: at, tags: ['a', 'b'] },
    ],
    gate_logs: [{ _id: 'log-1', at, allowed: true }],
  });
  fs.mkdirSync(path.join(first.storage.rootDir, 'exports'), { recursive: true });
  fs.writeFileSync(path.join(first.storage.rootDir, 'exports', '地图.csv'), '楼栋,人数\n1栋,42\n');
  const dir = path.join(tempDir(), 'snapshot');
  expect(exportSnapshot(first, dir)).toMatchObject({ documents: 3 });
  await first.stop();

  const second = await startTestCloud();
  afterCleanup.push(() => second.stop());
  expect(importSnapshot(second, dir)).toMatchObject({ documents: 3 });
  const found = second.db.find('residents', { buildingId: 'b2' }, { limit: 10 });
  expect(found.docs).toEqual([{ _id: 'res-2', name: '李四', buildingId: 'b2', registeredAt: at, tags: ['a', 'b'] }]);
  expect(Object.prototype.toString.call(found.docs[0].registeredAt)).toBe('[object Date]');
  expect(fs.readFileSync(path.join(second.storage.rootDir, 'exports', '地图.csv'), 'utf8')).toBe('楼栋,人数\n1栋,42\n');
});

test('an import into a database that already holds data is refused, and nothing is merged', async () => {
  const source = await startTestCloud();
  source.importDocuments({ residents: [{ _id: 'res-9', name: '王五' }] });
  const dir = path.join(tempDir(), 'snapshot');
  exportSnapshot(source, dir);
  await source.stop();
  const busy = await startTestCloud();
  afterCleanup.push(() => busy.stop());
  busy.importDocuments({ residents: [{ _id: 'res-1', name: '张三' }] });
  expect(() => importSnapshot(busy, dir)).toThrow(/already holds data/);
  expect(busy.db.count('residents', {}).total).toBe(1);
  expect(() => importSnapshot(busy, tempDir())).toThrow(/not a snapshot/);
});

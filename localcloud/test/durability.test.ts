/** An acknowledged write survives `kill -9` of the local cloud: the real process, the real SDK. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../src';
import { rawAdmin, tempDir } from './helpers';

const CLI = path.join(REPO_ROOT, 'build/localcloud/cli.js');

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, '--port', '0', '--data', dataDir, '--functions', path.join(__dirname, 'fixtures/functions')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/SDK endpoint\s+(http:\/\/127\.0\.0\.1:\d+)\/admin/);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited early (${code}): ${out}`)));
  });
}

const killed = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

test('writes acknowledged before kill -9 are all there after a restart', async () => {
  const dataDir = tempDir('localcloud-durable-');
  const first = await startChild(dataDir);
  const cloud = { url: first.url, envId: 'local-dev' } as Parameters<typeof rawAdmin>[0];
  const created = await rawAdmin(cloud, { action: 'database.addCollection', collectionName: 'reports' });
  expect(created.code).toBeUndefined();
  const acknowledged: string[] = [];
  for (let i = 0; i < 200; i++) {
    const res = await rawAdmin(cloud, {
      action: 'database.insertDocument',
      collectionName: 'reports',
      data: [JSON.stringify({ _id: `r${i}`, temp: { $numberDouble: '36.6' } })],
    });
    expect(res.code).toBeUndefined();
    acknowledged.push(`r${i}`);
  }
  const updated = await rawAdmin(cloud, {
    action: 'database.modifyDocument',
    collectionName: 'reports',
    queryType: 'DOC',
    query: '{"_id":"r199"}',
    data: '{"$set":{"temp":{"$numberDouble":"38.1"}}}',
    merge: true,
  });
  expect(updated).toMatchObject({ data: { updated: 1 } });
  const exit = killed(first.child);
  first.child.kill('SIGKILL');
  await exit;

  const second = await startChild(dataDir);
  try {
    const again = { url: second.url, envId: 'local-dev' } as Parameters<typeof rawAdmin>[0];
    const count = await rawAdmin(again, { action: 'database.calculateDocument', collectionName: 'reports' });
    expect(count).toMatchObject({ data: { total: acknowledged.length } });
    const last = await rawAdmin(again, {
      action: 'database.getDocument',
      collectionName: 'reports',
      queryType: 'DOC',
      query: '{"_id":"r199"}',
    });
    expect((last.data as { list: string[] }).list[0]).toContain('38.1');
  } finally {
    const exited = killed(second.child);
    second.child.kill('SIGTERM');
    await exited;
  }
});

// The checks before the tests, at once: the demo estate's cache (about 105 s of function calls,
// see demo/load.ts), the type checks and the lint. On 2 cores the demo's calls and the single-
// threaded type checker overlap well. Each one's output is printed whole when it ends; any failure
// fails the run.
import { spawn } from 'node:child_process';

const steps = [
  ['demo estate', 'node', ['build/scripts/demo.js']],
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
];

const results = await Promise.all(
  steps.map(
    ([name, command, args]) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`── ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n${output}`);
          resolve(code === 0);
        });
      }),
  ),
);
if (results.includes(false)) process.exit(1);

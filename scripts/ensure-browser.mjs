// The browser tests need Debian's Chromium and a CJK font (Chinese would render as boxes in the
// screenshots without one). Installs both with apt-get when missing; a fresh CI machine runs
// this once, later runs find them and return at once.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

if (fs.existsSync(CHROMIUM) && (fs.existsSync(FONT) || process.env.CHROMIUM_PATH)) process.exit(0);

const root = process.getuid?.() === 0;
const sudo = root ? '' : 'sudo -n ';
const run = (cmd) =>
  execSync(`${sudo}${cmd}`, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
console.log('Installing Chromium and a CJK font for the browser tests (apt-get, once)…');
try {
  try {
    run('apt-get install -y --no-install-recommends chromium fonts-wqy-microhei');
  } catch {
    run('apt-get update');
    run('apt-get install -y --no-install-recommends chromium fonts-wqy-microhei');
  }
} catch (err) {
  console.error(
    `Could not install chromium and fonts-wqy-microhei (${err.message}).\n` +
      'Install them yourself (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}

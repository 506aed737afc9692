/**
 * Writes the gate's two verdict sounds (miniprogram/assets/sounds/): a short high chime for a pass
 * and two low buzzes for a refusal — told apart by ear in a noisy lane, tiny (8 kHz, 8-bit mono
 * WAV, a few KB) so the main package stays small. Run once after changing them: node scripts/make-sounds.mjs
 */
import fs from 'node:fs';
import path from 'node:path';

const RATE = 8000;

/** PCM 8-bit samples of tones [hz, ms] (hz 0 = silence), each with a short fade against clicks. */
function samples(tones) {
  const out = [];
  for (const [hz, ms] of tones) {
    const n = Math.round((RATE * ms) / 1000);
    const fade = Math.min(80, n / 4);
    for (let i = 0; i < n; i++) {
      const envelope = Math.min(1, i / fade, (n - i) / fade);
      const wave = hz ? Math.sin((2 * Math.PI * hz * i) / RATE) : 0;
      out.push(128 + Math.round(100 * envelope * wave));
    }
  }
  return Buffer.from(out);
}

function wav(data) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '../miniprogram/assets/sounds');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(
  path.join(dir, 'pass.wav'),
  wav(
    samples([
      [1320, 90],
      [0, 30],
      [1760, 140],
    ]),
  ),
);
fs.writeFileSync(
  path.join(dir, 'refused.wav'),
  wav(
    samples([
      [220, 260],
      [0, 90],
      [220, 260],
    ]),
  ),
);

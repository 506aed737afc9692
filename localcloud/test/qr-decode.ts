/** Reads a QR code PNG back to its text (jsQR), for tests of what wxacode.getUnlimited answers. */
import jsQR from 'jsqr';
import zlib from 'node:zlib';

/** Decodes the 8-bit greyscale, unfiltered PNGs the local cloud writes into RGBA pixels. */
function pixelsOf(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 0) throw new Error('expected 8-bit greyscale');
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error('expected unfiltered rows');
    for (let x = 0; x < width; x++) {
      const grey = raw[y * (width + 1) + 1 + x];
      rgba.set([grey, grey, grey, 255], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

export function decodeQrPng(png: Buffer): string | null {
  const { width, height, rgba } = pixelsOf(png);
  return jsQR(rgba, width, height)?.data ?? null;
}

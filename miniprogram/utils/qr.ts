/**
 * The QR code as rows of dark (1) and light (0) modules, drawn by the page as a grid.
 * qrcode-generator (MIT, no dependencies) does the encoding: error correction M, size chosen
 * by the library for the token's length.
 */
import qrcode from 'qrcode-generator';

export function qrRows(text: string): number[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => (qr.isDark(row, col) ? 1 : 0)),
  );
}

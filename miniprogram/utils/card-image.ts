/**
 * The 爱心码 as an image to print: drawn on a 2D canvas (WeChat's offscreen canvas, the browser's in
 * the preview) at 4 px per QR module, with the masked name, address, a box for a photo and the
 * end date. Only the canvas calls below are used, so a test can record them.
 */
export interface CardFace {
  maskedName: string;
  address: string;
  expiresText: string;
}

/** The part of a 2D canvas context the card uses (WeChat's and the browser's alike). */
export interface Pen {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: 'left' | 'center' | 'right';
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
}

export const CARD_WIDTH = 600;
// Tall enough for the signed card's QR (53 modules at 8 px) and the two lines below it.
export const CARD_HEIGHT = 960;
const MODULE = 8;

export function drawCard(pen: Pen, face: CardFace, qr: number[][]): void {
  pen.fillStyle = '#ffffff';
  pen.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  pen.fillStyle = '#0b7a45';
  pen.fillRect(0, 0, CARD_WIDTH, 96);
  pen.fillStyle = '#ffffff';
  pen.textAlign = 'center';
  pen.font = 'bold 36px sans-serif';
  pen.fillText('社区防疫通 · 爱心码', CARD_WIDTH / 2, 62);

  // The photo box: a photo is glued in by hand, as on the paper passes of 2020.
  pen.strokeStyle = '#888888';
  pen.lineWidth = 2;
  pen.strokeRect(40, 130, 150, 200);
  pen.fillStyle = '#888888';
  pen.font = '24px sans-serif';
  pen.fillText('贴照片处', 115, 238);

  pen.textAlign = 'left';
  pen.fillStyle = '#111111';
  pen.font = 'bold 40px sans-serif';
  pen.fillText(face.maskedName, 220, 190);
  pen.font = '28px sans-serif';
  pen.fillText(face.address, 220, 250);
  pen.fillText(`有效期至 ${face.expiresText}`, 220, 300);

  const size = qr.length * MODULE;
  const left = (CARD_WIDTH - size) / 2;
  const top = 370;
  pen.fillStyle = '#111111';
  qr.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) pen.fillRect(left + c * MODULE, top + r * MODULE, MODULE, MODULE);
    }),
  );
  pen.textAlign = 'center';
  pen.fillStyle = '#555555';
  pen.font = '24px sans-serif';
  pen.fillText('出入卡口时出示，由网格员扫码核验', CARD_WIDTH / 2, top + size + 50);
  pen.fillText('遗失请联系网格员补办，原卡即作废', CARD_WIDTH / 2, top + size + 86);
}

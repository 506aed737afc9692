/**
 * Draws on an offscreen 2D canvas and saves the picture to the phone's album, for printing.
 * The album asks the user's permission the first time; a refusal or an old WeChat is answered
 * with what to do instead (a screenshot prints as well).
 */
import type { Pen } from './card-image';

export async function saveDrawing(width: number, height: number, draw: (pen: Pen) => void): Promise<string> {
  try {
    const canvas = wx.createOffscreenCanvas({ type: '2d', width, height });
    draw(canvas.getContext('2d') as unknown as Pen);
    const { tempFilePath } = await wx.canvasToTempFilePath({
      canvas,
    } as unknown as WechatMiniprogram.CanvasToTempFilePathOption);
    await wx.saveImageToPhotosAlbum({ filePath: tempFilePath });
    return '';
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err);
    return /auth|deny|denied/.test(msg)
      ? '未获得相册权限：请在右上角“设置”中允许保存到相册，或截屏后打印'
      : '保存图片失败，可截屏后打印';
  }
}

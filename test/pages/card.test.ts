/** One 爱心码 to print, rendered with miniprogram-simulate (apart from the list: one page per file renders components reliably). */
import { cloudCalls, ok, replyWith, shownToasts } from './cloud-mock';
import { cardView } from './card-fixtures';
import { loadPage, openPage, tap, textOf } from './render';

const cardPage = loadPage('card/card');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

describe('the card to print', () => {
  test('shows the masked name, address, photo box, QR and end date, and saves it as a picture', async () => {
    replyWith('grid', 'card', ok(cardView()));
    const drawn: string[] = [];
    const pen = new Proxy(
      {},
      {
        get: (_t, key) =>
          key === 'fillText'
            ? (text: string) => drawn.push(text)
            : typeof key === 'string'
              ? () => undefined
              : undefined,
        set: () => true,
      },
    );
    const saved: string[] = [];
    wxMock.createOffscreenCanvas = () => ({ getContext: () => pen });
    wxMock.canvasToTempFilePath = async () => ({ tempFilePath: 'wxfile://card.png' });
    wxMock.saveImageToPhotosAlbum = async ({ filePath }: { filePath: string }) => saved.push(filePath);
    const page = await openPage(cardPage, { cardId: 'cbbbbbbbbbbbb' });
    expect(cloudCalls()[0].data).toEqual({ action: 'card', cardId: 'cbbbbbbbbbbbb' });
    expect(textOf(page, '.name')).toBe('朱*');
    expect(textOf(page, '.address')).toBe('1栋1单元101室');
    expect(textOf(page, '.expires')).toBe('有效期至 2月29日');
    expect(textOf(page, '.photo')).toBe('贴照片处');
    expect(page.querySelectorAll('.qr-grid >>> .qr-row').length).toBeGreaterThanOrEqual(21);
    await tap(page, '.save');
    expect(saved).toEqual(['wxfile://card.png']);
    expect(drawn).toEqual(expect.arrayContaining(['朱*', '1栋1单元101室', '有效期至 2月29日', '贴照片处']));
    expect(shownToasts().map((t) => t.title)).toEqual(['已保存到相册']);
  });

  test('without album permission the worker is told how to print anyway', async () => {
    replyWith('grid', 'card', ok(cardView()));
    wxMock.createOffscreenCanvas = () => ({ getContext: () => new Proxy({}, { get: () => () => undefined }) });
    wxMock.canvasToTempFilePath = async () => ({ tempFilePath: 'wxfile://card.png' });
    wxMock.saveImageToPhotosAlbum = async () => {
      throw { errMsg: 'saveImageToPhotosAlbum:fail auth deny' };
    };
    const page = await openPage(cardPage, { cardId: 'cbbbbbbbbbbbb' });
    await tap(page, '.save');
    expect(shownToasts().map((t) => t.title)).toEqual([
      '未获得相册权限：请在右上角“设置”中允许保存到相册，或截屏后打印',
    ]);
  });

  test('a revoked card shows no QR and cannot be saved again', async () => {
    replyWith('grid', 'card', ok(cardView({ state: 'revoked', token: null })));
    const page = await openPage(cardPage, { cardId: 'cbbbbbbbbbbbb' });
    expect(textOf(page, '.void')).toBe('此卡已作废，请回到爱心码列表补办新卡');
    expect(page.querySelector('.qr-grid')).toBeUndefined();
    expect(page.querySelector('.save')).toBeUndefined();
  });
});

/**
 * 关怀模式 for elders: larger text, stronger contrast, bigger targets (the `.care` rules of
 * app.wxss). It follows WeChat's own font setting — WeChat's 关怀模式 sets 23.8 px on phones, and
 * its 适老化设计指南 suggests adapting from about 22 px — unless the user has turned it on or off on
 * 首页, which is kept on the phone.
 */
const KEY = 'careMode';
/** WeChat's font size (px) from which pages switch to large text by themselves. */
export const CARE_FONT_PX = 22;

export function careModeOn(): boolean {
  const chosen: unknown = wx.getStorageSync(KEY);
  if (chosen === 'on' || chosen === 'off') return chosen === 'on';
  const base = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : undefined;
  return (base?.fontSizeSetting ?? 0) >= CARE_FONT_PX;
}

export function chooseCareMode(on: boolean): void {
  wx.setStorageSync(KEY, on ? 'on' : 'off');
}

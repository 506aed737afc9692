/**
 * `care` for the page's template: `<load-state class="state {{care ? 'care' : ''}}" …>` turns on
 * app.wxss's large-text rules for everything inside. Read when the page opens; 首页, where it is
 * switched, is the bottom of every stack, so every page opened after a switch reads the new one.
 */
import { careModeOn } from '../utils/care';

export const careMode = Behavior({
  data: { care: false },
  lifetimes: {
    attached() {
      this.setData({ care: careModeOn() });
    },
  },
});

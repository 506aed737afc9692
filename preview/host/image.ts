/**
 * WeChat's `image` for j-component in a browser: an `<img>` inside the component's box, fitted as
 * `mode` says, and a cloud fileID loaded from the local cloud's storage.
 */
import jComponent from 'j-component';

interface Caller {
  $$: HTMLElement;
  data: { src?: string; mode?: string };
  paint(): void;
}

/**
 * WeChat's `image` shows a cloud fileID (`cloud://<env>.<bucket>/<path>`) as it is; here the file
 * is fetched from the local cloud's storage, through the preview host as uploads are (wx.ts).
 */
export function imageUrl(src: string): string {
  const fileId = /^cloud:\/\/[^/]+\/(.+)$/.exec(src);
  if (!fileId) return src;
  return `/_localcloud/storage/${fileId[1].split('/').map(encodeURIComponent).join('/')}`;
}

/** `mode` as CSS: how the picture fills the box, and which side of the box follows the picture. */
const FIT: Record<string, { fit: string; auto?: 'height' | 'width' }> = {
  scaleToFill: { fit: 'fill' },
  aspectFit: { fit: 'contain' },
  aspectFill: { fit: 'cover' },
  widthFix: { fit: 'fill', auto: 'height' },
  heightFix: { fit: 'fill', auto: 'width' },
};

export function registerImage() {
  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: {
      src: { type: String, value: '', observer: 'paint' },
      mode: { type: String, value: 'scaleToFill', observer: 'paint' },
    },
    lifetimes: {
      attached(this: Caller) {
        const img = document.createElement('img');
        img.style.display = 'block';
        this.$$.appendChild(img);
        this.paint();
      },
    },
    methods: {
      paint(this: Caller) {
        const img = this.$$?.querySelector('img');
        if (!img) return;
        const src = imageUrl(String(this.data.src ?? ''));
        if (img.getAttribute('src') !== src) img.src = src;
        // The other modes (`top`, `bottom right`, …) crop the unscaled picture to that side.
        const mode = String(this.data.mode || 'scaleToFill');
        const { fit, auto } = FIT[mode] ?? { fit: 'none' };
        img.style.objectFit = fit;
        img.style.objectPosition = FIT[mode] ? '' : mode;
        this.$$.style.height = auto === 'height' ? 'auto' : '';
        this.$$.style.width = auto === 'width' ? 'auto' : '';
        img.style.height = auto === 'height' ? 'auto' : '100%';
        img.style.width = auto === 'width' ? 'auto' : '100%';
      },
    },
  });
}

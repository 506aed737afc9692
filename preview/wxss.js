// WXSS for the browser preview, scoped the way j-component scopes a page's classes
// (`<prefix>--<class>`), with rpx as px of a 375 px wide phone. CommonJS so that both the build
// script and the tests load it as it is.
'use strict';

/** rpx → px on a 375 px wide screen (750 rpx), as WeChat does on an iPhone 6/7/8. */
const rpxToPx = (css) => css.replace(/(-?\d*\.?\d+)rpx/g, (_, n) => `${+(Number(n) / 2).toFixed(2)}px`);

/** Built-in components render as `wx-<tag>` elements: a tag selector must say so. */
const BUILTIN_TAGS = new Set([
  'view',
  'text',
  'button',
  'input',
  'textarea',
  'picker',
  'image',
  'navigator',
  'scroll-view',
]);

/**
 * Scopes one selector: `.card` → `.p-home--card`, `page` → `.p-home`, `picker` → `wx-picker`;
 * attribute selectors and quoted strings are left as they are.
 */
function scopeSelector(selector, prefix) {
  return selector.replace(
    /(\[[^\]]*\]|"[^"]*"|'[^']*')|\.([A-Za-z_][\w-]*)|(^|[\s,>+~(])([a-z][a-z-]*)(?![\w-])/g,
    (all, kept, cls, before, tag) => {
      if (kept) return kept;
      if (cls) return `.${prefix}--${cls}`;
      if (tag === 'page') return `${before}.${prefix}`;
      return BUILTIN_TAGS.has(tag) ? `${before}wx-${tag}` : all;
    },
  );
}

/** Scopes a page's styles: only selector lists change (text between `}` and `{`), never declarations. */
function scopeWxss(wxss, prefix) {
  const css = rpxToPx(wxss).replace(/\/\*[\s\S]*?\*\//g, '');
  return css.replace(/(?<=^|[{}])([^{}]+)\{/g, (all, selectors) =>
    selectors.trim().startsWith('@') ? all : `${scopeSelector(selectors, prefix)}{`,
  );
}

module.exports = { scopeWxss };

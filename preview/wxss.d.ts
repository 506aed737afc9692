/** Types of preview/wxss.js (CommonJS, shared by the build script and the tests). */
export function scopeWxss(wxss: string, prefix: string): string;

/**
 * The CloudBase environment the mini-program calls. Empty means the mini-program's default
 * environment; `npm run deploy` (see README) writes the real id for a release build.
 */
export const CLOUD_ENV = '';

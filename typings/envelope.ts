/**
 * What every cloud function answers, and what the mini-program's service client returns.
 * `code` 0 is success; anything else is an error code from `ErrorCode` with a Chinese message
 * that the page can show as it is.
 */
export type Envelope<T> =
  { code: 0; data: T; message: 'ok' } | { code: ErrorCode; data: null; message: string; field?: string };

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNKNOWN_ACTION'
  | 'INTERNAL';

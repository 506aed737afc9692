/**
 * What every cloud function answers, and what the mini-program's service client returns.
 * `code` 0 is success; anything else is an error code from `ErrorCode` with a Chinese message
 * that the page can show as it is.
 */
export type Envelope<T> = { code: 0; data: T; message: 'ok' } | Failure;

/** A refusal: `field` names the first bad field, `errors` lists every one (INVALID_ARGUMENT). */
export interface Failure {
  code: ErrorCode;
  data: null;
  message: string;
  field?: string;
  errors?: { field: string; message: string }[];
}

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNKNOWN_ACTION'
  /** The mini-program could not reach the cloud (no network): never sent by a function. */
  | 'UNAVAILABLE'
  | 'INTERNAL';

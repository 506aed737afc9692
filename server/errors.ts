import { Invalid } from '../core/validate';
import type { ErrorCode } from '../typings';

/** An error a function answers to its caller as `{ code, message }`; nothing was written. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Field errors from core validation, answered all at once; the message is the first. */
export function fromInvalid(err: Invalid): AppError {
  return new AppError('INVALID_ARGUMENT', err.errors[0].message, err.errors[0].field, err.errors);
}

export const invalid = (field: string, message: string) => new AppError('INVALID_ARGUMENT', message, field);
export const denied = (message = '无权执行此操作') => new AppError('PERMISSION_DENIED', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);

import type { ErrorCode } from '../typings';

/** An error a function answers to its caller as `{ code, message }`; nothing was written. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string) => new AppError('INVALID_ARGUMENT', message, field);
export const denied = (message = '无权执行此操作') => new AppError('PERMISSION_DENIED', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);

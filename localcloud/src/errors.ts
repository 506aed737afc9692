/**
 * Errors answered on the CloudBase protocol. The SDK throws `{ code, message }` for any answer
 * that carries a `code`, so these codes are what a cloud function sees in `err.code`.
 * Codes are the names wx-server-sdk maps to CloudBase's numeric errCodes (its TCB_ERR_CODE table:
 * INVALID_PARAM → -501007, DATABASE_REQUEST_FAILED → -502001, …), so a function sees the same
 * `errCode` here as in the cloud.
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What the local cloud knows beyond CloudBase's answer (which document…): logged, not answered. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

const TRANSACTION_CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
const TRANSACTION_NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

export const Errors = {
  invalidParam: (message: string) => new CloudError('INVALID_PARAM', message),
  collectionNotExist: (name: string) =>
    new CloudError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`),
  collectionExists: (name: string) => new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`),
  duplicateKey: (collection: string, id: string) =>
    new CloudError(
      'DATABASE_REQUEST_FAILED',
      `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`,
    ),
  limitExceeded: (limit: number) => new CloudError('INVALID_PARAM', `limit must be at most 1000, got ${limit}`),
  // Transaction answers use CloudBase's own codes and wording (asserted by Tencent's node-sdk tests).
  transactionConflict: (detail: string) =>
    new CloudError('DATABASE_TRANSACTION_CONFLICT', TRANSACTION_CONFLICT, detail),
  transactionNotExist: () => new CloudError('DATABASE_TRANSACTION_FAIL', TRANSACTION_NOT_EXIST),
  unsupported: (what: string) =>
    new CloudError('DATABASE_INVALID_OPERRATOR', `${what} is not supported by the local cloud`),
  invalidOperator: (message: string) => new CloudError('DATABASE_INVALID_OPERRATOR', message),
  unknownAction: (action: string) => new CloudError('INVALID_PARAM', `unknown action: ${action}`),
  invalidEnv: (env: string) => new CloudError('INVALIID_ENV', `environment ${env} does not exist`),
};

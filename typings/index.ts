/** Type-only contracts shared by the mini-program and the cloud functions (erased at build). */
export type { Envelope, ErrorCode } from './envelope';
export type { AccountContract, AccountMe, AccountMeRequest, Role } from './account';

import type { AccountContract } from './account';

/** Every function, its actions, and their request/response types. */
export interface Contracts {
  account: AccountContract;
}
export type FunctionName = keyof Contracts;
export type ActionOf<F extends FunctionName> = keyof Contracts[F] & string;

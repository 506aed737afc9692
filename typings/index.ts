/** Type-only contracts shared by the mini-program and the cloud functions (erased at build). */
export type { Envelope, ErrorCode, Failure } from './envelope';
export type { AccountContract, AccountMe, AccountMeRequest, Role } from './account';
export type { AdminContract, RuleVersion } from './admin';
export type * from './residents';
export type * from './gate';
export type * from './gate-offline';
export type * from './quarantine';
export type * from './care';
export type * from './grid';
export type * from './groupbuy';
export type * from './estate';
export type * from './staff';
export type * from './registry';
export type * from './health';
export type * from './notices';
export type * from './clues';
export type * from './duty';
export type * from './site-plan';

import type { AccountContract } from './account';
import type { AdminContract } from './admin';
import type { GateContract } from './gate';
import type { QuarantineContract } from './quarantine';
import type { CareContract } from './care';
import type { GridContract } from './grid';
import type { GroupbuyContract } from './groupbuy';
import type { EstateContract } from './estate';
import type { StaffContract } from './staff';
import type { RegistryContract } from './registry';
import type { HealthContract } from './health';
import type { NoticesContract } from './notices';
import type { CluesContract } from './clues';
import type { DutyContract } from './duty';
import type { ResidentsContract } from './residents';

/** Every function, its actions, and their request/response types. */
export interface Contracts {
  account: AccountContract;
  admin: AdminContract;
  residents: ResidentsContract;
  gate: GateContract;
  quarantine: QuarantineContract;
  care: CareContract;
  grid: GridContract;
  groupbuy: GroupbuyContract;
  estate: EstateContract;
  staff: StaffContract;
  registry: RegistryContract;
  health: HealthContract;
  notices: NoticesContract;
  clues: CluesContract;
  duty: DutyContract;
}
export type FunctionName = keyof Contracts;
export type ActionOf<F extends FunctionName> = keyof Contracts[F] & string;

/**
 * Each action declared once: who may call it, its input schema, and its `run`, typed by the
 * function's contract in `typings/`. `defineFunction` applies, in this order and in this one place,
 * the caller check (server-only, any WeChat user, a registered resident, or a staff role), the
 * schema (every refusal names its field, in Chinese), the staff member's grid scope, then `run`.
 * The compiler proves each schema's output equals the contract's request and each `run` answers
 * exactly the contract's response (see test/types/actions.ts).
 */
import type { Contracts, FunctionName, Role } from '../typings';
import { currentCaller } from './cloud';
import { AppError, denied } from './errors';
import { Caller, createMain } from './handler';
import { Self, requireResident } from './household';
import type { Stored } from './db';
import { v } from './schema';
import { UserDoc, hasRole, loadUser, requireGridOf, requireOpenid } from './users';

type ActionsOf<F extends FunctionName> = keyof Contracts[F] & string;
type Entry<F extends FunctionName, A extends ActionsOf<F>> = Contracts[F][A] & { request: object; response: unknown };
/** Omit over each member of a union (a plain Omit would keep only the keys all members share). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RequestOf<F extends FunctionName, A extends ActionsOf<F>> = OmitEach<Entry<F, A>['request'], 'action'>;
export type ResponseOf<F extends FunctionName, A extends ActionsOf<F>> = Entry<F, A>['response'];

type Schema<I> = v.GenericSchema<unknown, I & { action?: string }>;

/** Timers and seeding: refused whenever the call carries a user's OPENID. */
interface ServerOnly<I, R> {
  who: 'server';
  input: Schema<I>;
  run(input: I, ctx: Record<string, never>): Promise<R>;
}
/** Any WeChat user; `user` is read only if `run` asks for it. */
interface AnyUser<I, R> {
  who: 'anyone';
  input: Schema<I>;
  run(input: I, ctx: { openid: string; user(): Promise<Stored<UserDoc> | null> }): Promise<R>;
}
/** A registered resident, acting for themselves (or, through `actingFor`, a dependant). */
interface Resident<I, R> {
  who: 'resident';
  input: Schema<I>;
  run(input: I, ctx: { openid: string; self: Self }): Promise<R>;
}
/** A staff role; with `grid`, only for a building in one of the caller's grids. */
interface Staff<I, R> {
  who: 'staff';
  role: Role | readonly Role[];
  /** The refusal, in Chinese: who may do this. */
  denied: string;
  /** The building the input names; refused unless it is in one of the caller's grids. A target
   *  read from the database (a resident, an appeal) is checked in `run` after its one read. */
  grid?: (input: I) => string;
  input: Schema<I>;
  run(input: I, ctx: { openid: string; user: Stored<UserDoc> }): Promise<R>;
}
/**
 * A staff action whose role and scope are checked inside its own query, where reading the user
 * first would cost a database operation the action cannot afford (the gate scan: 2 per scan).
 */
interface CheckedInQuery<I, R> {
  who: 'checked-in-query';
  input: Schema<I>;
  run(input: I, ctx: { openid: string }): Promise<R>;
}

export type ActionDef<I, R> = ServerOnly<I, R> | AnyUser<I, R> | Resident<I, R> | Staff<I, R> | CheckedInQuery<I, R>;

type Definitions<F extends FunctionName> = { [A in ActionsOf<F>]: ActionDef<RequestOf<F, A>, ResponseOf<F, A>> };

/** True when A and B are each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllKeys<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** The keys, at any depth, that an answer R has and its contract C lacks (never when none). */
type Extra<R, C> = unknown extends C
  ? never
  : R extends readonly (infer E)[]
    ? Extra<E, Extract<C, readonly unknown[]>[number]>
    : R extends Date
      ? never
      : R extends object
        ? | Exclude<keyof R, AllKeys<Extract<C, object>>>
          | { [K in keyof R & AllKeys<Extract<C, object>>]: Extra<R[K], ValueAt<Extract<C, object>, K>> }[keyof R &
              AllKeys<Extract<C, object>>]
        : never;
/** An answer fits its contract: assignable to it, and no field the contract lacks (at any depth). */
type Fits<R, C> = [R] extends [C] ? ([Extra<R, C>] extends [never] ? true : false) : false;
type RunOf<D> = D extends { run(...args: never[]): Promise<infer R> } ? R : never;
type InputOf<D> = D extends { input: v.GenericSchema<unknown, infer O> } ? OmitEach<O, 'action'> : never;
/** Each definition's schema and answer must be its contract's: a mismatch names itself. */
type Exactly<F extends FunctionName, D> = {
  [A in keyof D]: A extends ActionsOf<F>
    ? (Fits<RunOf<D[A]>, ResponseOf<F, A>> extends true ? unknown : { run: 'answers other than its contract' }) &
        (Same<InputOf<D[A]>, RequestOf<F, A>> extends true ? unknown : { input: 'schema other than its contract' })
    : { undeclared: 'not an action of this function' };
};

function issueToError(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): AppError {
  const errors = issues.map((issue) => ({ field: v.getDotPath(issue) ?? 'request', message: issue.message }));
  return new AppError('INVALID_ARGUMENT', errors[0].message, errors[0].field, errors);
}

async function runDefinition(def: ActionDef<unknown, unknown>, payload: Record<string, unknown>, caller: Caller) {
  // Who first: a stranger learns nothing from the schema's answers.
  let ctx: unknown;
  if (def.who === 'server') {
    if (caller.openid) throw denied('仅限系统定时任务调用');
    ctx = {};
  } else if (def.who === 'anyone') {
    const openid = requireOpenid(caller);
    let user: Promise<Stored<UserDoc> | null> | undefined;
    ctx = { openid, user: () => (user ??= loadUser(caller)) };
  } else if (def.who === 'resident') {
    const self = await requireResident(caller);
    ctx = { openid: self.openid, self };
  } else if (def.who === 'staff') {
    const user = await loadUser(caller);
    if (!user || !hasRole(user, def.role)) throw denied(def.denied);
    ctx = { openid: user._id, user };
  } else {
    ctx = { openid: requireOpenid(caller) };
  }
  // A timer trigger's event ({ Type, TriggerName, Time }) is the platform's, not input.
  const raw = payload.Type === 'Timer' && def.who === 'server' ? {} : payload;
  const parsed = v.safeParse(def.input, raw, { abortEarly: false });
  if (!parsed.success) throw issueToError(parsed.issues);
  const { action: _action, ...input } = parsed.output as Record<string, unknown>;
  if (def.who === 'staff' && def.grid) {
    await requireGridOf((ctx as { user: UserDoc }).user, def.grid(input));
  }
  return (def.run as (i: unknown, c: unknown) => Promise<unknown>)(input, ctx);
}

/** The function's `main`: every action of its contract, each declared once. */
export function defineFunction<F extends FunctionName, D extends Definitions<F>>(
  name: F,
  definitions: D & Exactly<F, D>,
  options: { timer?: ActionsOf<F>; caller?: () => Caller } = {},
) {
  const handlers = Object.fromEntries(
    Object.entries(definitions as Record<string, ActionDef<unknown, unknown>>).map(([action, def]) => [
      action,
      (payload: Record<string, unknown>, caller: Caller) => runDefinition(def, payload, caller),
    ]),
  );
  return createMain(name, handlers, options.caller ?? currentCaller, options.timer);
}

/** What a definition `satisfies`: `export const me = { who, input, run } satisfies Def<'account', 'me'>`. */
export type Def<F extends FunctionName, A extends ActionsOf<F>> = ActionDef<RequestOf<F, A>, ResponseOf<F, A>>;

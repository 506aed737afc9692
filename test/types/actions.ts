/**
 * Compile-time proof that an action cannot drift from its contract: each `@ts-expect-error` below
 * is a definition the typecheck must refuse (if it were accepted, `tsc` fails on the unused
 * directive). Type-checked with the tests; never run.
 */
import { Def, defineFunction } from '../../server/action';
import { input, v } from '../../server/schema';

const accountOf = (roles: never[] = []) => ({
  roles,
  displayName: null,
  enclosureId: null,
  enclosureName: null,
  gates: [],
});

// The right shape is accepted.
defineFunction('account', { me: { who: 'anyone', input: input({}), run: async () => accountOf() } });

defineFunction('account', {
  // @ts-expect-error — answers a field the contract lacks
  me: { who: 'anyone', input: input({}), run: async () => ({ ...accountOf(), secret: 'x' }) },
});

defineFunction('account', {
  // @ts-expect-error — misses a field of the contract
  me: { who: 'anyone', input: input({}), run: async () => ({ roles: [], displayName: null }) },
});

defineFunction('account', {
  // @ts-expect-error — the schema takes input the contract does not declare
  me: { who: 'anyone', input: input({ extra: v.string() }), run: async () => accountOf() },
});

// @ts-expect-error — an action the contract does not have
defineFunction('account', { me: { who: 'anyone', input: input({}), run: async () => accountOf() }, other: {} });

// @ts-expect-error — an action of the contract left undefined
defineFunction('account', {});

// A definition in its own file `satisfies` Def, which types its input and context.
export const me = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员',
  input: input({}),
  run: async (_input, ctx) => ({ ...accountOf(), displayName: ctx.user.name ?? null }),
} satisfies Def<'account', 'me'>;

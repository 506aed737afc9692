/**
 * `admin`: the street office's rule parameters. A change is a new version (never an edit), checked
 * before it is stored and audited; statuses record the version that produced them, and the next
 * recomputation of each resident uses the newest version.
 */
import {
  DEFAULT_RULES,
  RULE_FIELDS,
  RuleConfig,
  checkRuleChanges,
  ruleConfigProblems,
} from '../../../core/rule-config';
import { Checker } from '../../../core/validate';
import { Def, RequestOf, defineFunction } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findById, findMany, insert, insertOnce, replace } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { input, text, v, validatedBy } from '../../../server/schema';
import { currentRules } from '../../../server/status';
import type { UserDoc } from '../../../server/users';

/** The parameters of a stored version, without what the database adds (publishedBy, publishedAt). */
function pick(config: RuleConfig): Omit<RuleConfig, 'version'> {
  const out: Record<string, unknown> = {};
  for (const key of RULE_FIELDS) if (config[key] !== undefined) out[key] = config[key];
  return out as Omit<RuleConfig, 'version'>;
}

const getRules = {
  who: 'staff',
  role: 'admin',
  denied: '仅街道管理员可以查看规则参数',
  input: input({}),
  run: () => currentRules(),
} satisfies Def<'admin', 'getRules'>;

/** The changes, checked field by field by core/rule-config (types, ranges, key areas, unknown keys). */
function checkPublish(raw: Record<string, unknown>): void {
  const check = new Checker();
  check.onlyKeys(raw, ['action', 'rules', 'note']);
  checkRuleChanges(raw.rules, check);
  if (raw.note !== undefined) check.text('note', raw.note, '修改说明', { min: 0, max: 200 });
  check.done();
}

const publishRules = {
  who: 'staff',
  role: 'admin',
  denied: '仅街道管理员可以修改规则参数',
  input: validatedBy<RequestOf<'admin', 'publishRules'>>(checkPublish),
  run: (input, { user }) => publish(user, input),
} satisfies Def<'admin', 'publishRules'>;

async function publish(admin: Stored<UserDoc>, request: RequestOf<'admin', 'publishRules'>): Promise<RuleConfig> {
  const check = new Checker();
  const changes = checkRuleChanges(request.rules, check);
  const note = request.note?.trim() ?? '';
  const current = await currentRules();
  // Unchanged parameters carry over; a version from before retentionDays existed gets the default.
  const next: RuleConfig = {
    ...DEFAULT_RULES,
    ...pick(current),
    ...changes,
    version: current.version + 1,
  };
  const problems = ruleConfigProblems(next);
  if (problems.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      problems[0],
      'rules',
      problems.map((message) => ({ field: 'rules', message })),
    );
  const at = now();
  // The version is the id: two admins publishing at once cannot both become version n+1.
  if (
    !(await insertOnce('rule_configs', { _id: `v${next.version}`, ...next, publishedBy: admin._id, publishedAt: at }))
  ) {
    throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后重试');
  }
  await insert('audit_logs', {
    at,
    actor: admin._id,
    action: 'publish_rules',
    before: { version: current.version },
    after: next,
    note,
  });
  return next;
}

/**
 * The first admin, named by `npm run deploy -- --seed-admin <openid>`. Accepted only from a
 * server-side call (the management API: no WeChat user, so no mini-program can send it) and only
 * while no admin exists; rule version 1 is stored at the same time.
 */
const seedAdmin = {
  who: 'server',
  input: input({
    openid: v.pipe(text('管理员的 OPENID', { max: 64 }), v.regex(/^[A-Za-z0-9_-]{6,64}$/, '请提供管理员的 OPENID')),
  }),
  run: ({ openid }) => seed(openid),
} satisfies Def<'admin', 'seedAdmin'>;

async function seed(openid: string): Promise<{ admin: string }> {
  const [existing] = await findMany('users', { roles: 'admin' }, { limit: 1, fields: { _id: true } });
  if (existing) throw new AppError('FAILED_PRECONDITION', '已有管理员，请由现任管理员授权');
  const at = now();
  const { _id: _ignored, ...user } = (await findById<{ roles: string[] }>('users', openid)) ?? {
    _id: openid,
    roles: [],
  };
  await replace('users', openid, { ...user, roles: [...new Set([...user.roles, 'admin'])], name: '街道管理员' });
  await insertOnce('rule_configs', {
    _id: `v${DEFAULT_RULES.version}`,
    ...DEFAULT_RULES,
    publishedBy: 'deploy',
    publishedAt: at,
  });
  await insert('audit_logs', {
    at,
    actor: 'deploy',
    action: 'seed_admin',
    before: null,
    after: { admin: openid },
    note: '',
  });
  return { admin: openid };
}

export const main = defineFunction('admin', { getRules, publishRules, seedAdmin });

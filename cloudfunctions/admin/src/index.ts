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
import type { RuleVersion } from '../../../typings';
import { InvitationDoc, invitationCode, invitationId } from '../../../server/invitations';

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
  check.onlyKeys(raw, ['action', 'rules', 'note', 'baseVersion']);
  checkRuleChanges(raw.rules, check);
  if (raw.note !== undefined) check.text('note', raw.note, '修改说明', { min: 0, max: 200 });
  if (raw.baseVersion !== undefined) check.integer('baseVersion', raw.baseVersion, '规则版本', 1, 1_000_000);
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
  if (request.baseVersion !== undefined && request.baseVersion !== current.version)
    throw new AppError('CONFLICT', `规则已更新为第 ${current.version} 版，请刷新后核对再发布`, 'baseVersion');
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
  const stored = { _id: `v${next.version}`, ...next, publishedBy: admin._id, publishedAt: at, note };
  if (!(await insertOnce('rule_configs', stored))) {
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

/** Rule version 1, stored with the first admin (once: a second call finds it there). */
const storeFirstRules = (at: Date) =>
  insertOnce('rule_configs', {
    _id: `v${DEFAULT_RULES.version}`,
    ...DEFAULT_RULES,
    publishedBy: 'deploy',
    publishedAt: at,
  });

async function seed(openid: string): Promise<{ admin: string }> {
  const [existing] = await findMany('users', { roles: 'admin' }, { limit: 1, fields: { _id: true } });
  if (existing) throw new AppError('FAILED_PRECONDITION', '已有管理员，请由现任管理员授权');
  const at = now();
  const { _id: _ignored, ...user } = (await findById<{ roles: string[] }>('users', openid)) ?? {
    _id: openid,
    roles: [],
  };
  await replace('users', openid, { ...user, roles: [...new Set([...user.roles, 'admin'])], name: '街道管理员' });
  await storeFirstRules(at);
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

const bootstrap = {
  who: 'server',
  input: input({}),
  run: () => bootstrapInvitation(),
} satisfies Def<'admin', 'bootstrap'>;

const BOOTSTRAP_HOURS = 24;

async function bootstrapInvitation(): Promise<{ code: string; expiresAt: string }> {
  const [existing] = await findMany('users', { roles: 'admin' }, { limit: 1, fields: { _id: true } });
  if (existing) throw new AppError('FAILED_PRECONDITION', '已有管理员，请由现任管理员在工作台邀请');
  const at = now();
  // Each deploy run prints a fresh code; the earlier ones still expire on their own.
  const code = invitationCode('deploy', `bootstrap-${at.getTime()}`);
  const expiresAt = new Date(at.getTime() + BOOTSTRAP_HOURS * 3600_000);
  const doc: InvitationDoc = {
    role: 'admin',
    invitedName: '街道管理员',
    scopeText: '街道管理员 · 全街道',
    issuedBy: 'deploy',
    issuedByName: '部署脚本',
    issuedAt: at,
    expiresAt,
  };
  await insertOnce('invitations', { _id: invitationId(code), ...doc });
  await storeFirstRules(at);
  await insert('audit_logs', {
    at,
    actor: 'deploy',
    action: 'bootstrap_invitation',
    before: null,
    after: { invitationId: invitationId(code), expiresAt },
    note: '',
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

const history = {
  who: 'staff',
  role: 'admin',
  denied: '仅街道管理员可以查看规则参数',
  input: input({}),
  run: () => ruleHistory(),
} satisfies Def<'admin', 'history'>;

async function ruleHistory(): Promise<RuleVersion[]> {
  // Versions stored by hand or by an older release may lack who and when.
  const versions = await findMany<RuleConfig & { publishedBy?: string; publishedAt?: Date; note?: string }>(
    'rule_configs',
    {},
    { orderBy: ['version', 'desc'], limit: 100 },
  );
  const ids = [...new Set(versions.map((v) => v.publishedBy ?? 'deploy').filter((by) => by !== 'deploy'))];
  const people = ids.length ? await findMany<UserDoc>('users', { _id: { $in: ids } }, { limit: 100 }) : [];
  const nameOf = (by = 'deploy') =>
    by === 'deploy' ? '部署脚本' : (people.find((p) => p._id === by)?.name ?? '管理员');
  return versions.map(({ _id, publishedBy, publishedAt, note, ...config }) => ({
    config: { ...DEFAULT_RULES, ...pick(config), version: config.version },
    publishedAt: publishedAt ? publishedAt.toISOString() : '',
    publishedBy: nameOf(publishedBy),
    note: note ?? '',
  }));
}

export const main = defineFunction('admin', { getRules, publishRules, seedAdmin, bootstrap, history });

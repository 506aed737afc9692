/**
 * What a deployment needs from the operator: identities and keys of their own WeChat mini-program
 * and CloudBase environment, and the values of the functions' variables. Read from the
 * environment or from an untracked `.deploy.env` file (KEY=value lines), never from the repo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MIN_SECRET_LENGTH } from '../core/pass-token';

export const DEPLOY_VARIABLES: Record<string, string> = {
  WX_APPID: 'the mini-program AppID (mp.weixin.qq.com → 开发管理 → 开发设置)',
  TCB_ENV_ID: 'the cloud development environment id (云开发控制台 → 设置)',
  TENCENTCLOUD_SECRETID: 'API key id with CloudBase access (腾讯云访问管理 → API 密钥)',
  TENCENTCLOUD_SECRETKEY: 'the API key secret',
  MP_PRIVATE_KEY_PATH: 'path to the mini-program code upload key file (开发设置 → 小程序代码上传密钥)',
};

export function readDeployEnv(root: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const values: Record<string, string> = {};
  const file = path.join(root, '.deploy.env');
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const match = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
      if (match && !line.trim().startsWith('#')) values[match[1]] = match[2].replace(/^["']|["']$/g, '');
    }
  }
  for (const [key, value] of Object.entries(env)) if (value) values[key] = value;
  return values;
}

const SECRET = 'a long random secret (e.g. `openssl rand -base64 32`), kept by the street office';
const FUNCTION_VARIABLES: Record<string, string> = {
  PASS_TOKEN_SECRET: SECRET,
  PII_KEY: `${SECRET}; never change it once used (it decrypts stored phone numbers)`,
  CHECKIN_REMINDER_TEMPLATE: 'the subscribe-message template id for check-in reminders (公众平台 → 订阅消息)',
  NOTICE_URGENT_TEMPLATE:
    'the subscribe-message template id for urgent notices (公众平台 → 订阅消息; two 事物 fields: title, publisher)',
};

/** Names (with what each is) of the variables still missing. */
export function missingVariables(values: Record<string, string>, functionVariables: string[]): string[] {
  const needed: Record<string, string> = { ...DEPLOY_VARIABLES };
  for (const name of functionVariables) needed[name] = FUNCTION_VARIABLES[name] ?? 'a cloud function variable';
  return Object.entries(needed)
    .filter(([name]) => !values[name])
    .map(([name, what]) => `${name} — ${what}`);
}

/** Keys that sign passes or protect personal data: the functions refuse to work with a short one. */
const SECRET_VARIABLES = ['PASS_TOKEN_SECRET', 'PII_KEY'];

/** The secrets given but too short to use, named, with their length (never their value). */
export function weakSecrets(values: Record<string, string>, functionVariables: string[]): string[] {
  return SECRET_VARIABLES.filter((name) => functionVariables.includes(name) && values[name])
    .filter((name) => values[name].length < MIN_SECRET_LENGTH)
    .map(
      (name) =>
        `${name} is ${values[name].length} characters; it must be at least ${MIN_SECRET_LENGTH} (e.g. \`openssl rand -base64 32\`)`,
    );
}

/** Contracts of the `admin` function: the street office's rule parameters and the first admin. */
import type { RuleChanges, RuleConfig } from '../core/rule-config';

export interface AdminContract {
  getRules: { request: { action: 'getRules' }; response: RuleConfig };
  publishRules: {
    request: { action: 'publishRules'; rules: RuleChanges; note?: string };
    response: RuleConfig;
  };
  /** Server only (`npm run deploy -- --seed-admin <openid>`), while no admin exists. */
  seedAdmin: { request: { action: 'seedAdmin'; openid: string }; response: { admin: string } };
}

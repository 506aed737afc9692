/** Contracts of the `admin` function: the street office's rule parameters and the first admin. */
import type { RuleChanges, RuleConfig } from '../core/rule-config';

export interface RuleVersion {
  config: RuleConfig;
  publishedAt: string;
  /** The publisher's name; 部署脚本 for version 1. */
  publishedBy: string;
  note: string;
}

export interface AdminContract {
  getRules: { request: { action: 'getRules' }; response: RuleConfig };
  publishRules: {
    /** `baseVersion`: the version the changes were made against; refused if another was published since. */
    request: { action: 'publishRules'; rules: RuleChanges; note?: string; baseVersion?: number };
    response: RuleConfig;
  };
  /** Server only (`npm run deploy -- --seed-admin <openid>`), while no admin exists. */
  seedAdmin: { request: { action: 'seedAdmin'; openid: string }; response: { admin: string } };
  /**
   * Server only (`npm run deploy -- --bootstrap`), while no admin exists: a one-time invitation to
   * become the street admin, valid 24 hours, whose code the deploy prints and the first admin
   * types or scans in the app (staff.accept). No OPENID needed.
   */
  bootstrap: { request: { action: 'bootstrap' }; response: { code: string; expiresAt: string } };
  /** Every published version, newest first: who published it, when, and why. */
  history: { request: { action: 'history' }; response: RuleVersion[] };
}

/**
 * Who may act for whom (pass, declaration, check-in, history, appeal, care). A resident acts for
 * themselves. The household head, once a grid worker has verified them, also acts for the
 * dependants who have no WeChat of their own (children, elders). Nobody else: a member with a
 * phone acts only for themselves, and a newcomer who registered at an occupied flat is *pending*
 * (no rights over anyone, not even to see the household) until the head accepts them or a grid
 * worker verifies them. Pure, so the rule is tested on its own and applied in one place.
 */

export interface Actor {
  residentId: string;
  householdId: string;
  isHead: boolean;
  verified: boolean;
}

export interface Subject {
  residentId: string;
  householdId: string;
  /** Has a WeChat account of their own (registered themselves). */
  hasWechat: boolean;
}

/** Why the actor may not act for the subject, in Chinese; null when they may. */
export function refusalToActFor(actor: Actor, subject: Subject): string | null {
  if (subject.residentId === actor.residentId) return null;
  if (subject.householdId !== actor.householdId) return '只能为本人或本户家庭成员操作';
  if (!actor.isHead) return '只有户主可以为家庭成员操作';
  if (!actor.verified) return '户主经网格员核实后才能为家庭成员操作';
  if (subject.hasWechat) return '该家庭成员有自己的微信，请其本人操作';
  return null;
}

/** A member who registered at an occupied flat and is not yet accepted by the head or verified. */
export function isPending(resident: { pendingSince?: Date | null }): boolean {
  return !!resident.pendingSince;
}

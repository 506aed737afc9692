/**
 * 通知公告: a notice goes to a scope — the whole street, a 社区, an enclosure or one building —
 * written on it as an audience key; a resident reads every notice whose key is one of theirs.
 */
export const NOTICE_LEVELS = ['street', 'community', 'enclosure', 'building'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

export const NOTICE_KINDS = ['rule', 'isolation', 'delivery', 'guide', 'other'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The key a notice to this scope carries. */
export function audienceKey(level: NoticeLevel, targetId: string | null): string {
  return level === 'street' ? 'all' : `${level}:${targetId}`;
}

/** The keys of the notices a resident of this building sees, widest first. */
export function residentKeys(place: { communityId?: string; enclosureId: string; buildingId: string }): string[] {
  return [
    'all',
    ...(place.communityId ? [audienceKey('community', place.communityId)] : []),
    audienceKey('enclosure', place.enclosureId),
    audienceKey('building', place.buildingId),
  ];
}

/** Contracts of the `notices` function (通知公告). */
import type { NoticeKind, NoticeLevel } from '../core/notice';

export type { NoticeKind, NoticeLevel } from '../core/notice';

export interface NoticeSummary {
  id: string;
  title: string;
  kind: NoticeKind;
  kindName: string;
  urgent: boolean;
  /** Who it is for, e.g. 春华苑 3栋. */
  scopeName: string;
  publisherName: string;
  publishedAt: string;
}

export interface NoticeView extends NoticeSummary {
  body: string;
  /** The 明白纸's pictures: temporary links (about two hours), in their order. */
  imageUrls: string[];
}

/** A scope the caller may publish to, as the publish page lists it. */
export interface NoticeScope {
  level: NoticeLevel;
  /** Omitted for the whole street. */
  targetId?: string;
  name: string;
}

export interface NoticesContract {
  /** The scopes the caller holds, widest first: the publish page's choices. */
  scopes: { request: { action: 'scopes' }; response: NoticeScope[] };
  /** The caller's own notices of the last 30 days, newest first, each with its reads so far. */
  sent: {
    request: { action: 'sent' };
    response: (NoticeSummary & { reads: number })[];
  };
  /** The street, a 社区 admin or a grid worker publishes to a scope they hold; one notice per request id. */
  publish: {
    request: {
      action: 'publish';
      requestId: string;
      level: NoticeLevel;
      /** The 社区, enclosure or building; omitted for the whole street. */
      targetId?: string;
      kind: NoticeKind;
      title: string;
      body: string;
      urgent?: boolean;
      /** Up to 4 pictures the page uploaded under notices/. */
      images?: string[];
    };
    response: { noticeId: string; scopeName: string };
  };
  /** A resident's notices, newest first, each with whether they have opened it. */
  inbox: {
    request: { action: 'inbox' };
    response: {
      notices: (NoticeSummary & { unread: boolean })[];
      unread: number;
      /** For `wx.requestSubscribeMessage`: the urgent notice's template; null where none is set up. */
      urgentTemplateId: string | null;
    };
  };
  /** Opens one (from the list or a share card): marked read once; refused outside its scope. */
  open: { request: { action: 'open'; noticeId: string }; response: NoticeView };
  /**
   * The publisher's (or the street's, or the 社区's) count of residents who opened it: per building
   * for a notice within one enclosure, per enclosure for a wider one.
   */
  /** The resident accepted `accepted` urgent-notice messages (one tap, one message). */
  subscribe: { request: { action: 'subscribe'; accepted: number }; response: { remaining: number } };
  /** The timer (every minute): urgent notices go out to the residents of their scope who subscribed. */
  push: { request: { action: 'push' }; response: { sent: number; finished: number; pending: number } };
  reads: {
    request: { action: 'reads'; noticeId: string };
    response: { notice: NoticeView; places: { id: string; name: string; reads: number; residents: number }[] };
  };
}

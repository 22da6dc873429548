/** Tables for notifications: events, subscriptions and the outbox (migration 2026-11-29T1900_notifications). */
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DefaultedTimestamp, Timestamp } from "./columns";

export const FOLLOW_KINDS = ["locality", "consultation", "board", "thread"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const EVENT_ABOUT = ["consultation", "comment", "decision", "meeting"] as const;
export type EventAbout = (typeof EVENT_ABOUT)[number];
export const FREQUENCIES = ["immediate", "daily"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** queued: waiting for (another) attempt; digest: waiting for the recipient's daily digest. */
export const OUTBOX_STATUSES = ["queued", "digest", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NotificationEventTable {
  id: Generated<number>;
  key: string;
  target_kind: FollowKind;
  target_id: number;
  subject: string;
  body: string;
  link: string;
  created_at: DefaultedTimestamp;
  expanded_at: Timestamp | null;
  /** What it is about, checked to be still public when it is expanded (migration 2026-11-30T0500). */
  about_kind: EventAbout | null;
  about_id: number | null;
  /** Who caused it (e.g. the replier): not told about their own act. */
  author_user_id: number | null;
  /** Why it went to nobody, when it did. */
  withheld: string | null;
}

export interface SubscriptionTable {
  id: Generated<number>;
  user_id: number | null;
  email: string;
  target_kind: FollowKind;
  target_id: number;
  frequency: ColumnType<Frequency, Frequency | undefined, Frequency>;
  token: string;
  created_at: DefaultedTimestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  event_key: string;
  recipient: string;
  subject: string;
  body: string;
  unsubscribe_token: string | null;
  /** A path on this site (migration 2026-12-01T0300): made absolute with the configured origin when sent. */
  link: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: DefaultedTimestamp;
  created_at: DefaultedTimestamp;
  sent_at: Timestamp | null;
  updated_at: DefaultedTimestamp;
}

export interface NotificationTables {
  notification_events: NotificationEventTable;
  subscriptions: SubscriptionTable;
  outbox: OutboxTable;
}

export type OutboxMessage = Selectable<OutboxTable>;
export type Subscription = Selectable<SubscriptionTable>;

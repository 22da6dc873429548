// Notifications (issue 16). Three tables:
// - notification_events: one row per thing that happened that people may follow, written in the
//   same transaction as the change (the command's transaction). A job expands it to recipients,
//   so a request never pays for 10,000 subscribers.
// - outbox: one row per recipient per event, UNIQUE (event_key, recipient): at most once per
//   recipient per event however often the expansion runs. Delivery moves it queued → sent|failed.
// - subscriptions: what a person follows (a locality, consultation, board or comment thread),
//   immediate or a daily digest, with the token for one-click unsubscribe.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_events (
      id bigserial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      target_kind text NOT NULL CHECK (target_kind IN ('locality', 'consultation', 'board', 'thread')),
      target_id bigint NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      link text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expanded_at timestamptz
    );
    CREATE INDEX notification_events_unexpanded ON notification_events (id) WHERE expanded_at IS NULL;

    CREATE TABLE subscriptions (
      id bigserial PRIMARY KEY,
      user_id bigint REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      target_kind text NOT NULL CHECK (target_kind IN ('locality', 'consultation', 'board', 'thread')),
      target_id bigint NOT NULL,
      frequency text NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate', 'daily')),
      token text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (email, target_kind, target_id)
    );
    CREATE INDEX subscriptions_target ON subscriptions (target_kind, target_id);

    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      event_key text NOT NULL,
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      unsubscribe_token text,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'digest', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_key, recipient)
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
    CREATE INDEX outbox_digest ON outbox (recipient, id) WHERE status = 'digest';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE outbox; DROP TABLE subscriptions; DROP TABLE notification_events;`.execute(db);
}

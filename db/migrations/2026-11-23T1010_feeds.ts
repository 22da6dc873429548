// Frozen once landed: schema changes go in a new, later-dated file.
import { sql, type Kysely } from "kysely";

/**
 * Live feeds: a feed belongs to something people watch together (a consultation, a meeting, an
 * agenda item, or a locality's discussion). No foreign key to those tables: the feed only knows
 * the kind and id, so every capability can reuse it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE feed_subject_kind AS ENUM ('consultation', 'meeting', 'agenda_item', 'locality');
    CREATE TYPE comment_state AS ENUM ('visible', 'deleted', 'hidden');
    CREATE TYPE comment_reaction AS ENUM ('agree', 'disagree');
    CREATE TYPE poll_status AS ENUM ('open', 'closed');
    CREATE TYPE flag_status AS ENUM ('open', 'dealt_with');
    CREATE TYPE feed_event_kind AS ENUM (
      'comment.posted', 'comment.edited', 'comment.deleted', 'comment.reacted', 'comment.hidden', 'comment.restored',
      'poll.opened', 'poll.closed', 'feed.paused', 'feed.resumed'
    );

    CREATE TABLE feeds (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject_kind feed_subject_kind NOT NULL,
      subject_id integer NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      locality_id integer REFERENCES localities (id),
      paused boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subject_kind, subject_id)
    );

    CREATE TABLE comments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      parent_id integer REFERENCES comments (id),
      depth smallint NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 2),
      author_id integer NOT NULL REFERENCES users (id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
      state comment_state NOT NULL DEFAULT 'visible',
      hidden_reason text,
      agree_count integer NOT NULL DEFAULT 0,
      disagree_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      CONSTRAINT comments_hidden_has_reason CHECK ((state = 'hidden') = (hidden_reason IS NOT NULL))
    );
    CREATE INDEX comments_feed_idx ON comments (feed_id, parent_id, id);

    CREATE TABLE comment_reactions (
      comment_id integer NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reaction comment_reaction NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (comment_id, user_id)
    );

    CREATE TABLE comment_flags (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      comment_id integer NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      status flag_status NOT NULL DEFAULT 'open',
      at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (comment_id, user_id)
    );
    CREATE INDEX comment_flags_open_idx ON comment_flags (status, comment_id);

    CREATE TABLE polls (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      question text NOT NULL CHECK (length(question) BETWEEN 1 AND 300),
      multiple boolean NOT NULL DEFAULT false,
      status poll_status NOT NULL DEFAULT 'open',
      opened_by integer NOT NULL REFERENCES users (id),
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      -- The frozen result when closed: { "<option id>": count, ... } plus the number of voters.
      final_counts jsonb,
      final_voters integer,
      CONSTRAINT polls_closed_is_frozen CHECK ((status = 'closed') = (closed_at IS NOT NULL AND final_counts IS NOT NULL))
    );
    CREATE INDEX polls_feed_idx ON polls (feed_id, id);

    CREATE TABLE poll_options (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      poll_id integer NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
      position smallint NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
      UNIQUE (poll_id, position)
    );

    CREATE TABLE poll_votes (
      poll_id integer NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
      option_id integer NOT NULL REFERENCES poll_options (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (poll_id, user_id, option_id)
    );
    CREATE INDEX poll_votes_option_idx ON poll_votes (poll_id, option_id);

    -- Every change a watcher must see, in commit order per feed (writers lock the feed row, so a
    -- later id never commits before an earlier one in the same feed). Clients replay after the
    -- last id they saw. Append-only.
    CREATE TABLE feed_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      kind feed_event_kind NOT NULL,
      comment_id integer REFERENCES comments (id),
      poll_id integer REFERENCES polls (id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX feed_events_feed_idx ON feed_events (feed_id, id);
    CREATE TRIGGER feed_events_append_only BEFORE UPDATE OR DELETE ON feed_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE feed_events, poll_votes, poll_options, polls, comment_flags, comment_reactions, comments, feeds;
    DROP TYPE feed_event_kind, flag_status, poll_status, comment_reaction, comment_state, feed_subject_kind;
  `.execute(db);
}

// Frozen once landed: schema changes go in a new, later-dated file.
// Boards, their members and interests; meetings with agendas, attendance, declarations, motions,
// named votes, decisions and minutes; England and Wales bank holidays as editable data.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE board_member_role AS ENUM ('chair', 'vice_chair', 'member', 'co_opted');
    CREATE TYPE board_member_kind AS ENUM ('elected_councillor', 'commissioner', 'provider', 'community_representative');
    CREATE TYPE interest_kind AS ENUM ('disclosable_pecuniary', 'other_registrable', 'non_registrable');
    CREATE TYPE meeting_status AS ENUM ('draft', 'agenda_published', 'in_progress', 'closed', 'minutes_drafted', 'minutes_published', 'minutes_approved');
    CREATE TYPE agenda_item_kind AS ENUM ('apologies', 'declarations', 'minutes', 'public_questions', 'decision', 'information', 'exempt');
    CREATE TYPE attendance_status AS ENUM ('present', 'apologies', 'absent');
    CREATE TYPE motion_status AS ENUM ('proposed', 'voting', 'carried', 'lost', 'withdrawn');
    CREATE TYPE vote_choice AS ENUM ('for', 'against', 'abstain');
    CREATE TYPE public_question_status AS ENUM ('submitted', 'accepted', 'rejected');

    -- England and Wales bank holidays: seeded from published data, editable by an admin.
    CREATE TABLE bank_holidays (
      day date PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100)
    );

    CREATE TABLE boards (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
      locality_id integer REFERENCES localities (id),
      remit text NOT NULL DEFAULT '',
      terms_of_reference text NOT NULL DEFAULT '',
      -- Quorum: a number of voting members, or a fraction of them (rounded up), never below the minimum.
      quorum_number integer CHECK (quorum_number > 0),
      quorum_fraction numeric(4, 3) CHECK (quorum_fraction > 0 AND quorum_fraction <= 1),
      quorum_minimum integer NOT NULL DEFAULT 1 CHECK (quorum_minimum > 0),
      -- Residents' questions close this many days before a meeting.
      question_deadline_days integer NOT NULL DEFAULT 3 CHECK (question_deadline_days BETWEEN 0 AND 30),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT boards_one_quorum_rule CHECK ((quorum_number IS NULL) <> (quorum_fraction IS NULL))
    );
    ALTER TABLE role_grants ADD CONSTRAINT role_grants_board_fk FOREIGN KEY (board_id) REFERENCES boards (id) ON DELETE CASCADE;

    CREATE TABLE board_members (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      board_id integer NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
      user_id integer REFERENCES users (id) ON DELETE SET NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      role board_member_role NOT NULL,
      kind board_member_kind NOT NULL,
      organisation text NOT NULL DEFAULT '',
      term_start date NOT NULL,
      term_end date,
      voting boolean NOT NULL,
      CONSTRAINT board_members_co_opted_do_not_vote CHECK (role <> 'co_opted' OR NOT voting),
      CONSTRAINT board_members_term CHECK (term_end IS NULL OR term_end >= term_start)
    );
    CREATE INDEX board_members_board_idx ON board_members (board_id);
    CREATE UNIQUE INDEX board_members_user_once ON board_members (board_id, user_id) WHERE user_id IS NOT NULL;

    CREATE TABLE member_interests (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id integer NOT NULL REFERENCES board_members (id) ON DELETE CASCADE,
      kind interest_kind NOT NULL,
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
      registered_on date NOT NULL DEFAULT current_date
    );

    CREATE TABLE meetings (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      board_id integer NOT NULL REFERENCES boards (id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      starts_at timestamptz NOT NULL,
      venue text NOT NULL DEFAULT '',
      online_link text NOT NULL DEFAULT '',
      status meeting_status NOT NULL DEFAULT 'draft',
      agenda_published_at timestamptz,
      urgency_reason text,
      current_item_id integer,
      in_private boolean NOT NULL DEFAULT false,
      adjourned boolean NOT NULL DEFAULT false,
      minutes text,
      minutes_approved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT meetings_place CHECK (venue <> '' OR online_link <> '')
    );
    CREATE INDEX meetings_board_idx ON meetings (board_id, starts_at);

    CREATE TABLE agenda_items (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      position integer NOT NULL,
      kind agenda_item_kind NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '',
      recommendation text NOT NULL DEFAULT '',
      exempt_paragraph integer CHECK (exempt_paragraph BETWEEN 1 AND 7),
      public_interest_reason text,
      previous_meeting_id integer REFERENCES meetings (id),
      CONSTRAINT agenda_items_exempt CHECK ((kind = 'exempt') = (exempt_paragraph IS NOT NULL)),
      CONSTRAINT agenda_items_exempt_reason CHECK (kind <> 'exempt' OR length(public_interest_reason) > 0),
      UNIQUE (meeting_id, position)
    );
    ALTER TABLE meetings ADD CONSTRAINT meetings_current_item_fk FOREIGN KEY (current_item_id) REFERENCES agenda_items (id);

    CREATE TABLE papers (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agenda_item_id integer NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
      title text NOT NULL,
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
      content bytea NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE meeting_status_changes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id),
      from_status meeting_status,
      to_status meeting_status NOT NULL,
      by_user_id integer REFERENCES users (id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER meeting_status_changes_append_only BEFORE UPDATE OR DELETE ON meeting_status_changes
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE attendance (
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      member_id integer NOT NULL REFERENCES board_members (id),
      status attendance_status NOT NULL,
      arrived_at timestamptz,
      left_at timestamptz,
      PRIMARY KEY (meeting_id, member_id)
    );

    CREATE TABLE declarations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agenda_item_id integer NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
      member_id integer NOT NULL REFERENCES board_members (id),
      kind interest_kind NOT NULL,
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
      -- A disclosable pecuniary interest means the member leaves for the item and cannot vote.
      leaves boolean NOT NULL,
      CONSTRAINT declarations_dpi_leaves CHECK (kind <> 'disclosable_pecuniary' OR leaves),
      UNIQUE (agenda_item_id, member_id)
    );

    CREATE TABLE motions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agenda_item_id integer NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
      amends_motion_id integer REFERENCES motions (id),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      proposer_id integer NOT NULL REFERENCES board_members (id),
      seconder_id integer NOT NULL REFERENCES board_members (id),
      status motion_status NOT NULL DEFAULT 'proposed',
      votes_for integer,
      votes_against integer,
      abstentions integer,
      casting_vote vote_choice,
      decided_at timestamptz,
      CONSTRAINT motions_two_people CHECK (proposer_id <> seconder_id),
      CONSTRAINT motions_casting CHECK (casting_vote IS NULL OR casting_vote <> 'abstain')
    );

    CREATE TABLE votes (
      motion_id integer NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
      member_id integer NOT NULL REFERENCES board_members (id),
      choice vote_choice NOT NULL,
      cast_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (motion_id, member_id)
    );

    CREATE TABLE decisions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id),
      agenda_item_id integer NOT NULL REFERENCES agenda_items (id),
      motion_id integer REFERENCES motions (id),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
      reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 4000),
      decided_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX decisions_meeting_idx ON decisions (meeting_id);

    CREATE TABLE decision_outcomes (
      decision_id integer NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
      outcome_node_id integer NOT NULL REFERENCES outcome_nodes (id),
      PRIMARY KEY (decision_id, outcome_node_id)
    );

    CREATE TABLE public_questions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      asked_by integer NOT NULL REFERENCES users (id),
      question text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
      status public_question_status NOT NULL DEFAULT 'submitted',
      rejection_reason text,
      answer text,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT public_questions_rejected_reason CHECK (status <> 'rejected' OR length(rejection_reason) > 0)
    );
    CREATE INDEX public_questions_meeting_idx ON public_questions (meeting_id);

    -- What happened in a meeting, in order: the live view's feed and its catch-up after reconnecting.
    -- public = false for everything that happened in private (exempt) session.
    CREATE TABLE meeting_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      kind text NOT NULL,
      text text NOT NULL,
      public boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX meeting_events_meeting_idx ON meeting_events (meeting_id, id);
    CREATE TRIGGER meeting_events_append_only BEFORE UPDATE ON meeting_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- Agendas, papers, minutes and decisions stay available for at least six years.
    CREATE FUNCTION refuse_early_meeting_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.agenda_published_at IS NOT NULL AND OLD.starts_at > now() - interval '6 years' THEN
        RAISE EXCEPTION 'meeting % must be kept for six years after it is held', OLD.id;
      END IF;
      RETURN OLD;
    END $$;
    CREATE TRIGGER meetings_six_year_retention BEFORE DELETE ON meetings
      FOR EACH ROW EXECUTE FUNCTION refuse_early_meeting_delete();

    -- Approved minutes are locked.
    CREATE FUNCTION refuse_approved_minutes_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.minutes_approved_at IS NOT NULL AND NEW.minutes IS DISTINCT FROM OLD.minutes THEN
        RAISE EXCEPTION 'the minutes of meeting % are approved and locked', OLD.id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER meetings_minutes_locked BEFORE UPDATE ON meetings
      FOR EACH ROW EXECUTE FUNCTION refuse_approved_minutes_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE public_questions, meeting_events, decision_outcomes, decisions, votes, motions, declarations, attendance,
      meeting_status_changes, papers CASCADE;
    ALTER TABLE meetings DROP CONSTRAINT meetings_current_item_fk;
    DROP TABLE agenda_items, meetings, member_interests, board_members CASCADE;
    ALTER TABLE role_grants DROP CONSTRAINT role_grants_board_fk;
    DROP TABLE boards, bank_holidays;
    DROP FUNCTION refuse_early_meeting_delete(), refuse_approved_minutes_change();
    DROP TYPE public_question_status, vote_choice, motion_status, attendance_status, agenda_item_kind, meeting_status, interest_kind,
      board_member_kind, board_member_role;
  `.execute(db);
}

// Grant approval and commissioning intentions (issue 18, the market and grants half).
// - grant_panel_members: the named people who sit on the grant panel (Shropshire's "Grant Funding
//   Guardian"), each in one seat: a councillor, a voluntary-sector representative or an officer.
// - grant_interests: a panel member's declaration of interest in one grant; a member with an
//   interest cannot sit on that grant's approval (checked in the module and by the trigger below).
// - grant_approvals (+ grant_approval_seats): how a grant was approved — by the panel (all three
//   seats recorded) or by a board decision (linked). Payments on a grant wait for its approval.
// - commissioning_intentions and market_position_statements: written per commissioning strategy;
//   drafts are internal, published ones are public on the strategy page, /market and open data.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE grant_panel_seat AS ENUM ('councillor', 'voluntary_sector', 'officer');
    CREATE TYPE intention_change AS ENUM ('buy', 'change', 'stop');
    CREATE TYPE market_route AS ENUM ('open_tender', 'framework', 'grant_round', 'in_house', 'direct_award', 'not_decided');

    CREATE TABLE grant_panel_members (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      seat grant_panel_seat NOT NULL,
      organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
      active boolean NOT NULL DEFAULT true,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (name, seat)
    );

    CREATE TABLE grant_interests (
      arrangement_id integer NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
      member_id integer NOT NULL REFERENCES grant_panel_members (id),
      interest text NOT NULL CHECK (length(interest) BETWEEN 1 AND 1000),
      declared_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (arrangement_id, member_id)
    );

    CREATE TABLE grant_approvals (
      arrangement_id integer PRIMARY KEY REFERENCES arrangements (id) ON DELETE CASCADE,
      route grant_approval NOT NULL,
      decision_id integer REFERENCES decisions (id),
      approved_on date NOT NULL,
      recorded_by integer REFERENCES users (id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((route = 'board_decision') = (decision_id IS NOT NULL))
    );

    CREATE TABLE grant_approval_seats (
      arrangement_id integer NOT NULL REFERENCES grant_approvals (arrangement_id) ON DELETE CASCADE,
      seat grant_panel_seat NOT NULL,
      member_id integer NOT NULL REFERENCES grant_panel_members (id),
      PRIMARY KEY (arrangement_id, seat)
    );

    -- A member who declared an interest in a grant never sits on its approval, whatever writes the row.
    CREATE FUNCTION grant_seat_without_interest() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM grant_interests i WHERE i.arrangement_id = NEW.arrangement_id AND i.member_id = NEW.member_id) THEN
        RAISE EXCEPTION 'panel member % declared an interest in grant %', NEW.member_id, NEW.arrangement_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER grant_approval_seats_no_interest BEFORE INSERT OR UPDATE ON grant_approval_seats
      FOR EACH ROW EXECUTE FUNCTION grant_seat_without_interest();

    CREATE TABLE commissioning_intentions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      strategy_id integer NOT NULL REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      change intention_change NOT NULL,
      what text NOT NULL CHECK (length(what) BETWEEN 1 AND 300),
      detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
      from_on date NOT NULL,
      estimated_value_pence bigint CHECK (estimated_value_pence >= 0),
      route market_route NOT NULL,
      published boolean NOT NULL DEFAULT false,
      created_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioning_intentions_strategy_idx ON commissioning_intentions (strategy_id);

    CREATE TABLE market_position_statements (
      strategy_id integer PRIMARY KEY REFERENCES commissioning_strategies (id) ON DELETE CASCADE,
      demand text NOT NULL CHECK (length(demand) BETWEEN 1 AND 5000),
      supply text NOT NULL CHECK (length(supply) BETWEEN 1 AND 5000),
      market_asks text NOT NULL CHECK (length(market_asks) BETWEEN 1 AND 5000),
      published boolean NOT NULL DEFAULT false,
      updated_by integer REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE market_position_statements, commissioning_intentions, grant_approval_seats, grant_approvals, grant_interests, grant_panel_members;
    DROP FUNCTION grant_seat_without_interest();
    DROP TYPE market_route, intention_change, grant_panel_seat;
  `.execute(db);
}

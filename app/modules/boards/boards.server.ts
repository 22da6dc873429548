/** Boards, their members and registers of interests, and the decisions register. */
import { dateAfter, dateInput } from "../../lib/date-input";
import { sql } from "kysely";
import { z } from "zod";
import { rowId } from "../../lib/fields";
import type { Database } from "../../../db/client";
import { BOARD_MEMBER_KINDS, BOARD_MEMBER_ROLES, INTEREST_KINDS } from "../../../db/tables/boards";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import type { QuorumRule } from "../meetings/rules";
import { decisionFiltersSchema } from "../meetings/schema";
import { decide, type Actor, type Target } from "../permissions/permissions";
import { suspends } from "../governance/rules";

export const boardTarget = (boardId: number, localityId: number | null): Target => ({ kind: "board", boardId, localityId });

export function quorumRule(board: { quorum_number: number | null; quorum_fraction: string | null; quorum_minimum: number }): QuorumRule {
  return { number: board.quorum_number, fraction: board.quorum_fraction === null ? null : Number(board.quorum_fraction), minimum: board.quorum_minimum };
}

export function describeQuorum(rule: QuorumRule): string {
  const base = rule.number !== null ? `${rule.number} voting members` : `${Math.round((rule.fraction ?? 1) * 100)}% of voting members (rounded up)`;
  return `${base}, and never fewer than ${rule.minimum}`;
}

/** A `date` column as "YYYY-MM-DD". */
export const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export function listBoards(db: Database) {
  return db
    .selectFrom("boards as b")
    .leftJoin("localities as l", "l.id", "b.locality_id")
    .select(["b.id", "b.slug", "b.name", "b.remit", "l.name as locality_name", "l.slug as locality_slug"])
    .orderBy("b.name")
    .execute();
}

export async function boardBySlug(db: Database, slug: string) {
  const board = await db
    .selectFrom("boards as b")
    .leftJoin("localities as l", "l.id", "b.locality_id")
    .selectAll("b")
    .select(["l.name as locality_name"])
    .where("b.slug", "=", slug)
    .executeTakeFirst();
  if (!board) return null;
  const members = await db
    .selectFrom("board_members")
    .select(["id", "name", "role", "kind", "organisation", "voting", "user_id", dateText("term_start").as("term_start"), dateText("term_end").as("term_end")])
    .where("board_id", "=", board.id)
    .orderBy(sql`array_position(array['chair','vice_chair','member','co_opted']::board_member_role[], role)`)
    .orderBy("name")
    .execute();
  return { board: { ...board, quorum: describeQuorum(quorumRule(board)) }, members };
}

export async function interestsRegister(db: Database, boardId: number) {
  return db
    .selectFrom("board_members as bm")
    .leftJoin("member_interests as i", "i.member_id", "bm.id")
    .select(["bm.id as member_id", "bm.name", "i.id", "i.kind", "i.description", dateText("i.registered_on").as("registered_on")])
    .where("bm.board_id", "=", boardId)
    .orderBy("bm.name")
    .orderBy("i.id")
    .execute();
}

export const canManageBoard = (actor: Actor, board: { id: number; locality_id: number | null }) => decide(actor, "board.manage", boardTarget(board.id, board.locality_id)).ok;

/** Decisions with their agenda item, meeting, board, locality and the motion voted on (the register and the decision page). */
export function decisionsJoined(db: Database) {
  return db
    .selectFrom("decisions as d")
    .innerJoin("agenda_items as ai", "ai.id", "d.agenda_item_id")
    .innerJoin("meetings as m", "m.id", "d.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .leftJoin("localities as l", "l.id", "b.locality_id")
    .leftJoin("motions as mo", "mo.id", "d.motion_id");
}

/**
 * The public register of decisions across boards. Decisions on exempt items are left out.
 * Filters: board, locality, outcome node (or any node below it), and decision date range.
 */
/** The public register of decisions; `calledIn` marks one whose implementation scrutiny has suspended. */
export async function decisionsRegister(db: Database, input: unknown, options: { limit?: number } = {}) {
  const parsed = validate(decisionFiltersSchema, input);
  const f = parsed.ok ? parsed.value : {};
  let q = decisionsJoined(db)
    .select([
      "d.id", "d.text", "d.reasons", "d.decided_at", "m.id as meeting_id", "m.title as meeting_title", "m.status as meeting_status", "b.name as board_name", "b.slug as board_slug",
      "l.name as locality_name", "ai.position", "ai.title as item_title", "mo.status as motion_status", "mo.votes_for", "mo.votes_against", "mo.abstentions", "mo.casting_vote",
    ])
    .where("ai.kind", "!=", "exempt")
    .orderBy("d.decided_at", "desc")
    .limit(options.limit ?? 200);
  if (f.board) q = q.where("b.id", "=", f.board);
  if (f.locality) q = q.where("b.locality_id", "=", f.locality);
  if (f.from) q = q.where("d.decided_at", ">=", new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where("d.decided_at", "<", new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
  if (f.outcome) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("decision_outcomes as o")
          .select("o.decision_id")
          .whereRef("o.decision_id", "=", "d.id")
          .where(sql<boolean>`o.outcome_node_id IN (WITH RECURSIVE t(id) AS (SELECT ${f.outcome}::int UNION ALL SELECT n.id FROM outcome_nodes n JOIN t ON n.parent_id = t.id) SELECT id FROM t)`),
      ),
    );
  }
  const decisions = await q.execute();
  const ids = decisions.map((d) => d.id);
  const [outcomes, votes, callIns] = await Promise.all([
    ids.length ? db.selectFrom("decision_outcomes as o").innerJoin("outcome_nodes as n", "n.id", "o.outcome_node_id").select(["o.decision_id", "n.id", "n.title"]).where("o.decision_id", "in", ids).execute() : [],
    ids.length
      ? db.selectFrom("votes as v").innerJoin("decisions as d", "d.motion_id", "v.motion_id").innerJoin("board_members as bm", "bm.id", "v.member_id").select(["d.id as decision_id", "bm.name", "v.choice"]).where("d.id", "in", ids).orderBy("bm.name").execute()
      : [],
    ids.length ? db.selectFrom("call_ins").select(["decision_id", "status"]).where("decision_id", "in", ids).execute() : [],
  ]);
  return {
    filters: f,
    errors: parsed.ok ? {} : parsed.errors,
    decisions: decisions.map((d) => ({ ...d, decided_at: d.decided_at.toISOString(), outcomes: outcomes.filter((o) => o.decision_id === d.id), votes: votes.filter((v) => v.decision_id === d.id), calledIn: callIns.some((c) => c.decision_id === d.id && suspends(c.status)) })),
  };
}

export async function decisionFilterOptions(db: Database) {
  const [boards, localities, outcomes] = await Promise.all([
    db.selectFrom("boards").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("localities").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("outcome_nodes").select(["id", "title"]).where("kind", "=", "outcome").where("retired_at", "is", null).orderBy("framework_id").orderBy("position").execute(),
  ]);
  return { boards, localities, outcomes };
}

// ---------------------------------------------------------------------------------------------
// Members and their registered interests (officers)

const optionalDate = dateInput({ label: "Term end date", optional: true });

const memberSchema = z
  .object({
    boardId: rowId(),
    name: z.string({ error: "Enter the member’s name" }).trim().min(1, "Enter the member’s name").max(100, "The name must be 100 characters or fewer"),
    email: z.string().trim().toLowerCase().max(254).optional().default(""),
    role: z.enum(BOARD_MEMBER_ROLES, { error: "Select the member’s role" }),
    kind: z.enum(BOARD_MEMBER_KINDS, { error: "Select who the member represents" }),
    organisation: z.string().trim().max(200).optional().default(""),
    termStart: dateInput({ label: "Term start date", required: "Enter the date the term starts" }),
    termEnd: optionalDate,
  })
  .superRefine((v, ctx) => dateAfter(ctx, v.termEnd, v.termStart, ["termEnd"], "Term end date must be on or after the start date", true));

const interestSchema = z.object({
  boardId: rowId(),
  memberId: rowId("Choose a member"),
  interestKind: z.enum(INTEREST_KINDS, { error: "Select the kind of interest" }),
  interest: z.string({ error: "Describe the interest" }).trim().min(1, "Describe the interest").max(1000, "The description must be 1,000 characters or fewer"),
});

async function managedBoard(db: Database, actor: Actor, boardId: number) {
  const board = await db.selectFrom("boards").select(["id", "locality_id"]).where("id", "=", boardId).executeTakeFirst();
  if (!board) return fail("There is no such board", 404);
  const allowed = decide(actor, "board.manage", boardTarget(board.id, board.locality_id));
  return allowed.ok ? board : fail(allowed.message, 403);
}

/** Voting rights follow the role: co-opted members do not vote. A linked account lets the member vote for themselves. */
export async function addMember(db: Database, actor: Actor, input: unknown): Promise<Result<{ memberId: number }>> {
  const parsed = validate(memberSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const board = await managedBoard(db, actor, v.boardId);
  if ("ok" in board) return board;
  return db.transaction().execute(async (trx) => {
    const user = v.email ? await trx.selectFrom("users").select("id").where("email", "=", v.email).executeTakeFirst() : undefined;
    if (v.email && !user) return fail({ email: "No account uses this email address. Leave it blank, or ask the member to register first" });
    const row = await trx
      .insertInto("board_members")
      .values({ board_id: board.id, user_id: user?.id ?? null, name: v.name, role: v.role, kind: v.kind, organisation: v.organisation, term_start: v.termStart, term_end: v.termEnd, voting: v.role !== "co_opted" })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail({ email: "This person is already a member of the board" }, 409);
    await audit(trx, actor, "board_member.added", `board:${board.id}`, { memberId: row.id });
    return ok({ memberId: row.id });
  });
}

export async function registerInterest(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(interestSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const board = await managedBoard(db, actor, v.boardId);
  if ("ok" in board) return board;
  return db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom("board_members").select("id").where("id", "=", v.memberId).where("board_id", "=", board.id).executeTakeFirst();
    if (!member) return fail({ memberId: "Choose a member of this board" });
    await trx.insertInto("member_interests").values({ member_id: member.id, kind: v.interestKind, description: v.interest }).execute();
    await audit(trx, actor, "member_interest.registered", `board_member:${member.id}`, {});
    return ok(null);
  });
}

const ownInterestSchema = interestSchema.omit({ boardId: true });

/**
 * A member keeps their own register up to date: they add an interest to their own seat (a seat
 * linked to their account, term not ended). Officers record it for anyone (`registerInterest`).
 */
export async function registerOwnInterest(db: Database, actor: Actor, input: unknown): Promise<Result<{ boardId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(ownInterestSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const seat = await trx
      .selectFrom("board_members")
      .select(["id", "board_id"])
      .where("id", "=", v.memberId)
      .where("user_id", "=", actor.user!.id)
      .where(sql<boolean>`(term_end IS NULL OR term_end >= (now() AT TIME ZONE 'Europe/London')::date)`)
      .executeTakeFirst();
    if (!seat) return fail({ memberId: "You can only register interests for your own seat on a board" }, 403);
    await trx.insertInto("member_interests").values({ member_id: seat.id, kind: v.interestKind, description: v.interest }).execute();
    await audit(trx, actor, "member_interest.registered", `board_member:${seat.id}`, { byMember: true });
    return ok({ boardId: seat.board_id });
  });
}

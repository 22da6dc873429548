/**
 * The clerk keeps boards up to date: creates and edits a board (remit, terms of reference, quorum
 * rule, question deadline), and changes or ends a member's membership. Officers only (board.manage
 * for the board, or for its locality when creating one).
 */
import { dateAfter, dateInput } from "../../lib/date-input";
import { z } from "zod";
import { rowId } from "../../lib/fields";
import type { Database } from "../../../db/client";
import { BOARD_MEMBER_KINDS, BOARD_MEMBER_ROLES } from "../../../db/tables/boards";
import { BOARD_KINDS } from "../../../db/tables/governance";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { COUNCIL, decide, type Actor, type Target } from "../permissions/permissions";
import { boardTarget, dateText, describeQuorum } from "./boards.server";

const whole = (message: string) => z.coerce.number({ error: message }).int(message);
const optionalWhole = (message: string) => z.union([z.literal("").transform(() => null), whole(message)]).optional().default(null);

export const boardSchema = z
  .object({
    boardId: z.union([z.literal("").transform(() => null), rowId()]).optional().default(null),
    name: z.string({ error: "Enter the board’s name" }).trim().min(1, "Enter the board’s name").max(200, "The name must be 200 characters or fewer"),
    localityId: z.union([z.literal("").transform(() => null), rowId()]).optional().default(null),
    remit: z.string().trim().max(2000, "The remit must be 2,000 characters or fewer").optional().default(""),
    termsOfReference: z.string().trim().max(20_000, "The terms of reference must be 20,000 characters or fewer").optional().default(""),
    quorumKind: z.enum(["number", "fraction"], { error: "Choose how the quorum is set" }),
    quorumNumber: optionalWhole("Enter the quorum as a whole number, like 3"),
    quorumPercent: optionalWhole("Enter the quorum as a whole percentage, like 50"),
    quorumMinimum: whole("Enter the smallest quorum as a whole number, like 2").min(1, "The smallest quorum must be at least 1").max(100, "The smallest quorum must be 100 or fewer"),
    questionDeadlineDays: whole("Enter the number of days as a whole number").min(0, "Enter 0 days or more").max(30, "Enter 30 days or fewer"),
    /** A decision-making or a scrutiny board (issue 17); left out, an existing board keeps its kind. */
    boardKind: z.enum(BOARD_KINDS, { error: "Choose what kind of board it is" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.quorumKind === "number") {
      if (v.quorumNumber === null || v.quorumNumber < 1) ctx.addIssue({ code: "custom", path: ["quorumNumber"], message: "Enter how many voting members make a quorum, 1 or more" });
      else if (v.quorumNumber < v.quorumMinimum) ctx.addIssue({ code: "custom", path: ["quorumMinimum"], message: "The smallest quorum cannot be more than the quorum" });
    } else if (v.quorumPercent === null || v.quorumPercent < 1 || v.quorumPercent > 100) {
      ctx.addIssue({ code: "custom", path: ["quorumPercent"], message: "Enter a percentage of voting members from 1 to 100" });
    }
  });

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "board";

const localityTarget = (localityId: number | null): Target => (localityId ? { kind: "locality", localityId } : COUNCIL);

/** Create (no boardId) or edit a board. A new board's address comes from its name. */
export async function saveBoard(db: Database, actor: Actor, input: unknown): Promise<Result<{ boardId: number; slug: string }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(boardSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const existing = v.boardId ? await db.selectFrom("boards").select(["id", "slug", "locality_id"]).where("id", "=", v.boardId).executeTakeFirst() : null;
  if (v.boardId && !existing) return fail("There is no such board", 404);
  const may = [existing ? boardTarget(existing.id, existing.locality_id) : null, localityTarget(v.localityId)].filter((t): t is Target => t !== null);
  for (const target of may) {
    const allowed = decide(actor, "board.manage", target);
    if (!allowed.ok) return fail(allowed.message, 403);
  }
  if (v.localityId && !(await db.selectFrom("localities").select("id").where("id", "=", v.localityId).executeTakeFirst())) return fail({ localityId: "Choose a locality from the list" });
  const fields = {
    name: v.name,
    locality_id: v.localityId,
    remit: v.remit,
    terms_of_reference: v.termsOfReference,
    quorum_number: v.quorumKind === "number" ? v.quorumNumber : null,
    quorum_fraction: v.quorumKind === "fraction" ? (v.quorumPercent! / 100).toFixed(3) : null,
    quorum_minimum: v.quorumMinimum,
    question_deadline_days: v.questionDeadlineDays,
    ...(v.boardKind ? { kind: v.boardKind } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom("boards").select("id").where((eb) => eb.or([eb("name", "=", v.name), ...(existing ? [] : [eb("slug", "=", slugOf(v.name))])])).$if(Boolean(existing), (q) => q.where("id", "!=", existing!.id)).executeTakeFirst();
    if (clash) return fail({ name: "Another board has this name (or one too like it): choose another" }, 409);
    if (existing) {
      await trx.updateTable("boards").set(fields).where("id", "=", existing.id).execute();
      await audit(trx, actor, "board.edited", `board:${existing.id}`, { quorum: describeQuorum({ number: fields.quorum_number, fraction: fields.quorum_fraction === null ? null : Number(fields.quorum_fraction), minimum: fields.quorum_minimum }) });
      return ok({ boardId: existing.id, slug: existing.slug });
    }
    const row = await trx.insertInto("boards").values({ ...fields, slug: slugOf(v.name) }).returning(["id", "slug"]).executeTakeFirstOrThrow();
    await audit(trx, actor, "board.created", `board:${row.id}`, {});
    return ok({ boardId: row.id, slug: row.slug });
  });
}

/** The board form's current values (for editing), or null. */
export async function boardForEditing(db: Database, slug: string) {
  const b = await db.selectFrom("boards").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!b) return null;
  return {
    board: b,
    values: {
      boardId: String(b.id),
      name: b.name,
      localityId: b.locality_id === null ? "" : String(b.locality_id),
      remit: b.remit,
      termsOfReference: b.terms_of_reference,
      quorumKind: b.quorum_number !== null ? "number" : "fraction",
      quorumNumber: b.quorum_number === null ? "" : String(b.quorum_number),
      quorumPercent: b.quorum_fraction === null ? "" : String(Math.round(Number(b.quorum_fraction) * 100)),
      quorumMinimum: String(b.quorum_minimum),
      questionDeadlineDays: String(b.question_deadline_days),
      boardKind: b.kind,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Memberships

const optionalDate = dateInput({ label: "Term end date", optional: true });

const memberChangeSchema = z
  .object({
    boardId: rowId(),
    memberId: rowId(),
    role: z.enum(BOARD_MEMBER_ROLES, { error: "Select the member’s role" }),
    kind: z.enum(BOARD_MEMBER_KINDS, { error: "Select who the member represents" }),
    organisation: z.string().trim().max(200, "The organisation must be 200 characters or fewer").optional().default(""),
    termStart: dateInput({ label: "Term start date", required: "Enter the date the term starts" }),
    termEnd: optionalDate,
  })
  .superRefine((v, ctx) => dateAfter(ctx, v.termEnd, v.termStart, ["termEnd"], "Term end date must be on or after the start date", true));

const endMembershipSchema = z.object({
  boardId: rowId(),
  memberId: rowId(),
  endOn: dateInput({ label: "Last day of the membership", required: "Enter the last day of the membership" }),
});

async function memberOfManagedBoard(db: Database, actor: Actor, boardId: number, memberId: number) {
  const row = await db
    .selectFrom("board_members as bm")
    .innerJoin("boards as b", "b.id", "bm.board_id")
    .select(["bm.id", "bm.name", "bm.role", "bm.board_id", "b.locality_id", dateText("bm.term_start").as("term_start"), dateText("bm.term_end").as("term_end")])
    .where("bm.id", "=", memberId)
    .where("bm.board_id", "=", boardId)
    .executeTakeFirst();
  if (!row) return fail("There is no such member of this board", 404);
  const allowed = decide(actor, "board.manage", boardTarget(row.board_id, row.locality_id));
  return allowed.ok ? row : fail(allowed.message, 403);
}

/** Change a member's role, kind, organisation and term. Voting follows the role (co-opted members do not vote). */
export async function changeMember(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(memberChangeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const member = await memberOfManagedBoard(db, actor, v.boardId, v.memberId);
  if ("ok" in member) return member;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("board_members")
      .set({ role: v.role, kind: v.kind, organisation: v.organisation, term_start: v.termStart, term_end: v.termEnd, voting: v.role !== "co_opted" })
      .where("id", "=", member.id)
      .execute();
    await audit(trx, actor, "board_member.changed", `board:${member.board_id}`, { memberId: member.id, role: v.role, termEnd: v.termEnd });
    return ok(null);
  });
}

/** End a membership on a day (not before it started); the record of past meetings keeps the member. */
export async function endMembership(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(endMembershipSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const member = await memberOfManagedBoard(db, actor, v.boardId, v.memberId);
  if ("ok" in member) return member;
  if (v.endOn < member.term_start) return fail({ endOn: `The membership cannot end before it started (${member.term_start})` });
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("board_members").set({ term_end: v.endOn }).where("id", "=", member.id).execute();
    await audit(trx, actor, "board_member.ended", `board:${member.board_id}`, { memberId: member.id, endOn: v.endOn });
    return ok(null);
  });
}

/** One member as the change form shows them. */
export async function memberForEditing(db: Database, actor: Actor, boardId: number, memberId: number) {
  const member = await memberOfManagedBoard(db, actor, boardId, memberId);
  if ("ok" in member) return member;
  const full = await db.selectFrom("board_members").select(["kind", "organisation"]).where("id", "=", member.id).executeTakeFirstOrThrow();
  return ok({ ...member, ...full });
}

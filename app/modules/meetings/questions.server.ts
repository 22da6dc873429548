/**
 * Public questions: a signed-in resident asks before the board's deadline (a number of days
 * before the meeting); the clerk accepts (with the answer) or rejects (with a reason). Accepted
 * questions and answers appear under the agenda's public questions item.
 */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget } from "../boards/boards.server";
import { decide, type Actor } from "../permissions/permissions";
import { formatDateTime } from "./format";

const askSchema = z.object({
  meetingId: rowId(),
  question: z.string({ error: "Enter your question" }).trim().min(1, "Enter your question").max(2000, "Your question must be 2,000 characters or fewer"),
});

const reviewSchema = z
  .object({
    questionId: rowId(),
    verdict: z.enum(["accepted", "rejected"], { error: "Choose accept or reject" }),
    answer: z.string().trim().max(4000).optional().default(""),
    rejectionReason: z.string().trim().max(1000).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.verdict === "rejected" && !v.rejectionReason) ctx.addIssue({ code: "custom", path: ["rejectionReason"], message: "Enter the reason the question is rejected" });
  });

export function questionDeadline(startsAt: Date, days: number): Date {
  return new Date(startsAt.getTime() - days * 86_400_000);
}

export async function askQuestion(db: Database, actor: Actor, input: unknown, now = new Date()): Promise<Result<{ questionId: number }>> {
  const allowed = decide(actor, "consultation.respond");
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(askSchema, input);
  if (!parsed.ok) return parsed;
  const meeting = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.status", "m.starts_at", "b.question_deadline_days"])
    .where("m.id", "=", parsed.value.meetingId)
    .executeTakeFirst();
  if (!meeting || meeting.status !== "agenda_published") return fail("Questions can only be asked once the agenda is published and before the meeting", 409);
  const deadline = questionDeadline(meeting.starts_at, meeting.question_deadline_days);
  if (now > deadline) return fail({ question: `Questions for this meeting closed on ${formatDateTime(deadline)}` }, 409);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("public_questions").values({ meeting_id: meeting.id, asked_by: actor.user!.id, question: parsed.value.question, rejection_reason: null, answer: null }).returning("id").executeTakeFirstOrThrow();
    return ok({ questionId: row.id });
  });
}

export async function reviewQuestion(db: Database, actor: Actor, input: unknown): Promise<Result<{ meetingId: number; events: [] }>> {
  const parsed = validate(reviewSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const q = await trx
      .selectFrom("public_questions as q")
      .innerJoin("meetings as m", "m.id", "q.meeting_id")
      .innerJoin("boards as b", "b.id", "m.board_id")
      .select(["q.id", "q.meeting_id", "b.id as board_id", "b.locality_id"])
      .where("q.id", "=", v.questionId)
      .forUpdate("q")
      .executeTakeFirst();
    if (!q) return fail("There is no such question", 404);
    const allowed = decide(actor, "board.manage", boardTarget(q.board_id, q.locality_id));
    if (!allowed.ok) return fail(allowed.message, 403);
    await trx
      .updateTable("public_questions")
      .set({ status: v.verdict, answer: v.verdict === "accepted" ? v.answer || null : null, rejection_reason: v.verdict === "rejected" ? v.rejectionReason : null })
      .where("id", "=", q.id)
      .execute();
    await audit(trx, actor, `public_question.${v.verdict}`, `public_question:${q.id}`, {});
    return ok({ meetingId: q.meeting_id, events: [] });
  });
}

/** Accepted questions (public), or all of them (for the clerk). */
export function listQuestions(db: Database, meetingId: number, options: { all: boolean }) {
  let q = db
    .selectFrom("public_questions as q")
    .innerJoin("users as u", "u.id", "q.asked_by")
    .select(["q.id", "q.question", "q.status", "q.answer", "q.rejection_reason", "u.display_name"])
    .where("q.meeting_id", "=", meetingId)
    .orderBy("q.id");
  if (!options.all) q = q.where("q.status", "=", "accepted");
  return q.execute();
}

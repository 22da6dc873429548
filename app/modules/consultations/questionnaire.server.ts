/**
 * Consultations, officer side: ordered sections and questions, while they may still change.
 */
import type { Database } from "../../../db/client";
import type { ConsultationStatus } from "../../../db/tables/consultations";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { type Actor } from "../permissions/permissions";
import { questionSchema, QUESTIONS_LOCKED, sectionSchema } from "./schema";
import { isClosed } from "./transitions";
import { isRowId } from "../../lib/ids";
import { type ConsultationRow, type SectionView, consultationFor, loadQuestionnaire } from "./read.server";

// ---------------------------------------------------------------- officer: questions

export async function responseCount(db: Database, consultationId: number): Promise<number> {
  const row = await db.selectFrom("consultation_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", consultationId).executeTakeFirstOrThrow();
  return Number(row.n);
}


async function editableQuestionnaire(db: Database, actor: Actor, id: number): Promise<Result<ConsultationRow>> {
  const found = await consultationFor(db, actor, id, "consultation.manage");
  if (!found.ok) return found;
  if (await questionsLocked(db, found.value)) return fail(QUESTIONS_LOCKED, 409);
  return found;
}

/** Questions can no longer change once the consultation has closed or anyone has started responding. */
export async function questionsLocked(db: Database, c: { id: number; status: ConsultationStatus }): Promise<boolean> {
  return isClosed(c.status) || (await responseCount(db, c.id)) > 0;
}

export async function addSection(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<{ id: number }>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const parsed = validate(sectionSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom("consultation_sections").select((eb) => eb.fn.max("position").as("p")).where("consultation_id", "=", consultationId).executeTakeFirst();
    const row = await trx
      .insertInto("consultation_sections")
      .values({ consultation_id: consultationId, position: Number(last?.p ?? 0) + 1, title: parsed.value.title, intro: parsed.value.intro })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "consultation.section_added", `consultation:${consultationId}`, { sectionId: row.id });
    return ok({ id: row.id });
  });
}

export async function addQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<{ id: number }>> {
  const checked = await checkedQuestion(db, actor, consultationId, input);
  if (!checked.ok) return checked;
  const q = checked.value;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consultation_questions")
      .values({ consultation_id: consultationId, section_id: q.sectionId, position: await nextPosition(trx, q.sectionId), ...questionColumns(q) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeOptions(trx, row.id, q);
    await audit(trx, actor, "consultation.question_added", `consultation:${consultationId}`, { questionId: row.id });
    return ok({ id: row.id });
  });
}

type QuestionInput = import("zod").output<typeof questionSchema>;

/** A question for this consultation's questionnaire: still editable, valid, on one of its pages. */
async function checkedQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<QuestionInput>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const parsed = validate(questionSchema, input);
  if (!parsed.ok) return parsed;
  const section = await db.selectFrom("consultation_sections").select("id").where("id", "=", parsed.value.sectionId).where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!section) return fail({ sectionId: "Select a section of this consultation" });
  return parsed;
}

/** The stored columns of a validated question (limits only for the kinds they apply to). */
const questionColumns = (q: QuestionInput) => ({
  kind: q.kind,
  prompt: q.prompt,
  help_text: q.helpText,
  required: q.required,
  max_length: q.kind === "free_text" ? (q.maxLength ?? 2000) : null,
  min_number: q.kind === "number" ? q.minNumber : null,
  max_number: q.kind === "number" ? q.maxNumber : null,
});

async function nextPosition(db: Database, sectionId: number): Promise<number> {
  const last = await db.selectFrom("consultation_questions").select((eb) => eb.fn.max("position").as("p")).where("section_id", "=", sectionId).executeTakeFirst();
  return Number(last?.p ?? 0) + 1;
}

/** Replace a question's options with the validated ones (choice and ranking kinds only). */
async function writeOptions(db: Database, questionId: number, q: QuestionInput) {
  await db.deleteFrom("consultation_question_options").where("question_id", "=", questionId).execute();
  if (["single_choice", "multiple_choice", "ranking"].includes(q.kind)) {
    await db.insertInto("consultation_question_options").values(q.options.map((label, i) => ({ question_id: questionId, position: i + 1, label }))).execute();
  }
}

/** A question as its change form starts, or null when it is not in this consultation. */
export async function questionFormValues(db: Database, consultationId: number, questionId: number): Promise<Record<string, string> | null> {
  return isRowId(questionId) ? questionValues(await loadQuestionnaire(db, consultationId), questionId) : null;
}

/** The change form's values for one question of a loaded questionnaire, or null when it has none such. */
export function questionValues(sections: SectionView[], questionId: number): Record<string, string> | null {
  const q = sections.flatMap((s) => s.questions).find((x) => x.id === questionId);
  if (!q) return null;
  return {
    sectionId: String(q.sectionId),
    kind: q.kind,
    prompt: q.prompt,
    helpText: q.helpText,
    required: q.required ? "yes" : "",
    options: q.options.map((o) => o.label).join("\n"),
    maxLength: q.maxLength === null ? "" : String(q.maxLength),
    minNumber: q.minNumber === null ? "" : String(q.minNumber),
    maxNumber: q.maxNumber === null ? "" : String(q.maxNumber),
  };
}

/**
 * Change a question (wording, type, options, limits, page) while no response exists. Moving it to
 * another page puts it last there. Options are replaced: safe because nobody has answered yet.
 */
export async function updateQuestion(db: Database, actor: Actor, consultationId: number, questionId: number, input: unknown): Promise<Result<null>> {
  const checked = await checkedQuestion(db, actor, consultationId, input);
  if (!checked.ok) return checked;
  const q = checked.value;
  return db.transaction().execute(async (trx) => {
    const current = isRowId(questionId)
      ? await trx.selectFrom("consultation_questions").select(["id", "section_id"]).where("id", "=", questionId).where("consultation_id", "=", consultationId).forUpdate().executeTakeFirst()
      : undefined;
    if (!current) return fail("That question does not exist", 404);
    const position = current.section_id === q.sectionId ? {} : { position: await nextPosition(trx, q.sectionId) };
    await trx.updateTable("consultation_questions").set({ section_id: q.sectionId, ...position, ...questionColumns(q) }).where("id", "=", questionId).execute();
    await writeOptions(trx, questionId, q);
    await audit(trx, actor, "consultation.question_changed", `consultation:${consultationId}`, { questionId });
    return ok(null);
  });
}

/** Move a question one place up or down within its page (before any response exists). */
export async function moveQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<null>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const questionId = Number((input as { questionId?: unknown } | null)?.questionId);
  const direction = (input as { direction?: unknown } | null)?.direction;
  if (!isRowId(questionId)) return fail("That question does not exist", 404);
  if (direction !== "up" && direction !== "down") return fail("Choose whether to move the question up or down");
  return db.transaction().execute(async (trx) => {
    const question = await trx
      .selectFrom("consultation_questions")
      .select(["id", "section_id", "position"])
      .where("id", "=", questionId)
      .where("consultation_id", "=", consultationId)
      .forUpdate()
      .executeTakeFirst();
    if (!question) return fail("That question does not exist", 404);
    const neighbour = await trx
      .selectFrom("consultation_questions")
      .select(["id", "position"])
      .where("section_id", "=", question.section_id)
      .where("position", direction === "up" ? "<" : ">", question.position)
      .orderBy("position", direction === "up" ? "desc" : "asc")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!neighbour) return fail(`This question is already the ${direction === "up" ? "first" : "last"} on its page`, 409);
    await trx.updateTable("consultation_questions").set({ position: neighbour.position }).where("id", "=", question.id).execute();
    await trx.updateTable("consultation_questions").set({ position: question.position }).where("id", "=", neighbour.id).execute();
    await audit(trx, actor, "consultation.question_moved", `consultation:${consultationId}`, { questionId, direction });
    return ok(null);
  });
}

export async function deleteQuestion(db: Database, actor: Actor, consultationId: number, input: unknown): Promise<Result<null>> {
  const found = await editableQuestionnaire(db, actor, consultationId);
  if (!found.ok) return found;
  const questionId = Number((input as { questionId?: unknown })?.questionId);
  if (!isRowId(questionId)) return fail("That question does not exist", 404);
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("consultation_questions").where("id", "=", questionId).where("consultation_id", "=", consultationId).executeTakeFirst();
    if (!gone.numDeletedRows) return fail("That question does not exist", 404);
    await audit(trx, actor, "consultation.question_removed", `consultation:${consultationId}`, { questionId });
    return ok(null);
  });
}

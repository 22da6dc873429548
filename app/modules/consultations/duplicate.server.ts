/**
 * "Duplicate consultation": an officer starts a new consultation from an earlier one. The copy is
 * a draft with the same details, localities, outcomes, pages and questions (with their options),
 * made in one transaction. Dates, responses, results, themes and documents are not copied: the
 * copy is a new consultation that has not happened yet. Who made it and when is recorded in its
 * status history ("Duplicated from …") and in the audit log.
 */
import type { Database } from "../../../db/client";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { decide, type Actor } from "../permissions/permissions";
import { consultationFor, targetOf } from "./consultations.server";

/** The longest title a consultation may have (consultationDetailsSchema). */
const MAX_TITLE = 200;

export function copyTitle(title: string): string {
  const t = `Copy of ${title}`;
  return t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
}

export async function duplicateConsultation(db: Database, actor: Actor, sourceId: number): Promise<Result<{ id: number; title: string }>> {
  if (!actor.user) return fail("Sign in to duplicate a consultation", 403);
  const found = await consultationFor(db, actor, sourceId, "consultation.manage");
  if (!found.ok) return found;
  // The copy covers the same places, so the officer must be allowed to manage a consultation there.
  const allowed = decide(actor, "consultation.manage", targetOf(found.value));
  if (!allowed.ok) return fail(allowed.message, 403);
  const userId = actor.user.id;
  return db.transaction().execute(async (trx) => {
    // Read the source inside the transaction (a question edited meanwhile is copied whole or not at all).
    const src = await trx.selectFrom("consultations").selectAll().where("id", "=", sourceId).forShare().executeTakeFirstOrThrow();
    const title = copyTitle(src.title);
    const created = await trx
      .insertInto("consultations")
      .values({
        title,
        summary: src.summary,
        background: src.background,
        proposal: src.proposal,
        no_decision_statement: src.no_decision_statement,
        options_considered: src.options_considered,
        who_is_consulted: src.who_is_consulted,
        how_responses_used: src.how_responses_used,
        privacy_notice: src.privacy_notice,
        contact: src.contact,
        whole_council: src.whole_council,
        opens_at: null,
        closes_at: null,
        retention_until: null,
        created_by: userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = created.id;
    await trx
      .insertInto("consultation_localities")
      .columns(["consultation_id", "locality_id"])
      .expression((eb) => eb.selectFrom("consultation_localities").select([eb.val(id).as("consultation_id"), "locality_id"]).where("consultation_id", "=", sourceId))
      .execute();
    await trx
      .insertInto("consultation_outcomes")
      .columns(["consultation_id", "outcome_node_id"])
      .expression((eb) => eb.selectFrom("consultation_outcomes").select([eb.val(id).as("consultation_id"), "outcome_node_id"]).where("consultation_id", "=", sourceId))
      .execute();

    const sections = await trx.selectFrom("consultation_sections").selectAll().where("consultation_id", "=", sourceId).orderBy("position").orderBy("id").execute();
    const questions = await trx.selectFrom("consultation_questions").selectAll().where("consultation_id", "=", sourceId).orderBy("position").orderBy("id").execute();
    const options = questions.length
      ? await trx.selectFrom("consultation_question_options").selectAll().where("question_id", "in", questions.map((q) => q.id)).orderBy("position").orderBy("id").execute()
      : [];
    let copiedQuestions = 0;
    for (const s of sections) {
      const section = await trx.insertInto("consultation_sections").values({ consultation_id: id, position: s.position, title: s.title, intro: s.intro }).returning("id").executeTakeFirstOrThrow();
      for (const q of questions.filter((x) => x.section_id === s.id)) {
        const question = await trx
          .insertInto("consultation_questions")
          .values({
            consultation_id: id,
            section_id: section.id,
            position: q.position,
            kind: q.kind,
            prompt: q.prompt,
            help_text: q.help_text,
            required: q.required,
            max_length: q.max_length,
            min_number: q.min_number,
            max_number: q.max_number,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        copiedQuestions++;
        const mine = options.filter((o) => o.question_id === q.id);
        if (mine.length) await trx.insertInto("consultation_question_options").values(mine.map((o) => ({ question_id: question.id, position: o.position, label: o.label }))).execute();
      }
    }
    await trx
      .insertInto("consultation_status_changes")
      .values({ consultation_id: id, from_status: null, to_status: "draft", changed_by: userId, reason: `Duplicated from “${src.title}” (consultation ${sourceId})` })
      .execute();
    await audit(trx, actor, "consultation.duplicated", `consultation:${id}`, { from: sourceId, title, sections: sections.length, questions: copiedQuestions });
    return ok({ id, title });
  });
}

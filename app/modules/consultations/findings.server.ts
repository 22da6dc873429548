/**
 * Consultation results become evidence in one step (docs/golden-thread.md): an officer who may
 * manage a closed consultation adds its finding to the evidence library with
 * `addConsultationFinding()`, prefilled from the consultation (responses, key themes, linked
 * outcomes, locality, the dates it ran). Once only: afterwards the consultation links to it.
 */
import { dateInput } from "../../lib/date-input";
import { z } from "zod";
import { rowId, rowIds } from "../../lib/fields";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { clipText } from "../../lib/input-limits";
import { fail, ok, type Result } from "../../lib/result";
import { addConsultationFinding, mayViewInternal } from "../evidence/evidence.server";
import type { Actor } from "../permissions/permissions";
import { themeCounts } from "./analysis.server";
import { consultationFor, type ConsultationRow } from "./consultations.server";
import { londonDay } from "../calendar/days";
import { effectiveStatus } from "./transitions";
import { isClosed } from "./discussion.server";

const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** The form's fields; what they may contain is checked by the evidence library's own schema. */
export const findingFormSchema = z.object({
  title: z.string().default(""),
  summary: z.string().default(""),
  sourceUrl: z.string().default(""),
  periodStart: dateInput({ label: "Opening date", required: "Enter the date the consultation opened" }),
  periodEnd: dateInput({ label: "Closing date", optional: true }).transform((v) => v ?? ""),
  localityId: z.preprocess(blankToNull, rowId("Choose an area from the list").nullable()),
  visibility: z.enum(["public", "internal"], { error: "Select who can see it" }),
  outcomeNodeIds: rowIds("Choose outcomes from the list"),
});

/** The evidence item a consultation's results became, if any (by the citation addConsultationFinding wrote). */
async function findingRow(db: Database, consultationId: number) {
  return db
    .selectFrom("evidence_citations as c")
    .innerJoin("evidence_items as e", "e.id", "c.evidence_item_id")
    .select(["e.id", "e.title", "e.visibility"])
    .where("c.citing_kind", "=", "consultation")
    .where("c.citing_id", "=", consultationId)
    .where("e.type", "=", "consultation_finding")
    .orderBy("e.id")
    .executeTakeFirst();
}

/** The finding as this actor may see it (internal findings only for those who may view internal evidence). */
export async function findingOf(db: Database, actor: Actor, consultationId: number): Promise<{ id: number; title: string } | null> {
  const row = await findingRow(db, consultationId);
  if (!row || (row.visibility === "internal" && !mayViewInternal(actor))) return null;
  return { id: row.id, title: row.title };
}

function notClosedYet(c: ConsultationRow, now: Date) {
  return isClosed(effectiveStatus(c, now)) ? null : fail("A consultation's results can be added to the evidence library once it has closed", 409);
}

/** The form's starting values, as the form posts them. */
export type FindingValues = {
  title: string;
  summary: string;
  sourceUrl: string;
  periodStart: string;
  periodEnd: string;
  localityId: string;
  visibility: "public" | "internal";
  outcomeNodeIds: string[];
};

export type FindingForm = { recorded: { id: number; title: string } } | { recorded: null; values: FindingValues };

/** What the officer's form starts with, or the finding already recorded. */
export async function findingForm(db: Database, actor: Actor, consultationId: number, resultsUrl: string, now = new Date()): Promise<Result<FindingForm>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.manage");
  if (!found.ok) return found;
  const c = found.value;
  const recorded = await findingRow(db, c.id);
  if (recorded) return ok({ recorded: { id: recorded.id, title: recorded.title } });
  const refused = notClosedYet(c, now);
  if (refused) return refused;
  const [submitted, themes, outcomes] = await Promise.all([
    db.selectFrom("consultation_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", c.id).where("status", "=", "submitted").executeTakeFirstOrThrow(),
    themeCounts(db, c.id),
    db.selectFrom("consultation_outcomes").select("outcome_node_id").where("consultation_id", "=", c.id).orderBy("outcome_node_id").execute(),
  ]);
  const total = Number(submitted.n);
  const keyThemes = [...themes].sort((a, b) => Number(b.responses) - Number(a.responses)).map((t) => `${t.name} (${t.responses})`);
  const summary = [
    `${total} ${total === 1 ? "response" : "responses"}${c.whole_council || !c.localities.length ? "" : ` from ${c.localities.map((l) => l.name).join(", ")}`}.`,
    keyThemes.length ? `Key themes: ${keyThemes.join("; ")}.` : "",
    c.results_summary ? `What people told us: ${c.results_summary}` : "",
    c.decision ? `What we did: ${c.decision}` : "",
  ].filter(Boolean).join("\n\n");
  return ok({
    recorded: null,
    values: {
      title: clipText(`${c.title}: what residents told us`, 200),
      summary: clipText(summary, 5000),
      sourceUrl: resultsUrl,
      periodStart: c.opens_at ? londonDay(c.opens_at) : "",
      periodEnd: c.closes_at ? londonDay(c.closes_at) : "",
      localityId: !c.whole_council && c.localityIds.length === 1 ? String(c.localityIds[0]) : "",
      visibility: "public",
      outcomeNodeIds: outcomes.map((o) => String(o.outcome_node_id)),
    },
  });
}

/**
 * Add the consultation's results to the evidence library, once. The consultation row stays
 * locked until the finding has committed, so two officers pressing the button together make one
 * finding: the second waits, then sees the first and is refused.
 */
export async function recordConsultationFinding(db: Database, actor: Actor, consultationId: number, input: unknown, now = new Date()): Promise<Result<{ evidenceId: number }>> {
  const found = await consultationFor(db, actor, consultationId, "consultation.manage");
  if (!found.ok) return found;
  const refused = notClosedYet(found.value, now);
  if (refused) return refused;
  const parsed = validate(findingFormSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("consultations").select("id").where("id", "=", consultationId).forUpdate().executeTakeFirstOrThrow();
    if (await findingRow(trx, consultationId)) return fail("This consultation's results are already in the evidence library", 409);
    // addConsultationFinding writes in its own transaction (on another connection) and commits
    // before this lock is released.
    return addConsultationFinding(db, actor, { consultationId, ...parsed.value });
  });
}

/**
 * Consultations on the golden thread (docs/golden-thread.md): outcome, locality and evidence
 * pages list the consultations linked to an outcome (the outcomes chosen on the consultation,
 * and those its finding was tagged with) and the consultations that cite an evidence item.
 * Drafts are shown only to officers who may manage them; nobody else learns they exist.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/client";
import type { DB } from "../../../db/schema";
import type { ThreadItem, ThreadProvider } from "../evidence/thread-provider.server";
import { byOutcome, outcomeGroups } from "../evidence/thread-groups.server";
import { decide, type Actor } from "../permissions/permissions";
import { targetOf } from "./consultations.server";
import { formatLondonDate } from "../../lib/london-time";
import { effectiveStatus } from "./transitions";

type ConsultationEb = ExpressionBuilder<DB & { c: DB["consultations"] }, "c">;

function inLocality(eb: ConsultationEb, localityId: number) {
  return eb.or([
    eb("c.whole_council", "=", true),
    eb.exists(eb.selectFrom("consultation_localities as cl").select("cl.consultation_id").whereRef("cl.consultation_id", "=", "c.id").where("cl.locality_id", "=", localityId)),
  ]);
}

/** Linked to one of the outcome `tq`'s nodes (tq from outcomeGroups): chosen on the consultation, or its finding tagged there. */
function linkedToOutcomeOf(eb: ExpressionBuilder<DB & { c: DB["consultations"]; tq: { outcome_id: number; node_ids: number[] } }, "c" | "tq">) {
  return eb.or([
    eb.exists(eb.selectFrom("consultation_outcomes as co").select("co.consultation_id").whereRef("co.consultation_id", "=", "c.id").where("co.outcome_node_id", "=", eb.fn.any("tq.node_ids"))),
    eb.exists(
      eb
        .selectFrom("outcome_links as k")
        .select("k.citing_id")
        .where("k.citing_kind", "=", "consultation")
        .whereRef("k.citing_id", "=", "c.id")
        .where("k.outcome_node_id", "=", eb.fn.any("tq.node_ids")),
    ),
  ]);
}

/** The consultation columns a thread item needs, with its localities (to decide who may see a draft). */
function consultationRows(db: Database) {
  return db
    .selectFrom("consultations as c")
    .select(["c.id", "c.title", "c.status", "c.opens_at", "c.closes_at", "c.whole_council"])
    .select((eb) => eb.fn.coalesce(eb.selectFrom("consultation_localities as cl").select(sql<number[]>`array_agg(cl.locality_id)`.as("ids")).whereRef("cl.consultation_id", "=", "c.id"), sql<number[]>`'{}'::int[]`).as("locality_ids"))
    .orderBy("c.closes_at", "desc")
    .orderBy("c.id", "desc");
}

type ConsultationRow = Awaited<ReturnType<ReturnType<typeof consultationRows>["execute"]>>[number];

/** A consultation as a thread item, or null when this actor may not see it (a draft they may not manage). */
function consultationItem(actor: Actor, r: ConsultationRow, now: Date): ThreadItem | null {
  const status = effectiveStatus(r, now);
  if (status === "draft" && !decide(actor, "consultation.manage", targetOf({ whole_council: r.whole_council, localityIds: r.locality_ids })).ok) return null;
  const detail =
    status === "open" ? `Consultation, open until ${formatLondonDate(r.closes_at)}`
    : status === "scheduled" ? `Consultation, opens ${formatLondonDate(r.opens_at)}`
    : status === "draft" ? "Consultation, draft (only officers can see it)"
    : `Consultation, closed ${formatLondonDate(r.closes_at)}${status === "results_published" ? ": results published" : ""}`;
  const href = status === "results_published" ? `/consultations/${r.id}/results` : `/consultations/${r.id}`;
  return { kind: "consultation", title: r.title, href, detail };
}

export const consultationThreadProvider: ThreadProvider = {
  kind: "consultation",
  label: "Consultations",
  async linkedTo(db, { outcomes, localityId, actor }) {
    const rows = await consultationRows(db)
      .innerJoin(outcomeGroups(outcomes), (join) => join.on(linkedToOutcomeOf))
      .select("tq.outcome_id")
      .$if(localityId !== null, (q) => q.where((eb) => inLocality(eb, localityId!)))
      .execute();
    const now = new Date();
    return byOutcome(outcomes, rows, (r) => consultationItem(actor, r, now));
  },
  async citing(db, { evidenceItemId, actor }) {
    const rows = await consultationRows(db)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("evidence_citations as ec")
            .select("ec.citing_id")
            .where("ec.citing_kind", "=", "consultation")
            .whereRef("ec.citing_id", "=", "c.id")
            .where("ec.evidence_item_id", "=", evidenceItemId),
        ),
      )
      .execute();
    const now = new Date();
    return rows.flatMap((r) => consultationItem(actor, r, now) ?? []);
  },
};

/**
 * Consultations on the golden thread (docs/golden-thread.md): outcome, locality and evidence
 * pages list the consultations linked to an outcome (the outcomes chosen on the consultation,
 * and those its finding was tagged with) and the consultations that cite an evidence item.
 * Drafts are shown only to officers who may manage them; nobody else learns they exist.
 */
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database } from "../../../db/client";
import type { DB } from "../../../db/schema";
import type { ThreadItem, ThreadProvider } from "../evidence/thread.server";
import { decide, type Actor } from "../permissions/permissions";
import { targetOf } from "./consultations.server";
import { formatLondonDate } from "./london-time";
import { effectiveStatus } from "./transitions";

type ConsultationEb = ExpressionBuilder<DB & { c: DB["consultations"] }, "c">;

function inLocality(eb: ConsultationEb, localityId: number) {
  return eb.or([
    eb("c.whole_council", "=", true),
    eb.exists(eb.selectFrom("consultation_localities as cl").select("cl.consultation_id").whereRef("cl.consultation_id", "=", "c.id").where("cl.locality_id", "=", localityId)),
  ]);
}

function linkedToOutcomes(eb: ConsultationEb, outcomeNodeIds: number[]) {
  return eb.or([
    eb.exists(eb.selectFrom("consultation_outcomes as co").select("co.consultation_id").whereRef("co.consultation_id", "=", "c.id").where("co.outcome_node_id", "in", outcomeNodeIds)),
    eb.exists(
      eb
        .selectFrom("outcome_links as k")
        .select("k.citing_id")
        .where("k.citing_kind", "=", "consultation")
        .whereRef("k.citing_id", "=", "c.id")
        .where("k.outcome_node_id", "in", outcomeNodeIds),
    ),
  ]);
}

/** The consultations matching `where`, as thread items, without the ones this actor may not see. */
async function consultationItems(db: Database, actor: Actor, where: (eb: ConsultationEb) => Expression<SqlBool>): Promise<ThreadItem[]> {
  const rows = await db
    .selectFrom("consultations as c")
    .select(["c.id", "c.title", "c.status", "c.opens_at", "c.closes_at", "c.whole_council"])
    .where(where)
    .orderBy("c.closes_at", "desc")
    .orderBy("c.id", "desc")
    .execute();
  if (!rows.length) return [];
  const localities = await db.selectFrom("consultation_localities").select(["consultation_id", "locality_id"]).where("consultation_id", "in", rows.map((r) => r.id)).execute();
  const now = new Date();
  return rows.flatMap((r) => {
    const status = effectiveStatus(r, now);
    const localityIds = localities.filter((l) => l.consultation_id === r.id).map((l) => l.locality_id);
    if (status === "draft" && !decide(actor, "consultation.manage", targetOf({ whole_council: r.whole_council, localityIds })).ok) return [];
    const detail =
      status === "open" ? `Consultation, open until ${formatLondonDate(r.closes_at)}`
      : status === "scheduled" ? `Consultation, opens ${formatLondonDate(r.opens_at)}`
      : status === "draft" ? "Consultation, draft (only officers can see it)"
      : `Consultation, closed ${formatLondonDate(r.closes_at)}${status === "results_published" ? ": results published" : ""}`;
    const href = status === "results_published" ? `/consultations/${r.id}/results` : `/consultations/${r.id}`;
    return [{ kind: "consultation", title: r.title, href, detail }];
  });
}

export const consultationThreadProvider: ThreadProvider = {
  kind: "consultation",
  label: "Consultations",
  async linkedTo(db, { outcomeNodeIds, localityId, actor }) {
    return consultationItems(db, actor, (eb) => eb.and([linkedToOutcomes(eb, outcomeNodeIds), ...(localityId === null ? [] : [inLocality(eb, localityId)])]));
  },
  async citing(db, { evidenceItemId, actor }) {
    return consultationItems(db, actor, (eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom("evidence_citations as ec")
            .select("ec.citing_id")
            .where("ec.citing_kind", "=", "consultation")
            .whereRef("ec.citing_id", "=", "c.id")
            .where("ec.evidence_item_id", "=", evidenceItemId),
        ),
      ]),
    );
  },
};

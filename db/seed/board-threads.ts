/**
 * Demo golden thread for boards: the seeded decisions cite their outcomes, and the peer support
 * pilot decision (and its report) cite the evidence the board relied on: one public item and one
 * internal item (never shown to the public). Runs after the boards and evidence seeds; idempotent.
 */
import { cite } from "../../app/modules/evidence/evidence.server";
import type { Database } from "../client";

export async function seedBoardThreads(db: Database): Promise<void> {
  const decisions = await db.selectFrom("decisions").select(["id", "agenda_item_id", "text"]).execute();
  const outcomes = await db.selectFrom("decision_outcomes").select(["decision_id", "outcome_node_id"]).execute();
  for (const d of decisions) {
    const nodes = outcomes.filter((o) => o.decision_id === d.id).map((o) => o.outcome_node_id);
    if (nodes.length) await cite(db, { citingKind: "board_decision", citingId: d.id, outcomeNodeIds: nodes });
  }
  const pilot = decisions.find((d) => d.text.startsWith("A six-month peer support pilot"));
  if (!pilot) return;
  const evidence = await db
    .selectFrom("evidence_items")
    .select(["id", "title"])
    .where("title", "in", ["Joint strategic needs assessment: mental wellbeing", "Medium-term financial plan: community services budget"])
    .execute();
  if (!evidence.length) return;
  await cite(db, { citingKind: "board_decision", citingId: pilot.id, evidenceItemIds: evidence.map((e) => e.id) });
  const needs = evidence.filter((e) => e.title.startsWith("Joint strategic")).map((e) => e.id);
  await cite(db, { citingKind: "agenda_item", citingId: pilot.agenda_item_id, evidenceItemIds: needs });
}

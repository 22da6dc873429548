/**
 * Right to Challenge in the golden thread (docs/golden-thread.md): outcome and locality pages list
 * the expressions of interest on the public register that serve an outcome, and an evidence page
 * lists the EOIs whose handling officers cited it. Drafts never appear; an EOI whose group marked
 * its outcomes part commercially confidential appears only to officers who handle challenges.
 */
import type { Database } from "../../../db/client";
import type { ThreadItem, ThreadProvider } from "../evidence/thread-provider.server";
import { byOutcome, outcomeGroups } from "../evidence/thread-groups.server";
import { can, type Actor } from "../permissions/permissions";
import { STATUS_LABELS, type EoiStatus } from "./transitions";

const KIND = "challenge";

/** EOIs on the public register the actor may see in the thread (aliased `e`). */
function registerEntries(db: Database, actor: Actor) {
  return db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .select(["e.id", "e.title", "e.status", "g.name as group_name", "s.name as service_name"])
    .where("e.status", "!=", "draft")
    .$if(!can(actor, "challenge.handle"), (q) => q.where("e.outcomes_confidential", "=", false))
    .orderBy("e.id", "desc");
}

function item(r: { id: number; title: string; status: EoiStatus; group_name: string; service_name: string | null }): ThreadItem {
  return {
    kind: KIND,
    title: r.title || `Expression of interest EOI-${r.id}`,
    href: `/challenges/register/${r.id}`,
    detail: `Expression of interest from ${r.group_name}${r.service_name ? ` to run ${r.service_name}` : ""}: ${STATUS_LABELS[r.status]}`,
  };
}

export const challengeThreadProvider: ThreadProvider = {
  kind: KIND,
  label: "Right to Challenge",
  // Tagged by the group (challenge_eoi_outcomes) or linked by an officer with cite() (outcome_links).
  async linkedTo(db, { outcomes, localityId, actor }) {
    const rows = await registerEntries(db, actor)
      .innerJoin(outcomeGroups(outcomes), (join) =>
        join.on((eb) =>
          eb.or([
            eb.exists(eb.selectFrom("challenge_eoi_outcomes as eo").select("eo.eoi_id").whereRef("eo.eoi_id", "=", "e.id").where("eo.outcome_node_id", "=", eb.fn.any("tq.node_ids"))),
            eb.exists(
              eb.selectFrom("outcome_links as k").select("k.citing_id").where("k.citing_kind", "=", KIND).whereRef("k.citing_id", "=", "e.id").where("k.outcome_node_id", "=", eb.fn.any("tq.node_ids")),
            ),
          ]),
        ),
      )
      .select("tq.outcome_id")
      .$if(localityId !== null, (q) =>
        q.where((eb) => eb.exists(eb.selectFrom("challenge_eoi_localities as el").select("el.eoi_id").whereRef("el.eoi_id", "=", "e.id").where("el.locality_id", "=", localityId!))),
      )
      .execute();
    return byOutcome(outcomes, rows, item);
  },
  async citing(db, { evidenceItemId, actor }) {
    const rows = await registerEntries(db, actor)
      .where((eb) =>
        eb.exists(
          eb.selectFrom("evidence_citations as c").select("c.citing_id").where("c.citing_kind", "=", KIND).whereRef("c.citing_id", "=", "e.id").where("c.evidence_item_id", "=", evidenceItemId),
        ),
      )
      .execute();
    return rows.map((r) => ({ ...item(r), detail: `Considered in handling the expression of interest from ${r.group_name}` }));
  },
};

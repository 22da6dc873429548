/**
 * Commissioning strategies on the golden thread (docs/golden-thread.md): an outcome page lists the
 * strategies that name the outcome or anything under it (commissioning_strategy_outcomes), in the
 * locality asked about or council-wide. A draft (unpublished) strategy is internal: only people
 * who may see commissioning's internal work see it, as on /commissioning-strategies.
 */
import type { ThreadProvider } from "../evidence/thread-provider.server";
import { byOutcome, outcomeGroups } from "../evidence/thread-groups.server";
import { seesInternal } from "./access";

export const strategyThreadProvider: ThreadProvider = {
  kind: "commissioning_strategy",
  label: "Commissioning strategies",
  async linkedTo(db, { outcomes, localityId, actor }) {
    const rows = await db
      .selectFrom("commissioning_strategies as s")
      .innerJoin(outcomeGroups(outcomes), (join) =>
        join.on((eb) =>
          eb.exists(
            eb.selectFrom("commissioning_strategy_outcomes as so").select("so.strategy_id").whereRef("so.strategy_id", "=", "s.id").where("so.outcome_node_id", "=", eb.fn.any("tq.node_ids")),
          ),
        ),
      )
      .select(["tq.outcome_id", "s.id", "s.title", "s.area", "s.published"])
      .$if(!seesInternal(actor), (q) => q.where("s.published", "=", true))
      .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("s.locality_id", "is", null), eb("s.locality_id", "=", localityId!)])))
      .orderBy("s.title")
      .orderBy("s.id")
      .execute();
    return byOutcome(outcomes, rows, (s) => ({
      kind: "commissioning_strategy",
      title: s.title,
      href: `/commissioning-strategies/${s.id}`,
      detail: `Commissioning strategy${s.area ? ` for ${s.area}` : ""}${s.published ? "" : ", draft (only officers can see it)"}`,
    }));
  },
};

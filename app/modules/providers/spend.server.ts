/**
 * "Anyone can see what is being bought towards each outcome" (issue 18): per outcome, the annual
 * value of the contracts, grants and in-house agreements running today that serve it (or anything
 * under it) in a locality, with council-wide ones apart, and what has been paid on them to date.
 * Commercially confidential arrangements are counted but their money is never added in (as on
 * /market). One grouped query for the whole dashboard, not one per outcome.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { londonDay } from "../calendar/days";

export interface OutcomeSpend {
  outcomeId: number;
  councilWide: boolean;
  arrangements: number;
  confidential: number;
  annualPence: number;
  paidPence: number;
}

/**
 * Spend towards every outcome (the frameworks' top nodes, as the dashboard lists them, with everything below them) in
 * one locality. Annual value: the total value spread over the arrangement's length, or the whole
 * value when it runs a year or less. An arrangement serving two outcomes counts towards both.
 */
export async function spendByOutcome(db: Database, localityId: number, options: { today?: string } = {}): Promise<OutcomeSpend[]> {
  const today = options.today ?? londonDay(new Date());
  const { rows } = await sql<{ outcome_id: number; council_wide: boolean; arrangements: string; confidential: string; annual_pence: string; paid_pence: string }>`
    WITH RECURSIVE tree AS (
      SELECT id AS outcome_id, id FROM outcome_nodes WHERE parent_id IS NULL AND retired_at IS NULL
      UNION SELECT tree.outcome_id, n.id FROM outcome_nodes n JOIN tree ON n.parent_id = tree.id
    ), served AS (
      SELECT DISTINCT tree.outcome_id, a.id, a.locality_id, a.value_pence, a.commercial_confidential, (a.ends_on - a.starts_on + 1) AS days
      FROM tree
      JOIN arrangement_outcomes o ON o.outcome_node_id = tree.id
      JOIN arrangements a ON a.id = o.arrangement_id
      WHERE (a.locality_id = ${localityId} OR a.locality_id IS NULL)
        AND a.starts_on <= ${today}::date AND a.ends_on >= ${today}::date
    ), paid AS (
      SELECT p.arrangement_id, sum(p.amount_pence) AS pence FROM arrangement_payments p
      WHERE p.arrangement_id IN (SELECT id FROM served) AND p.paid_on <= ${today}::date
      GROUP BY p.arrangement_id
    )
    SELECT s.outcome_id, s.locality_id IS NULL AS council_wide,
      count(*) AS arrangements,
      count(*) FILTER (WHERE s.commercial_confidential) AS confidential,
      coalesce(sum(round(s.value_pence::numeric * least(365, s.days) / s.days)) FILTER (WHERE NOT s.commercial_confidential), 0) AS annual_pence,
      coalesce(sum(p.pence) FILTER (WHERE NOT s.commercial_confidential), 0) AS paid_pence
    FROM served s LEFT JOIN paid p ON p.arrangement_id = s.id
    GROUP BY s.outcome_id, s.locality_id IS NULL
    ORDER BY s.outcome_id, council_wide`.execute(db);
  return rows.map((r) => ({
    outcomeId: r.outcome_id,
    councilWide: r.council_wide,
    arrangements: Number(r.arrangements),
    confidential: Number(r.confidential),
    annualPence: Number(r.annual_pence),
    paidPence: Number(r.paid_pence),
  }));
}

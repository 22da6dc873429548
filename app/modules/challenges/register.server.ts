/**
 * Community Right to Challenge: the public register.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { EoiStatus } from "../../../db/tables/challenges";
import { londonDay } from "./deadlines";
import { type RegisterFilter } from "./schema";
import { STATUS_LABELS } from "./transitions";
import { nodeAndDescendants } from "../outcomes/outcomes.server";

// ---------------------------------------------------------------- the public register

export interface RegisterRow {
  id: number;
  title: string;
  groupName: string;
  serviceName: string | null;
  status: EoiStatus;
  submittedOn: string | null;
  localities: string[];
  outcomes: string[];
  decision: string | null;
  decisionReasons: string | null;
  grounds: string[];
}

export async function listRegister(db: Database, filter: RegisterFilter): Promise<RegisterRow[]> {
  const outcomeIds = filter.outcome !== undefined ? await nodeAndDescendants(db, [filter.outcome]) : null;
  const rows = await db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .leftJoin("challenge_decision_notices as d", "d.eoi_id", "e.id")
    .select([
      "e.id",
      "e.title",
      "e.status",
      "e.submitted_at",
      "g.name as group_name",
      "s.name as service_name",
      "d.decision",
      "d.reasons",
      "d.grounds",
      sql<string[]>`array(SELECT l.name FROM challenge_eoi_localities el JOIN localities l ON l.id = el.locality_id WHERE el.eoi_id = e.id ORDER BY l.name)`.as("localities"),
      // a group that marked its outcomes confidential keeps its outcome tags out of the register too
      sql<string[]>`array(SELECT n.title FROM challenge_eoi_outcomes eo JOIN outcome_nodes n ON n.id = eo.outcome_node_id WHERE eo.eoi_id = e.id AND NOT e.outcomes_confidential ORDER BY n.id)`.as("outcomes"),
    ])
    .where("e.status", "!=", "draft")
    .$if(filter.service !== undefined, (q) => q.where("e.service_id", "=", filter.service!))
    .$if(filter.locality !== undefined, (q) => q.where(({ exists, selectFrom }) => exists(selectFrom("challenge_eoi_localities as fl").select("fl.eoi_id").whereRef("fl.eoi_id", "=", "e.id").where("fl.locality_id", "=", filter.locality!))))
    // An outcome matches EOIs tagged with it or with any priority or measure beneath it.
    .$if(outcomeIds !== null, (q) =>
      q.where("e.outcomes_confidential", "=", false).where(({ exists, selectFrom }) =>
        exists(selectFrom("challenge_eoi_outcomes as fo").select("fo.eoi_id").whereRef("fo.eoi_id", "=", "e.id").where("fo.outcome_node_id", "in", outcomeIds!.length ? outcomeIds! : [0])),
      ),
    )
    .orderBy("e.submitted_at", "desc")
    .orderBy("e.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    groupName: r.group_name,
    serviceName: r.service_name,
    status: r.status,
    submittedOn: r.submitted_at ? londonDay(r.submitted_at) : null,
    localities: r.localities,
    outcomes: r.outcomes,
    decision: r.decision ? STATUS_LABELS[r.decision] : null,
    decisionReasons: r.reasons,
    grounds: (r.grounds ?? []).map((g) => g.reason),
  }));
}

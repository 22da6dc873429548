/**
 * Board decisions and agenda items on the golden thread (docs/golden-thread.md): what evidence
 * and outcome nodes they cite, the public decision page, the clerk's citation form, and the
 * thread provider that puts decisions on outcome and evidence pages.
 *
 * A decision's outcomes are kept in `decision_outcomes` (the register filters by them) and, like
 * its evidence, cited through `cite()` (`outcome_links`); both are written in one transaction.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { transact } from "../../lib/effects.server";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { cite, citedEvidence, citedTitles, searchEvidence, uncite, type EvidenceSummary } from "../evidence/evidence.server";
import type { ThreadItem, ThreadProvider } from "../evidence/thread-provider.server";
import { byOutcome, outcomeGroups } from "../evidence/thread-groups.server";
import { decide, type Actor } from "../permissions/permissions";
import { idList } from "../meetings/schema";
import { boardTarget, decisionsJoined } from "./boards.server";
import { formatDate } from "../meetings/format";


const citationsSchema = z.object({
  evidenceItemIds: idList,
  outcomeNodeIds: idList,
});


// ---------------------------------------------------------------------------------------------
// Choosing what to cite

export interface CitationChoices {
  /** Evidence grouped under the first outcome it is tagged to; "Other evidence" last. */
  evidenceGroups: { title: string; items: { id: number; title: string; hint: string }[] }[];
  outcomeNodes: { id: number; title: string; kind: string }[];
}

/** What a board in this locality may cite: evidence for its locality or council-wide (as the actor may see it), and live outcome nodes. */
export async function citationChoices(db: Database, actor: Actor, localityId: number | null): Promise<CitationChoices> {
  const [{ items }, outcomeNodes] = await Promise.all([
    searchEvidence(db, actor, {}, { limit: 1000 }),
    db.selectFrom("outcome_nodes").select(["id", "title", "kind"]).where("retired_at", "is", null).where("kind", "in", ["outcome", "priority"]).orderBy("framework_id").orderBy("id").execute(),
  ]);
  const groups = new Map<string, CitationChoices["evidenceGroups"][number]["items"]>();
  const other: CitationChoices["evidenceGroups"][number]["items"] = [];
  for (const e of items.filter((e) => e.localityId === null || e.localityId === localityId).sort((a, b) => a.title.localeCompare(b.title))) {
    const hint = [e.localityName ?? "Council-wide", e.visibility === "internal" ? "internal (not shown to the public)" : null, e.outcomes.length ? `Outcomes: ${e.outcomes.map((o) => o.title).join(", ")}` : null].filter(Boolean).join(". ");
    const first = [...e.outcomes].sort((a, b) => a.id - b.id)[0];
    const list = first ? (groups.get(first.title) ?? groups.set(first.title, []).get(first.title)!) : other;
    list.push({ id: e.id, title: e.title, hint });
  }
  const evidenceGroups = [...groups].map(([title, list]) => ({ title, items: list }));
  if (other.length) evidenceGroups.push({ title: "Other evidence", items: other });
  return { evidenceGroups, outcomeNodes };
}

/** Cite evidence and outcomes for a decision, inside the caller's transaction (outcomes also go to `decision_outcomes`). */
export async function citeForDecision(trx: Database, decisionId: number, input: { evidenceItemIds: number[]; outcomeNodeIds: number[] }): Promise<Result<null>> {
  const cited = await cite(trx, { citingKind: "board_decision", citingId: decisionId, evidenceItemIds: input.evidenceItemIds, outcomeNodeIds: input.outcomeNodeIds });
  if (!cited.ok) return cited;
  const nodes = [...new Set(input.outcomeNodeIds)];
  if (nodes.length) await trx.insertInto("decision_outcomes").values(nodes.map((n) => ({ decision_id: decisionId, outcome_node_id: n }))).onConflict((oc) => oc.doNothing()).execute();
  return ok(null);
}

type Cited = { kind: "board_decision" | "agenda_item"; id: number };

async function currentCitations(db: Database, thing: Cited) {
  const [evidence, links, outcomes] = await Promise.all([
    db.selectFrom("evidence_citations").select("evidence_item_id").where("citing_kind", "=", thing.kind).where("citing_id", "=", thing.id).execute(),
    db.selectFrom("outcome_links").select("outcome_node_id").where("citing_kind", "=", thing.kind).where("citing_id", "=", thing.id).execute(),
    thing.kind === "board_decision" ? db.selectFrom("decision_outcomes").select("outcome_node_id").where("decision_id", "=", thing.id).execute() : Promise.resolve([]),
  ]);
  return { evidenceItemIds: evidence.map((e) => e.evidence_item_id), outcomeNodeIds: [...new Set([...links, ...outcomes].map((o) => o.outcome_node_id))] };
}

/** The decision or agenda item, its board and whether it is exempt; null when there is none. */
async function findCited(db: Database, thing: Cited) {
  const q = db
    .selectFrom("agenda_items as ai")
    .innerJoin("meetings as m", "m.id", "ai.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["ai.id as item_id", "ai.kind as item_kind", "ai.title as item_title", "ai.position", "m.id as meeting_id", "m.title as meeting_title", "m.status as meeting_status", "b.id as board_id", "b.locality_id", "b.name as board_name"]);
  if (thing.kind === "agenda_item") return (await q.select(sql<string>`''`.as("text")).where("ai.id", "=", thing.id).executeTakeFirst()) ?? null;
  return (await q.innerJoin("decisions as d", "d.agenda_item_id", "ai.id").select("d.text").where("d.id", "=", thing.id).executeTakeFirst()) ?? null;
}

/** The clerk's form: what the decision or agenda item cites now, and what it may cite. */
export async function citationForm(db: Database, actor: Actor, thing: Cited) {
  const found = await findCited(db, thing);
  if (!found) return fail("There is no such decision or agenda item", 404);
  const allowed = decide(actor, "board.manage", boardTarget(found.board_id, found.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  const [current, choices] = await Promise.all([currentCitations(db, thing), citationChoices(db, actor, found.locality_id)]);
  return ok({ ...found, current, choices });
}

/**
 * The clerk changes what a decision or an agenda item cites: the chosen evidence and outcome
 * nodes replace the previous ones, in one transaction.
 */
export async function setCitations(db: Database, actor: Actor, thing: Cited, input: unknown): Promise<Result<{ meetingId: number }>> {
  const found = await findCited(db, thing);
  if (!found) return fail("There is no such decision or agenda item", 404);
  const allowed = decide(actor, "board.manage", boardTarget(found.board_id, found.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(citationsSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  // A refused citation rolls back everything (transact): nothing half-changed.
  return transact(db, async (trx) => {
    const before = await currentCitations(trx, thing);
    const gone = { evidenceItemIds: before.evidenceItemIds.filter((id) => !v.evidenceItemIds.includes(id)), outcomeNodeIds: before.outcomeNodeIds.filter((id) => !v.outcomeNodeIds.includes(id)) };
    await uncite(trx, { citingKind: thing.kind, citingId: thing.id, ...gone });
    if (thing.kind === "board_decision" && gone.outcomeNodeIds.length) await trx.deleteFrom("decision_outcomes").where("decision_id", "=", thing.id).where("outcome_node_id", "in", gone.outcomeNodeIds).execute();
    const cited = thing.kind === "board_decision" ? await citeForDecision(trx, thing.id, v) : await cite(trx, { citingKind: "agenda_item", citingId: thing.id, ...v });
    if (!cited.ok) return cited;
    await audit(trx, actor, `${thing.kind}.citations_changed`, `${thing.kind}:${thing.id}`, v);
    return ok({ meetingId: found.meeting_id });
  });
}

/** Evidence cited by each public agenda item and its decisions, keyed "item:ID" and "decision:ID" (exempt items never). */
export async function citedForMeeting(db: Database, actor: Actor, items: { id: number; kind: string; decisions: { id: number }[] }[]) {
  const open = items.filter((i) => i.kind !== "exempt");
  const things: [string, Cited][] = open.flatMap((i) => [[`item:${i.id}`, { kind: "agenda_item", id: i.id }] as [string, Cited], ...i.decisions.map((d) => [`decision:${d.id}`, { kind: "board_decision", id: d.id }] as [string, Cited])]);
  const titles = await citedTitles(db, actor, things.map(([, t]) => t));
  const cited: Record<string, { id: number; title: string }[]> = {};
  for (const [key, t] of things) {
    const list = titles.get(`${t.kind}:${t.id}`);
    if (list?.length) cited[key] = list;
  }
  return cited;
}

// ---------------------------------------------------------------------------------------------
// The public decision page

/** A decision as the public sees it: null for a decision on an exempt item (unless the actor manages the board). */
export async function publicDecision(db: Database, actor: Actor, decisionId: number) {
  if (!Number.isSafeInteger(decisionId) || decisionId <= 0) return null;
  const d = await decisionsJoined(db)
    .select([
      "d.id", "d.text", "d.reasons", "d.decided_at", "d.motion_id", "ai.id as item_id", "ai.kind as item_kind", "ai.position", "ai.title as item_title", "ai.recommendation", "m.id as meeting_id", "m.title as meeting_title", "m.starts_at",
      "b.id as board_id", "b.name as board_name", "b.slug as board_slug", "b.locality_id", "l.name as locality_name", "mo.text as motion_text", "mo.status as motion_status", "mo.votes_for", "mo.votes_against", "mo.abstentions", "mo.casting_vote",
    ])
    .where("d.id", "=", decisionId)
    .executeTakeFirst();
  if (!d) return null;
  const canManage = decide(actor, "board.manage", boardTarget(d.board_id, d.locality_id)).ok;
  if (d.item_kind === "exempt" && !canManage) return null;
  const [votes, outcomes, evidence, itemEvidence] = await Promise.all([
    d.motion_id ? db.selectFrom("votes as v").innerJoin("board_members as bm", "bm.id", "v.member_id").select(["bm.name", "v.choice"]).where("v.motion_id", "=", d.motion_id).orderBy("bm.name").execute() : Promise.resolve([]),
    decisionOutcomes(db, d.id),
    citedEvidence(db, actor, "board_decision", d.id),
    citedEvidence(db, actor, "agenda_item", d.item_id),
  ]);
  return {
    decision: { ...d, decided_at: d.decided_at.toISOString(), starts_at: d.starts_at.toISOString(), decidedOn: formatDate(d.decided_at) },
    votes,
    outcomes,
    evidence: evidence.map(evidenceLink),
    itemEvidence: itemEvidence.map(evidenceLink),
    canManage,
  };
}

const evidenceLink = (e: EvidenceSummary) => ({ id: e.id, title: e.title, type: e.type, summary: e.summary, sourceOrganisation: e.sourceOrganisation, visibility: e.visibility });

/** Outcome nodes a decision serves, from both `decision_outcomes` and its `outcome_links`. */
function decisionOutcomes(db: Database, decisionId: number) {
  return db
    .selectFrom("outcome_nodes as n")
    .select(["n.id", "n.title"])
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("decision_outcomes as o").select("o.decision_id").where("o.decision_id", "=", decisionId).whereRef("o.outcome_node_id", "=", "n.id")),
        eb.exists(eb.selectFrom("outcome_links as k").select("k.citing_id").where("k.citing_kind", "=", "board_decision").where("k.citing_id", "=", decisionId).whereRef("k.outcome_node_id", "=", "n.id")),
      ]),
    )
    .orderBy("n.id")
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The golden thread: decisions on outcome pages and evidence pages

function threadDecisions(db: Database) {
  return decisionsJoined(db)
    .select(["d.id", "d.text", "d.decided_at", "ai.kind", "ai.title as item_title", "b.id as board_id", "b.name as board_name", "b.locality_id"])
    .where("m.status", "!=", "draft")
    .orderBy("d.decided_at", "desc")
    .orderBy("d.id", "desc");
}

/** Exempt items' decisions reach only those who manage the board; the title is the agenda item's, the detail says who decided when. */
function asThreadItems(actor: Actor, rows: Awaited<ReturnType<ReturnType<typeof threadDecisions>["execute"]>>): ThreadItem[] {
  return rows
    .filter((r) => r.kind !== "exempt" || decide(actor, "board.manage", boardTarget(r.board_id, r.locality_id)).ok)
    .map((r) => ({ kind: "board_decision", title: `${r.item_title}: ${r.text.length > 140 ? `${r.text.slice(0, 139)}…` : r.text}`, href: `/decisions/${r.id}`, detail: `Decided ${formatDate(r.decided_at)} by the ${r.board_name}` }));
}

export const decisionThreadProvider: ThreadProvider = {
  kind: "board_decision",
  label: "Board decisions",
  async linkedTo(db, { outcomes, localityId, actor }) {
    const rows = await threadDecisions(db)
      .innerJoin(outcomeGroups(outcomes), (join) =>
        join.on((eb) =>
          eb.or([
            eb.exists(eb.selectFrom("decision_outcomes as o").select("o.decision_id").whereRef("o.decision_id", "=", "d.id").where("o.outcome_node_id", "=", eb.fn.any("tq.node_ids"))),
            eb.exists(
              eb.selectFrom("outcome_links as k").select("k.citing_id").where("k.citing_kind", "=", "board_decision").whereRef("k.citing_id", "=", "d.id").where("k.outcome_node_id", "=", eb.fn.any("tq.node_ids")),
            ),
          ]),
        ),
      )
      .select("tq.outcome_id")
      .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("b.locality_id", "is", null), eb("b.locality_id", "=", localityId!)])))
      .execute();
    // At most 100 per outcome (newest first), then what this actor may not see is left out.
    return byOutcome(outcomes, rows, (r) => asThreadItems(actor, [r])[0] ?? null, 100);
  },
  async citing(db, { evidenceItemId, actor }) {
    const rows = await threadDecisions(db)
      .where((eb) => eb.exists(eb.selectFrom("evidence_citations as c").select("c.citing_id").where("c.citing_kind", "=", "board_decision").whereRef("c.citing_id", "=", "d.id").where("c.evidence_item_id", "=", evidenceItemId)))
      .execute();
    return asThreadItems(actor, rows);
  },
};

/**
 * Community Right to Challenge: reading an expression of interest (the group's and officers'
 * view, and the public one) and the evidence and outcomes the council considered on it.
 */
import type { Database } from "../../../db/client";
import { transact } from "../../lib/effects.server";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { cite, citedEvidence, searchEvidence, uncite } from "../evidence/evidence.server";
import { decide, VISITOR, type Actor } from "../permissions/permissions";
import { missingSections, publicView, sectionsFor, type EoiRecord } from "./answers";
import { clockFor } from "./deadlines";
import { evidenceConsideredSchema } from "./schema";
import { asOfficer, clockInput, isMember, loadEoi, statutoryDates, todayIso } from "./challenges-shared.server";
import { loadClock } from "./clock.server";

// ---------------------------------------------------------------- reading an EOI

async function eventsFor(db: Database, eoiId: number) {
  return db
    .selectFrom("challenge_eoi_events as ev")
    .leftJoin("users as u", "u.id", "ev.actor_user_id")
    .select(["ev.id", "ev.from_status", "ev.to_status", "ev.reason", "ev.at", "u.display_name as actor_name"])
    .where("ev.eoi_id", "=", eoiId)
    .orderBy("ev.id")
    .execute();
}

async function noticeFor(db: Database, eoiId: number) {
  return db.selectFrom("challenge_decision_notices").selectAll().where("eoi_id", "=", eoiId).executeTakeFirst();
}

/** The whole EOI, confidential parts included: for the group's own people and for officers. */
export async function getEoi(db: Database, actor: Actor, eoiId: number) {
  const eoi = await loadEoi(db, eoiId);
  if (!eoi) return fail("Expression of interest not found", 404);
  const member = actor.user ? await isMember(db, eoi.groupId, actor.user.id) : false;
  const officer = decide(actor, "challenge.handle").ok;
  if (!member && !(officer && eoi.status !== "draft")) return fail("Only the people who act for this group can see this expression of interest", 403);
  const [events, notice, clock, considered] = await Promise.all([eventsFor(db, eoiId), noticeFor(db, eoiId), loadClock(db), evidenceConsidered(db, actor, eoi)]);
  return ok({
    eoi,
    events,
    notice,
    considered,
    member,
    officer,
    missing: missingSections(eoi),
    sections: sectionsFor(eoi.groupKind),
    due: eoi.submittedAt ? clockFor(clockInput(eoi), clock.settings, clock.holidays, todayIso()) : null,
    statutoryDates: statutoryDates(eoi, clock),
  });
}

/** A submitted EOI as the public sees it: no confidential part, no draft. */
export async function getPublicEoi(db: Database, eoiId: number) {
  const eoi = await loadEoi(db, eoiId);
  if (!eoi || eoi.status === "draft") return fail("Expression of interest not found", 404);
  const [events, notice, considered] = await Promise.all([eventsFor(db, eoiId), noticeFor(db, eoiId), evidenceConsidered(db, VISITOR, eoi)]);
  // The public history is the state changes; records of evidence considered show as the list itself.
  const changes = events.filter((e) => e.from_status !== e.to_status).map(({ reason: _r, actor_name: _a, ...e }) => e);
  return ok({ eoi: publicView(eoi), events: changes, notice, considered });
}

// ---------------------------------------------------------------- evidence the council considered

/**
 * What officers recorded as considered on an EOI, as this actor may see it: evidence through
 * `citedEvidence()` (internal evidence only for those who may see it), and the outcome nodes they
 * linked (withheld from the public when the group marked its outcomes part confidential).
 */
async function evidenceConsidered(db: Database, actor: Actor, eoi: EoiRecord) {
  const [evidence, outcomes] = await Promise.all([citedEvidence(db, actor, "challenge", eoi.id), linkedOutcomes(db, eoi.id)]);
  const mayHandle = decide(actor, "challenge.handle").ok;
  return { evidence, outcomes: eoi.outcomesConfidential && !mayHandle ? [] : outcomes };
}

function linkedOutcomes(db: Database, eoiId: number) {
  return db
    .selectFrom("outcome_links as k")
    .innerJoin("outcome_nodes as n", "n.id", "k.outcome_node_id")
    .select(["n.id", "n.title"])
    .where("k.citing_kind", "=", "challenge")
    .where("k.citing_id", "=", eoiId)
    .orderBy("n.id")
    .execute();
}

/** What an officer may choose from: the evidence library (as they see it) and current outcome nodes. */
export async function evidenceChoices(db: Database, actor: Actor) {
  const allowed = decide(actor, "challenge.handle");
  if (!allowed.ok) return fail(allowed.message, 403);
  const [library, outcomes] = await Promise.all([
    searchEvidence(db, actor, {}),
    db.selectFrom("outcome_nodes").select(["id", "title", "kind"]).where("retired_at", "is", null).where("kind", "in", ["outcome", "priority"]).orderBy("framework_id").orderBy("position").orderBy("id").execute(),
  ]);
  return ok({ evidence: library.items.sort((a, b) => a.title.localeCompare(b.title)), outcomes });
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * An officer records the evidence and outcome nodes the council considered on an EOI: the ticked
 * set replaces the previous one (cite() what was added, uncite() what was taken off), with an
 * entry in the EOI's history, all in one transaction.
 */
export async function recordEvidenceConsidered(db: Database, actor: Actor, input: unknown): Promise<Result<{ added: number; removed: number }>> {
  const parsed = asOfficer(actor, evidenceConsideredSchema, input);
  if (!parsed.ok) return parsed;
  const { eoiId, evidenceItemIds, outcomeNodeIds } = parsed.value;
  const eoi = await loadEoi(db, eoiId);
  if (!eoi || eoi.status === "draft") return fail("Expression of interest not found", 404);
  // A refusal rolls back everything (transact): nothing half-changed.
  return transact(db, async (trx) => {
      const [current, citedNow, linkedNow] = await Promise.all([
        trx.selectFrom("challenge_eois").select("status").where("id", "=", eoiId).forUpdate().executeTakeFirstOrThrow(),
        trx.selectFrom("evidence_citations").select("evidence_item_id as id").where("citing_kind", "=", "challenge").where("citing_id", "=", eoiId).execute(),
        linkedOutcomes(trx, eoiId),
      ]);
      const diff = (now: number[], wanted: number[]) => ({ add: wanted.filter((x) => !now.includes(x)), remove: now.filter((x) => !wanted.includes(x)) });
      const evidence = diff(citedNow.map((r) => r.id), [...new Set(evidenceItemIds)]);
      const nodes = diff(linkedNow.map((r) => r.id), [...new Set(outcomeNodeIds)]);
      const added = evidence.add.length + nodes.add.length;
      const removed = evidence.remove.length + nodes.remove.length;
      if (!added && !removed) return ok({ added, removed });
      const cited = await cite(trx, { citingKind: "challenge", citingId: eoiId, evidenceItemIds: evidence.add, outcomeNodeIds: nodes.add });
      if (!cited.ok) return cited as Result<never>;
      await uncite(trx, { citingKind: "challenge", citingId: eoiId, evidenceItemIds: evidence.remove, outcomeNodeIds: nodes.remove });
      // Counts, not titles: the group reads this history, and some evidence may be internal.
      const parts = [
        evidence.add.length && `${counted(evidence.add.length, "evidence item", "evidence items")} added`,
        evidence.remove.length && `${counted(evidence.remove.length, "evidence item", "evidence items")} taken off`,
        nodes.add.length && `${counted(nodes.add.length, "outcome", "outcomes")} linked`,
        nodes.remove.length && `${counted(nodes.remove.length, "outcome", "outcomes")} unlinked`,
      ].filter(Boolean);
      await trx.insertInto("challenge_eoi_events").values({ eoi_id: eoiId, actor_user_id: actor.user?.id ?? null, from_status: current.status, to_status: current.status, reason: `Evidence considered: ${parts.join(", ")}` }).execute();
      await audit(trx, actor, "challenge.eoi.evidence_considered", `challenge_eoi:${eoiId}`, { evidence, outcomes: nodes });
      return ok({ added, removed });
  });
}

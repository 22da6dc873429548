/**
 * The evidence library: items with a source, tagged to outcome nodes, public or internal.
 * Internal evidence is only ever returned to actors who may "evidence.view_internal"; every read
 * here takes the actor so nothing internal can leak through a forgotten filter.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../../db/client";
import type { DB } from "../../../db/schema";
import type { CitingKind, EvidenceType } from "../../../db/tables/evidence";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { ANYWHERE, can, decide, type Actor } from "../permissions/permissions";
import { isoDate } from "./dates";
import { nodeAndDescendants } from "../outcomes/outcomes.server";
import { evidenceFilterSchema, evidenceSchema, type EvidenceFilter, type EvidenceInput } from "./schema";
import { isRowId } from "../../lib/ids";

export interface EvidenceSummary {
  id: number;
  title: string;
  type: EvidenceType;
  summary: string;
  sourceOrganisation: string;
  sourceUrl: string;
  periodStart: string;
  periodEnd: string;
  localityId: number | null;
  localityName: string | null;
  stage: "analyse" | "plan" | "do" | "review";
  confidence: "strong" | "moderate" | "limited";
  visibility: "public" | "internal";
  outcomes: { id: number; title: string }[];
}

export const mayViewInternal = (actor: Actor) => can(actor, "evidence.view_internal");

/** Limit a query on evidence_items (aliased `e`) to what this actor may see. */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { e: DB["evidence_items"] }, "e">) =>
    mayViewInternal(actor) ? eb.val(true) : eb("e.visibility", "=", "public");
}

async function checkReferences(db: Database, input: Pick<EvidenceInput, "localityId" | "outcomeNodeIds">) {
  if (input.localityId) {
    const locality = await db.selectFrom("localities").select("id").where("id", "=", input.localityId).executeTakeFirst();
    if (!locality) return fail({ localityId: "Select a locality, or council-wide" });
  }
  const ids = [...new Set(input.outcomeNodeIds)];
  if (ids.length) {
    const nodes = await db.selectFrom("outcome_nodes").select(["id", "retired_at"]).where("id", "in", ids).execute();
    if (nodes.length !== ids.length) return fail({ outcomeNodeIds: "Select outcomes from the list" });
    if (nodes.some((n) => n.retired_at)) return fail({ outcomeNodeIds: "An outcome you selected has been retired. Choose a current one" });
  }
  return null;
}

/** The stored columns for a validated item (a single date is a period of one day). */
const columns = (value: EvidenceInput) => ({
  title: value.title,
  type: value.type,
  summary: value.summary,
  source_organisation: value.sourceOrganisation,
  source_url: value.sourceUrl,
  period_start: value.periodStart,
  period_end: value.periodEnd ?? value.periodStart,
  locality_id: value.localityId ?? null,
  stage: value.stage,
  confidence: value.confidence,
  visibility: value.visibility,
});

async function insertEvidence(db: Database, actor: Actor, value: EvidenceInput): Promise<number> {
  const row = await db
    .insertInto("evidence_items")
    .values({ ...columns(value), created_by: actor.user?.id ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids = [...new Set(value.outcomeNodeIds)];
  if (ids.length) {
    await db.insertInto("evidence_item_outcomes").values(ids.map((nodeId) => ({ evidence_item_id: row.id, outcome_node_id: nodeId }))).execute();
  }
  await audit(db, actor, "evidence.added", `evidence:${row.id}`, { title: value.title, visibility: value.visibility, outcomes: ids });
  return row.id;
}

export async function createEvidence(db: Database, actor: Actor, input: unknown): Promise<Result<{ evidenceId: number }>> {
  const parsed = validate(evidenceSchema, input);
  if (!parsed.ok) return parsed;
  const allowed = decide(actor, "evidence.manage", localityTarget(parsed.value.localityId));
  // someone who manages evidence somewhere chose an area they do not: say so beside the field
  if (!allowed.ok) return can(actor, "evidence.manage", ANYWHERE) ? fail({ localityId: "You cannot manage evidence for that area" }, 403) : fail(allowed.message, 403);
  const refused = await checkReferences(db, parsed.value);
  if (refused) return refused;
  const evidenceId = await db.transaction().execute((trx) => insertEvidence(trx, actor, parsed.value));
  return ok({ evidenceId });
}

/** Replace an item's tags (officers). */
export async function tagEvidence(db: Database, actor: Actor, input: { evidenceId: number; outcomeNodeIds: number[] }): Promise<Result<null>> {
  const allowed = decide(actor, "evidence.manage");
  if (!allowed.ok) return fail(allowed.message, 403);
  const refused = await checkReferences(db, { outcomeNodeIds: input.outcomeNodeIds });
  if (refused) return refused;
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom("evidence_items").select("id").where("id", "=", input.evidenceId).executeTakeFirst();
    if (!item) return fail("That evidence does not exist", 404);
    await trx.deleteFrom("evidence_item_outcomes").where("evidence_item_id", "=", input.evidenceId).execute();
    const ids = [...new Set(input.outcomeNodeIds)];
    if (ids.length) await trx.insertInto("evidence_item_outcomes").values(ids.map((id) => ({ evidence_item_id: input.evidenceId, outcome_node_id: id }))).execute();
    await audit(trx, actor, "evidence.tagged", `evidence:${input.evidenceId}`, { outcomes: ids });
    return ok(null);
  });
}

/** An item as its edit form starts: every field as the form names it. */
export async function evidenceFormValues(db: Database, actor: Actor, evidenceId: number): Promise<Record<string, string | string[]> | null> {
  const item = await getEvidence(db, actor, evidenceId);
  if (!item || !decide(actor, "evidence.manage", localityTarget(item.localityId)).ok) return null;
  return {
    title: item.title,
    type: item.type,
    summary: item.summary,
    sourceOrganisation: item.sourceOrganisation,
    sourceUrl: item.sourceUrl,
    periodStart: item.periodStart,
    periodEnd: item.periodEnd === item.periodStart ? "" : item.periodEnd,
    localityId: item.localityId ? String(item.localityId) : "",
    stage: item.stage,
    confidence: item.confidence,
    visibility: item.visibility,
    outcomeNodeIds: item.outcomes.map((o) => String(o.id)),
  };
}

export const localityTarget = (localityId: number | null | undefined) => (localityId ? { kind: "locality" as const, localityId } : undefined);

/**
 * Edit an item: every field and its outcome tags, in one transaction. The officer must be able to
 * manage evidence both where the item was and where it is moved to. Tags to outcomes retired
 * since they were made are kept (the form no longer offers retired outcomes); new tags must be
 * to current outcomes.
 */
export async function updateEvidence(db: Database, actor: Actor, evidenceId: number, input: unknown): Promise<Result<null>> {
  const existing = isRowId(evidenceId)
    ? await db.selectFrom("evidence_items").select(["id", "locality_id"]).where("id", "=", evidenceId).executeTakeFirst()
    : undefined;
  if (!existing) return fail("That evidence does not exist", 404);
  const allowed = decide(actor, "evidence.manage", localityTarget(existing.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(evidenceSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const movedTo = decide(actor, "evidence.manage", localityTarget(value.localityId));
  if (!movedTo.ok) return fail({ localityId: "You cannot manage evidence for that area" }, 403);
  const current = await db
    .selectFrom("evidence_item_outcomes as t")
    .innerJoin("outcome_nodes as n", "n.id", "t.outcome_node_id")
    .select(["n.id", "n.retired_at"])
    .where("t.evidence_item_id", "=", evidenceId)
    .execute();
  const kept = new Set(current.map((c) => c.id));
  const refused = await checkReferences(db, { localityId: value.localityId, outcomeNodeIds: value.outcomeNodeIds.filter((id) => !kept.has(id)) });
  if (refused) return refused;
  const tags = [...new Set([...value.outcomeNodeIds, ...current.filter((c) => c.retired_at).map((c) => c.id)])];
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("evidence_items")
      .set({ ...columns(value), updated_at: new Date() })
      .where("id", "=", evidenceId)
      .execute();
    await trx.deleteFrom("evidence_item_outcomes").where("evidence_item_id", "=", evidenceId).execute();
    if (tags.length) await trx.insertInto("evidence_item_outcomes").values(tags.map((id) => ({ evidence_item_id: evidenceId, outcome_node_id: id }))).execute();
    await audit(trx, actor, "evidence.updated", `evidence:${evidenceId}`, { title: value.title, visibility: value.visibility, outcomes: tags });
    return ok(null);
  });
}

function baseQuery(db: Database, actor: Actor) {
  return db
    .selectFrom("evidence_items as e")
    .leftJoin("localities as l", "l.id", "e.locality_id")
    .select([
      "e.id",
      "e.title",
      "e.type",
      "e.summary",
      "e.source_organisation",
      "e.source_url",
      "e.period_start",
      "e.period_end",
      "e.locality_id",
      "l.name as locality_name",
      "e.stage",
      "e.confidence",
      "e.visibility",
    ])
    .where(visibleTo(actor));
}

async function withOutcomes(db: Database, rows: Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>): Promise<EvidenceSummary[]> {
  const ids = rows.map((r) => r.id);
  const tags = ids.length
    ? await db
        .selectFrom("evidence_item_outcomes as t")
        .innerJoin("outcome_nodes as n", "n.id", "t.outcome_node_id")
        .select(["t.evidence_item_id", "n.id", "n.title"])
        .where("t.evidence_item_id", "in", ids)
        .orderBy("n.id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    type: r.type,
    summary: r.summary,
    sourceOrganisation: r.source_organisation,
    sourceUrl: r.source_url,
    periodStart: isoDate(r.period_start),
    periodEnd: isoDate(r.period_end),
    localityId: r.locality_id,
    localityName: r.locality_name,
    stage: r.stage,
    confidence: r.confidence,
    visibility: r.visibility,
    outcomes: tags.filter((t) => t.evidence_item_id === r.id).map((t) => ({ id: t.id, title: t.title })),
  }));
}

/** One item, or null when it does not exist or this actor may not see it (never says which). */
export async function getEvidence(db: Database, actor: Actor, evidenceId: number): Promise<EvidenceSummary | null> {
  if (!isRowId(evidenceId)) return null;
  const row = await baseQuery(db, actor).where("e.id", "=", evidenceId).executeTakeFirst();
  if (!row) return null;
  return (await withOutcomes(db, [row]))[0]!;
}

export { nodeAndDescendants };

/** Full-text search and filters, newest period first. Unknown filter values are ignored. */
export async function searchEvidence(db: Database, actor: Actor, input: unknown, options: { limit?: number } = {}): Promise<{ filter: EvidenceFilter; items: EvidenceSummary[] }> {
  const filter = evidenceFilterSchema.parse(input ?? {});
  const outcomeIds = filter.outcome ? await nodeAndDescendants(db, [filter.outcome]) : [];
  const query = filter.q ? sql`websearch_to_tsquery('english', ${filter.q})` : null;
  let q = baseQuery(db, actor);
  if (query) q = q.where(sql<boolean>`e.search @@ ${query}`);
  if (filter.outcome) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("evidence_item_outcomes as t").select("t.evidence_item_id").whereRef("t.evidence_item_id", "=", "e.id").where("t.outcome_node_id", "in", outcomeIds.length ? outcomeIds : [0])),
    );
  }
  if (filter.locality === "council") q = q.where("e.locality_id", "is", null);
  else if (filter.locality) q = q.where("e.locality_id", "=", filter.locality);
  if (filter.type) q = q.where("e.type", "=", filter.type);
  if (filter.stage) q = q.where("e.stage", "=", filter.stage);
  if (filter.from) q = q.where(sql<boolean>`e.period_end >= ${filter.from}::date`);
  if (filter.to) q = q.where(sql<boolean>`e.period_start <= ${filter.to}::date`);
  if (filter.source) q = q.where("e.source_organisation", "ilike", `%${filter.source.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  q = query ? q.orderBy(sql`ts_rank(e.search, ${query})`, "desc") : q;
  const rows = await q.orderBy("e.period_end", "desc").orderBy("e.id", "desc").limit(options.limit ?? 200).execute();
  return { filter, items: await withOutcomes(db, rows) };
}

/** Evidence tagged to any of these nodes (or under them), optionally for one locality (plus council-wide). */
export async function evidenceForOutcomes(db: Database, actor: Actor, nodeIds: number[], localityId?: number | null): Promise<EvidenceSummary[]> {
  return evidenceTaggedTo(db, actor, await nodeAndDescendants(db, nodeIds), localityId);
}

/**
 * How many evidence items evidenceForOutcomes(db, actor, [id], localityId) would list, for each
 * of these nodes, in one query (the locality dashboard shows only the counts).
 */
export async function countEvidenceForOutcomes(db: Database, actor: Actor, nodeIds: number[], localityId: number | null): Promise<Map<number, number>> {
  if (!nodeIds.length) return new Map();
  const rows = await sql<{ root: number; n: number }>`
    WITH RECURSIVE t(root, id) AS (SELECT id, id FROM outcome_nodes WHERE id = ANY(${nodeIds}::int[])
      UNION SELECT t.root, n.id FROM outcome_nodes n JOIN t ON n.parent_id = t.id)
    SELECT t.root, count(DISTINCT e.id)::int AS n
    FROM t
    JOIN evidence_item_outcomes eo ON eo.outcome_node_id = t.id
    JOIN evidence_items e ON e.id = eo.evidence_item_id
    WHERE (${mayViewInternal(actor)} OR e.visibility = 'public')
      AND (${localityId}::int IS NULL OR e.locality_id IS NULL OR e.locality_id = ${localityId}::int)
    GROUP BY t.root`.execute(db);
  return new Map(rows.rows.map((r) => [r.root, r.n]));
}

/** Evidence tagged to any of these nodes exactly (the caller has already expanded the tree). */
export async function evidenceTaggedTo(db: Database, actor: Actor, ids: number[], localityId?: number | null): Promise<EvidenceSummary[]> {
  if (!ids.length) return [];
  const rows = await baseQuery(db, actor)
    .where((eb) => eb.exists(eb.selectFrom("evidence_item_outcomes as t").select("t.evidence_item_id").whereRef("t.evidence_item_id", "=", "e.id").where("t.outcome_node_id", "in", ids)))
    .$if(Boolean(localityId), (q) => q.where((eb) => eb.or([eb("e.locality_id", "is", null), eb("e.locality_id", "=", localityId!)])))
    .orderBy("e.period_end", "desc")
    .orderBy("e.id", "desc")
    .execute();
  return withOutcomes(db, rows);
}

// ---------------------------------------------------------------------------------------------
// The golden-thread seam for other features (see docs/golden-thread.md).

export interface CitationInput {
  citingKind: CitingKind;
  citingId: number;
  evidenceItemIds?: number[];
  outcomeNodeIds?: number[];
  /** Where in the citing thing the evidence is used, e.g. a review's stage ("plan"). */
  context?: string;
}

/**
 * Record that a consultation, board decision, challenge or review cites evidence and outcome
 * nodes. Call it inside your own action's transaction (pass the `trx`); it checks the evidence
 * and nodes exist and that nodes are not retired, and is idempotent. Your own feature checks
 * the actor may change the citing thing; this function trusts the caller on that.
 */
export async function cite(db: Database, input: CitationInput): Promise<Result<null>> {
  const evidenceIds = [...new Set(input.evidenceItemIds ?? [])];
  const nodeIds = [...new Set(input.outcomeNodeIds ?? [])];
  if (evidenceIds.length) {
    const found = await db.selectFrom("evidence_items").select("id").where("id", "in", evidenceIds).execute();
    if (found.length !== evidenceIds.length) return fail({ evidenceItemIds: "Select evidence from the library" });
    await db
      .insertInto("evidence_citations")
      .values(evidenceIds.map((id) => ({ citing_kind: input.citingKind, citing_id: input.citingId, evidence_item_id: id, context: input.context ?? "" })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (nodeIds.length) {
    const refused = await checkReferences(db, { outcomeNodeIds: nodeIds });
    if (refused) return refused;
    await db
      .insertInto("outcome_links")
      .values(nodeIds.map((id) => ({ citing_kind: input.citingKind, citing_id: input.citingId, outcome_node_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return ok(null);
}

/** Remove citations a thing no longer makes (e.g. an edited decision). */
export async function uncite(db: Database, input: CitationInput): Promise<void> {
  const evidenceIds = input.evidenceItemIds ?? [];
  const nodeIds = input.outcomeNodeIds ?? [];
  if (evidenceIds.length) {
    await db
      .deleteFrom("evidence_citations")
      .where("citing_kind", "=", input.citingKind)
      .where("citing_id", "=", input.citingId)
      .where("evidence_item_id", "in", evidenceIds)
      .$if(input.context !== undefined, (q) => q.where("context", "=", input.context!))
      .execute();
  }
  if (nodeIds.length) {
    await db.deleteFrom("outcome_links").where("citing_kind", "=", input.citingKind).where("citing_id", "=", input.citingId).where("outcome_node_id", "in", nodeIds).execute();
  }
}

/** The evidence a thing cites, as this actor may see it (internal evidence hidden from the public). */
export async function citedEvidence(db: Database, actor: Actor, citingKind: CitingKind, citingId: number, context?: string): Promise<EvidenceSummary[]> {
  const rows = await baseQuery(db, actor)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("evidence_citations as c")
          .select("c.evidence_item_id")
          .whereRef("c.evidence_item_id", "=", "e.id")
          .where("c.citing_kind", "=", citingKind)
          .where("c.citing_id", "=", citingId)
          .$if(context !== undefined, (q) => q.where("c.context", "=", context!)),
      ),
    )
    .orderBy("e.title")
    .execute();
  return withOutcomes(db, rows);
}

/**
 * The titles of the evidence each of several things cites (as citedEvidence lists them, for this
 * actor), in one query: keyed "kind:id". A page citing evidence per agenda item and decision
 * asked once per thing before.
 */
export async function citedTitles(db: Database, actor: Actor, things: { kind: CitingKind; id: number }[]): Promise<Map<string, { id: number; title: string }[]>> {
  const cited = new Map<string, { id: number; title: string }[]>();
  if (!things.length) return cited;
  const rows = await db
    .selectFrom("evidence_citations as c")
    .innerJoin("evidence_items as e", "e.id", "c.evidence_item_id")
    .select(["c.citing_kind", "c.citing_id", "e.id", "e.title"])
    .distinct()
    .where((eb) => eb.or(things.map((t) => eb.and([eb("c.citing_kind", "=", t.kind), eb("c.citing_id", "=", t.id)]))))
    .$if(!mayViewInternal(actor), (q) => q.where("e.visibility", "=", "public"))
    .orderBy("e.title")
    .execute();
  for (const r of rows) {
    const key = `${r.citing_kind}:${r.citing_id}`;
    if (!cited.has(key)) cited.set(key, []);
    cited.get(key)!.push({ id: r.id, title: r.title });
  }
  return cited;
}

export interface ConsultationFindingInput {
  consultationId: number;
  title: string;
  summary: string;
  /** Where the published results are, e.g. https://moot.example/consultations/12/results */
  sourceUrl: string;
  periodStart: string;
  periodEnd?: string;
  localityId?: number | null;
  outcomeNodeIds?: number[];
  visibility?: "public" | "internal";
  confidence?: "strong" | "moderate" | "limited";
}

/**
 * One step from published consultation results to the evidence library: creates a
 * 'consultation finding' item (source: the council, stage Analyse) tagged to the outcomes, and
 * records that the consultation cites it so the thread runs both ways. Officers only.
 */
export async function addConsultationFinding(db: Database, actor: Actor, input: ConsultationFindingInput): Promise<Result<{ evidenceId: number }>> {
  // An officer for the finding's area may add it: a locality's officer for a locality's consultation.
  const area = localityTarget(input.localityId);
  if (!can(actor, "evidence.manage", area) && !can(actor, "consultation.manage", area)) return fail("You do not have permission to do this", 403);
  const council = await db.selectFrom("council").select("name").where("id", "=", 1).executeTakeFirst();
  const parsed = validate(evidenceSchema, {
    title: input.title,
    type: "consultation_finding",
    summary: input.summary,
    sourceOrganisation: council?.name ?? "The council",
    sourceUrl: input.sourceUrl,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd ?? "",
    localityId: input.localityId ?? "",
    stage: "analyse",
    confidence: input.confidence ?? "moderate",
    visibility: input.visibility ?? "public",
    outcomeNodeIds: (input.outcomeNodeIds ?? []).map(String),
  });
  if (!parsed.ok) return parsed;
  const refused = await checkReferences(db, parsed.value);
  if (refused) return refused;
  const evidenceId = await db.transaction().execute(async (trx) => {
    const id = await insertEvidence(trx, actor, parsed.value);
    await cite(trx, { citingKind: "consultation", citingId: input.consultationId, evidenceItemIds: [id], outcomeNodeIds: parsed.value.outcomeNodeIds });
    return id;
  });
  return ok({ evidenceId });
}

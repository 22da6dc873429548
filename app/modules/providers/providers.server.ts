/**
 * Providers and their arrangements (contracts, grants, in-house service agreements): who delivers,
 * what was bought and on what terms, the KPIs and social value commitments it is monitored by.
 */
import type { Database } from "../../../db/client";
import { sql, type Selectable } from "kysely";
import type { ArrangementTable } from "../../../db/tables/providers";
import { identityChanged } from "../../lib/effects";
import { permittedInput } from "../permissions/guard";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { can, COUNCIL, decide, type Actor, type Target } from "../permissions/permissions";
import { isoDate } from "../evidence/dates";
import { arrangementSchema, kpiSchema, providerPersonSchema, providerSchema, socialValueSchema } from "./schema";

export type ArrangementRow = Selectable<ArrangementTable>;

export const arrangementTarget = (a: { locality_id: number | null }): Target => (a.locality_id ? { kind: "locality", localityId: a.locality_id } : COUNCIL);
export const providerTarget = (providerId: number): Target => ({ kind: "provider", providerId });

/** What this actor may see and do with one arrangement. */
export function accessTo(actor: Actor, a: { locality_id: number | null; provider_id: number; commercial_confidential: boolean }) {
  const manage = can(actor, "contracts.manage", arrangementTarget(a));
  const own = can(actor, "provider.report", providerTarget(a.provider_id));
  const internal = manage || own || can(actor, "contracts.view_internal");
  return { manage, own, internal, commercial: !a.commercial_confidential || manage || own };
}

export async function createProvider(db: Database, actor: Actor, input: unknown): Promise<Result<{ providerId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", providerSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    if (v.challengeGroupId) {
      const group = await trx.selectFrom("challenge_groups").select("id").where("id", "=", v.challengeGroupId).executeTakeFirst();
      if (!group) return fail({ challengeGroupId: "Select a group from the list" });
    }
    const row = await trx
      .insertInto("providers")
      .values({ name: v.name, kind: v.kind, registration: v.registration, description: v.description, challenge_group_id: v.challengeGroupId ?? null, created_by: actor.user?.id ?? null })
      .onConflict((oc) => oc.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail({ name: "A provider with this name already exists" }, 409);
    await audit(trx, actor, "provider.created", `provider:${row.id}`, { name: v.name });
    return ok({ providerId: row.id });
  });
}

/** Give a person with an account the provider role for this provider (they then see its area). */
export async function addProviderPerson(db: Database, actor: Actor, input: unknown): Promise<Result<{ userId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", providerPersonSchema, input);
  if (!parsed.ok) return parsed;
  const { providerId, email } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const provider = await trx.selectFrom("providers").select("id").where("id", "=", providerId).executeTakeFirst();
    if (!provider) return fail("That provider does not exist", 404);
    const user = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (!user) return fail({ email: "Nobody has an account with this email address. Ask them to register first" });
    const inserted = await trx
      .insertInto("role_grants")
      .values({ user_id: user.id, role: "provider", scope: "provider", provider_id: providerId, granted_by: actor.user?.id ?? null })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return fail({ email: "This person is already one of the provider’s people" }, 409);
    await audit(trx, actor, "role.granted", `user:${user.id}`, { role: "provider", providerId });
    return ok({ userId: user.id }, [identityChanged(user.id)]);
  });
}

export async function listProviders(db: Database) {
  return db
    .selectFrom("providers as p")
    .select(["p.id", "p.name", "p.kind"])
    .select((eb) => eb.selectFrom("arrangements as a").select(eb.fn.countAll<number>().as("n")).whereRef("a.provider_id", "=", "p.id").as("arrangements"))
    .orderBy("p.name")
    .execute();
}

export async function getProvider(db: Database, actor: Actor, providerId: number) {
  const provider = await db
    .selectFrom("providers as p")
    .leftJoin("challenge_groups as g", "g.id", "p.challenge_group_id")
    .select(["p.id", "p.name", "p.kind", "p.registration", "p.description", "g.id as group_id", "g.name as group_name"])
    .where("p.id", "=", providerId)
    .executeTakeFirst();
  if (!provider) return null;
  const manage = can(actor, "contracts.manage");
  const [people, arrangements] = await Promise.all([
    manage || can(actor, "provider.report", providerTarget(providerId))
      ? db
          .selectFrom("role_grants as g")
          .innerJoin("users as u", "u.id", "g.user_id")
          .select(["u.id", "u.display_name", "u.email"])
          .where("g.provider_id", "=", providerId)
          .orderBy("u.display_name")
          .execute()
      : Promise.resolve([]),
    listArrangements(db, { providerId }),
  ]);
  return { provider, people, arrangements };
}

export async function createArrangement(db: Database, actor: Actor, input: unknown): Promise<Result<{ arrangementId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", arrangementSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const allowed = decide(actor, "contracts.manage", v.localityId ? { kind: "locality", localityId: v.localityId } : COUNCIL);
  if (!allowed.ok) return fail(allowed.message, 403);
  return db.transaction().execute(async (trx) => {
    const provider = await trx.selectFrom("providers").select(["id", "kind"]).where("id", "=", v.providerId).executeTakeFirst();
    if (!provider) return fail({ providerId: "Select the provider from the list" });
    if ((v.kind === "in_house") !== (provider.kind === "in_house")) {
      return fail({ kind: v.kind === "in_house" ? "An in-house service agreement must be with an in-house team" : "An in-house team’s service is an in-house service agreement" });
    }
    if (v.reviewId) {
      const review = await trx.selectFrom("commissioning_reviews").select("id").where("id", "=", v.reviewId).executeTakeFirst();
      if (!review) return fail({ reviewId: "Select a commissioning review from the list" });
      if (v.reviewOption) {
        const option = await trx.selectFrom("commissioning_review_options").select("option").where("review_id", "=", v.reviewId).where("option", "=", v.reviewOption).executeTakeFirst();
        if (!option) return fail({ reviewOption: "Select an option that review considered" });
      }
    }
    if (v.localityId && !(await trx.selectFrom("localities").select("id").where("id", "=", v.localityId).executeTakeFirst())) return fail({ localityId: "Select a locality, or council-wide" });
    if (v.managerUserId) {
      const manager = await trx.selectFrom("role_grants").select("user_id").where("user_id", "=", v.managerUserId).where("role", "in", ["officer", "admin"]).executeTakeFirst();
      if (!manager) return fail({ managerUserId: "The contract manager must be an officer" });
    }
    if (v.outcomeNodeIds.length) {
      const found = await trx.selectFrom("outcome_nodes").select("id").where("id", "in", v.outcomeNodeIds).where("retired_at", "is", null).execute();
      if (found.length !== new Set(v.outcomeNodeIds).size) return fail({ outcomeNodeIds: "Select outcomes from the list" });
    }
    const row = await trx
      .insertInto("arrangements")
      .values({
        title: v.title,
        kind: v.kind,
        provider_id: v.providerId,
        review_id: v.reviewId ?? null,
        review_option: v.reviewOption ?? null,
        locality_id: v.localityId ?? null,
        manager_user_id: v.managerUserId ?? actor.user?.id ?? null,
        value_pence: v.value,
        payment_model: v.paymentModel,
        unit_price_pence: v.unitPrice ?? null,
        unit_name: v.unitName,
        at_risk_percent: v.atRiskPercent ?? null,
        payment_terms: v.paymentTerms,
        starts_on: v.startsOn,
        ends_on: v.endsOn,
        extension_options: v.extensionOptions,
        key_terms: v.keyTerms,
        commercial_confidential: v.commercialConfidential,
        approval_route: v.approvalRoute ?? null,
        conditions: v.conditions,
        critical: v.critical,
        created_by: actor.user?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (v.outcomeNodeIds.length) await trx.insertInto("arrangement_outcomes").values([...new Set(v.outcomeNodeIds)].map((id) => ({ arrangement_id: row.id, outcome_node_id: id }))).execute();
    await audit(trx, actor, "arrangement.created", `arrangement:${row.id}`, { title: v.title, kind: v.kind, providerId: v.providerId });
    return ok({ arrangementId: row.id });
  });
}

/** The arrangement row, locked for the rest of the transaction when `lock` is set. */
export async function arrangementRow(db: Database, id: number, lock = false): Promise<ArrangementRow | undefined> {
  let q = db.selectFrom("arrangements").selectAll().where("id", "=", id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The preamble every contract-management operation shares: one transaction, the arrangement
 * (locked with `FOR UPDATE` for the rest of it when `lock` is set: use it where a check reads
 * sums or state that a concurrent write could change), and the actor must manage it (its locality
 * or council-wide). `fn` runs only when all of that holds.
 */
export async function withArrangement<T>(
  db: Database,
  actor: Actor,
  arrangementId: number,
  options: { lock?: boolean },
  fn: (trx: Database, arrangement: ArrangementRow) => Promise<Result<T>>,
): Promise<Result<T>> {
  return db.transaction().execute(async (trx) => {
    const a = await arrangementRow(trx, arrangementId, options.lock ?? false);
    if (!a) return fail("That arrangement does not exist", 404);
    const allowed = decide(actor, "contracts.manage", arrangementTarget(a));
    if (!allowed.ok) return fail(allowed.message, 403);
    return fn(trx, a);
  });
}

export async function addKpi(db: Database, actor: Actor, input: unknown): Promise<Result<{ kpiId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", kpiSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, { lock: true }, async (trx) => {
    if (v.measureNodeId) {
      const measure = await trx.selectFrom("outcome_nodes").select("id").where("id", "=", v.measureNodeId).where("kind", "=", "measure").where("retired_at", "is", null).executeTakeFirst();
      if (!measure) return fail({ measureNodeId: "Select an outcome measure from the list" });
    }
    const position = await trx.selectFrom("arrangement_kpis").select((eb) => eb.fn.countAll<number>().as("n")).where("arrangement_id", "=", v.arrangementId).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("arrangement_kpis")
      .values({
        arrangement_id: v.arrangementId,
        title: v.title,
        measure_node_id: v.measureNodeId ?? null,
        definition: v.definition,
        unit: v.unit,
        polarity: v.polarity,
        target: v.target,
        min_value: v.minValue,
        max_value: v.maxValue,
        frequency: v.frequency,
        deduction_rule: v.deductionRule,
        position: Number(position.n),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "arrangement.kpi_added", `arrangement:${v.arrangementId}`, { kpiId: row.id, title: v.title });
    return ok({ kpiId: row.id });
  });
}

export async function addSocialValue(db: Database, actor: Actor, input: unknown): Promise<Result<{ commitmentId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", socialValueSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withArrangement(db, actor, v.arrangementId, {}, async (trx) => {
    const row = await trx
      .insertInto("social_value_commitments")
      .values({ arrangement_id: v.arrangementId, theme: v.theme, outcome: v.outcome, measure: v.measure, unit: v.unit, target: v.target })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "arrangement.social_value_added", `arrangement:${v.arrangementId}`, { commitmentId: row.id });
    return ok({ commitmentId: row.id });
  });
}

export interface ArrangementSummary {
  id: number;
  title: string;
  kind: string;
  providerId: number;
  providerName: string;
  startsOn: string;
  endsOn: string;
  localityName: string | null;
  serviceArea: string | null;
  managerUserId: number | null;
}

/** Arrangements, optionally of one provider or ending within a window; newest end last. */
export async function listArrangements(db: Database, filter: { providerId?: number; providerIds?: number[]; endingBetween?: [string, string] } = {}): Promise<ArrangementSummary[]> {
  if (filter.providerIds && !filter.providerIds.length) return [];
  const rows = await db
    .selectFrom("arrangements as a")
    .innerJoin("providers as p", "p.id", "a.provider_id")
    .leftJoin("localities as l", "l.id", "a.locality_id")
    .leftJoin("commissioning_reviews as r", "r.id", "a.review_id")
    .select(["a.id", "a.title", "a.kind", "a.provider_id", "p.name as provider_name", "a.starts_on", "a.ends_on", "l.name as locality_name", "r.service_area", "a.manager_user_id"])
    .$if(filter.providerId !== undefined, (q) => q.where("a.provider_id", "=", filter.providerId!))
    .$if(filter.providerIds !== undefined, (q) => q.where("a.provider_id", "in", filter.providerIds!))
    .$if(filter.endingBetween !== undefined, (q) => q.where("a.ends_on", ">=", asDate(filter.endingBetween![0])).where("a.ends_on", "<=", asDate(filter.endingBetween![1])))
    .orderBy("a.ends_on")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    providerId: r.provider_id,
    providerName: r.provider_name,
    startsOn: isoDate(r.starts_on),
    endsOn: isoDate(r.ends_on),
    localityName: r.locality_name,
    serviceArea: r.service_area,
    managerUserId: r.manager_user_id,
  }));
}

/** The providers this person speaks for (their provider-role grants). */
export const ownProviderIds = (actor: Actor) => actor.grants.filter((g) => g.role === "provider" && g.providerId).map((g) => g.providerId!);

/** A 'YYYY-MM-DD' compared with a date column, as a date (never through a JavaScript Date and its time zone). */
export const asDate = (iso: string) => sql<Date>`${iso}::date`;

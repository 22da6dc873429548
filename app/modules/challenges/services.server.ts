/**
 * Community Right to Challenge: the services register and the windows for expressions of
 * interest.
 */
import type { Database } from "../../../db/client";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { listFrameworkTrees } from "../outcomes/outcomes.server";
import { decide, type Actor } from "../permissions/permissions";
import { isServiceOpen, toIsoDate } from "./deadlines";
import { removeServiceWindowSchema, serviceSchema, serviceUpdateSchema, serviceWindowSchema } from "./schema";
import { asOfficer, todayIso } from "./challenges-shared.server";

// ---------------------------------------------------------------- services

export interface ServiceSummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  excludedReason: string | null;
  anyTime: boolean;
  windows: { id: number; opensOn: string; closesOn: string }[];
  outcomes: { id: number; title: string }[];
  procurementMinMonths: number;
  procurementMaxMonths: number;
  openNow: boolean;
}

export async function listServices(db: Database, now: Date = new Date()): Promise<ServiceSummary[]> {
  const [services, windows, outcomes] = await Promise.all([
    db.selectFrom("challenge_services").selectAll().orderBy("name").execute(),
    db.selectFrom("challenge_service_windows").selectAll().orderBy("opens_on").execute(),
    db.selectFrom("challenge_service_outcomes as so").innerJoin("outcome_nodes as n", "n.id", "so.outcome_node_id").select(["so.service_id", "n.id", "n.title"]).orderBy("n.id").execute(),
  ]);
  const today = todayIso(now);
  return services.map((s) => {
    const summary = {
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      excludedReason: s.excluded_reason,
      anyTime: s.any_time,
      windows: windows.filter((w) => w.service_id === s.id).map((w) => ({ id: w.id, opensOn: toIsoDate(w.opens_on), closesOn: toIsoDate(w.closes_on) })),
      outcomes: outcomes.filter((o) => o.service_id === s.id).map((o) => ({ id: o.id, title: o.title })),
      procurementMinMonths: s.procurement_min_months,
      procurementMaxMonths: s.procurement_max_months,
    };
    return { ...summary, openNow: isServiceOpen(summary, today) };
  });
}

/** A service's own columns from the officer's answers: an excluded service is never open "at any time". */
function serviceColumns(s: { name: string; description: string; excludedReason: string; anyTime: boolean; procurementMinMonths: number; procurementMaxMonths: number }) {
  const excluded = s.excludedReason !== "";
  return {
    name: s.name,
    description: s.description,
    excluded_reason: excluded ? s.excludedReason : null,
    any_time: !excluded && s.anyTime,
    procurement_min_months: s.procurementMinMonths,
    procurement_max_months: s.procurementMaxMonths,
  };
}

async function tagService(trx: Database, serviceId: number, outcomeNodeIds: number[]) {
  if (!outcomeNodeIds.length) return;
  await trx.insertInto("challenge_service_outcomes").values(outcomeNodeIds.map((o) => ({ service_id: serviceId, outcome_node_id: o }))).onConflict((oc) => oc.doNothing()).execute();
}

export async function createService(db: Database, actor: Actor, input: unknown): Promise<Result<{ serviceId: number }>> {
  const parsed = asOfficer(actor, serviceSchema, input);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const excluded = s.excludedReason !== "";
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("challenge_services")
      .values({ slug: s.slug, ...serviceColumns(s) })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail({ name: "A service with this name or web address already exists" }, 409);
    if (!excluded && !s.anyTime) await trx.insertInto("challenge_service_windows").values({ service_id: row.id, opens_on: s.opensOn, closes_on: s.closesOn }).execute();
    await tagService(trx, row.id, s.outcomeNodeIds);
    await audit(trx, actor, "challenge.service.created", `challenge_service:${row.id}`, { name: s.name, excluded });
    return ok({ serviceId: row.id });
  });
}

/** The outcomes a service can serve, as checkbox options (hinted with their framework). */
export async function outcomeOptions(db: Database) {
  const frameworks = await listFrameworkTrees(db);
  return frameworks.flatMap((f) => f.outcomes.map((o) => ({ value: String(o.id), label: o.title, hint: f.name })));
}

/** One service with its windows, as an officer changes it. */
export async function serviceForEditing(db: Database, actor: Actor, serviceId: number, now: Date = new Date()): Promise<Result<ServiceSummary>> {
  const allowed = decide(actor, "challenge.handle");
  if (!allowed.ok) return fail(allowed.message, 403);
  const service = (await listServices(db, now)).find((s) => s.id === serviceId);
  return service ? ok(service) : fail("Service not found", 404);
}

async function serviceExists(db: Database, serviceId: number) {
  return Boolean(await db.selectFrom("challenge_services").select("id").where("id", "=", serviceId).executeTakeFirst());
}

/** An officer changes a service: its name, description, excluded reason, any time, procurement periods and outcomes. */
export async function updateService(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = asOfficer(actor, serviceUpdateSchema, input);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  if (!(await serviceExists(db, s.serviceId))) return fail("Service not found", 404);
  const excluded = s.excludedReason !== "";
  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom("challenge_services").select("id").where("name", "=", s.name).where("id", "!=", s.serviceId).executeTakeFirst();
    if (clash) return fail({ name: "A service with this name already exists" }, 409);
    const nodes = s.outcomeNodeIds.length ? await trx.selectFrom("outcome_nodes").select("id").where("id", "in", s.outcomeNodeIds).execute() : [];
    if (nodes.length !== new Set(s.outcomeNodeIds).size) return fail({ outcomeNodeIds: "Select outcomes from the list" });
    await trx
      .updateTable("challenge_services")
      .set(serviceColumns(s))
      .where("id", "=", s.serviceId)
      .execute();
    await trx.deleteFrom("challenge_service_outcomes").where("service_id", "=", s.serviceId).execute();
    await tagService(trx, s.serviceId, s.outcomeNodeIds);
    await audit(trx, actor, "challenge.service.updated", `challenge_service:${s.serviceId}`, { name: s.name, excluded, anyTime: !excluded && s.anyTime });
    return ok(null);
  });
}

/** An officer adds a period in which groups may submit expressions of interest for a service. */
export async function addServiceWindow(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = asOfficer(actor, serviceWindowSchema, input);
  if (!parsed.ok) return parsed;
  const w = parsed.value;
  if (!(await serviceExists(db, w.serviceId))) return fail("Service not found", 404);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("challenge_service_windows").values({ service_id: w.serviceId, opens_on: w.opensOn, closes_on: w.closesOn }).execute();
    await audit(trx, actor, "challenge.service.window_added", `challenge_service:${w.serviceId}`, { opensOn: w.opensOn, closesOn: w.closesOn });
  });
  return ok(null);
}

export async function removeServiceWindow(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = asOfficer(actor, removeServiceWindowSchema, input);
  if (!parsed.ok) return parsed;
  const { serviceId, windowId } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("challenge_service_windows").where("id", "=", windowId).where("service_id", "=", serviceId).returning("id").executeTakeFirst();
    if (!gone) return fail("That period has already been removed", 404);
    await audit(trx, actor, "challenge.service.window_removed", `challenge_service:${serviceId}`, { windowId });
    return ok(null);
  });
}

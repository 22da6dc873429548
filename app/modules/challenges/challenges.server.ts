/**
 * Community Right to Challenge: groups (relevant bodies), the services register, expressions of
 * interest and their handling against the statutory clock. Every state change goes through
 * `move()`, which checks the transitions table and writes the append-only event.
 */
import { queueMessage } from "../notifications/outbox.server";
import { sql, type Updateable } from "kysely";
import type { z } from "zod";
import type { Database } from "../../../db/client";
import type { ChallengeEoiTable, EoiStatus } from "../../../db/tables/challenges";
import { validate } from "../../lib/forms";
import { transact } from "../../lib/effects.server";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { cite, citedEvidence, searchEvidence, uncite } from "../evidence/evidence.server";
import { listFrameworkTrees } from "../outcomes/outcomes.server";
import { loadGrants } from "../auth/session.server";
import { can, decide, VISITOR, type Actor } from "../permissions/permissions";
import { missingSections, publicView, sectionsFor, type EoiRecord } from "./answers";
import { acknowledgementDue, clockFor, decisionDateNoticeDue, isServiceOpen, londonDay, procurementWindow, toIsoDate, type ClockItem, type ClockSettings, type Holidays } from "./deadlines";
import {
  addMemberSchema,
  addPartnerSchema,
  clockSettingsSchema,
  evidenceConsideredSchema,
  groupIdSchema,
  groupResponseSchema,
  groupSchema,
  type GroupInput,
  officerActionSchema,
  removeServiceWindowSchema,
  sectionSchemas,
  serviceSchema,
  serviceUpdateSchema,
  serviceWindowSchema,
  startEoiSchema,
  submitSchema,
  type EoiSection,
  type RegisterFilter,
} from "./schema";
import { checkTransition, REJECTION_GROUNDS, STATUS_LABELS, type Party, type RejectionGround } from "./transitions";
import { permittedInput } from "../../lib/guard";
import { nodeAndDescendants } from "../outcomes/outcomes.server";

const todayIso = (now: Date = new Date()) => londonDay(now);

/** An officer's action: may the actor handle challenges, and is the input valid? */
const asOfficer = <S extends z.ZodType>(actor: Actor, schema: S, input: unknown) => permittedInput(actor, "challenge.handle", schema, input);


// ---------------------------------------------------------------- the clock's settings

/** The clock's settings, and the council's bank holidays (one table, kept on /admin/bank-holidays). */
export async function loadClock(db: Database): Promise<{ settings: ClockSettings; holidays: Holidays }> {
  const [row, holidays] = await Promise.all([db.selectFrom("challenge_settings").selectAll().where("id", "=", 1).executeTakeFirst(), bankHolidaySet(db)]);
  return {
    settings: {
      acknowledgeWorkingDays: row?.acknowledge_working_days ?? 10,
      decisionDateNoticeDays: row?.decision_date_notice_days ?? 30,
      warnDaysBeforeLapse: row?.warn_days_before_lapse ?? 14,
    },
    holidays,
  };
}

/** Admins set the clock: working days to acknowledge, and how early to warn of a lapsing window. */
export async function updateClockSettings(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "challenge.configure", clockSettingsSchema, input);
  if (!parsed.ok) return parsed;
  const values = { acknowledge_working_days: parsed.value.acknowledgeWorkingDays, warn_days_before_lapse: parsed.value.warnDaysBeforeLapse };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("challenge_settings").values({ id: 1, ...values }).onConflict((oc) => oc.column("id").doUpdateSet(values)).execute();
    await audit(trx, actor, "challenge.settings.updated", "challenge_settings", parsed.value);
  });
  return ok(null);
}

// ---------------------------------------------------------------- groups

async function isMember(db: Database, groupId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom("challenge_group_members").select("user_id").where("group_id", "=", groupId).where("user_id", "=", userId).executeTakeFirst();
  return Boolean(row);
}

/** The actor may act for this group: they hold the representative role and are one of its users. */
async function actsFor(db: Database, actor: Actor, groupId: number): Promise<Result<null>> {
  const allowed = decide(actor, "challenge.submit");
  if (!allowed.ok) return fail(allowed.message, 403);
  if (!(await isMember(db, groupId, actor.user!.id))) return fail("Only the people who act for this group can do this", 403);
  return ok(null);
}

const groupColumns = (g: GroupInput) => ({
  name: g.name,
  kind: g.kind,
  kind_other: g.kind === "other" ? g.kindOther : "",
  charity_number: g.charityNumber,
  company_number: g.companyNumber,
  other_registration: g.otherRegistration,
  contact_name: g.contactName,
  contact_email: g.contactEmail,
  contact_phone: g.contactPhone,
  address: g.address,
});

export async function registerGroup(db: Database, actor: Actor, input: unknown): Promise<Result<{ groupId: number }>> {
  const parsed = permittedInput(actor, "challenge.submit", groupSchema, input);
  if (!parsed.ok) return parsed;
  const g = parsed.value;
  return db.transaction().execute(async (trx) => {
    const group = await trx
      .insertInto("challenge_groups")
      .values({ ...groupColumns(g), created_by: actor.user!.id })
      .onConflict((oc) => oc.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!group) return fail({ name: "A group with this name is already registered" }, 409);
    await trx.insertInto("challenge_group_members").values({ group_id: group.id, user_id: actor.user!.id }).execute();
    await audit(trx, actor, "challenge.group.registered", `challenge_group:${group.id}`, { name: g.name, kind: g.kind });
    return ok({ groupId: group.id });
  });
}

/** The group's details as its form shows them, for the people who act for it. */
export async function groupForEditing(db: Database, actor: Actor, groupId: number): Promise<Result<Record<string, string>>> {
  const may = await actsFor(db, actor, groupId);
  if (!may.ok) return may;
  const g = await db.selectFrom("challenge_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!g) return fail("Group not found", 404);
  return ok({
    id: String(g.id),
    name: g.name,
    kind: g.kind,
    kindOther: g.kind_other,
    charityNumber: g.charity_number,
    companyNumber: g.company_number,
    otherRegistration: g.other_registration,
    contactName: g.contact_name,
    contactEmail: g.contact_email,
    contactPhone: g.contact_phone,
    address: g.address,
  });
}

/** A person who acts for the group changes its details (name, kind, registrations, contact). */
export async function updateGroup(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const target = validate(groupIdSchema, input);
  if (!target.ok) return target;
  const { groupId } = target.value;
  const may = await actsFor(db, actor, groupId);
  if (!may.ok) return may;
  const parsed = validate(groupSchema, input);
  if (!parsed.ok) return parsed;
  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom("challenge_groups").select("id").where("name", "=", parsed.value.name).where("id", "!=", groupId).executeTakeFirst();
    if (clash) return fail({ name: "A group with this name is already registered" }, 409);
    await trx.updateTable("challenge_groups").set(groupColumns(parsed.value)).where("id", "=", groupId).execute();
    await audit(trx, actor, "challenge.group.updated", `challenge_group:${groupId}`, { name: parsed.value.name, kind: parsed.value.kind });
    return ok(null);
  });
}

export async function addGroupMember(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = validate(addMemberSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email", "display_name", "home_locality_id"]).where("email", "=", parsed.value.email).executeTakeFirst();
    if (!user) return fail({ email: "No account uses this email address. The person must create an account first" }, 404);
    // the person added must themselves be allowed to submit challenges (asked of the permission rules)
    const person: Actor = { user: { id: user.id, email: user.email, displayName: user.display_name, homeLocalityId: user.home_locality_id }, grants: await loadGrants(trx, user.id) };
    if (!can(person, "challenge.submit")) return fail({ email: "This person is not a community group representative yet. Ask the council to give them that role first" }, 409);
    const added = await trx
      .insertInto("challenge_group_members")
      .values({ group_id: parsed.value.groupId, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!added) return fail({ email: "This person already acts for the group" }, 409);
    await audit(trx, actor, "challenge.group.member_added", `challenge_group:${parsed.value.groupId}`, { userId: user.id });
    return ok(null);
  });
}

export async function addGroupPartner(db: Database, actor: Actor, input: unknown): Promise<Result<{ partnerId: number }>> {
  const parsed = validate(addPartnerSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  const p = parsed.value;
  const row = await db
    .insertInto("challenge_group_partners")
    .values({ group_id: p.groupId, role: p.role, name: p.name, registration: p.registration })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return fail({ name: "This partner is already recorded" }, 409);
  return ok({ partnerId: row.id });
}

export async function listMyGroups(db: Database, actor: Actor) {
  if (!actor.user) return [];
  return db
    .selectFrom("challenge_groups as g")
    .innerJoin("challenge_group_members as m", "m.group_id", "g.id")
    .select(["g.id", "g.name", "g.kind"])
    .where("m.user_id", "=", actor.user.id)
    .orderBy("g.name")
    .execute();
}

/** A group's page: for the people who act for it, and for officers. */
export async function getGroup(db: Database, actor: Actor, groupId: number) {
  const group = await db.selectFrom("challenge_groups").selectAll().where("id", "=", groupId).executeTakeFirst();
  if (!group) return fail("Group not found", 404);
  const member = actor.user ? await isMember(db, groupId, actor.user.id) : false;
  if (!member && !decide(actor, "challenge.handle").ok) return fail("Only the people who act for this group can see its page", 403);
  const [members, partners, eois, messages] = await Promise.all([
    db.selectFrom("challenge_group_members as m").innerJoin("users as u", "u.id", "m.user_id").select(["u.id", "u.display_name", "u.email"]).where("m.group_id", "=", groupId).orderBy("u.display_name").execute(),
    db.selectFrom("challenge_group_partners").selectAll().where("group_id", "=", groupId).orderBy("id").execute(),
    db
      .selectFrom("challenge_eois as e")
      .leftJoin("challenge_services as s", "s.id", "e.service_id")
      .select(["e.id", "e.title", "e.status", "e.updated_at", "s.name as service_name"])
      .where("e.group_id", "=", groupId)
      .orderBy("e.id", "desc")
      .execute(),
    db.selectFrom("challenge_group_messages").selectAll().where("group_id", "=", groupId).orderBy("id", "desc").execute(),
  ]);
  return ok({ group, members, partners, eois, messages, member });
}

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

// ---------------------------------------------------------------- reading an EOI

async function loadEoi(db: Database, eoiId: number): Promise<EoiRecord | null> {
  const row = await db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .selectAll("e")
    .select(["g.name as group_name", "g.kind as group_kind", "s.name as service_name"])
    .where("e.id", "=", eoiId)
    .executeTakeFirst();
  if (!row) return null;
  const [localities, outcomes, partners] = await Promise.all([
    db.selectFrom("challenge_eoi_localities as el").innerJoin("localities as l", "l.id", "el.locality_id").select(["l.id", "l.name"]).where("el.eoi_id", "=", eoiId).orderBy("l.name").execute(),
    db.selectFrom("challenge_eoi_outcomes as eo").innerJoin("outcome_nodes as n", "n.id", "eo.outcome_node_id").select(["n.id", "n.title"]).where("eo.eoi_id", "=", eoiId).orderBy("n.id").execute(),
    db
      .selectFrom("challenge_group_partners as p")
      .leftJoin("challenge_eoi_partner_finances as f", (j) => j.onRef("f.partner_id", "=", "p.id").on("f.eoi_id", "=", eoiId))
      .select(["p.id", "p.name", "p.role", "f.finances", "f.confidential"])
      .where("p.group_id", "=", row.group_id)
      .orderBy("p.id")
      .execute(),
  ]);
  return {
    id: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    groupKind: row.group_kind,
    serviceId: row.service_id,
    serviceName: row.service_name,
    status: row.status,
    title: row.title,
    areaDescription: row.area_description,
    localities,
    finances: row.finances,
    financesConfidential: row.finances_confidential,
    partners: partners.map((p) => ({ partnerId: p.id, name: p.name, role: p.role, finances: p.finances ?? "", confidential: p.confidential ?? false })),
    capability: row.capability,
    capabilityConfidential: row.capability_confidential,
    outcomes: row.outcomes,
    wellbeing: row.wellbeing,
    usersNeeds: row.users_needs,
    outcomeNodes: outcomes,
    outcomesConfidential: row.outcomes_confidential,
    employeeEngagement: row.employee_engagement,
    employeeEngagementConfidential: row.employee_engagement_confidential,
    submittedAt: row.submitted_at,
    decisionDueOn: row.decision_due_on ? toIsoDate(row.decision_due_on) : null,
    modification: row.modification,
    procurementOpensOn: row.procurement_opens_on ? toIsoDate(row.procurement_opens_on) : null,
    procurementClosesOn: row.procurement_closes_on ? toIsoDate(row.procurement_closes_on) : null,
  };
}

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

// ---------------------------------------------------------------- the group drafts and submits

export async function startEoi(db: Database, actor: Actor, input: unknown): Promise<Result<{ eoiId: number }>> {
  const parsed = validate(startEoiSchema, input);
  if (!parsed.ok) return parsed;
  const may = await actsFor(db, actor, parsed.value.groupId);
  if (!may.ok) return may;
  const serviceId = parsed.value.serviceId;
  if (serviceId !== undefined) {
    const service = await db.selectFrom("challenge_services").select(["excluded_reason"]).where("id", "=", serviceId).executeTakeFirst();
    if (!service) return fail({ serviceId: "Choose a service" }, 404);
    if (service.excluded_reason !== null) return fail({ serviceId: `This service is excluded from the Right to Challenge: ${service.excluded_reason}` }, 409);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("challenge_eois")
      .values({ group_id: parsed.value.groupId, created_by: actor.user!.id, service_id: serviceId ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("challenge_eoi_events").values({ eoi_id: row.id, actor_user_id: actor.user!.id, from_status: null, to_status: "draft", reason: "Started" }).execute();
    return ok({ eoiId: row.id });
  });
}

/** Loads an EOI the actor may edit (a draft of a group they act for). */
async function editableEoi(db: Database, actor: Actor, eoiId: number): Promise<Result<EoiRecord>> {
  const eoi = await loadEoi(db, eoiId);
  if (!eoi) return fail("Expression of interest not found", 404);
  const may = await actsFor(db, actor, eoi.groupId);
  if (!may.ok) return may;
  if (eoi.status !== "draft") return fail("This expression of interest has been submitted and can no longer be changed", 409);
  return ok(eoi);
}

/** Save one page of the form (save and return: the group may leave and come back). */
export async function saveEoiSection(db: Database, actor: Actor, eoiId: number, section: EoiSection, input: unknown): Promise<Result<null>> {
  const editable = await editableEoi(db, actor, eoiId);
  if (!editable.ok) return editable;
  const eoi = editable.value;
  if (!sectionsFor(eoi.groupKind).includes(section)) return fail("This part of the form does not apply to your group", 404);
  const now = new Date();
  switch (section) {
    case "service": {
      const parsed = validate(sectionSchemas.service, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const service = await db.selectFrom("challenge_services").select(["id", "excluded_reason"]).where("id", "=", v.serviceId).executeTakeFirst();
      if (!service) return fail({ serviceId: "Select the service you want to run" });
      if (service.excluded_reason !== null) return fail({ serviceId: `This service is excluded from the Right to Challenge: ${service.excluded_reason}` });
      const localities = await db.selectFrom("localities").select("id").where("id", "in", v.localityIds).execute();
      if (localities.length !== v.localityIds.length) return fail({ localityIds: "Select at least one locality" });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("challenge_eois").set({ service_id: v.serviceId, title: v.title, area_description: v.areaDescription, updated_at: now }).where("id", "=", eoiId).execute();
        await trx.deleteFrom("challenge_eoi_localities").where("eoi_id", "=", eoiId).execute();
        await trx.insertInto("challenge_eoi_localities").values(v.localityIds.map((l) => ({ eoi_id: eoiId, locality_id: l }))).execute();
      });
      return ok(null);
    }
    case "finances": {
      const parsed = validate(sectionSchemas.finances, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const known = new Set(eoi.partners.map((p) => p.partnerId));
      const given = new Set(v.partners.map((p) => p.partnerId));
      const lacking = eoi.partners.findIndex((p) => !given.has(p.partnerId));
      if (lacking >= 0) return fail({ [`partners[${lacking}].finances`]: `Describe the financial resources of ${eoi.partners[lacking]!.name}` });
      if (v.partners.some((p) => !known.has(p.partnerId))) return fail("A partner on this page is not one of the group's partners");
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("challenge_eois").set({ finances: v.finances, finances_confidential: v.financesConfidential, updated_at: now }).where("id", "=", eoiId).execute();
        for (const p of v.partners) {
          await trx
            .insertInto("challenge_eoi_partner_finances")
            .values({ eoi_id: eoiId, partner_id: p.partnerId, finances: p.finances, confidential: p.confidential })
            .onConflict((oc) => oc.columns(["eoi_id", "partner_id"]).doUpdateSet({ finances: p.finances, confidential: p.confidential }))
            .execute();
        }
      });
      return ok(null);
    }
    case "capability": {
      const parsed = validate(sectionSchemas.capability, input);
      if (!parsed.ok) return parsed;
      await db.updateTable("challenge_eois").set({ capability: parsed.value.capability, capability_confidential: parsed.value.capabilityConfidential, updated_at: now }).where("id", "=", eoiId).execute();
      return ok(null);
    }
    case "outcomes": {
      const parsed = validate(sectionSchemas.outcomes, input);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      const nodes = await db.selectFrom("outcome_nodes").select("id").where("id", "in", v.outcomeNodeIds).where("retired_at", "is", null).execute();
      if (nodes.length !== v.outcomeNodeIds.length) return fail({ outcomeNodeIds: "Select at least one outcome the proposal serves" });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("challenge_eois")
          .set({ outcomes: v.outcomes, wellbeing: v.wellbeing, users_needs: v.usersNeeds, outcomes_confidential: v.outcomesConfidential, updated_at: now })
          .where("id", "=", eoiId)
          .execute();
        await trx.deleteFrom("challenge_eoi_outcomes").where("eoi_id", "=", eoiId).execute();
        await trx.insertInto("challenge_eoi_outcomes").values(v.outcomeNodeIds.map((o) => ({ eoi_id: eoiId, outcome_node_id: o }))).execute();
      });
      return ok(null);
    }
    case "engagement": {
      const parsed = validate(sectionSchemas.engagement, input);
      if (!parsed.ok) return parsed;
      await db
        .updateTable("challenge_eois")
        .set({ employee_engagement: parsed.value.employeeEngagement, employee_engagement_confidential: parsed.value.employeeEngagementConfidential, updated_at: now })
        .where("id", "=", eoiId)
        .execute();
      return ok(null);
    }
  }
}

/**
 * Change an EOI's state: checks the transitions table, guards against a concurrent change (the
 * row must still be in `from`), and writes the append-only event. Inside the caller's transaction.
 */
async function move(
  trx: Database,
  actor: Actor,
  eoi: { id: number; status: EoiStatus },
  to: EoiStatus,
  by: Party,
  reason: string,
  patch: Updateable<ChallengeEoiTable> = {},
): Promise<Result<null>> {
  const check = checkTransition(eoi.status, to, by);
  if (!check.ok) return fail(check.message, 409);
  const updated = await trx
    .updateTable("challenge_eois")
    .set({ ...patch, status: to, updated_at: new Date() })
    .where("id", "=", eoi.id)
    .where("status", "=", eoi.status)
    .returning("id")
    .executeTakeFirst();
  if (!updated) return fail("Someone else changed this expression of interest first. Check its status and try again", 409);
  await trx.insertInto("challenge_eoi_events").values({ eoi_id: eoi.id, actor_user_id: actor.user?.id ?? null, from_status: eoi.status, to_status: to, reason }).execute();
  return ok(null);
}

async function tell(trx: Database, eoi: { id: number; groupId: number; title: string }, subject: string, body: string) {
  await trx.insertInto("challenge_group_messages").values({ group_id: eoi.groupId, eoi_id: eoi.id, subject: `${subject}: ${eoi.title}`, body }).execute();
}

export async function submitEoi(db: Database, actor: Actor, input: unknown, now: Date = new Date()): Promise<Result<null>> {
  const parsed = validate(submitSchema, input);
  if (!parsed.ok) return parsed;
  const editable = await editableEoi(db, actor, parsed.value.eoiId);
  if (!editable.ok) return editable;
  const eoi = editable.value;
  const missing = missingSections(eoi);
  if (missing.length) return fail(Object.fromEntries(missing.map((m) => [m.section, `${m.title}: ${m.message}`])));
  const service = (await listServices(db, now)).find((s) => s.id === eoi.serviceId);
  if (!service) return fail({ service: "Select the service you want to run" });
  if (service.excludedReason !== null) return fail({ service: `${service.name} is excluded from the Right to Challenge: ${service.excludedReason}` }, 409);
  if (!service.openNow) {
    const next = service.windows.find((w) => w.opensOn > todayIso(now));
    return fail({ service: `${service.name} is not open to expressions of interest now${next ? `. The next period opens on ${next.opensOn}` : ""}` }, 409);
  }
  return db.transaction().execute(async (trx) => {
    const moved = await move(trx, actor, eoi, "submitted", "group", "Submitted by the group", { submitted_at: now });
    if (!moved.ok) return moved;
    // The receipt to the person who submitted it: the service, the reference and the date only
    // (never the confidential parts of the expression of interest).
    const effects = await queueMessage(trx, {
      eventKey: `receipt:eoi:${eoi.id}:${now.toISOString()}`,
      to: actor.user!.email,
      subject: `Expression of interest EOI-${eoi.id} received: ${service.name}`,
      body: [
        `We received your group’s expression of interest in running ${service.name} on ${now.toLocaleDateString("en-GB", { timeZone: "Europe/London", dateStyle: "long" })}.`,
        `Its reference is EOI-${eoi.id}. We will write to you with the date by which we will acknowledge it and the date we will decide it; you can follow it on Moot under Right to Challenge.`,
      ].join("\n\n"),
    });
    return ok(null, effects);
  });
}

/** The group answers a proposed modification, or withdraws. */
export async function groupRespond(db: Database, actor: Actor, input: unknown): Promise<Result<{ status: EoiStatus }>> {
  const parsed = validate(groupResponseSchema, input);
  if (!parsed.ok) return parsed;
  const eoi = await loadEoi(db, parsed.value.eoiId);
  if (!eoi) return fail("Expression of interest not found", 404);
  const may = await actsFor(db, actor, eoi.groupId);
  if (!may.ok) return may;
  const { intent } = parsed.value;
  const reason = parsed.value.intent === "withdraw" ? parsed.value.reason : parsed.value.comment;
  const to: EoiStatus = intent === "agree" ? "modification_agreed" : intent === "decline" ? "modification_declined" : "withdrawn";
  const words = intent === "agree" ? "The group agreed the modification" : intent === "decline" ? "The group declined the modification" : "Withdrawn by the group";
  return db.transaction().execute(async (trx) => {
    const moved = await move(trx, actor, eoi, to, "group", reason ? `${words}: ${reason}` : words);
    if (!moved.ok) return moved;
    return ok({ status: to });
  });
}

// ---------------------------------------------------------------- officers handle

export async function officerAction(db: Database, actor: Actor, input: unknown, now: Date = new Date()): Promise<Result<{ status: EoiStatus }>> {
  const parsed = asOfficer(actor, officerActionSchema, input);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  const eoi = await loadEoi(db, a.eoiId);
  if (!eoi || eoi.status === "draft") return fail("Expression of interest not found", 404);
  return db.transaction().execute(async (trx): Promise<Result<{ status: EoiStatus }>> => {
    const done = (to: EoiStatus) => async (r: Result<null>) => (r.ok ? ok({ status: to }) : r);
    switch (a.intent) {
      case "acknowledge": {
        const r = await move(trx, actor, eoi, "acknowledged", "officer", a.reason || "Acknowledged", { acknowledged_at: now });
        if (r.ok) await tell(trx, eoi, "Expression of interest received", `The council has received your expression of interest in ${eoi.serviceName} and will tell you, within 30 days of receiving it, the date by which it will decide.`);
        return done("acknowledged")(r);
      }
      case "notify_decision_date": {
        if (a.decisionDueOn < todayIso(now)) return fail({ decisionDueOn: "The decision date must be today or in the future" });
        const r = await move(trx, actor, eoi, "decision_date_notified", "officer", a.reason || `Decision by ${a.decisionDueOn}`, { decision_due_on: a.decisionDueOn });
        if (r.ok) await tell(trx, eoi, "Decision date", `The council will decide on your expression of interest by ${a.decisionDueOn}.`);
        return done("decision_date_notified")(r);
      }
      case "consider":
        return done("under_consideration")(await move(trx, actor, eoi, "under_consideration", "officer", a.reason || "Under consideration"));
      case "propose_modification": {
        const r = await move(trx, actor, eoi, "modification_proposed", "officer", a.modification, { modification: a.modification });
        if (r.ok) await tell(trx, eoi, "The council proposes a modification", `The council would accept your expression of interest if it were modified as follows. Tell us whether the group agrees.\n\n${a.modification}`);
        return done("modification_proposed")(r);
      }
      case "decide": {
        const to = a.decision as EoiStatus;
        const grounds = to === "rejected" ? (a.grounds as RejectionGround[]).map((g) => ({ ground: g, reason: REJECTION_GROUNDS[g] })) : [];
        const patch: Updateable<ChallengeEoiTable> = { decided_at: now };
        if (to !== "rejected") {
          const service = await trx.selectFrom("challenge_services").select(["procurement_min_months", "procurement_max_months"]).where("id", "=", eoi.serviceId!).executeTakeFirstOrThrow();
          const window = procurementWindow(todayIso(now), service.procurement_min_months, service.procurement_max_months);
          patch.procurement_opens_on = window.opensOn;
          patch.procurement_closes_on = window.closesOn;
        }
        const r = await move(trx, actor, eoi, to, "officer", a.reasons, patch);
        if (!r.ok) return r;
        await trx
          .insertInto("challenge_decision_notices")
          .values({
            eoi_id: eoi.id,
            decision: to,
            reasons: a.reasons,
            grounds: JSON.stringify(grounds),
            modification: to === "accepted_with_modification" ? eoi.modification : "",
            issued_by: actor.user!.id,
          })
          .execute();
        await tell(trx, eoi, `Decision: ${STATUS_LABELS[to]}`, `${a.reasons}${grounds.length ? `\n\nGrounds: ${grounds.map((g) => g.reason).join("; ")}` : ""}`);
        await audit(trx, actor, "challenge.eoi.decided", `challenge_eoi:${eoi.id}`, { decision: to, grounds: a.grounds });
        return ok({ status: to });
      }
      case "procurement_pending":
        return done("procurement_pending")(await move(trx, actor, eoi, "procurement_pending", "officer", a.reason || "Procurement pending"));
      case "procurement_started":
        // The minimum period gives the group time to prepare: procurement may not start before it ends.
        if (eoi.procurementOpensOn && todayIso(now) < eoi.procurementOpensOn) {
          return fail(`Procurement cannot start before ${eoi.procurementOpensOn}, the end of the minimum period set for this service`, 409);
        }
        return done("procurement_started")(await move(trx, actor, eoi, "procurement_started", "officer", a.reason || "Procurement exercise started"));
      case "close":
        return done("closed")(await move(trx, actor, eoi, "closed", "officer", a.reason || "Closed"));
    }
  });
}

export interface DashboardRow {
  id: number;
  title: string;
  groupName: string;
  serviceName: string | null;
  status: EoiStatus;
  due: ClockItem | null;
}

/** Every open EOI with what the council owes on it, most urgent first. */
export async function officerDashboard(db: Database, actor: Actor, now: Date = new Date()): Promise<Result<DashboardRow[]>> {
  const allowed = decide(actor, "challenge.handle");
  if (!allowed.ok) return fail(allowed.message, 403);
  const { settings, holidays } = await loadClock(db);
  const rows = await db
    .selectFrom("challenge_eois as e")
    .innerJoin("challenge_groups as g", "g.id", "e.group_id")
    .leftJoin("challenge_services as s", "s.id", "e.service_id")
    .select(["e.id", "e.title", "e.status", "e.submitted_at", "e.decision_due_on", "e.procurement_opens_on", "e.procurement_closes_on", "g.name as group_name", "s.name as service_name"])
    .where("e.status", "not in", ["draft", "closed", "withdrawn"])
    .orderBy("e.id")
    .execute();
  const today = todayIso(now);
  const result = rows.map((r) => ({
    id: r.id,
    title: r.title,
    groupName: r.group_name,
    serviceName: r.service_name,
    status: r.status,
    due: clockFor(
      {
        status: r.status,
        receivedOn: r.submitted_at ? londonDay(r.submitted_at) : null,
        decisionDueOn: r.decision_due_on ? toIsoDate(r.decision_due_on) : null,
        procurementOpensOn: r.procurement_opens_on ? toIsoDate(r.procurement_opens_on) : null,
        procurementClosesOn: r.procurement_closes_on ? toIsoDate(r.procurement_closes_on) : null,
      },
      settings,
      holidays,
      today,
    ),
  }));
  result.sort((a, b) => (a.due?.dueOn ?? "9999").localeCompare(b.due?.dueOn ?? "9999"));
  return ok(result);
}

/** What the council owes a group from the day it received the EOI (shown on the submission confirmation). */
function statutoryDates(eoi: EoiRecord, clock: { settings: ClockSettings; holidays: Holidays }) {
  if (!eoi.submittedAt) return null;
  const receivedOn = londonDay(eoi.submittedAt);
  return {
    receivedOn,
    acknowledgementDueOn: acknowledgementDue(receivedOn, clock.settings.acknowledgeWorkingDays, clock.holidays),
    acknowledgeWorkingDays: clock.settings.acknowledgeWorkingDays,
    decisionDateNoticeDueOn: decisionDateNoticeDue(receivedOn, clock.settings.decisionDateNoticeDays),
    decisionDateNoticeDays: clock.settings.decisionDateNoticeDays,
  };
}

function clockInput(eoi: EoiRecord) {
  return {
    status: eoi.status,
    receivedOn: eoi.submittedAt ? londonDay(eoi.submittedAt) : null,
    decisionDueOn: eoi.decisionDueOn,
    procurementOpensOn: eoi.procurementOpensOn,
    procurementClosesOn: eoi.procurementClosesOn,
  };
}

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


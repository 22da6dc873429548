import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  addGroupMember,
  addGroupPartner,
  createService,
  getEoi,
  getPublicEoi,
  groupRespond,
  listRegister,
  listServices,
  officerAction,
  officerDashboard,
  registerGroup,
  saveEoiSection,
  startEoi,
  submitEoi,
} from "../../app/modules/challenges/challenges.server";
import { addCalendarDays, toIsoDate } from "../../app/modules/challenges/deadlines";
import { registerCsv } from "../../app/modules/challenges/register-csv.server";
import { whatsOpen } from "../../app/modules/whats-open/whats-open.server";
import type { Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const SEEDED_AT = new Date("2026-11-23T09:00:00Z");

async function ids() {
  const services = await t.db.selectFrom("challenge_services").select(["id", "slug"]).execute();
  const svc = (slug: string) => services.find((s) => s.slug === slug)!.id;
  const localities = await t.db.selectFrom("localities").select(["id", "slug"]).execute();
  const node = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your life").executeTakeFirstOrThrow();
  return {
    youth: svc("youth-clubs"),
    libraries: svc("community-libraries"),
    parks: svc("parks-maintenance"),
    excluded: svc("complex-care-packages"),
    eastmere: localities.find((l) => l.slug === "eastmere")!.id,
    riverside: localities.find((l) => l.slug === "riverside")!.id,
    outcome: node.id,
  };
}

let n = 0;
async function newGroup(rep: Actor, kind = "voluntary_or_community_body") {
  const result = await registerGroup(t.db, rep, { name: `Test group ${n++} ${Date.now()}`, kind, contactName: "Con Tact", contactEmail: "contact@example.com" });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.groupId;
}

/** A complete draft from a fresh group, ready to submit. */
async function completeDraft(rep: Actor, serviceId: number, options: { kind?: string; confidentialFinances?: boolean } = {}) {
  const i = await ids();
  const groupId = await newGroup(rep, options.kind);
  const started = await startEoi(t.db, rep, { groupId: String(groupId) });
  if (!started.ok) throw new Error("start");
  const eoiId = started.value.eoiId;
  const pages = [
    ["service", { serviceId: String(serviceId), title: "Run the youth club", areaDescription: "Eastmere seafront", localityIds: [String(i.eastmere)] }],
    ["finances", { finances: "SECRET-FINANCES reserves of £10k", financesConfidential: options.confidentialFinances === false ? undefined : "yes" }],
    ["capability", { capability: "Eight years of holiday schemes" }],
    ["outcomes", { outcomes: "More young people active", wellbeing: "Social and economic benefits", usersNeeds: "Later opening", outcomeNodeIds: [String(i.outcome)] }],
  ] as const;
  for (const [section, input] of pages) {
    const saved = await saveEoiSection(t.db, rep, eoiId, section, input);
    if (!saved.ok) throw new Error(`${section}: ${JSON.stringify(saved.errors)}`);
  }
  return { groupId, eoiId };
}

async function newRep() {
  const person = await newResident(t.db, "Rep");
  await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "community_group_rep", scope: "council" }).execute();
  return actorFor(t.db, person.user!.email);
}

describe("groups", () => {
  it("a representative registers a relevant body and becomes one of its users", async () => {
    const rep = await newRep();
    const result = await registerGroup(t.db, rep, { name: "Hollin Parish Council", kind: "parish_council", contactName: "Clerk", contactEmail: "Clerk@Hollin.example", charityNumber: "" });
    expect(result.ok).toBe(true);
    const members = await t.db.selectFrom("challenge_group_members").selectAll().where("group_id", "=", result.ok ? result.value.groupId : 0).execute();
    expect(members.map((m) => m.user_id)).toEqual([rep.user!.id]);
    const group = await t.db.selectFrom("challenge_groups").selectAll().where("name", "=", "Hollin Parish Council").executeTakeFirstOrThrow();
    expect(group.contact_email).toBe("clerk@hollin.example");
  });

  it("refuses someone without the representative role, a missing kind, and 'other' without saying which", async () => {
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await registerGroup(t.db, resident, { name: "X", kind: "parish_council", contactName: "a", contactEmail: "a@b.example" })).toMatchObject({ ok: false, status: 403 });
    const rep = await newRep();
    expect(await registerGroup(t.db, rep, { name: "X", contactName: "a", contactEmail: "a@b.example" })).toMatchObject({ ok: false, errors: { kind: "Select what kind of body the group is" } });
    expect(await registerGroup(t.db, rep, { name: "X", kind: "other", contactName: "a", contactEmail: "a@b.example" })).toMatchObject({ ok: false, errors: { kindOther: "Say which body the regulations name" } });
  });

  it("only the group's own users may add members and partners", async () => {
    const rep = await newRep();
    const groupId = await newGroup(rep);
    const outsider = await actorFor(t.db, "group@moot.example");
    expect(await addGroupPartner(t.db, outsider, { groupId: String(groupId), role: "subcontractor", name: "Sneaky Ltd" })).toMatchObject({ ok: false, status: 403 });
    expect(await addGroupPartner(t.db, rep, { groupId: String(groupId), role: "subcontractor", name: "Minibus Co-op" })).toMatchObject({ ok: true });
    expect(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "nobody@nowhere.example" })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/No account/) } });
    expect(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "resident@moot.example" })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/not a community group representative/) } });
    expect(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "group@moot.example" })).toEqual({ ok: true, value: null });
    expect(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "group@moot.example" })).toMatchObject({ ok: false, status: 409 });
  });
});

describe("services register", () => {
  it("shows which services are open now, and never an excluded one", async () => {
    const services = await listServices(t.db, SEEDED_AT);
    const bySlug = Object.fromEntries(services.map((s) => [s.slug, s]));
    expect(bySlug["youth-clubs"]!.openNow).toBe(true);
    expect(bySlug["community-libraries"]!.openNow).toBe(true);
    expect(bySlug["parks-maintenance"]!.openNow).toBe(false);
    expect(bySlug["complex-care-packages"]).toMatchObject({ openNow: false, excludedReason: expect.stringMatching(/NHS/) });
    expect(bySlug["youth-clubs"]!.outcomes.map((o) => o.title)).toContain("Your life");
  });

  it("officers add services; others may not", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const rep = await actorFor(t.db, "group@moot.example");
    const input = { name: "Public toilets", slug: "public-toilets", anyTime: "yes", procurementMinMonths: "3", procurementMaxMonths: "6" };
    expect(await createService(t.db, rep, input)).toMatchObject({ ok: false, status: 403 });
    expect(await createService(t.db, officer, { ...input, procurementMaxMonths: "1" })).toMatchObject({ ok: false, errors: { procurementMaxMonths: expect.any(String) } });
    expect(await createService(t.db, officer, input)).toMatchObject({ ok: true });
    const windowed = { name: "Markets", slug: "markets", procurementMinMonths: "3", procurementMaxMonths: "6", opensOn: { day: "1", month: "3", year: "2027" } };
    expect(await createService(t.db, officer, { ...windowed, closesOn: { day: "1", month: "2", year: "2027" } })).toMatchObject({ ok: false, errors: { closesOn: expect.stringMatching(/on or after the opening date/) } });
    const created = await createService(t.db, officer, { ...windowed, closesOn: { day: "31", month: "3", year: "2027" } });
    const markets = (await listServices(t.db, new Date("2027-03-15T12:00:00Z"))).find((s) => s.slug === "markets");
    expect(created.ok && markets).toMatchObject({ windows: [{ opensOn: "2027-03-01", closesOn: "2027-03-31" }], openNow: true });
    expect(await createService(t.db, officer, { name: "Excluded thing", slug: "excluded-thing", excludedReason: "Excluded by the regulations", procurementMinMonths: "0", procurementMaxMonths: "0" })).toMatchObject({ ok: true });
  });

  it("lists open services on the what's open page", async () => {
    const open = await whatsOpen(t.db, { localityId: null, now: SEEDED_AT });
    const titles = open.filter((o) => o.kind === "Right to Challenge").map((o) => o.title);
    expect(titles).toEqual(expect.arrayContaining(["Youth clubs and detached youth work", "Community libraries"]));
    expect(titles).not.toContain("Parks and green spaces maintenance");
    expect(titles).not.toContain("Joint care packages for people with complex health needs");
  });
});

describe("drafting and submitting an expression of interest", () => {
  it("saves page by page and keeps the answers for the next visit", async () => {
    const rep = await newRep();
    const { eoiId } = await completeDraft(rep, (await ids()).youth);
    const view = await getEoi(t.db, rep, eoiId);
    expect(view.ok && view.value.eoi.capability).toBe("Eight years of holiday schemes");
    expect(view.ok && view.value.missing).toEqual([]);
  });

  it("a page with a missing answer is refused with a message for that field, and nothing is saved", async () => {
    const rep = await newRep();
    const { eoiId } = await completeDraft(rep, (await ids()).youth);
    const result = await saveEoiSection(t.db, rep, eoiId, "capability", { capability: "  " });
    expect(result).toMatchObject({ ok: false, errors: { capability: expect.stringMatching(/capable of providing/) } });
    const view = await getEoi(t.db, rep, eoiId);
    expect(view.ok && view.value.eoi.capability).toBe("Eight years of holiday schemes");
  });

  it("someone outside the group cannot edit or read the draft", async () => {
    const rep = await newRep();
    const other = await newRep();
    const { eoiId } = await completeDraft(rep, (await ids()).youth);
    expect(await saveEoiSection(t.db, other, eoiId, "capability", { capability: "Hijacked" })).toMatchObject({ ok: false, status: 403 });
    expect(await getEoi(t.db, other, eoiId)).toMatchObject({ ok: false, status: 403 });
    expect(await submitEoi(t.db, other, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: false, status: 403 });
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await getEoi(t.db, officer, eoiId)).toMatchObject({ ok: false, status: 403 }); // drafts are the group's own
  });

  it("refuses submission with sections missing, naming each", async () => {
    const rep = await newRep();
    const groupId = await newGroup(rep);
    const started = await startEoi(t.db, rep, { groupId: String(groupId) });
    const eoiId = started.ok ? started.value.eoiId : 0;
    const result = await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT);
    expect(result).toMatchObject({ ok: false, errors: { service: expect.any(String), finances: expect.any(String), capability: expect.any(String), outcomes: expect.any(String) } });
    expect(result.ok || "engagement" in result.errors).toBe(false);
  });

  it("employee groups must say how they will engage other affected employees", async () => {
    const rep = await newRep();
    const { eoiId } = await completeDraft(rep, (await ids()).youth, { kind: "council_employees" });
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: false, errors: { engagement: expect.stringMatching(/engage other affected employees/) } });
    expect(await saveEoiSection(t.db, rep, eoiId, "engagement", { employeeEngagement: "Staff ballot" })).toMatchObject({ ok: true });
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: true, effects: [{ kind: "deliver" }] });
    // The receipt is in the outbox, to the submitter, with the reference and no confidential parts.
    const receipt = await t.db.selectFrom("outbox").selectAll().where("event_key", "like", `receipt:eoi:${eoiId}:%`).executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ recipient: rep.user!.email.toLowerCase(), status: "queued", subject: expect.stringContaining(`EOI-${eoiId}`) });
    expect(receipt.body).not.toContain("Staff ballot");
  });

  it("requires the finances of every consortium member and subcontractor", async () => {
    const rep = await newRep();
    const { groupId, eoiId } = await completeDraft(rep, (await ids()).youth);
    const partner = await addGroupPartner(t.db, rep, { groupId: String(groupId), role: "consortium_member", name: "Partner CIC" });
    const partnerId = partner.ok ? partner.value.partnerId : 0;
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: false, errors: { finances: expect.any(String) } });
    expect(await saveEoiSection(t.db, rep, eoiId, "finances", { finances: "Ours" })).toMatchObject({ ok: false, errors: { "partners[0].finances": "Describe the financial resources of Partner CIC" } });
    expect(await saveEoiSection(t.db, rep, eoiId, "finances", { finances: "Ours", partners: [{ partnerId: String(partnerId), finances: "Theirs", confidential: "yes" }] })).toMatchObject({ ok: true });
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: true, effects: [{ kind: "deliver" }] });
    // The receipt is in the outbox, to the submitter, with the reference and no confidential parts.
    const receipt = await t.db.selectFrom("outbox").selectAll().where("event_key", "like", `receipt:eoi:${eoiId}:%`).executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ recipient: rep.user!.email.toLowerCase(), status: "queued", subject: expect.stringContaining(`EOI-${eoiId}`) });
    expect(receipt.body).not.toContain("Staff ballot");
  });

  it("refuses a service outside its window, and an excluded service", async () => {
    const rep = await newRep();
    const i = await ids();
    const { eoiId } = await completeDraft(rep, i.parks);
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: false, status: 409, errors: { service: expect.stringMatching(/not open to expressions of interest now. The next period opens on 21 February 2027/) } });
    expect(await saveEoiSection(t.db, rep, eoiId, "service", { serviceId: String(i.excluded), title: "t", areaDescription: "a", localityIds: [String(i.eastmere)] })).toMatchObject({ ok: false, errors: { serviceId: expect.stringMatching(/excluded/) } });
    const status = await t.db.selectFrom("challenge_eois").select("status").where("id", "=", eoiId).executeTakeFirstOrThrow();
    expect(status.status).toBe("draft");
  });

  it("a submitted EOI can no longer be edited", async () => {
    const rep = await newRep();
    const { eoiId } = await completeDraft(rep, (await ids()).youth);
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: true });
    expect(await saveEoiSection(t.db, rep, eoiId, "capability", { capability: "changed" })).toMatchObject({ ok: false, status: 409 });
    expect(await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("officer handling", () => {
  async function submitted() {
    const rep = await newRep();
    const { eoiId, groupId } = await completeDraft(rep, (await ids()).youth);
    await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT);
    return { rep, eoiId: String(eoiId), groupId };
  }

  it("walks acknowledge → decision date → consideration → modification agreed → accepted with modification, messaging the group", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { rep, eoiId, groupId } = await submitted();
    const at = SEEDED_AT;
    expect(await officerAction(t.db, officer, { intent: "acknowledge", eoiId }, at)).toEqual({ ok: true, value: { status: "acknowledged" } });
    expect(await officerAction(t.db, officer, { intent: "notify_decision_date", eoiId, decisionDueOn: "2026-11-01" }, at)).toMatchObject({ ok: false, errors: { decisionDueOn: expect.any(String) } });
    expect(await officerAction(t.db, officer, { intent: "notify_decision_date", eoiId, decisionDueOn: "2027-01-15" }, at)).toMatchObject({ ok: true });
    expect(await officerAction(t.db, officer, { intent: "consider", eoiId }, at)).toMatchObject({ ok: true });
    expect(await officerAction(t.db, officer, { intent: "propose_modification", eoiId, modification: "Open on Saturdays too" }, at)).toMatchObject({ ok: true });
    // The officer cannot agree on the group's behalf; someone outside the group cannot either.
    expect(await groupRespond(t.db, await newRep(), { intent: "agree", eoiId })).toMatchObject({ ok: false, status: 403 });
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "accepted_with_modification", reasons: "r" }, at)).toMatchObject({ ok: false, status: 409 });
    expect(await groupRespond(t.db, rep, { intent: "agree", eoiId, comment: "Happy to" })).toEqual({ ok: true, value: { status: "modification_agreed" } });
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "accepted_with_modification", reasons: "Good proposal" }, at)).toMatchObject({ ok: true });

    const eoi = await t.db.selectFrom("challenge_eois").selectAll().where("id", "=", Number(eoiId)).executeTakeFirstOrThrow();
    expect(eoi.status).toBe("accepted_with_modification");
    expect([eoi.procurement_opens_on, eoi.procurement_closes_on].map((d) => toIsoDate(d!))).toEqual(["2027-05-23", "2027-11-23"]);
    const events = await t.db.selectFrom("challenge_eoi_events").selectAll().where("eoi_id", "=", Number(eoiId)).orderBy("id").execute();
    expect(events.map((e) => `${e.from_status}>${e.to_status}`)).toEqual([
      "null>draft", "draft>submitted", "submitted>acknowledged", "acknowledged>decision_date_notified", "decision_date_notified>under_consideration",
      "under_consideration>modification_proposed", "modification_proposed>modification_agreed", "modification_agreed>accepted_with_modification",
    ]);
    expect(events[6]).toMatchObject({ actor_user_id: rep.user!.id, reason: "The group agreed the modification: Happy to" });
    const notice = await t.db.selectFrom("challenge_decision_notices").selectAll().where("eoi_id", "=", Number(eoiId)).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ decision: "accepted_with_modification", modification: "Open on Saturdays too" });
    const messages = await t.db.selectFrom("challenge_group_messages").select("subject").where("group_id", "=", groupId).orderBy("id").execute();
    expect(messages.map((m) => m.subject.split(":")[0])).toEqual(["Expression of interest received", "Decision date", "The council proposes a modification", "Decision"]);
  });

  it("procurement may start only once the service's minimum period has passed", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { eoiId } = await submitted();
    for (const step of [{ intent: "acknowledge" }, { intent: "notify_decision_date", decisionDueOn: "2027-01-15" }, { intent: "consider" }, { intent: "decide", decision: "accepted", reasons: "Good" }, { intent: "procurement_pending" }]) {
      expect(await officerAction(t.db, officer, { ...step, eoiId }, SEEDED_AT)).toMatchObject({ ok: true });
    }
    expect(await officerAction(t.db, officer, { intent: "procurement_started", eoiId }, new Date("2027-05-22T12:00:00Z"))).toMatchObject({
      ok: false,
      status: 409,
      errors: { _form: "Procurement cannot start before 2027-05-23, the end of the minimum period set for this service" },
    });
    expect(await officerAction(t.db, officer, { intent: "procurement_started", eoiId }, new Date("2027-05-23T12:00:00Z"))).toMatchObject({ ok: true });
    expect(await officerAction(t.db, officer, { intent: "close", eoiId }, new Date("2027-06-01T12:00:00Z"))).toMatchObject({ ok: true });
  });

  it("rejecting needs at least one statutory ground, and records it in the published notice", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { eoiId } = await submitted();
    for (const intent of ["acknowledge", "consider"]) await officerAction(t.db, officer, { intent, eoiId }, SEEDED_AT);
    await officerAction(t.db, officer, { intent: "notify_decision_date", eoiId, decisionDueOn: "2027-01-15" }, SEEDED_AT);
    await officerAction(t.db, officer, { intent: "consider", eoiId }, SEEDED_AT);
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "rejected", reasons: "No" }, SEEDED_AT)).toMatchObject({
      ok: false,
      errors: { grounds: "Select at least one statutory ground for rejecting the expression of interest" },
    });
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "rejected", reasons: "No", grounds: ["made_up"] }, SEEDED_AT)).toMatchObject({ ok: false });
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "rejected", reasons: "Already procuring", grounds: ["already_procuring", "frivolous_or_vexatious"] }, SEEDED_AT)).toMatchObject({ ok: true });
    const published = await getPublicEoi(t.db, Number(eoiId));
    expect(published.ok && published.value.notice?.grounds.map((g) => g.ground)).toEqual(["already_procuring", "frivolous_or_vexatious"]);
    // The database itself refuses a rejection notice without grounds.
    await expect(sql`INSERT INTO challenge_decision_notices (eoi_id, decision, reasons) VALUES (${Number(eoiId)}, 'rejected', 'x')`.execute(t.db)).rejects.toThrow();
  });

  it("an illegal state change is a clear error and changes nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { eoiId } = await submitted();
    expect(await officerAction(t.db, officer, { intent: "decide", eoiId, decision: "accepted", reasons: "Too soon" }, SEEDED_AT)).toEqual({
      ok: false,
      status: 409,
      errors: { _form: "An expression of interest that is submitted cannot become accepted" },
    });
    expect(await officerAction(t.db, officer, { intent: "close", eoiId }, SEEDED_AT)).toMatchObject({ ok: false, status: 409 });
    const row = await t.db.selectFrom("challenge_eois").select("status").where("id", "=", Number(eoiId)).executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
  });

  it("only officers handle; the group may withdraw from an open state but not after", async () => {
    const { rep, eoiId } = await submitted();
    expect(await officerAction(t.db, rep, { intent: "acknowledge", eoiId }, SEEDED_AT)).toMatchObject({ ok: false, status: 403 });
    expect(await groupRespond(t.db, rep, { intent: "withdraw", eoiId, reason: "" })).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
    expect(await groupRespond(t.db, rep, { intent: "withdraw", eoiId, reason: "We found a partner elsewhere" })).toMatchObject({ ok: true });
    expect(await groupRespond(t.db, rep, { intent: "withdraw", eoiId, reason: "Again" })).toMatchObject({ ok: false, status: 409 });
  });

  it("the state-change record cannot be updated or deleted", async () => {
    const { eoiId } = await submitted();
    await expect(sql`UPDATE challenge_eoi_events SET reason = 'edited' WHERE eoi_id = ${Number(eoiId)}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM challenge_eoi_events WHERE eoi_id = ${Number(eoiId)}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM challenge_decision_notices`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it("the dashboard shows what is due, overdue and lapsing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await officerDashboard(t.db, await actorFor(t.db, "group@moot.example"))).toMatchObject({ ok: false, status: 403 });
    const board = await officerDashboard(t.db, officer, SEEDED_AT);
    if (!board.ok) throw new Error("dashboard");
    const byTitle = Object.fromEntries(board.value.map((r) => [r.title, r.due]));
    expect(byTitle["Branch libraries run by a staff mutual"]).toMatchObject({ what: "acknowledge", state: "due", dueOn: "2026-12-04" });
    expect(byTitle["Mobile library service by the staff mutual"]).toMatchObject({ what: "start_procurement", state: "lapsing" });
    expect(byTitle["Detached youth work on the coast"]).toMatchObject({ what: "decide", state: "due" });
    const later = await officerDashboard(t.db, officer, new Date("2026-12-10T12:00:00Z"));
    expect(later.ok && later.value.find((r) => r.title === "Branch libraries run by a staff mutual")?.due).toMatchObject({ state: "overdue" });
  });
});

describe("public register", () => {
  it("lists submitted EOIs without drafts or confidential parts, filterable, and as CSV", async () => {
    const rep = await newRep();
    const i = await ids();
    const { eoiId } = await completeDraft(rep, i.youth);
    await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT);
    const all = await listRegister(t.db, {});
    expect(all.map((r) => r.title)).not.toContain("Eastmere youth clubs run by the community"); // a seeded draft
    expect(all.some((r) => r.id === eoiId)).toBe(true);
    const rejected = all.find((r) => r.title === "Riverside library as a community hub")!;
    expect(rejected).toMatchObject({ decision: "Rejected", grounds: [expect.stringMatching(/negotiating in writing/)] });

    expect((await listRegister(t.db, { service: i.libraries })).every((r) => r.serviceName === "Community libraries")).toBe(true);
    expect((await listRegister(t.db, { locality: i.riverside })).map((r) => r.title).sort()).toEqual(["Detached youth work on the coast", "Riverside library as a community hub"]);
    const byOutcome = await listRegister(t.db, { outcome: i.outcome });
    expect(byOutcome.map((r) => r.id)).toContain(eoiId);
    // "Your life" also finds EOIs tagged with a priority beneath it, and nothing else.
    expect(byOutcome.map((r) => r.title)).toContain("Detached youth work on the coast");
    expect(byOutcome.every((r) => r.outcomes.some((o) => ["Your life", "Safe and connected communities"].includes(o)))).toBe(true);
    expect(byOutcome.map((r) => r.title)).not.toContain("Riverside library as a community hub");
    // outcomes marked confidential: neither listed nor findable by outcome in public
    await t.db.updateTable("challenge_eois").set({ outcomes_confidential: true }).where("id", "=", eoiId).execute();
    expect((await listRegister(t.db, { outcome: i.outcome })).map((r) => r.id)).not.toContain(eoiId);
    expect((await listRegister(t.db, {})).find((r) => r.id === eoiId)!.outcomes).toEqual([]);
    await t.db.updateTable("challenge_eois").set({ outcomes_confidential: false }).where("id", "=", eoiId).execute();

    const published = await getPublicEoi(t.db, eoiId);
    expect(published.ok && published.value.eoi.finances).toBeNull();
    expect(JSON.stringify(published)).not.toContain("SECRET-FINANCES");
    expect(published.ok && published.value.eoi.capability).toBe("Eight years of holiday schemes");
    expect(await getPublicEoi(t.db, (await t.db.selectFrom("challenge_eois").select("id").where("status", "=", "draft").executeTakeFirstOrThrow()).id)).toMatchObject({ ok: false, status: 404 });

    const csv = registerCsv(all);
    expect(csv.split("\n")[0]).toBe("Reference,Title,Group,Service,Status,Submitted,Localities,Outcomes,Decision,Reasons,Grounds");
    expect(csv).toContain("Riverside library as a community hub");
    expect(csv).not.toContain("SECRET-FINANCES");
    // text a group typed cannot run as a spreadsheet formula
    expect(registerCsv([{ ...all[0]!, title: '=HYPERLINK("https://evil.example")' }])).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
  });
});

describe("expressing an interest from a service", () => {
  it("starts the EOI with the service chosen, refuses an excluded service, and states the statutory dates once submitted", async () => {
    const rep = await actorFor(t.db, "group@moot.example");
    const i = await ids();
    const groupId = await newGroup(rep);
    expect(await startEoi(t.db, rep, { groupId: String(groupId), serviceId: String(i.excluded) })).toMatchObject({ ok: false, status: 409 });
    const started = await startEoi(t.db, rep, { groupId: String(groupId), serviceId: String(i.libraries) });
    if (!started.ok) throw new Error(JSON.stringify(started.errors));
    const draft = await getEoi(t.db, rep, started.value.eoiId);
    if (!draft.ok) throw new Error("read");
    expect(draft.value.eoi.serviceId).toBe(i.libraries);
    expect(draft.value.statutoryDates).toBeNull();

    const { eoiId } = await completeDraft(rep, i.libraries);
    expect((await submitEoi(t.db, rep, { eoiId: String(eoiId) })).ok).toBe(true);
    const sent = await getEoi(t.db, rep, eoiId);
    if (!sent.ok) throw new Error("read");
    const dates = sent.value.statutoryDates!;
    expect(dates.acknowledgementDueOn > dates.receivedOn).toBe(true);
    expect(dates.decisionDateNoticeDueOn).toBe(addCalendarDays(dates.receivedOn, 30));
  });
});

/**
 * Right to Challenge by e-mail (issue 16): every person acting for the group gets each statutory
 * notice once (acknowledgement, decision date, the decision with reasons and grounds); officers get
 * "a new EOI arrived" and "a statutory date is near", once each; nobody else gets anything, and no
 * e-mail carries the confidential parts. Real database, real SMTP server in this process.
 */
import { describe, expect, it } from "vitest";
import { addGroupMember, officerAction, registerGroup, saveEoiSection, startEoi, submitEoi } from "../../app/modules/challenges/challenges.server";
import { challengeDeadlineAlerts } from "../../app/modules/challenges/notices.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const SEEDED_AT = new Date("2026-11-23T09:00:00Z");
const ORIGIN = "http://moot.test";
const mailer = useSmtpInbox();

const to = recipientOf;
async function deliver() {
  const before = mailer.inbox.received.length;
  const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN });
  if (run.sent) await mailer.inbox.waitFor(before + run.sent);
}

describe("Right to Challenge notices by e-mail", () => {
  it("the group hears each notice once, with reasons and grounds; officers hear of the arrival and of dates near; nothing confidential", async () => {
    const person = await newResident(t.db, "Rep");
    await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "community_group_rep", scope: "council" }).execute();
    const rep = await actorFor(t.db, person.user!.email);
    const officer = await actorFor(t.db, "officer@moot.example");
    const { groupId } = value(await registerGroup(t.db, rep, { name: `Notice group ${Date.now()}`, kind: "voluntary_or_community_body", contactName: "C", contactEmail: "c@example.com" }));
    value(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "group@moot.example" }));
    const services = await t.db.selectFrom("challenge_services").select(["id", "slug"]).execute();
    const eastmere = await t.db.selectFrom("localities").select("id").where("slug", "=", "eastmere").executeTakeFirstOrThrow();
    const node = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your life").executeTakeFirstOrThrow();
    const { eoiId } = value(await startEoi(t.db, rep, { groupId: String(groupId) }));
    for (const [section, input] of [
      ["service", { serviceId: String(services.find((s) => s.slug === "youth-clubs")!.id), title: "Run the youth club", areaDescription: "Eastmere", localityIds: [String(eastmere.id)] }],
      ["finances", { finances: "SECRET-FINANCES reserves of £10k", financesConfidential: "yes" }],
      ["capability", { capability: "Eight years of holiday schemes" }],
      ["outcomes", { outcomes: "More young people active", wellbeing: "Social benefits", usersNeeds: "Later opening", outcomeNodeIds: [String(node.id)] }],
    ] as const) value(await saveEoiSection(t.db, rep, eoiId, section, input));

    const start = mailer.inbox.received.length;
    const mine = () => mailer.inbox.received.slice(start);
    const submitted = await submitEoi(t.db, rep, { eoiId: String(eoiId) }, SEEDED_AT);
    expect(submitted.ok && submitted.effects?.some((e) => e.kind === "deliver")).toBe(true);
    await deliver();
    const arrived = mine().filter((m) => m.subject?.startsWith(`New expression of interest: EOI-${eoiId} `));
    expect(arrived.map(to)).toEqual(["officer@moot.example"]);
    expect(arrived[0]!.text).toMatch(/Acknowledge it by \d{1,2} December 2026/);

    const acknowledged = await officerAction(t.db, officer, { intent: "acknowledge", eoiId: String(eoiId) }, SEEDED_AT);
    expect(acknowledged.ok && acknowledged.effects?.some((e) => e.kind === "deliver")).toBe(true);
    value(await officerAction(t.db, officer, { intent: "notify_decision_date", eoiId: String(eoiId), decisionDueOn: "2027-01-15" }, SEEDED_AT));
    value(await officerAction(t.db, officer, { intent: "consider", eoiId: String(eoiId) }, SEEDED_AT));
    value(await officerAction(t.db, officer, { intent: "decide", eoiId: String(eoiId), decision: "rejected", reasons: "The council is already procuring this service", grounds: ["already_procuring"] }, SEEDED_AT));
    await deliver();
    await deliver(); // nothing twice

    const group = [person.user!.email.toLowerCase(), "group@moot.example"].sort();
    const toGroup = (prefix: string) => mine().filter((m) => m.subject?.startsWith(prefix)).map(to).sort();
    expect(toGroup("Expression of interest received:")).toEqual(group);
    expect(toGroup("Decision date:")).toEqual(group);
    expect(toGroup("Decision: ")).toEqual(group);
    const decision = mine().find((m) => m.subject?.startsWith("Decision: ") && to(m) === "group@moot.example")!;
    expect(decision.text).toContain("The council is already procuring this service");
    expect(decision.text).toMatch(/Grounds: .+/);
    expect(mine().find((m) => m.subject?.startsWith("Decision date:"))!.text).toContain("15 January 2027");
    expect(mine().filter((m) => m.text?.includes("SECRET-FINANCES"))).toEqual([]);
    expect(mine().filter((m) => to(m) === "resident@moot.example")).toEqual([]);
  });

  it("officers are alerted once when a statutory date is near, not before", async () => {
    const person = await newResident(t.db, "Rep 2");
    await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "community_group_rep", scope: "council" }).execute();
    const rep = await actorFor(t.db, person.user!.email);
    const { groupId } = value(await registerGroup(t.db, rep, { name: `Clock group ${Date.now()}`, kind: "voluntary_or_community_body", contactName: "C", contactEmail: "c@example.com" }));
    const officer = await actorFor(t.db, "officer@moot.example");
    // an EOI already acknowledged, with a decision due on 2027-01-15
    const { eoiId } = value(await startEoi(t.db, rep, { groupId: String(groupId) }));
    await t.db.updateTable("challenge_eois").set({ status: "decision_date_notified", submitted_at: SEEDED_AT, decision_due_on: "2027-01-15", title: "Clock test" }).where("id", "=", eoiId).execute();
    void officer;
    const key = `eoi-due:${eoiId}:decide:2027-01-15`;
    const count = async () => (await t.db.selectFrom("outbox").select("recipient").where("event_key", "=", key).execute()).map((r) => r.recipient);
    await challengeDeadlineAlerts(t.db, new Date("2027-01-05T09:00:00Z"));
    expect(await count()).toEqual([]); // ten days out: not yet
    await challengeDeadlineAlerts(t.db, new Date("2027-01-13T09:00:00Z"));
    await challengeDeadlineAlerts(t.db, new Date("2027-01-14T09:00:00Z"));
    expect(await count()).toEqual(["officer@moot.example"]);
    const row = await t.db.selectFrom("outbox").select(["subject", "body"]).where("event_key", "=", key).executeTakeFirstOrThrow();
    expect(row.subject).toBe(`EOI-${eoiId}: decide it by 15 January 2027`);
  });
});

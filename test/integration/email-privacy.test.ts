/**
 * What no e-mail may carry (issue 16), checked over EVERY kind of message Moot sends, rendered and
 * delivered to a real SMTP server: receipts, Right to Challenge notices and officer alerts, the
 * consultation/meeting/decision/reply events to followers, the agenda-deadline and moderator
 * alerts, and the daily digest. Each message's text is scanned for
 * - the confidential parts of expressions of interest (the seeded ones and one written here),
 * - what is exempt from the public (an exempt item's summary and recommendation, its papers, the
 *   confidential minutes, decisions on exempt items),
 * - other people's personal data (any user's address but the recipient's; the names of the people
 *   acting here, except to themselves),
 * and every link must be absolute, on the configured public origin.
 */
import { describe, expect, it } from "vitest";
import { addGroupMember, officerAction, registerGroup, saveEoiSection, startEoi, submitEoi } from "../../app/modules/challenges/challenges.server";
import { challengeDeadlineAlerts } from "../../app/modules/challenges/notices.server";
import { publishResults } from "../../app/modules/consultations/analysis.server";
import { addQuestion, addSection, changeStatus, createConsultation } from "../../app/modules/consultations/consultations.server";
import { saveSection, setConsent, startResponse, submitResponse } from "../../app/modules/consultations/responses.server";
import { flagComment, postComment } from "../../app/modules/feeds/feeds.server";
import { getOrCreateFeed } from "../../app/modules/feeds/read-model.server";
import { addAgendaItem, createMeeting, publishAgenda, publishMinutes } from "../../app/modules/meetings/meetings.server";
import { addItemBySupplement, cancelMeeting } from "../../app/modules/meetings/notices.server";
import { uploadPaper } from "../../app/modules/meetings/papers.server";
import { agendaDeadlineAlerts } from "../../app/modules/notifications/agenda-deadlines.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { consultationsClosingSoon, decisionRecorded } from "../../app/modules/notifications/events.server";
import { expandEvents, gatherDigests } from "../../app/modules/notifications/outbox.server";
import { subscribe } from "../../app/modules/notifications/subscriptions.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "https://moot.fenwold.example";
const DAY = 86_400_000;
const mailer = useSmtpInbox();
const dayInput = (d: Date) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), time: "10:00" });
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

describe("no e-mail reveals what it must not", () => {
  it("every kind of message, delivered: no confidential EOI part, nothing exempt, nobody else's personal data, only absolute links", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const anon = await actorFor(t.db, null);
    const follow = async (email: string, kind: "locality" | "consultation" | "board" | "thread", id: number, frequency: "immediate" | "daily" = "immediate") =>
      value(await subscribe(t.db, anon, { email, kind, targetId: String(id), frequency }));
    const riverside = await t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", "riverside").executeTakeFirstOrThrow();
    const board = await t.db.selectFrom("boards").select(["id", "locality_id"]).where("slug", "=", "riverside-locality-board").executeTakeFirstOrThrow();
    await follow("place@test.example", "locality", riverside.id);
    await follow("boardfan@test.example", "board", board.id);
    await follow("daily@test.example", "board", board.id, "daily");
    for (const b of await t.db.selectFrom("boards").select("id").execute()) await follow("allboards@test.example", "board", b.id);

    // --- a consultation: opened, closing soon, a response receipt, results --------------------
    const now = new Date();
    const { id: consultationId } = value(await createConsultation(t.db, officer, { title: "Privacy bridge", summary: "s", background: "b", proposal: "p", noDecisionStatement: "n", optionsConsidered: "o", whoIsConsulted: "w", howResponsesUsed: "h", privacyNotice: "pn", contact: "bridges@fenwold.example", localityIds: [String(riverside.id)], opensAt: dayInput(new Date(now.getTime() + 2 * DAY)), closesAt: dayInput(new Date(now.getTime() + 30 * DAY)) }));
    const section = value(await addSection(t.db, officer, consultationId, { title: "One" }));
    const q = value(await addQuestion(t.db, officer, consultationId, { sectionId: String(section.id), kind: "free_text", prompt: "Why?", required: "yes", maxLength: "200" }));
    value(await changeStatus(t.db, officer, consultationId, "schedule"));
    await follow("consfan@test.example", "consultation", consultationId);
    value(await changeStatus(t.db, officer, consultationId, "open_now"));
    const respondent = await newResident(t.db, "Quentin Respondent-Privacy");
    value(await startResponse(t.db, respondent, consultationId));
    value(await saveSection(t.db, respondent, consultationId, 1, { [`q${q.id}`]: "My own private answer about my street" }, { checkRequired: true }));
    value(await setConsent(t.db, respondent, consultationId, { consent: "anonymous" }));
    value(await submitResponse(t.db, respondent, consultationId));
    const closes = (await t.db.selectFrom("consultations").select("closes_at").where("id", "=", consultationId).executeTakeFirstOrThrow()).closes_at!;
    await consultationsClosingSoon(t.db, new Date(closes.getTime() - DAY));
    value(await changeStatus(t.db, officer, consultationId, "close_now"));
    value(await publishResults(t.db, officer, consultationId, { resultsSummary: "People want a bridge", decision: "We will build it", decidedBy: "Cabinet" }));

    // --- Right to Challenge: receipt, arrival, notices, modification, decision, dates near --------
    const repPerson = await newResident(t.db, "Ursula Grouprep-Privacy");
    await t.db.insertInto("role_grants").values({ user_id: repPerson.user!.id, role: "community_group_rep", scope: "council" }).execute();
    const rep = await actorFor(t.db, repPerson.user!.email);
    const { groupId } = value(await registerGroup(t.db, rep, { name: `Privacy group ${Date.now()}`, kind: "voluntary_or_community_body", contactName: "Ursula", contactEmail: "ursula.home@example.com" }));
    value(await addGroupMember(t.db, rep, { groupId: String(groupId), email: "group@moot.example" }));
    const youth = await t.db.selectFrom("challenge_services").select("id").where("slug", "=", "youth-clubs").executeTakeFirstOrThrow();
    const node = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your life").executeTakeFirstOrThrow();
    const { eoiId } = value(await startEoi(t.db, rep, { groupId: String(groupId) }));
    for (const [name, input] of [
      ["service", { serviceId: String(youth.id), title: "Privacy youth club", areaDescription: "Riverside", localityIds: [String(riverside.id)] }],
      ["finances", { finances: "SECRET-FINANCES-7731 overdraft with the bank", financesConfidential: "yes" }],
      ["capability", { capability: "SECRET-CAPABILITY-4410 named staff", capabilityConfidential: "yes" }],
      ["outcomes", { outcomes: "More young people active", wellbeing: "Social benefits", usersNeeds: "Later opening", outcomeNodeIds: [String(node.id)] }],
    ] as const) value(await saveEoiSection(t.db, rep, eoiId, name, input));
    value(await submitEoi(t.db, rep, { eoiId: String(eoiId) }));
    value(await officerAction(t.db, officer, { intent: "acknowledge", eoiId: String(eoiId) }));
    value(await officerAction(t.db, officer, { intent: "notify_decision_date", eoiId: String(eoiId), decisionDueOn: new Date(now.getTime() + 2 * DAY).toISOString().slice(0, 10) }));
    value(await officerAction(t.db, officer, { intent: "consider", eoiId: String(eoiId) }));
    value(await officerAction(t.db, officer, { intent: "propose_modification", eoiId: String(eoiId), modification: "Open on Saturdays too" }));
    await challengeDeadlineAlerts(t.db, now);
    await challengeDeadlineAlerts(t.db, new Date(now.getTime() + 3 * DAY));

    // --- a board: agenda (with an exempt item), late papers, a supplement, minutes, a cancellation, decisions
    const exemptSummary = "SECRET-EXEMPT-SUMMARY tender prices of £1.2m";
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Privacy meeting", startsAt: new Date(now.getTime() + 30 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land deal", exemptParagraph: "3", publicInterestReason: "Negotiations", summary: exemptSummary, recommendation: "SECRET-EXEMPT-RECOMMENDATION sell for £2m" }));
    value(await publishAgenda(t.db, officer, { meetingId }));
    const [openItem, exemptItem] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
    value(await uploadPaper(t.db, officer, { meetingId, paperItemId: String(openItem!.id), paperTitle: "Play park costs", file: { name: "costs.pdf", bytes: pdf("costs") } }));
    value(await uploadPaper(t.db, officer, { meetingId, paperItemId: String(exemptItem!.id), paperTitle: "SECRET-EXEMPT-PAPER valuation", file: { name: "v.pdf", bytes: pdf("v") } }));
    value(await addItemBySupplement(t.db, officer, { meetingId, kind: "information", title: "Late report", reason: "It arrived late" }));
    await t.db.updateTable("meetings").set({ status: "minutes_drafted", minutes: "Public minutes", confidential_minutes: "SECRET-CONFIDENTIAL-MINUTES the bids were" }).where("id", "=", meetingId).execute();
    value(await publishMinutes(t.db, officer, { meetingId }));
    const { meetingId: doomed } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Doomed meeting", startsAt: new Date(now.getTime() + 35 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId: doomed, kind: "information", title: "Report" }));
    value(await publishAgenda(t.db, officer, { meetingId: doomed }));
    value(await cancelMeeting(t.db, officer, { meetingId: doomed, reason: "Not quorate" }));
    const decisions = await t.db.selectFrom("decisions as d").innerJoin("agenda_items as a", "a.id", "d.agenda_item_id").select(["d.id", "a.exempt_paragraph"]).execute();
    for (const d of decisions) await t.db.transaction().execute((trx) => decisionRecorded(trx, d.id));
    // a draft meeting whose agenda is due: its clerks
    await createMeeting(t.db, officer, { boardId: board.id, title: "Due meeting", startsAt: new Date(now.getTime() + 8 * DAY).toISOString(), venue: "Hall" });
    await agendaDeadlineAlerts(t.db, new Date(now.getTime() + 2 * DAY));
    await agendaDeadlineAlerts(t.db, new Date(now.getTime() + 4 * DAY));

    // --- a discussion: a reply to a followed thread, and a report to the moderators -------------
    const feed = await getOrCreateFeed(t.db, { kind: "locality", id: riverside.id, title: `${riverside.name} discussion`, localityId: riverside.id } as Parameters<typeof getOrCreateFeed>[1]);
    const starter = await newResident(t.db, "Wilhelmina Starter-Privacy");
    const replier = await newResident(t.db, "Xavier Replier-Privacy");
    const reporter = await newResident(t.db, "Yolanda Reporter-Privacy");
    const top = value(await postComment(t.db, starter, { feedId: feed.id, body: "Should the bridge be wider?" })).comment;
    await follow(starter.user!.email, "thread", top.id);
    const reply = value(await postComment(t.db, replier, { feedId: feed.id, parentId: String(top.id), body: "Yes, for bikes" })).comment;
    value(await flagComment(t.db, reporter, { commentId: String(reply.id), reason: "Not sure about this" }));

    // --- expand, digest, deliver everything (later than every hold) -----------------------------
    const from = mailer.inbox.received.length;
    await expandEvents(t.db, ORIGIN);
    await gatherDigests(t.db, ORIGIN);
    const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN, now: () => new Date(now.getTime() + 10 * DAY) });
    expect(run.failed).toBe(0);
    await mailer.inbox.waitFor(from + run.sent);
    const mails = mailer.inbox.received.slice(from);

    // Every kind was rendered and delivered (so the scan below covers them all).
    const kinds: [string, RegExp][] = [
      ["response receipt", /^Your response to “Privacy bridge”/],
      ["consultation opened", /^New consultation: Privacy bridge$/],
      ["closing soon", /^Closing soon: Privacy bridge$/],
      ["results", /^Results published: Privacy bridge$/],
      ["EOI receipt", new RegExp(`^Expression of interest EOI-${eoiId} received`)],
      ["EOI arrived (officers)", new RegExp(`^New expression of interest: EOI-${eoiId} `)],
      ["notice: acknowledgement", /^Expression of interest received: EOI-/],
      ["notice: decision date", /^Decision date: EOI-/],
      ["notice: modification", /^The council proposes a modification: EOI-/],
      ["statutory date near (officers)", new RegExp(`^EOI-${eoiId}: decide it`)],
      ["agenda published", /: agenda published for Privacy meeting$/],
      ["late paper", /: new paper for Privacy meeting$/],
      ["supplement", /: agenda supplement 1 for Privacy meeting$/],
      ["minutes", /: minutes published for Privacy meeting$/],
      ["cancellation", /: Doomed meeting is cancelled$/],
      ["decision", / decided: /],
      ["agenda deadline (clerks)", /Due meeting/],
      ["reply", /^New reply in /],
      ["moderator alert", /^Comments reported for moderation$/],
      ["daily digest", /^Your daily update: \d+ new$/],
    ];
    const missing = kinds.filter(([, re]) => !mails.some((m) => re.test(m.subject ?? ""))).map(([k]) => k);
    expect(missing, "message kinds not produced").toEqual([]);

    // What must never be in any e-mail.
    const eois = await t.db.selectFrom("challenge_eois").selectAll().execute();
    const secrets = new Set<string>(["SECRET-", exemptSummary]);
    for (const e of eois) {
      if (e.finances_confidential && e.finances) secrets.add(e.finances);
      if (e.capability_confidential && e.capability) secrets.add(e.capability);
      if (e.outcomes_confidential && e.outcomes) secrets.add(e.outcomes);
      if (e.employee_engagement_confidential && e.employee_engagement) secrets.add(e.employee_engagement);
    }
    for (const p of await t.db.selectFrom("challenge_eoi_partner_finances").select("finances").where("confidential", "=", true).execute()) secrets.add(p.finances);
    for (const a of await t.db.selectFrom("agenda_items").select(["summary", "recommendation"]).where("exempt_paragraph", "is not", null).execute()) {
      for (const text of [a.summary, a.recommendation]) if (text.trim().length > 12) secrets.add(text);
    }
    for (const m of await t.db.selectFrom("meetings").select("confidential_minutes").where("confidential_minutes", "is not", null).execute()) secrets.add(m.confidential_minutes!);
    for (const d of await t.db.selectFrom("decisions as d").innerJoin("agenda_items as a", "a.id", "d.agenda_item_id").select("d.text").where("a.exempt_paragraph", "is not", null).execute()) secrets.add(d.text);
    expect(secrets.size).toBeGreaterThan(4);
    const people = await t.db.selectFrom("users").select(["email", "display_name"]).execute();
    const actedHere = [respondent, repPerson, starter, replier, reporter].map((a) => ({ name: a.user!.displayName, email: a.user!.email.toLowerCase() }));

    const problems: string[] = [];
    for (const m of mails) {
      const to = recipientOf(m);
      const text = `${m.subject}\n${m.text ?? ""}`;
      for (const s of secrets) if (text.includes(s)) problems.push(`${m.subject} → ${to}: contains “${s.slice(0, 40)}”`);
      for (const p of people) if (p.email.toLowerCase() !== to && text.toLowerCase().includes(p.email.toLowerCase())) problems.push(`${m.subject} → ${to}: contains another person's address ${p.email}`);
      for (const p of actedHere) if (p.email !== to && text.includes(p.name)) problems.push(`${m.subject} → ${to}: contains another person's name ${p.name}`);
      if (text.includes("ursula.home@example.com")) problems.push(`${m.subject} → ${to}: contains the group's contact address`);
      // Links: every URL is on the public origin, and no bare site path is left.
      for (const url of text.match(/https?:\/\/[^\s>)"]+/g) ?? []) if (!url.startsWith(`${ORIGIN}/`)) problems.push(`${m.subject}: link not on the public origin: ${url}`);
      const withoutUrls = text.replace(/https?:\/\/[^\s>)"]+/g, "");
      const bare = withoutUrls.match(/(^|[\s(“"'])\/[a-z][\w\-./#?=&]*/gm);
      if (bare) problems.push(`${m.subject}: relative link ${bare.join(", ")}`);
    }
    expect(problems).toEqual([]);
    // and the receipt does carry the respondent's own answer (to them only)
    expect(mails.filter((m) => m.text?.includes("My own private answer")).map(recipientOf)).toEqual([respondent.user!.email.toLowerCase()]);
  });
});

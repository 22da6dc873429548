/**
 * Consultations joined to live feeds and the golden thread: the discussion on a consultation
 * page (read-only once closed), results to the evidence library once, and the consultation
 * thread provider (drafts and localities respected).
 */
import { describe, expect, it } from "vitest";
import { addQuestion, addSection, advanceConsultations, changeStatus, createConsultation, getConsultationPage } from "../../app/modules/consultations/consultations.server";
import { consultationDiscussion } from "../../app/modules/consultations/discussion.server";
import { findingForm, findingOf, recordConsultationFinding } from "../../app/modules/consultations/findings.server";
import { consultationThreadProvider } from "../../app/modules/consultations/thread.server";
import { citingThread, threadFor } from "../../app/modules/evidence/thread.server";
import { castVote, findFeed, openPoll, postComment } from "../../app/modules/feeds/feeds.server";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { CLOSED_TITLE } from "../../db/seed/consultations";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const DAY = 24 * 60 * 60 * 1000;
const dateParts = (d: Date) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), time: "10:00" });

async function ids() {
  const localities = Object.fromEntries((await t.db.selectFrom("localities").select(["id", "slug"]).execute()).map((l) => [l.slug, l.id])) as Record<string, number>;
  const outcome = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Safe and connected communities").executeTakeFirstOrThrow();
  return { localities, outcomeId: outcome.id };
}

/** A consultation linked to an outcome, in one locality (or council-wide), left as a draft or opened now. */
async function consultation(officer: Actor, options: { title: string; locality?: string; open?: boolean }) {
  const { localities, outcomeId } = await ids();
  const now = Date.now();
  const created = await createConsultation(t.db, officer, {
    title: options.title,
    summary: "Should the library open later on Thursdays?",
    background: "Visits after 5pm have doubled.",
    proposal: "Open until 8pm on Thursdays.",
    noDecisionStatement: "No decision has been taken.",
    optionsConsidered: "Later Thursdays; later every day (rejected: cost).",
    whoIsConsulted: "Library users.",
    howResponsesUsed: "Reported to the board.",
    privacyNotice: "We keep responses for two years.",
    contact: "library@fenwold.example",
    wholeCouncil: options.locality ? undefined : "yes",
    localityIds: options.locality ? [String(localities[options.locality])] : [],
    outcomeNodeIds: [String(outcomeId)],
    opensAt: dateParts(new Date(now + 2 * DAY)),
    closesAt: dateParts(new Date(now + 60 * DAY)),
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.value.id;
  const section = await addSection(t.db, officer, id, { title: "Opening hours" });
  if (!section.ok) throw new Error("section");
  const question = await addQuestion(t.db, officer, id, { sectionId: String(section.value.id), kind: "free_text", prompt: "Anything else?", maxLength: "500" });
  if (!question.ok) throw new Error(JSON.stringify(question.errors));
  if (options.open) {
    for (const move of ["schedule", "open_now"] as const) {
      const moved = await changeStatus(t.db, officer, id, move);
      if (!moved.ok) throw new Error(JSON.stringify(moved.errors));
    }
  }
  return { id, outcomeId, localities };
}

async function discussionOf(id: number, now = new Date()) {
  const page = await getConsultationPage(t.db, VISITOR, id, now);
  if (!page.ok) return null;
  return consultationDiscussion(t.db, page.value.consultation, now);
}

describe("the residents' discussion on a consultation page", () => {
  it("is open while the consultation is, and read-only (paused) once an officer closes it", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const resident = await newResident(t.db);
    const { id } = await consultation(officer, { title: "Discussion while open", locality: "riverside", open: true });
    const discussion = (await discussionOf(id))!;
    expect(discussion).toMatchObject({ closed: false, feed: { subjectKind: "consultation", subjectId: id, paused: false } });
    const feedId = discussion.feed.id;
    expect(await postComment(t.db, resident, { feedId, body: "Thursdays suit me" })).toMatchObject({ ok: true });
    expect(await postComment(t.db, VISITOR, { feedId, body: "No account" })).toMatchObject({ ok: false, status: 403 });
    const poll = await openPoll(t.db, officer, { feedId, question: "Which evening?", options: ["Thursday", "Friday"] });
    expect(poll).toMatchObject({ ok: true });
    expect(await openPoll(t.db, resident, { feedId, question: "Mine?", options: ["a", "b"] })).toMatchObject({ ok: false, status: 403 });

    const closed = await changeStatus(t.db, officer, id, "close_now");
    expect(closed).toMatchObject({ ok: true, value: { status: "closed" }, effects: [{ kind: "broadcast", room: `feed:${feedId}`, event: "feed:event", payload: { feedId, kind: "feed.paused", paused: true } }] });
    expect((await findFeed(t.db, feedId))!.paused).toBe(true);
    expect(await postComment(t.db, resident, { feedId, body: "Too late?" })).toMatchObject({ ok: false, status: 409 });
    if (!poll.ok) throw new Error("poll");
    const option = await t.db.selectFrom("poll_options").select("id").where("poll_id", "=", poll.value.pollId).executeTakeFirstOrThrow();
    expect(await castVote(t.db, resident, { pollId: poll.value.pollId, optionIds: [option.id] })).toMatchObject({ ok: false, status: 409 });
    expect(await discussionOf(id)).toMatchObject({ closed: true, feed: { id: feedId, paused: true } });
  });

  it("closes at the set time even before the clock has run: the page records the close and pauses the feed", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id } = await consultation(officer, { title: "Closing at the set time", open: true });
    const feedId = (await discussionOf(id))!.feed.id;
    const row = await t.db.selectFrom("consultations").select("closes_at").where("id", "=", id).executeTakeFirstOrThrow();
    const after = new Date(row.closes_at!.getTime() + 1000);
    const discussion = (await discussionOf(id, after))!;
    expect(discussion.closed).toBe(true);
    expect(discussion.effects).toMatchObject([{ kind: "broadcast", event: "feed:event", payload: { feedId, kind: "feed.paused" } }]);
    expect((await t.db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("closed");
    expect((await findFeed(t.db, feedId))!.paused).toBe(true);
  });

  it("the clock pauses the discussion when it closes a consultation; a closed consultation's new discussion starts read-only; drafts and scheduled ones have none", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const open = await consultation(officer, { title: "Closed by the clock", open: true });
    const feedId = (await discussionOf(open.id))!.feed.id;
    const row = await t.db.selectFrom("consultations").select("closes_at").where("id", "=", open.id).executeTakeFirstOrThrow();
    await advanceConsultations(t.db, new Date(row.closes_at!.getTime() + 1000));
    expect((await findFeed(t.db, feedId))!.paused).toBe(true);

    const later = await consultation(officer, { title: "Closed before anyone talked", open: true });
    await changeStatus(t.db, officer, later.id, "close_now");
    expect(await discussionOf(later.id)).toMatchObject({ closed: true, feed: { paused: true } });

    const draft = await consultation(officer, { title: "Still a draft" });
    const page = await getConsultationPage(t.db, officer, draft.id);
    if (!page.ok) throw new Error("draft page");
    expect(await consultationDiscussion(t.db, page.value.consultation)).toBeNull();
    expect(await changeStatus(t.db, officer, draft.id, "schedule")).toMatchObject({ ok: true });
    expect(await discussionOf(draft.id)).toBeNull();
    expect(await t.db.selectFrom("feeds").select("id").where("subject_kind", "=", "consultation").where("subject_id", "=", draft.id).executeTakeFirst()).toBeUndefined();
  });

  it("the demo consultation with published results has a read-only discussion with comments", async () => {
    const c = await t.db.selectFrom("consultations").select("id").where("title", "=", CLOSED_TITLE).executeTakeFirstOrThrow();
    const discussion = (await discussionOf(c.id))!;
    expect(discussion).toMatchObject({ closed: true, feed: { paused: true } });
    const comments = await t.db.selectFrom("comments").select("id").where("feed_id", "=", discussion.feed.id).execute();
    expect(comments.length).toBeGreaterThanOrEqual(3);
  });
});

describe("consultation results become evidence in one step", () => {
  it("prefills the form, creates the finding once, and links it both ways", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, outcomeId, localities } = await consultation(officer, { title: "Riverside library hours", locality: "riverside", open: true });
    const url = `http://localhost:3000/consultations/${id}/results`;
    expect(await findingForm(t.db, officer, id, url)).toMatchObject({ ok: false, status: 409 });
    expect(await recordConsultationFinding(t.db, officer, id, { title: "Too early", visibility: "public" })).toMatchObject({ ok: false, status: 409 });
    await changeStatus(t.db, officer, id, "close_now");

    const form = await findingForm(t.db, officer, id, url);
    if (!form.ok || form.value.recorded) throw new Error("form");
    const values = form.value.values;
    expect(values).toMatchObject({ title: "Riverside library hours: what residents told us", sourceUrl: url, localityId: String(localities.riverside), visibility: "public", outcomeNodeIds: [String(outcomeId)] });
    expect(values.summary).toMatch(/^0 responses from Riverside\./);
    expect(values.periodStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(values.periodEnd >= values.periodStart).toBe(true);

    const resident = await newResident(t.db);
    expect(await recordConsultationFinding(t.db, resident, id, values)).toMatchObject({ ok: false, status: 403 });
    expect(await recordConsultationFinding(t.db, officer, id, { ...values, title: "" })).toMatchObject({ ok: false, errors: { title: "Enter a title" } });

    // Two officers at once: one finding.
    const both = await Promise.all([recordConsultationFinding(t.db, officer, id, values), recordConsultationFinding(t.db, officer, id, values)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, status: 409 });
    const evidenceId = (both.find((r) => r.ok) as { value: { evidenceId: number } }).value.evidenceId;
    const item = await t.db.selectFrom("evidence_items").selectAll().where("id", "=", evidenceId).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ type: "consultation_finding", stage: "analyse", locality_id: localities.riverside, visibility: "public" });
    const tagged = await t.db.selectFrom("evidence_item_outcomes").select("outcome_node_id").where("evidence_item_id", "=", evidenceId).execute();
    expect(tagged.map((r) => r.outcome_node_id)).toEqual([outcomeId]);

    expect(await recordConsultationFinding(t.db, officer, id, values)).toMatchObject({ ok: false, status: 409 });
    expect(await findingForm(t.db, officer, id, url)).toMatchObject({ ok: true, value: { recorded: { id: evidenceId } } });
    expect(await findingOf(t.db, VISITOR, id)).toEqual({ id: evidenceId, title: values.title });
    // The evidence page shows the consultation that cites it.
    expect(await citingThread(t.db, evidenceId, VISITOR)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "consultation", items: [expect.objectContaining({ title: "Riverside library hours", href: `/consultations/${id}` })] })]));
  });

  it("an internal finding is not shown to visitors on the results page", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id } = await consultation(officer, { title: "Internal finding", open: true });
    await changeStatus(t.db, officer, id, "close_now");
    const form = await findingForm(t.db, officer, id, `https://moot.example/consultations/${id}/results`);
    if (!form.ok || form.value.recorded) throw new Error("form");
    const recorded = await recordConsultationFinding(t.db, officer, id, { ...form.value.values, visibility: "internal" });
    expect(recorded).toMatchObject({ ok: true });
    expect(await findingOf(t.db, VISITOR, id)).toBeNull();
    expect(await findingOf(t.db, officer, id)).not.toBeNull();
  });

  it("the demo consultation with published results is in the evidence library", async () => {
    const c = await t.db.selectFrom("consultations").select("id").where("title", "=", CLOSED_TITLE).executeTakeFirstOrThrow();
    const finding = await findingOf(t.db, VISITOR, c.id);
    expect(finding?.title).toBe(`${CLOSED_TITLE}: what residents told us`);
    const outcome = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Safe and connected communities").executeTakeFirstOrThrow();
    const sections = await threadFor(t.db, { outcomeNodeIds: [outcome.id], localityId: null, actor: VISITOR });
    expect(sections.find((s) => s.kind === "consultation")!.items.map((i) => i.title)).toContain(CLOSED_TITLE);
  });
});

describe("the consultation thread provider", () => {
  it("lists consultations linked to an outcome, in the locality or council-wide, never drafts to the public", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const riverside = await consultation(officer, { title: "Thread: Riverside", locality: "riverside", open: true });
    await consultation(officer, { title: "Thread: council-wide", open: true });
    await consultation(officer, { title: "Thread: a draft", locality: "riverside" });
    const titles = async (actor: Actor, localityId: number | null) =>
      (await consultationThreadProvider.linkedTo(t.db, { outcomes: [{ outcomeId: riverside.outcomeId, nodeIds: [riverside.outcomeId] }], localityId, actor })).get(riverside.outcomeId)!.map((i) => i.title).filter((x) => x.startsWith("Thread:"));

    expect(await titles(VISITOR, null)).toEqual(expect.arrayContaining(["Thread: Riverside", "Thread: council-wide"]));
    expect(await titles(VISITOR, null)).not.toContain("Thread: a draft");
    expect(await titles(await newResident(t.db), riverside.localities.riverside!)).not.toContain("Thread: a draft");
    expect(await titles(officer, null)).toContain("Thread: a draft");

    const northgate = await titles(VISITOR, riverside.localities.northgate!);
    expect(northgate).toContain("Thread: council-wide");
    expect(northgate).not.toContain("Thread: Riverside");
    const item = (await consultationThreadProvider.linkedTo(t.db, { outcomes: [{ outcomeId: riverside.outcomeId, nodeIds: [riverside.outcomeId] }], localityId: null, actor: VISITOR })).get(riverside.outcomeId)!.find((i) => i.title === "Thread: Riverside")!;
    expect(item).toMatchObject({ kind: "consultation", href: `/consultations/${riverside.id}` });
    expect(item.detail).toMatch(/^Consultation, open until /);
  });
});

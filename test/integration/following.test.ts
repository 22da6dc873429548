/**
 * Following beyond boards (issue 16): a locality, a consultation, a discussion thread. Against the
 * real database and a real SMTP server in this process. Who gets what, exactly once; per-subscription
 * unsubscribe; the daily digest grouped by what is followed; nothing about what is not public.
 */
import { describe, expect, it } from "vitest";
import { addQuestion, addSection, changeStatus, createConsultation } from "../../app/modules/consultations/consultations.server";
import { publishResults } from "../../app/modules/consultations/analysis.server";
import { postComment } from "../../app/modules/feeds/comments.server";
import { hideComment } from "../../app/modules/feeds/moderation.server";
import { getOrCreateFeed } from "../../app/modules/feeds/read-model.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { consultationsClosingSoon } from "../../app/modules/notifications/events.server";
import { expandEvents, gatherDigests, recordEvent } from "../../app/modules/notifications/outbox.server";
import { changeFrequency, mySubscriptions, subscribe, unfollow, unsubscribeByToken } from "../../app/modules/notifications/subscriptions.server";
import type { Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { rawHeader, recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const DAY = 86_400_000;
const mailer = useSmtpInbox();

const to = recipientOf;
/** Everything that arrives for `address` from now on. */
const mark = () => mailer.inbox.received.length;
const since = (from: number, address: string) => mailer.inbox.received.slice(from).filter((m) => to(m) === address);

/** What the worker does on a nudge: expand events, deliver what is due; then wait for the relay. */
async function pump() {
  const before = mailer.inbox.received.length;
  await expandEvents(t.db, ORIGIN);
  const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN });
  if (run.sent) await mailer.inbox.waitFor(before + run.sent);
  return run;
}

const localityBySlug = (slug: string) => t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", slug).executeTakeFirstOrThrow();

async function follow(email: string, kind: "locality" | "consultation" | "thread" | "board", targetId: number, frequency: "immediate" | "daily" = "immediate", actor?: Actor) {
  const anon = actor ?? (await actorFor(t.db, null));
  return subscribe(t.db, anon, { email, kind, targetId: String(targetId), frequency });
}
const tokenOf = async (email: string, kind: string, id: number) =>
  (await t.db.selectFrom("subscriptions").select("token").where("email", "=", email).where("target_kind", "=", kind as "locality").where("target_id", "=", id).executeTakeFirstOrThrow()).token;

/** A consultation in one locality with one question, scheduled (public) but not open. */
async function scheduledConsultation(title: string, localityId: number, options: { draft?: boolean } = {}) {
  const officer = await actorFor(t.db, "officer@moot.example");
  const day = (n: number) => {
    const d = new Date(Date.now() + n * DAY);
    return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), time: "10:00" };
  };
  const { id } = value(
    await createConsultation(t.db, officer, {
      title,
      summary: "s",
      background: "b",
      proposal: "p",
      noDecisionStatement: "n",
      optionsConsidered: "o",
      whoIsConsulted: "w",
      howResponsesUsed: "h",
      privacyNotice: "pn",
      contact: "c@fenwold.example",
      localityIds: [String(localityId)],
      opensAt: day(2),
      closesAt: day(30),
    }),
  );
  const section = value(await addSection(t.db, officer, id, { title: "One" }));
  value(await addQuestion(t.db, officer, id, { sectionId: String(section.id), kind: "free_text", prompt: "Why?", required: "no", maxLength: "200" }));
  if (!options.draft) value(await changeStatus(t.db, officer, id, "schedule"));
  return { id, officer };
}

describe("following a locality and a consultation", () => {
  it("each follower gets one e-mail per happening, whatever they follow it through; others none; a draft cannot be followed", async () => {
    const riverside = await localityBySlug("riverside");
    const eastmere = await localityBySlug("eastmere");
    const { id, officer } = await scheduledConsultation("Riverside footbridge", riverside.id);

    // a draft is not public: nobody can follow it
    const draft = await scheduledConsultation("Secret draft", riverside.id, { draft: true });
    expect((await follow("snoop@test.example", "consultation", draft.id)).ok).toBe(false);

    value(await follow("area@test.example", "locality", riverside.id));
    value(await follow("both@test.example", "locality", riverside.id));
    value(await follow("both@test.example", "consultation", id));
    value(await follow("elsewhere@test.example", "locality", eastmere.id));

    const from = mark();
    const opened = await changeStatus(t.db, officer, id, "open_now");
    expect(opened.ok && opened.effects?.some((e) => e.kind === "deliver")).toBe(true);
    await pump();
    await pump(); // running again sends nothing more
    expect(since(from, "area@test.example").map((m) => m.subject)).toEqual(["New consultation: Riverside footbridge"]);
    expect(since(from, "both@test.example").map((m) => m.subject)).toEqual(["New consultation: Riverside footbridge"]);
    expect(since(from, "elsewhere@test.example")).toEqual([]);
    expect(since(from, "area@test.example")[0]!.text).toContain(`${ORIGIN}/consultations/${id}`);

    // closing soon: only the consultation's followers, once however often the clock runs
    const closesAt = (await t.db.selectFrom("consultations").select("closes_at").where("id", "=", id).executeTakeFirstOrThrow()).closes_at!;
    const nearly = new Date(closesAt.getTime() - 2 * DAY);
    expect((await consultationsClosingSoon(t.db, nearly)).length).toBe(1);
    expect((await consultationsClosingSoon(t.db, nearly)).length).toBe(0);
    const from2 = mark();
    await pump();
    expect(since(from2, "both@test.example").map((m) => m.subject)).toEqual(["Closing soon: Riverside footbridge"]);
    expect(since(from2, "area@test.example")).toEqual([]);

    // "both" stops following the locality by its own link: still hears about the consultation
    value(await unsubscribeByToken(t.db, await tokenOf("both@test.example", "locality", riverside.id)));
    value(await changeStatus(t.db, officer, id, "close_now"));
    const from3 = mark();
    value(await publishResults(t.db, officer, id, { resultsSummary: "People want a bridge", decision: "We will build it", decidedBy: "Cabinet" }));
    await pump();
    expect(since(from3, "both@test.example").map((m) => m.subject)).toEqual(["Results published: Riverside footbridge"]);
    expect(since(from3, "area@test.example").map((m) => m.subject)).toEqual(["Results published: Riverside footbridge"]);
    expect(since(from3, "elsewhere@test.example")).toEqual([]);
    // the one-click link in each is that subscription's own
    expect(rawHeader(since(from3, "area@test.example")[0]!, "list-unsubscribe")).toBe(`<${ORIGIN}/unsubscribe/${await tokenOf("area@test.example", "locality", riverside.id)}>`);
  });

  it("an event about something no longer public goes to nobody, and says why", async () => {
    const northgate = await localityBySlug("northgate");
    const { id, officer } = await scheduledConsultation("Back to the drawing board", northgate.id);
    value(await follow("watcher@test.example", "consultation", id));
    value(await changeStatus(t.db, officer, id, "unschedule")); // draft again
    await t.db.transaction().execute((trx) => recordEvent(trx, { key: `test:about-draft:${id}`, target: { kind: "consultation", id }, about: { kind: "consultation", id }, subject: "Leak", body: "x", link: "/" }));
    const from = mark();
    await pump();
    expect(since(from, "watcher@test.example")).toEqual([]);
    const event = await t.db.selectFrom("notification_events").select(["expanded_at", "withheld"]).where("key", "=", `test:about-draft:${id}`).executeTakeFirstOrThrow();
    expect(event.expanded_at).not.toBeNull();
    expect(event.withheld).toMatch(/not public \(draft\)/);
    expect(await t.db.selectFrom("outbox").select("id").where("event_key", "=", `test:about-draft:${id}`).execute()).toEqual([]);
  });
});

describe("following a discussion thread", () => {
  it("followers hear of each reply once, never of their own, nor of a reply a moderator hid first", async () => {
    const hollin = await localityBySlug("hollin-valley");
    const feed = await getOrCreateFeed(t.db, { kind: "locality", id: hollin.id, title: `${hollin.name} discussion`, localityId: hollin.id } as Parameters<typeof getOrCreateFeed>[1]);
    const starter = await newResident(t.db, "Sam Starter");
    const replier = await newResident(t.db, "Rita Replier");
    const other = await newResident(t.db, "Otto Other");
    const top = value(await postComment(t.db, starter, { feedId: String(feed.id), body: "Should the library open on Sundays?" })).comment;
    value(await follow(starter.user!.email, "thread", top.id, "immediate", starter));
    value(await follow(replier.user!.email, "thread", top.id, "immediate", replier));
    await pump();

    const from = mark();
    const reply = await postComment(t.db, replier, { feedId: String(feed.id), parentId: String(top.id), body: "Yes, afternoons at least" });
    expect(reply.ok && reply.effects?.some((e) => e.kind === "deliver")).toBe(true);
    await pump();
    const got = since(from, starter.user!.email.toLowerCase());
    expect(got.map((m) => m.subject)).toEqual([`New reply in “${hollin.name} discussion”`]);
    expect(got[0]!.text).toContain("Yes, afternoons at least");
    expect(since(from, replier.user!.email.toLowerCase())).toEqual([]); // not told of their own reply

    // a reply hidden before the worker ran: nobody hears of it
    const rude = value(await postComment(t.db, other, { feedId: String(feed.id), parentId: String(top.id), body: "Rude words" })).comment;
    value(await hideComment(t.db, await actorFor(t.db, "moderator@moot.example"), { commentId: String(rude.id), reason: "House rules" }));
    const from2 = mark();
    await pump();
    expect(mailer.inbox.received.slice(from2).filter((m) => m.text?.includes("Rude words"))).toEqual([]);
  });
});

describe("the daily digest and /account", () => {
  it("daily followers get one e-mail grouped by what they follow, each with its own stop link; /account changes how often and unfollows, only one's own", async () => {
    const person = await newResident(t.db, "Dana Digest");
    const email = person.user!.email.toLowerCase();
    const northgate = await localityBySlug("northgate");
    const board = await t.db.selectFrom("boards").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    value(await follow(email, "locality", northgate.id, "daily", person));
    value(await follow(email, "board", board.id, "immediate", person));

    const listed = value(await mySubscriptions(t.db, person));
    expect(listed.map((s) => [s.kind, s.name, s.frequency])).toEqual([
      ["locality", northgate.name, "daily"],
      ["board", board.name, "immediate"],
    ]);
    // the board: daily too, from /account
    const boardSub = listed.find((s) => s.kind === "board")!;
    value(await changeFrequency(t.db, person, { subscriptionId: String(boardSub.id), frequency: "daily" }));
    // someone else cannot touch it
    const stranger = await newResident(t.db, "Nosy Parker");
    expect((await unfollow(t.db, stranger, { subscriptionId: String(boardSub.id) })).ok).toBe(false);
    expect((await changeFrequency(t.db, stranger, { subscriptionId: String(boardSub.id), frequency: "immediate" })).ok).toBe(false);

    for (const [n, target] of [[1, { kind: "locality" as const, id: northgate.id }], [2, { kind: "board" as const, id: board.id }], [3, { kind: "locality" as const, id: northgate.id }]] as const) {
      await t.db.transaction().execute((trx) => recordEvent(trx, { key: `test:digest:${n}`, target, subject: `Happening ${n}`, body: `Detail ${n}`, link: "/" }));
    }
    const from = mark();
    await pump();
    expect(since(from, email)).toEqual([]); // daily: nothing yet
    expect(await gatherDigests(t.db, ORIGIN)).toBeGreaterThanOrEqual(1);
    await pump();
    const digest = since(from, email);
    expect(digest.map((m) => m.subject)).toEqual(["Your daily update: 3 new"]);
    const text = digest[0]!.text!;
    const localityToken = await tokenOf(email, "locality", northgate.id);
    const boardToken = await tokenOf(email, "board", board.id);
    expect(text).toContain(`## ${northgate.name} (2)`);
    expect(text).toContain(`## ${board.name} (1)`);
    expect(text.indexOf("Detail 3")).toBeLessThan(text.indexOf(`## ${board.name}`)); // grouped, not in time order
    expect(text).toContain(`Stop following ${northgate.name}: ${ORIGIN}/unsubscribe/${localityToken}`);
    expect(text).toContain(`Stop following ${board.name}: ${ORIGIN}/unsubscribe/${boardToken}`);
    expect(rawHeader(digest[0]!, "list-unsubscribe")).toBe(`<${ORIGIN}/unsubscribe/${localityToken}.${boardToken}>`);

    // unfollow the locality from /account: the board remains
    value(await unfollow(t.db, person, { subscriptionId: String(listed.find((s) => s.kind === "locality")!.id) }));
    expect(value(await mySubscriptions(t.db, person)).map((s) => s.kind)).toEqual(["board"]);
    // the digest's one-click link stops everything it covered
    value(await unsubscribeByToken(t.db, `${localityToken}.${boardToken}`));
    expect(value(await mySubscriptions(t.db, person))).toEqual([]);
  });
});

/** Boards joined to the live feeds (a meeting's residents' feed) and to the golden thread (decisions and agenda items cite evidence). */
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import { describe, expect, it } from "vitest";
import { subjectsOfDecision } from "../../app/modules/commissioning/decision-subjects.server";
import type { DB } from "../../db/schema";
import { citedForMeeting, decisionThreadProvider, publicDecision, setCitations } from "../../app/modules/boards/decisions.server";
import { citedEvidence, createEvidence } from "../../app/modules/evidence/evidence.server";
import { citingThread, threadFor } from "../../app/modules/evidence/thread.server";
import { feedAbilities, openPoll, postComment } from "../../app/modules/feeds/feeds.server";
import {
  addAgendaItem,
  callVote,
  castVote,
  createMeeting,
  declareResult,
  meetingFeed,
  excludePublic,
  openItem,
  proposeMotion,
  publicMeeting,
  publishAgenda,
  recordAttendance,
  recordDecision,
  startMeeting,
  withdrawMotion,
} from "../../app/modules/meetings/meetings.server";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;

const boardBySlug = (slug: string) => t.db.selectFrom("boards").select(["id", "locality_id"]).where("slug", "=", slug).executeTakeFirstOrThrow();

/** A resident who is chair only of this board (a grant scoped to the board, not its locality). */
async function boardChair(boardId: number): Promise<Actor> {
  const person = await newResident(t.db, "Board-scoped Chair");
  await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "chair", scope: "board", locality_id: null, board_id: boardId, granted_by: null }).execute();
  return actorFor(t.db, person.user!.email);
}

async function feedOfMeeting(meetingId: number) {
  const shown = (await publicMeeting(t.db, meetingId))!;
  return meetingFeed(t.db, shown.meeting);
}

const publishedNorthgateMeeting = async () => {
  const board = await boardBySlug("northgate-locality-board");
  return t.db.selectFrom("meetings").select("id").where("board_id", "=", board.id).where("status", "=", "agenda_published").executeTakeFirstOrThrow();
};

const evidenceId = (title: string) => t.db.selectFrom("evidence_items").select("id").where("title", "=", title).executeTakeFirstOrThrow().then((r) => r.id);
const JSNA = "Joint strategic needs assessment: mental wellbeing";
const MTFP = "Medium-term financial plan: community services budget";
const pilotDecision = () => t.db.selectFrom("decisions").select(["id", "agenda_item_id"]).where("text", "like", "A six-month peer support pilot%").executeTakeFirstOrThrow();

describe("the residents' comment feed of a meeting", () => {
  it("lets visitors read, signed-in residents post, and refuses a visitor's comment", async () => {
    const meeting = await publishedNorthgateMeeting();
    const feed = await feedOfMeeting(meeting.id);
    expect(feed).toMatchObject({ subjectKind: "meeting", subjectId: meeting.id });
    expect((await feedOfMeeting(meeting.id)).id).toBe(feed.id); // one feed per meeting
    expect(await postComment(t.db, VISITOR, { feedId: feed.id, body: "Hello" })).toMatchObject({ ok: false, status: 403 });
    const resident = await newResident(t.db);
    value(await postComment(t.db, resident, { feedId: feed.id, body: "Will the play park be discussed?" }));
    expect(feedAbilities(VISITOR, feed)).toMatchObject({ participate: false, managePolls: false });
  });

  it("lets the board's chair open a poll with a grant scoped to the board, and refuses a chair of another board and a resident", async () => {
    const northgate = await boardBySlug("northgate-locality-board");
    const other = await t.db.selectFrom("boards").select("id").where("id", "!=", northgate.id).orderBy("id").executeTakeFirstOrThrow();
    const feed = await feedOfMeeting((await publishedNorthgateMeeting()).id);
    const poll = { feedId: feed.id, question: "Which item matters most to you?", options: ["Parks", "Buses"] };

    const ourChair = await boardChair(northgate.id);
    expect(feedAbilities(ourChair, feed).managePolls).toBe(true);
    value(await openPoll(t.db, ourChair, poll));

    const theirChair = await boardChair(other.id);
    expect(feedAbilities(theirChair, feed).managePolls).toBe(false);
    expect(await openPoll(t.db, theirChair, poll)).toMatchObject({ ok: false, status: 403 });
    expect(await openPoll(t.db, await newResident(t.db), poll)).toMatchObject({ ok: false, status: 403 });
    // The clerk (officer) and the seeded locality-scoped chair may too.
    value(await openPoll(t.db, await actorFor(t.db, "officer@moot.example"), poll));
    value(await openPoll(t.db, await actorFor(t.db, "chair@moot.example"), poll));
  });
});

/** A live Northgate meeting, everyone present, its decision item open with a motion proposed by Mei Chen (who has an account). */
async function meetingWithMotion() {
  const officer = await actorFor(t.db, "officer@moot.example");
  const chair = await actorFor(t.db, "chair@moot.example");
  const board = await boardBySlug("northgate-locality-board");
  const members = await t.db.selectFrom("board_members").select(["id", "name"]).where("board_id", "=", board.id).where("voting", "=", true).orderBy("id").execute();
  const mei = members.find((m) => m.name === "Mei Chen")!;
  const seconder = members.find((m) => m.id !== mei.id)!;
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Thread meeting", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Town Hall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Wellbeing grants", recommendation: "Fund the grants" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land purchase", exemptParagraph: "3", publicInterestReason: "Price negotiations" }));
  value(await publishAgenda(t.db, officer, { meetingId }));
  value(await startMeeting(t.db, chair, { meetingId, confirmEarly: "yes" }));
  for (const m of members) value(await recordAttendance(t.db, chair, { meetingId, memberId: m.id, status: "present" }));
  const [item, exempt] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
  value(await openItem(t.db, chair, { meetingId, itemId: item!.id }));
  value(await proposeMotion(t.db, chair, { meetingId, text: "Fund the grants", proposerId: mei.id, seconderId: seconder.id }));
  const motion = await t.db.selectFrom("motions").select("id").where("agenda_item_id", "=", item!.id).executeTakeFirstOrThrow();
  return { officer, chair, members, mei, seconder, meetingId, itemId: item!.id, exemptId: exempt!.id, motionId: motion.id };
}

/** The same, with the motion carried by everyone present. */
async function meetingReadyForDecision() {
  const m = await meetingWithMotion();
  value(await callVote(t.db, m.chair, { meetingId: m.meetingId, motionId: m.motionId }));
  for (const member of m.members) value(await castVote(t.db, m.chair, { meetingId: m.meetingId, motionId: m.motionId, memberId: member.id, choice: "for" }));
  value(await declareResult(t.db, m.chair, { meetingId: m.meetingId, motionId: m.motionId }));
  return m;
}

describe("withdrawing a motion", () => {
  it("lets the proposer withdraw their own motion before the vote, recorded in public, and refuses others", async () => {
    const m = await meetingWithMotion();
    const input = { meetingId: m.meetingId, motionId: m.motionId };
    expect(await withdrawMotion(t.db, VISITOR, input)).toMatchObject({ ok: false, status: 403 });
    expect(await withdrawMotion(t.db, await newResident(t.db), input)).toMatchObject({ ok: false, status: 403 });
    const result = value(await withdrawMotion(t.db, await actorFor(t.db, "member@moot.example"), input));
    expect(result.events.map((e) => e.text)).toEqual(["Motion withdrawn by its proposer, Mei Chen: “Fund the grants”"]);
    const motion = await t.db.selectFrom("motions").select(["status", "decided_at"]).where("id", "=", m.motionId).executeTakeFirstOrThrow();
    expect(motion.status).toBe("withdrawn");
    expect(motion.decided_at).not.toBeNull();
    expect(await withdrawMotion(t.db, m.chair, input)).toMatchObject({ ok: false, status: 409 }); // already withdrawn
    expect(await callVote(t.db, m.chair, input)).toMatchObject({ ok: false, status: 409 });
  });

  it("lets the chair record a withdrawal at the proposer's request, but not once the vote is called or while amendments wait", async () => {
    const m = await meetingWithMotion();
    const input = { meetingId: m.meetingId, motionId: m.motionId };
    value(await proposeMotion(t.db, m.chair, { meetingId: m.meetingId, text: "Fund half the grants", proposerId: m.seconder.id, seconderId: m.mei.id, amendsMotionId: String(m.motionId) }));
    expect(await withdrawMotion(t.db, m.chair, input)).toMatchObject({ ok: false, status: 409, errors: { _form: "Deal with the amendments to this motion first" } });
    const amendment = await t.db.selectFrom("motions").select("id").where("amends_motion_id", "=", m.motionId).executeTakeFirstOrThrow();
    value(await withdrawMotion(t.db, m.chair, { meetingId: m.meetingId, motionId: amendment.id }));
    value(await callVote(t.db, m.chair, input));
    expect(await withdrawMotion(t.db, await actorFor(t.db, "member@moot.example"), input)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("decisions cite evidence and outcomes", () => {
  it("records the cited evidence and outcomes in the same transaction as the decision", async () => {
    const m = await meetingReadyForDecision();
    const outcome = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Your health").executeTakeFirstOrThrow();
    const [jsna, mtfp] = [await evidenceId(JSNA), await evidenceId(MTFP)];
    value(await recordDecision(t.db, m.chair, { meetingId: m.meetingId, itemId: m.itemId, motionId: String(m.motionId), decision: "Grants are funded.", reasons: "The needs assessment.", outcomeNodeIds: [String(outcome.id)], evidenceItemIds: [String(jsna), String(mtfp)] }));
    const decision = await t.db.selectFrom("decisions").select("id").where("meeting_id", "=", m.meetingId).executeTakeFirstOrThrow();
    const citations = await t.db.selectFrom("evidence_citations").select("evidence_item_id").where("citing_kind", "=", "board_decision").where("citing_id", "=", decision.id).execute();
    expect(citations.map((c) => c.evidence_item_id).sort()).toEqual([jsna, mtfp].sort());
    const links = await t.db.selectFrom("outcome_links").select("outcome_node_id").where("citing_kind", "=", "board_decision").where("citing_id", "=", decision.id).execute();
    expect(links).toEqual([{ outcome_node_id: outcome.id }]);

    // The public sees the public evidence only; an officer sees the internal item too.
    const shown = (await publicDecision(t.db, VISITOR, decision.id))!;
    expect(shown.evidence.map((e) => e.title)).toEqual([JSNA]);
    expect(shown.outcomes.map((o) => o.title)).toEqual(["Your health"]);
    expect((await publicDecision(t.db, m.officer, decision.id))!.evidence.map((e) => e.title).sort()).toEqual([JSNA, MTFP].sort());
  });

  it("links the commissioning plan an item carries to the decision on it, and asks nothing about plans for an item without one", async () => {
    const plain = await meetingReadyForDecision();
    const queries: string[] = [];
    const counted = new Kysely<DB>({ dialect: new PostgresDialect({ pool: t.handle.pool }), log: (e: LogEvent) => void queries.push(e.query.sql) });
    value(await recordDecision(counted, plain.chair, { meetingId: plain.meetingId, itemId: plain.itemId, motionId: String(plain.motionId), decision: "Grants are funded.", reasons: "Because." }));
    // Whether the item carries a plan is part of the item's own query, not a statement of its own.
    expect(queries.filter((q) => /commissioning_plan_submissions/.test(q))).toHaveLength(1);
    expect(queries.filter((q) => /^select [^()]* from "commissioning_plan_submissions"/.test(q))).toEqual([]);
    expect(queries.filter((q) => /decision_subjects/.test(q))).toEqual([]);
    const first = await t.db.selectFrom("decisions").select("id").where("meeting_id", "=", plain.meetingId).executeTakeFirstOrThrow();
    expect(await subjectsOfDecision(t.db, first.id)).toEqual([]);

    const withPlan = await meetingReadyForDecision();
    const review = await t.db.selectFrom("commissioning_reviews").select("id").orderBy("id").executeTakeFirstOrThrow();
    await t.db.insertInto("commissioning_plan_submissions").values({ review_id: review.id, agenda_item_id: withPlan.itemId, submitted_by: null }).execute();
    value(await recordDecision(t.db, withPlan.chair, { meetingId: withPlan.meetingId, itemId: withPlan.itemId, motionId: String(withPlan.motionId), decision: "The plan is approved.", reasons: "Debated." }));
    const second = await t.db.selectFrom("decisions").select("id").where("meeting_id", "=", withPlan.meetingId).executeTakeFirstOrThrow();
    // The link itself: the first seeded review is not yet approved (before Do), so subjectsOfDecision hides it from the public.
    expect(await t.db.selectFrom("decision_subjects").select(["subject_kind", "subject_id", "relation"]).where("decision_id", "=", second.id).execute()).toEqual([{ subject_kind: "commissioning_review", subject_id: review.id, relation: "approves" }]);
  });

  it("refuses unknown evidence and records nothing", async () => {
    const m = await meetingReadyForDecision();
    const result = await recordDecision(t.db, m.chair, { meetingId: m.meetingId, itemId: m.itemId, decision: "Grants are funded.", reasons: "Because.", evidenceItemIds: ["999999"] });
    expect(result).toMatchObject({ ok: false, errors: { evidenceItemIds: expect.any(String) } });
    expect(await t.db.selectFrom("decisions").select("id").where("meeting_id", "=", m.meetingId).execute()).toEqual([]);
  });

  it("lets the clerk change what a decision and an agenda item cite, and refuses the chair, a resident and a visitor", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const pilot = await pilotDecision();
    const jsna = await evidenceId(JSNA);
    const wellbeing = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Good mental wellbeing").executeTakeFirstOrThrow();
    const thing = { kind: "board_decision" as const, id: pilot.id };
    for (const who of [await actorFor(t.db, "chair@moot.example"), await newResident(t.db), VISITOR]) {
      expect(await setCitations(t.db, who, thing, { evidenceItemIds: [] })).toMatchObject({ ok: false, status: 403 });
    }
    value(await setCitations(t.db, officer, thing, { evidenceItemIds: [String(jsna)], outcomeNodeIds: [String(wellbeing.id)] }));
    expect((await citedEvidence(t.db, officer, "board_decision", pilot.id)).map((e) => e.title)).toEqual([JSNA]); // the internal item was uncited
    const outcomes = await t.db.selectFrom("decision_outcomes").select("outcome_node_id").where("decision_id", "=", pilot.id).execute();
    expect(outcomes).toEqual([{ outcome_node_id: wellbeing.id }]);
    // A retired node or unknown evidence is refused and nothing changes.
    expect(await setCitations(t.db, officer, thing, { evidenceItemIds: ["999999"] })).toMatchObject({ ok: false });
    expect((await citedEvidence(t.db, officer, "board_decision", pilot.id)).map((e) => e.title)).toEqual([JSNA]);

    value(await setCitations(t.db, officer, { kind: "agenda_item", id: pilot.agenda_item_id }, { evidenceItemIds: [String(jsna)] }));
    expect((await citedEvidence(t.db, VISITOR, "agenda_item", pilot.agenda_item_id)).map((e) => e.title)).toEqual([JSNA]);
    expect(await setCitations(t.db, officer, { kind: "agenda_item", id: 999999 }, {})).toMatchObject({ ok: false, status: 404 });
  });

  it("lists each public item's and decision's cited evidence in one go, exactly as asking one by one does", async () => {
    const m = await meetingReadyForDecision();
    const internal = value(await createEvidence(t.db, m.officer, { title: "Internal briefing for the count", type: "research", summary: "", sourceOrganisation: "Council", sourceUrl: "https://example.org/briefing", periodStart: "2025-01-01", periodEnd: "", localityId: "", stage: "analyse", confidence: "moderate", visibility: "internal", outcomeNodeIds: [] })).evidenceId;
    value(await setCitations(t.db, m.officer, { kind: "agenda_item", id: m.itemId }, { evidenceItemIds: [String(await evidenceId(JSNA)), String(await evidenceId(MTFP)), String(internal)] }));
    const record = (await publicMeeting(t.db, m.meetingId))!.record;
    for (const actor of [VISITOR, m.officer]) {
      const oneByOne: Record<string, { id: number; title: string }[]> = {};
      for (const item of record.items.filter((i) => i.kind !== "exempt")) {
        for (const [key, kind, id] of [[`item:${item.id}`, "agenda_item", item.id] as const, ...item.decisions.map((d) => [`decision:${d.id}`, "board_decision", d.id] as const)]) {
          const list = (await citedEvidence(t.db, actor, kind, id)).map((e) => ({ id: e.id, title: e.title }));
          if (list.length) oneByOne[key] = list;
        }
      }
      expect(await citedForMeeting(t.db, actor, record.items)).toEqual(oneByOne);
    }
    const officerSees = (await citedForMeeting(t.db, m.officer, record.items))[`item:${m.itemId}`]!;
    expect(officerSees.map((e) => e.id)).toContain(internal);
    expect((await citedForMeeting(t.db, VISITOR, record.items))[`item:${m.itemId}`]!.map((e) => e.id)).not.toContain(internal);
  });

  it("never shows an exempt item's citations or decision to the public", async () => {
    const m = await meetingReadyForDecision();
    const jsna = await evidenceId(JSNA);
    value(await setCitations(t.db, m.officer, { kind: "agenda_item", id: m.exemptId }, { evidenceItemIds: [String(jsna)] }));
    value(await setCitations(t.db, m.officer, { kind: "agenda_item", id: m.itemId }, { evidenceItemIds: [String(jsna)] }));
    const record = (await publicMeeting(t.db, m.meetingId))!.record;
    const cited = await citedForMeeting(t.db, VISITOR, record.items);
    expect(Object.keys(cited)).toEqual([`item:${m.itemId}`]);

    value(await excludePublic(t.db, m.chair, { meetingId: m.meetingId, exemptItemId: m.exemptId, movedById: m.mei.id, secondedById: m.seconder.id, votesFor: "3", votesAgainst: "0" }));
    value(await recordDecision(t.db, m.chair, { meetingId: m.meetingId, itemId: m.exemptId, decision: "SECRET lease agreed", reasons: "Price", evidenceItemIds: [String(jsna)] }));
    const secret = await t.db.selectFrom("decisions").select("id").where("agenda_item_id", "=", m.exemptId).executeTakeFirstOrThrow();
    expect(await publicDecision(t.db, VISITOR, secret.id)).toBeNull();
    expect(await publicDecision(t.db, m.officer, secret.id)).not.toBeNull();
    const citingJsna = await decisionThreadProvider.citing!(t.db, { evidenceItemId: jsna, actor: VISITOR });
    expect(citingJsna.some((i) => i.href === `/decisions/${secret.id}`)).toBe(false);
    const asOfficer = await decisionThreadProvider.citing!(t.db, { evidenceItemId: jsna, actor: m.officer });
    expect(asOfficer.some((i) => i.href === `/decisions/${secret.id}`)).toBe(true);
  });
});

describe("the board decision thread provider", () => {
  it("puts a seeded decision on its outcome's page, in its locality and council-wide, and on its evidence's page", async () => {
    const pilot = await pilotDecision();
    const wellbeing = await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", "Good mental wellbeing").executeTakeFirstOrThrow();
    const localities = await t.db.selectFrom("localities").select(["id", "slug"]).execute();
    const northgate = localities.find((l) => l.slug === "northgate")!.id;
    const riverside = localities.find((l) => l.slug === "riverside")!.id;
    const section = async (localityId: number | null) => (await threadFor(t.db, { outcomeNodeIds: [wellbeing.id], localityId, actor: VISITOR })).find((s) => s.kind === "board_decision")!;
    expect((await section(null)).label).toBe("Board decisions");
    expect((await section(null)).items.map((i) => i.href)).toContain(`/decisions/${pilot.id}`);
    expect((await section(northgate)).items.map((i) => i.href)).toContain(`/decisions/${pilot.id}`);
    expect((await section(riverside)).items.map((i) => i.href)).not.toContain(`/decisions/${pilot.id}`);

    const cites = await citingThread(t.db, await evidenceId(JSNA), VISITOR);
    expect(cites.find((s) => s.kind === "board_decision")?.items.map((i) => i.href)).toContain(`/decisions/${pilot.id}`);
    // The seeded pilot also cites internal evidence: the public decision page leaves it out.
    expect((await publicDecision(t.db, VISITOR, pilot.id))!.evidence.map((e) => e.title)).toEqual([JSNA]);
  });
});

/**
 * Board meetings: reading the record, the public page and its live view, and the console.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { PublicLiveView, PublicMeetingEvent } from "./socket-events";
import { fail, ok } from "../../lib/result";
import { getOrCreateFeed } from "../feeds/feeds.server";
import { bankHolidaySet } from "../calendar/bank-holidays.server";
import { citationChoices } from "../boards/decisions.server";
import { listQuestions, questionDeadline } from "./questions.server";
import { type Actor } from "../permissions/permissions";
import { quorumRule } from "../boards/boards.server";
import type { RecordItem } from "./components/AgendaRecord";
import { startsBeforeItsDay, isPublishedInTime, latestPublicationDay, londonDate, MEETING_STATUS_LABELS, quorum, type MemberInRoom, type Quorum } from "./rules";
import { type LoadedMeeting, findMeeting, mayManage, mayRun, membersInRoom, quorumNow } from "./meetings-shared.server";

// ---------------------------------------------------------------------------------------------
// Reading the record

/**
 * The meeting's record. For the public (`includeExempt: false`) exempt items keep only their
 * number, title and Schedule 12A paragraph: no summary, recommendation, papers, declarations,
 * motions, votes or decisions.
 */
export async function meetingRecord(db: Database, meetingId: number, options: { includeExempt: boolean }) {
  const items = await db.selectFrom("agenda_items").selectAll().where("meeting_id", "=", meetingId).orderBy("position").execute();
  const visible = (kind: string) => options.includeExempt || kind !== "exempt";
  const ids = items.filter((i) => visible(i.kind)).map((i) => i.id);
  const none = [-1];
  const [attendance, declarations, motions, votes, decisions, outcomes, exclusions] = await Promise.all([
    db.selectFrom("board_members as bm")
      .innerJoin("meetings as m", "m.board_id", "bm.board_id")
      .leftJoin("attendance as a", (j) => j.onRef("a.member_id", "=", "bm.id").onRef("a.meeting_id", "=", "m.id"))
      .select(["bm.id", "bm.name", "bm.role", "bm.voting", "a.status", "a.arrived_at", "a.left_at"])
      .where("m.id", "=", meetingId)
      .orderBy("bm.id")
      .execute(),
    db.selectFrom("declarations as d").innerJoin("board_members as bm", "bm.id", "d.member_id").select(["d.agenda_item_id", "d.kind", "d.description", "d.leaves", "bm.name"]).where("d.agenda_item_id", "in", ids.length ? ids : none).orderBy("d.id").execute(),
    db.selectFrom("motions as mo")
      .innerJoin("board_members as p", "p.id", "mo.proposer_id")
      .innerJoin("board_members as s", "s.id", "mo.seconder_id")
      .selectAll("mo")
      .select(["p.name as proposer", "s.name as seconder"])
      .where("mo.agenda_item_id", "in", ids.length ? ids : none)
      .orderBy("mo.id")
      .execute(),
    db.selectFrom("votes as v").innerJoin("motions as mo", "mo.id", "v.motion_id").innerJoin("board_members as bm", "bm.id", "v.member_id").select(["v.motion_id", "v.choice", "bm.name"]).where("mo.agenda_item_id", "in", ids.length ? ids : none).orderBy("bm.name").execute(),
    db.selectFrom("decisions").selectAll().where("agenda_item_id", "in", ids.length ? ids : none).orderBy("id").execute(),
    db.selectFrom("decision_outcomes as o").innerJoin("decisions as d", "d.id", "o.decision_id").innerJoin("outcome_nodes as n", "n.id", "o.outcome_node_id").select(["o.decision_id", "n.id", "n.title"]).where("d.meeting_id", "=", meetingId).execute(),
    // Resolutions to exclude the public are themselves public (moved and voted on in public).
    db.selectFrom("exclusion_resolutions as x")
      .innerJoin("board_members as p", "p.id", "x.proposer_id")
      .innerJoin("board_members as s", "s.id", "x.seconder_id")
      .select(["x.agenda_item_id", "x.votes_for", "x.votes_against", "x.abstentions", "x.carried", "p.name as proposer", "s.name as seconder"])
      .where("x.meeting_id", "=", meetingId)
      .where("x.carried", "=", true)
      .execute(),
  ]);
  return {
    attendance,
    items: items.map((item) => {
      const open = visible(item.kind);
      return {
        id: item.id,
        position: item.position,
        kind: item.kind,
        title: item.title,
        exemptParagraph: item.exempt_paragraph,
        previousMeetingId: item.previous_meeting_id,
        summary: open ? item.summary : "",
        recommendation: open ? item.recommendation : "",
        publicInterestReason: options.includeExempt ? item.public_interest_reason : null,
        declarations: declarations.filter((d) => d.agenda_item_id === item.id),
        motions: motions
          .filter((m) => m.agenda_item_id === item.id)
          .map((m) => ({ ...m, votes: votes.filter((v) => v.motion_id === m.id).map((v) => ({ name: v.name, choice: v.choice })) })),
        decisions: decisions.filter((d) => d.agenda_item_id === item.id).map((d) => ({ ...d, outcomes: outcomes.filter((o) => o.decision_id === d.id) })),
        exclusion: exclusions.find((x) => x.agenda_item_id === item.id) ?? null,
      };
    }),
  };
}
export type MeetingRecord = Awaited<ReturnType<typeof meetingRecord>>;

/** The head of the live view both builders share: the meeting's state and the item being considered. */
function liveHead(
  meeting: Pick<LoadedMeeting, "status" | "in_private" | "adjourned" | "current_item_id">,
  items: Pick<RecordItem, "id" | "position" | "kind" | "title" | "exemptParagraph">[],
  asOf: number,
): Pick<PublicLiveView, "asOf" | "meeting" | "current"> {
  const current = items.find((i) => i.id === meeting.current_item_id) ?? null;
  const exempt = current?.kind === "exempt";
  return {
    asOf,
    meeting: { status: meeting.status, statusLabel: MEETING_STATUS_LABELS[meeting.status], inPrivate: meeting.in_private, adjourned: meeting.adjourned },
    // An exempt item is named by its number and paragraph only, live.
    current: current ? { id: current.id, position: current.position, title: exempt ? "" : current.title, exemptParagraph: current.exemptParagraph } : null,
  };
}

/**
 * What a public meeting page shows live, after the public event `asOf` (attendance, quorum,
 * the item being considered, motions with their named votes, decisions, the meeting's state).
 * Every broadcast command's last event carries it; the page applies the newest it has seen.
 */
function liveOf(meeting: LoadedMeeting, record: MeetingRecord, members: MemberInRoom[], q: Quorum, asOf: number): PublicLiveView {
  return {
    ...liveHead(meeting, record.items, asOf),
    members,
    quorum: q,
    // What changes during a meeting, per public item (titles, summaries and papers do not: the page has them).
    // Only the fields the page shows (RecordItem), exactly as `liveItems` reads them in one query.
    items: record.items
      .filter((i) => i.kind !== "exempt")
      .map((i) => ({
        id: i.id,
        declarations: i.declarations.map((d) => ({ name: d.name, kind: d.kind, description: d.description, leaves: d.leaves })),
        motions: i.motions.map((m) => ({
          id: m.id,
          text: m.text,
          proposer: m.proposer,
          seconder: m.seconder,
          status: m.status,
          amends_motion_id: m.amends_motion_id,
          votes_for: m.votes_for,
          votes_against: m.votes_against,
          abstentions: m.abstentions,
          casting_vote: m.casting_vote,
          votes: m.votes,
        })),
        decisions: i.decisions.map((d) => ({ id: d.id, text: d.text, reasons: d.reasons, outcomes: d.outcomes.map((o) => ({ id: o.id, title: o.title })) })),
      })),
  };
}

/**
 * The public live view now; null for a draft meeting. `asOf`: the last public event it includes.
 * Every console action reads it inside its transaction before the broadcast, so it is read in
 * three queries (the meeting with its board's quorum rule, the items with what happened on them,
 * who is in the room) rather than the record's eleven: each query is a round trip that every
 * viewer waits for (docs/benchmarks.md). It equals `liveOf` over the full record (tested).
 */
export async function publicLive(db: Database, meetingId: number, asOf: number): Promise<PublicLiveView | null> {
  const meeting = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.board_id", "m.status", "m.in_private", "m.adjourned", "m.current_item_id", "b.quorum_number", "b.quorum_fraction", "b.quorum_minimum"])
    .where("m.id", "=", meetingId)
    .executeTakeFirst();
  if (!meeting || meeting.status === "draft") return null;
  const [items, members] = await Promise.all([liveItems(db, meeting.id), membersInRoom(db, meeting)]);
  return {
    ...liveHead(meeting, items, asOf),
    members,
    quorum: quorum(quorumRule(meeting), members),
    items: items.filter((i) => i.kind !== "exempt").map((i) => ({ id: i.id, declarations: i.declarations, motions: i.motions, decisions: i.decisions })),
  };
}

type LiveItemRow = Pick<RecordItem, "id" | "position" | "kind" | "title" | "exemptParagraph" | "declarations" | "motions" | "decisions">;

/**
 * Every agenda item of the meeting with its declarations, motions (with named votes) and
 * decisions (with their outcomes), as JSON built by PostgreSQL in one query, ordered as
 * `meetingRecord` orders them. An exempt item gets none of them (its number and title only).
 */
async function liveItems(db: Database, meetingId: number): Promise<LiveItemRow[]> {
  const { rows } = await sql<LiveItemRow>`
    SELECT ai.id, ai.position, ai.kind, ai.title, ai.exempt_paragraph AS "exemptParagraph",
      COALESCE((SELECT json_agg(json_build_object('name', bm.name, 'kind', d.kind, 'description', d.description, 'leaves', d.leaves) ORDER BY d.id)
        FROM declarations d JOIN board_members bm ON bm.id = d.member_id
        WHERE d.agenda_item_id = ai.id AND ai.kind <> 'exempt'), '[]'::json) AS declarations,
      COALESCE((SELECT json_agg(json_build_object('id', mo.id, 'text', mo.text, 'proposer', p.name, 'seconder', s.name, 'status', mo.status,
          'amends_motion_id', mo.amends_motion_id, 'votes_for', mo.votes_for, 'votes_against', mo.votes_against, 'abstentions', mo.abstentions,
          'casting_vote', mo.casting_vote,
          'votes', COALESCE((SELECT json_agg(json_build_object('name', vm.name, 'choice', v.choice) ORDER BY vm.name)
            FROM votes v JOIN board_members vm ON vm.id = v.member_id WHERE v.motion_id = mo.id), '[]'::json)) ORDER BY mo.id)
        FROM motions mo JOIN board_members p ON p.id = mo.proposer_id JOIN board_members s ON s.id = mo.seconder_id
        WHERE mo.agenda_item_id = ai.id AND ai.kind <> 'exempt'), '[]'::json) AS motions,
      COALESCE((SELECT json_agg(json_build_object('id', de.id, 'text', de.text, 'reasons', de.reasons,
          'outcomes', COALESCE((SELECT json_agg(json_build_object('id', n.id, 'title', n.title) ORDER BY n.id)
            FROM decision_outcomes o JOIN outcome_nodes n ON n.id = o.outcome_node_id WHERE o.decision_id = de.id), '[]'::json)) ORDER BY de.id)
        FROM decisions de WHERE de.agenda_item_id = ai.id AND ai.kind <> 'exempt'), '[]'::json) AS decisions
    FROM agenda_items ai WHERE ai.meeting_id = ${meetingId} ORDER BY ai.position`.execute(db);
  return rows;
}

/** Everything the public page shows; null for a draft (unpublished) meeting. */
export async function publicMeeting(db: Database, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.status === "draft") return null;
  const [record, members, events, papers] = await Promise.all([
    meetingRecord(db, meeting.id, { includeExempt: false }),
    membersInRoom(db, meeting),
    db.selectFrom("meeting_events").select(["id", "kind", "text", "at"]).where("meeting_id", "=", meeting.id).where("public", "=", true).orderBy("id", "desc").limit(50).execute(),
    publicPapers(db, meeting.id),
  ]);
  const q = await quorumNow(db, meeting, members);
  const live = liveOf(meeting, record, members, q, events[0]?.id ?? 0);
  const board = await db.selectFrom("boards").select("question_deadline_days").where("id", "=", meeting.board_id).executeTakeFirstOrThrow();
  const deadline = questionDeadline(meeting.starts_at, board.question_deadline_days);
  const current = record.items.find((i) => i.id === meeting.current_item_id) ?? null;
  const previous = await db.selectFrom("meetings").select(["id", "title"]).where("board_id", "=", meeting.board_id).where("starts_at", "<", meeting.starts_at).where("status", "!=", "draft").orderBy("starts_at", "desc").executeTakeFirst();
  return {
    meeting: publicMeetingFields(meeting),
    record,
    members,
    quorum: q,
    current: current ? { id: current.id, position: current.position, title: current.title, exemptParagraph: current.exemptParagraph } : null,
    events: events.map((e) => ({ ...e, meetingId: meeting.id, at: e.at.toISOString() })).reverse(),
    minutes: ["minutes_published", "minutes_approved"].includes(meeting.status) ? meeting.minutes : null,
    papers,
    previous: previous ?? null,
    questionDeadline: deadline.toISOString(),
    questionsOpen: meeting.status === "agenda_published" && new Date() <= deadline,
    live,
  };
}

function publicMeetingFields(m: LoadedMeeting) {
  return {
    id: m.id,
    title: m.title,
    boardId: m.board_id,
    boardName: m.board_name,
    boardSlug: m.board_slug,
    localityId: m.locality_id,
    startsAt: m.starts_at.toISOString(),
    startedAt: m.started_at?.toISOString() ?? null,
    venue: m.venue,
    onlineLink: m.online_link,
    status: m.status,
    statusLabel: MEETING_STATUS_LABELS[m.status],
    agendaPublishedAt: m.agenda_published_at?.toISOString() ?? null,
    urgencyReason: m.urgency_reason,
    inPrivate: m.in_private,
    adjourned: m.adjourned,
    minutesApprovedAt: m.minutes_approved_at?.toISOString() ?? null,
  };
}

/** Papers of public items only: exempt items' papers are never listed to the public. */
function publicPapers(db: Database, meetingId: number) {
  return db.selectFrom("papers as p").innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id").select(["p.id", "p.title", "p.agenda_item_id", "p.size_bytes", "p.media_type"]).where("ai.meeting_id", "=", meetingId).where("ai.kind", "!=", "exempt").execute();
}

/** Everything the console shows: the full record (including exempt items) and who is in the room. */
export async function meetingConsole(db: Database, actor: Actor, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return fail("There is no such meeting", 404);
  const refused = await mayRun(db, actor, meeting);
  if (refused) return refused;
  const [record, members, holidays] = await Promise.all([meetingRecord(db, meeting.id, { includeExempt: true }), membersInRoom(db, meeting), bankHolidaySet(db)]);
  const [q, previousMeetings, { outcomeNodes, evidenceGroups }, papers, questions] = await Promise.all([
    quorumNow(db, meeting, members),
    db.selectFrom("meetings").select(["id", "title", "starts_at", "status"]).where("board_id", "=", meeting.board_id).where("starts_at", "<", meeting.starts_at).orderBy("starts_at", "desc").limit(10).execute(),
    citationChoices(db, actor, meeting.locality_id),
    db.selectFrom("papers as p").innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id").select(["p.id", "p.title", "p.agenda_item_id"]).where("ai.meeting_id", "=", meeting.id).orderBy("p.id").execute(),
    listQuestions(db, meeting.id, { all: true }),
  ]);
  const meetingDay = londonDate(meeting.starts_at);
  return ok({
    meeting: { ...publicMeetingFields(meeting), currentItemId: meeting.current_item_id, minutes: meeting.minutes, confidentialMinutes: meeting.confidential_minutes },
    startsEarlyIfNow: startsBeforeItsDay(meeting.starts_at, new Date()),
    exclusions: await db.selectFrom("exclusion_resolutions").select(["agenda_item_id", "carried"]).where("meeting_id", "=", meeting.id).execute(),
    canManage: mayManage(actor, meeting).ok,
    record,
    members,
    quorum: q,
    publishBy: latestPublicationDay(meetingDay, holidays),
    publishedOnTimeIfNow: isPublishedInTime(londonDate(new Date()), meetingDay, holidays),
    previousMeetings: previousMeetings.map((p) => ({ id: p.id, title: p.title, startsAt: p.starts_at.toISOString(), status: p.status })),
    outcomeNodes,
    evidenceGroups,
    papers,
    questions,
  });
}

/**
 * The residents' comment feed of a published meeting: one per meeting, created the first time it
 * is asked for. It answers to the board, so the board's chair (a chair grant scoped to the board
 * or its locality) and clerk may open quick polls on it.
 */
export function meetingFeed(db: Database, meeting: { id: number; title: string; boardName: string; boardId: number; localityId: number | null }) {
  return getOrCreateFeed(db, { kind: "meeting", id: meeting.id, title: `${meeting.boardName}: ${meeting.title}`, localityId: meeting.localityId, boardId: meeting.boardId });
}

/**
 * For a live view (re)joining: the public events after `after`, and the live view now, read in one
 * snapshot (so the view is exactly as of the last event returned, or of `after`). Null for a draft.
 * The caller joins the room BEFORE calling this, so nothing committed in between is missed.
 */
export async function publicEventsSince(db: Database, meetingId: number, after = 0): Promise<{ events: PublicMeetingEvent[]; live: PublicLiveView } | null> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const rows = await trx.selectFrom("meeting_events").select(["id", "kind", "text", "at"]).where("meeting_id", "=", meetingId).where("public", "=", true).where("id", ">", after).orderBy("id").limit(500).execute();
      const last = await trx.selectFrom("meeting_events").select((eb) => eb.fn.max("id").as("id")).where("meeting_id", "=", meetingId).where("public", "=", true).executeTakeFirst();
      const live = await publicLive(trx, meetingId, Number(last?.id ?? 0));
      if (!live) return null;
      return { events: rows.map((r) => ({ id: r.id, meetingId, kind: r.kind, text: r.text, at: r.at.toISOString() })), live };
    });
}

export function listBoardMeetings(db: Database, boardId: number, options: { includeDrafts: boolean }) {
  let q = db.selectFrom("meetings").select(["id", "title", "starts_at", "status", "venue"]).where("board_id", "=", boardId).orderBy("starts_at", "desc");
  if (!options.includeDrafts) q = q.where("status", "!=", "draft");
  return q.execute();
}

/** A published meeting's own fields (no record): for its iCalendar file and its residents' feed. */
export async function publishedMeeting(db: Database, meetingId: number) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.status === "draft") return null;
  return publicMeetingFields(meeting);
}

// ---------------------------------------------------------------------------------------------

/**
 * What can change about a meeting once its agenda is published, each on the public record:
 * - cancelling it (with a reason): shown on its page, STATUS:CANCELLED in calendars, its board's
 *   followers told;
 * - a numbered supplement to the agenda ("Agenda supplement 1"), with its reason and date, for
 *   each item added, changed or withdrawn. A withdrawn item stays on the agenda under its number,
 *   marked withdrawn, so the published numbering never changes. Followers of the board are told.
 * Only the clerk (board.manage) may do either, only before the meeting starts. One transaction each.
 */
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import type { AgendaItem } from "../../../db/tables/boards";
import type { AgendaChange } from "../../../db/tables/meeting-notices";
import { rooms } from "../../lib/socket-events";
import { broadcast, type Effect } from "../../lib/effects";
import { transact } from "../../lib/effects.server";
import { validate } from "../../lib/forms";
import { fail, ok, type FieldErrors, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { boardTarget } from "../boards/boards.server";
import { recordEvent } from "../notifications/outbox.server";
import { decide, type Actor } from "../permissions/permissions";
import { formatDateTime } from "./format";
import { MEETING_STATUS_LABELS } from "./rules";
import { agendaItemSchema } from "./schema";
import { cancelMeetingSchema, supplementItemSchema, supplementReasonSchema } from "./notices-schema";

type Failure = Extract<Result<never>, { ok: false }>;

async function lockMeeting(trx: Database, actor: Actor, meetingId: number): Promise<Failure | { id: number; board_id: number; board_name: string; title: string; starts_at: Date; status: string; in_private: boolean }> {
  const meeting = await trx
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.board_id", "m.title", "m.starts_at", "m.status", "m.in_private", "b.name as board_name", "b.locality_id"])
    .where("m.id", "=", meetingId)
    .forUpdate("m")
    .executeTakeFirst();
  if (!meeting) return fail("There is no such meeting", 404);
  const allowed = decide(actor, "board.manage", boardTarget(meeting.board_id, meeting.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  if (meeting.status !== "agenda_published") {
    return fail(
      meeting.status === "draft"
        ? "The agenda is not published yet: change the draft agenda instead"
        : `This cannot be done while the meeting is “${MEETING_STATUS_LABELS[meeting.status]}”`,
      409,
    );
  }
  const cancelled = await trx.selectFrom("meeting_cancellations").select("meeting_id").where("meeting_id", "=", meeting.id).executeTakeFirst();
  if (cancelled) return fail("This meeting has been cancelled", 409);
  return meeting;
}
const isFailure = (x: unknown): x is Failure => typeof x === "object" && x !== null && (x as Failure).ok === false;

/** A public entry in the meeting's log, broadcast to its live page after commit. */
async function logPublic(trx: Database, meetingId: number, kind: string, text: string): Promise<Effect> {
  const row = await trx.insertInto("meeting_events").values({ meeting_id: meetingId, kind, text, public: true }).returning(["id", "at"]).executeTakeFirstOrThrow();
  return broadcast(rooms.meeting(meetingId), "meeting:event", { id: row.id, meetingId, kind, text, at: row.at.toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Cancelling

export async function cancelMeeting(db: Database, actor: Actor, input: unknown): Promise<Result<{ meetingId: number }>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(cancelMeetingSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return transact(db, async (trx) => {
    const meeting = await lockMeeting(trx, actor, v.meetingId);
    if (isFailure(meeting)) return meeting;
    await trx.insertInto("meeting_cancellations").values({ meeting_id: meeting.id, reason: v.reason, cancelled_by: actor.user!.id }).execute();
    const logged = await logPublic(trx, meeting.id, "cancelled", `The meeting has been cancelled: ${v.reason}`);
    const told = await recordEvent(trx, {
      key: `meeting-cancelled:${meeting.id}`,
      target: { kind: "board", id: meeting.board_id },
      subject: `${meeting.board_name}: ${meeting.title} is cancelled`,
      body: `The meeting “${meeting.title}” (${formatDateTime(meeting.starts_at)}) has been cancelled. Reason: ${v.reason}`,
      link: `/meetings/${meeting.id}`,
    });
    await audit(trx, actor, "meeting.cancelled", `meeting:${meeting.id}`, { reason: v.reason });
    return ok({ meetingId: meeting.id }, [logged, ...told]);
  });
}

// ---------------------------------------------------------------------------------------------
// Supplements to a published agenda

export interface SupplementDone {
  meetingId: number;
  number: number;
  position: number;
}

const CHANGE_WORDS: Record<AgendaChange, string> = { added: "added", changed: "changed", withdrawn: "withdrawn" };

/** Number the next supplement, record its one change, log it in public and tell the board's followers. */
async function publishSupplement(
  trx: Database,
  actor: Actor,
  meeting: { id: number; board_id: number; board_name: string; title: string; starts_at: Date },
  reason: string,
  change: { kind: AgendaChange; itemId: number; position: number; title: string },
): Promise<Result<SupplementDone>> {
  const last = await trx.selectFrom("agenda_supplements").select(sql<number>`coalesce(max(number), 0)`.as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow();
  const number = Number(last.n) + 1;
  const supplement = await trx.insertInto("agenda_supplements").values({ meeting_id: meeting.id, number, reason, published_by: actor.user!.id }).returning("id").executeTakeFirstOrThrow();
  await trx.insertInto("agenda_supplement_changes").values({ supplement_id: supplement.id, agenda_item_id: change.itemId, change: change.kind, item_position: change.position, item_title: change.title }).execute();
  const what = `item ${change.position} ${CHANGE_WORDS[change.kind]}: ${change.title}`;
  const logged = await logPublic(trx, meeting.id, "supplement", `Agenda supplement ${number} published: ${what}. Reason: ${reason}`);
  const told = await recordEvent(trx, {
    key: `agenda-supplement:${meeting.id}:${number}`,
    target: { kind: "board", id: meeting.board_id },
    subject: `${meeting.board_name}: agenda supplement ${number} for ${meeting.title}`,
    body: `The agenda for “${meeting.title}” (${formatDateTime(meeting.starts_at)}) has changed: ${what}. Reason: ${reason}. Read the agenda and papers:`,
    link: `/meetings/${meeting.id}`,
  });
  await audit(trx, actor, "meeting.agenda_supplement", `meeting:${meeting.id}`, { number, change: change.kind, itemId: change.itemId });
  return ok({ meetingId: meeting.id, number, position: change.position }, [logged, ...told]);
}

function bothValid<A, B>(a: { ok: true; value: A } | { ok: false; errors: FieldErrors }, b: { ok: true; value: B } | { ok: false; errors: FieldErrors }): Result<[A, B]> {
  if (a.ok && b.ok) return ok([a.value, b.value]);
  return { ok: false, errors: { ...(a.ok ? {} : a.errors), ...(b.ok ? {} : b.errors) }, status: 400 };
}

/** Add an item to a published agenda: it goes at the end, numbered after the last item. */
export async function addItemBySupplement(db: Database, actor: Actor, input: unknown): Promise<Result<SupplementDone>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const both = bothValid(validate(agendaItemSchema, input), validate(supplementReasonSchema, input));
  if (!both.ok) return both;
  const [item, { reason }] = both.value;
  return transact(db, async (trx) => {
    const meeting = await lockMeeting(trx, actor, item.meetingId);
    if (isFailure(meeting)) return meeting;
    if (item.previousMeetingId) {
      const previous = await trx.selectFrom("meetings").select(["board_id", "starts_at"]).where("id", "=", item.previousMeetingId).executeTakeFirst();
      if (!previous || previous.board_id !== meeting.board_id || previous.starts_at >= meeting.starts_at) return fail({ previousMeetingId: "Choose an earlier meeting of this board" });
    }
    if (item.kind === "minutes" && !item.previousMeetingId) return fail({ previousMeetingId: "Choose the meeting whose minutes are to be approved" });
    const last = await trx.selectFrom("agenda_items").select(sql<number>`coalesce(max(position), 0)`.as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow();
    const position = Number(last.n) + 1;
    const row = await trx
      .insertInto("agenda_items")
      .values({
        meeting_id: meeting.id,
        position,
        kind: item.kind,
        title: item.title,
        summary: item.summary,
        recommendation: item.kind === "decision" || item.kind === "exempt" ? item.recommendation : "",
        exempt_paragraph: item.kind === "exempt" ? item.exemptParagraph! : null,
        public_interest_reason: item.kind === "exempt" ? item.publicInterestReason : null,
        previous_meeting_id: item.kind === "minutes" ? item.previousMeetingId! : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return publishSupplement(trx, actor, meeting, reason, { kind: "added", itemId: row.id, position, title: item.title });
  });
}

async function itemOf(trx: Database, meetingId: number, itemId: number): Promise<AgendaItem | Failure> {
  const item = await trx.selectFrom("agenda_items").selectAll().where("id", "=", itemId).where("meeting_id", "=", meetingId).executeTakeFirst();
  if (!item) return fail({ itemId: "Choose an item on this agenda" }, 404);
  if (item.withdrawn_at) return fail("This item has been withdrawn", 409);
  return item;
}

type LockedMeeting = Exclude<Awaited<ReturnType<typeof lockMeeting>>, Failure>;

/**
 * What changing and withdrawing an item by supplement share: signed in, the item chosen on a
 * meeting locked for the change, then `body` in the same transaction.
 */
async function onPublishedItem(
  db: Database,
  actor: Actor,
  input: unknown,
  body: (trx: Database, meeting: LockedMeeting, item: AgendaItem, reason: string) => Promise<Result<SupplementDone>>,
): Promise<Result<SupplementDone>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const which = validate(supplementItemSchema, input);
  if (!which.ok) return which;
  return transact(db, async (trx) => {
    const meeting = await lockMeeting(trx, actor, which.value.meetingId);
    if (isFailure(meeting)) return meeting;
    const item = await itemOf(trx, meeting.id, which.value.itemId);
    if (isFailure(item)) return item;
    return body(trx, meeting, item, which.value.reason);
  });
}

/** Change a published item's title, summary, recommendation or exemption (its type stays as published). */
export async function changeItemBySupplement(db: Database, actor: Actor, input: unknown): Promise<Result<SupplementDone>> {
  return onPublishedItem(db, actor, input, async (trx, meeting, item, reason) => {
    // The fields are checked as for a new item of the same type.
    const fields = validate(agendaItemSchema, { ...(input as object), kind: item.kind, previousMeetingId: item.previous_meeting_id ?? "" });
    if (!fields.ok) return fields;
    const v = fields.value;
    await trx
      .updateTable("agenda_items")
      .set({
        title: v.title,
        summary: v.summary,
        recommendation: item.kind === "decision" || item.kind === "exempt" ? v.recommendation : item.recommendation,
        exempt_paragraph: item.kind === "exempt" ? v.exemptParagraph! : item.exempt_paragraph,
        public_interest_reason: item.kind === "exempt" ? v.publicInterestReason : item.public_interest_reason,
      })
      .where("id", "=", item.id)
      .execute();
    return publishSupplement(trx, actor, meeting, reason, { kind: "changed", itemId: item.id, position: item.position, title: v.title });
  });
}

/** Withdraw a published item: it keeps its number and is marked withdrawn; it cannot be taken at the meeting. */
export async function withdrawItemBySupplement(db: Database, actor: Actor, input: unknown): Promise<Result<SupplementDone>> {
  return onPublishedItem(db, actor, input, async (trx, meeting, item, reason) => {
    await trx.updateTable("agenda_items").set({ withdrawn_at: new Date() }).where("id", "=", item.id).execute();
    return publishSupplement(trx, actor, meeting, reason, { kind: "withdrawn", itemId: item.id, position: item.position, title: item.title });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface MeetingNotices {
  cancellation: { reason: string; at: string } | null;
  supplements: { number: number; reason: string; publishedAt: string; changes: { change: AgendaChange; position: number; title: string }[] }[];
  /** Items withdrawn after publication, with the supplement that withdrew each. */
  withdrawn: { itemId: number; supplement: number | null }[];
}

/** The cancellation and supplements of a published meeting (public: titles of exempt items are public too). */
export async function meetingNotices(db: Database, meetingId: number): Promise<MeetingNotices> {
  const [cancellation, supplements, changes, withdrawn] = await Promise.all([
    db.selectFrom("meeting_cancellations").select(["reason", "cancelled_at"]).where("meeting_id", "=", meetingId).executeTakeFirst(),
    db.selectFrom("agenda_supplements").select(["id", "number", "reason", "published_at"]).where("meeting_id", "=", meetingId).orderBy("number").execute(),
    db
      .selectFrom("agenda_supplement_changes as c")
      .innerJoin("agenda_supplements as s", "s.id", "c.supplement_id")
      .select(["c.supplement_id", "c.change", "c.item_position", "c.item_title", "c.agenda_item_id", "s.number"])
      .where("s.meeting_id", "=", meetingId)
      .orderBy("c.id")
      .execute(),
    db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).where("withdrawn_at", "is not", null).execute(),
  ]);
  return {
    cancellation: cancellation ? { reason: cancellation.reason, at: cancellation.cancelled_at.toISOString() } : null,
    supplements: supplements.map((s) => ({
      number: s.number,
      reason: s.reason,
      publishedAt: s.published_at.toISOString(),
      changes: changes.filter((c) => c.supplement_id === s.id).map((c) => ({ change: c.change, position: c.item_position, title: c.item_title })),
    })),
    withdrawn: withdrawn.map((w) => ({ itemId: w.id, supplement: changes.find((c) => c.change === "withdrawn" && c.agenda_item_id === w.id)?.number ?? null })),
  };
}

/** Which of these meetings are cancelled (for lists of meetings). */
export async function cancelledMeetingIds(db: Database, meetingIds: number[]): Promise<Set<number>> {
  if (!meetingIds.length) return new Set();
  const rows = await db.selectFrom("meeting_cancellations").select("meeting_id").where("meeting_id", "in", meetingIds).execute();
  return new Set(rows.map((r) => r.meeting_id));
}

/**
 * What the clerk's pages for cancelling a meeting and supplementing its agenda show: the meeting,
 * its items (exempt ones in full: the clerk sees them), earlier meetings (for a minutes item) and
 * its notices so far. Only the clerk (board.manage) may see it.
 */
export async function noticesDesk(db: Database, actor: Actor, meetingId: number) {
  if (!actor.user) return fail("Sign in to do this", 403);
  const meeting = await db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["m.id", "m.board_id", "m.title", "m.starts_at", "m.status", "b.name as board_name", "b.slug as board_slug", "b.locality_id"])
    .where("m.id", "=", meetingId)
    .executeTakeFirst();
  if (!meeting) return fail("There is no such meeting", 404);
  const allowed = decide(actor, "board.manage", boardTarget(meeting.board_id, meeting.locality_id));
  if (!allowed.ok) return fail(allowed.message, 403);
  const [items, previous, notices] = await Promise.all([
    db.selectFrom("agenda_items").selectAll().where("meeting_id", "=", meeting.id).orderBy("position").execute(),
    db.selectFrom("meetings").select(["id", "title", "starts_at"]).where("board_id", "=", meeting.board_id).where("starts_at", "<", meeting.starts_at).orderBy("starts_at", "desc").limit(10).execute(),
    meetingNotices(db, meeting.id),
  ]);
  return ok({
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.starts_at.toISOString(), status: meeting.status, statusLabel: MEETING_STATUS_LABELS[meeting.status], boardName: meeting.board_name, boardSlug: meeting.board_slug },
    /** Supplements and cancelling are for a published agenda, before the meeting starts, not cancelled. */
    open: meeting.status === "agenda_published" && !notices.cancellation,
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      kind: i.kind,
      title: i.title,
      summary: i.summary,
      recommendation: i.recommendation,
      exemptParagraph: i.exempt_paragraph,
      publicInterestReason: i.public_interest_reason ?? "",
      withdrawn: i.withdrawn_at !== null,
    })),
    previousMeetings: previous.map((p) => ({ id: p.id, title: p.title, startsAt: p.starts_at.toISOString() })),
    notices,
  });
}

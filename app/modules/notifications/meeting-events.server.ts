/**
 * What followers hear about a board's meetings (issue 16), each written by the command that made
 * it happen, inside its transaction (they return the `deliver` effect for its result):
 * - the agenda is published — the moment a meeting becomes public (a draft meeting is in no
 *   calendar, feed or page), so it is also how a LOCALITY's followers hear of a new meeting there:
 *   followers of the board and of the board's locality (a council-wide board: its followers only,
 *   as for its decisions);
 * - a paper is added to a published agenda (a late paper; papers there at publication are in the
 *   agenda e-mail): the board's followers, never for an exempt item;
 * - the minutes are published: the board's followers.
 * Decisions are `decisionRecorded` (events.server.ts); supplements and cancellations are written
 * by meetings/notices.server.ts.
 */
import type { Database } from "../../../db/client";
import type { FollowKind } from "../../../db/tables/notifications";
import type { Effect } from "../../lib/effects";
import { recordEvent } from "./outbox.server";

const londonDateTime = (d: Date) => d.toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "full", timeStyle: "short" });

async function boardOf(trx: Database, boardId: number) {
  return trx
    .selectFrom("boards as b")
    .leftJoin("localities as l", "l.id", "b.locality_id")
    .select(["b.id", "b.name", "b.locality_id", "l.name as locality_name"])
    .where("b.id", "=", boardId)
    .executeTakeFirstOrThrow();
}

/** The agenda of a meeting was published: the board's followers and its locality's. Call in the publishing transaction. */
export async function agendaPublished(trx: Database, meeting: { id: number; board_id: number; title: string; starts_at: Date }): Promise<Effect[]> {
  const board = await boardOf(trx, meeting.board_id);
  const targets: { kind: FollowKind; id: number }[] = [{ kind: "board", id: board.id }];
  if (board.locality_id) targets.push({ kind: "locality", id: board.locality_id });
  const where = board.locality_name ? ` in ${board.locality_name}` : "";
  return recordEvent(trx, {
    key: `agenda:${meeting.id}`,
    targets,
    about: { kind: "meeting", id: meeting.id },
    subject: `${board.name}: agenda published for ${meeting.title}`,
    body: `${board.name}${where} meets on ${londonDateTime(meeting.starts_at)}: “${meeting.title}”. Its agenda has been published. Read the agenda and papers:`,
    link: `/meetings/${meeting.id}`,
  });
}

/** A paper was added to an agenda already published (not for an exempt item): the board's followers. */
export async function paperPublished(trx: Database, paperId: number): Promise<Effect[]> {
  const p = await trx
    .selectFrom("papers as p")
    .innerJoin("agenda_items as a", "a.id", "p.agenda_item_id")
    .innerJoin("meetings as m", "m.id", "a.meeting_id")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .select(["p.id", "p.title", "a.position", "a.title as item_title", "a.exempt_paragraph", "m.id as meeting_id", "m.title as meeting_title", "m.status", "m.starts_at", "b.id as board_id", "b.name as board_name"])
    .where("p.id", "=", paperId)
    .executeTakeFirstOrThrow();
  if (p.status !== "agenda_published" || p.exempt_paragraph != null) return [];
  return recordEvent(trx, {
    key: `paper:${p.id}`,
    target: { kind: "board", id: p.board_id },
    about: { kind: "meeting", id: p.meeting_id },
    subject: `${p.board_name}: new paper for ${p.meeting_title}`,
    body: `A paper has been published for item ${p.position}, “${p.item_title}”, of “${p.meeting_title}” (${londonDateTime(p.starts_at)}): “${p.title}”. Read it with the agenda:`,
    link: `/meetings/${p.meeting_id}`,
  });
}

/** A meeting's minutes were published: the board's followers. */
export async function minutesPublished(trx: Database, meeting: { id: number; board_id: number; title: string; starts_at: Date }): Promise<Effect[]> {
  const board = await boardOf(trx, meeting.board_id);
  return recordEvent(trx, {
    key: `minutes:${meeting.id}`,
    target: { kind: "board", id: board.id },
    about: { kind: "meeting", id: meeting.id },
    subject: `${board.name}: minutes published for ${meeting.title}`,
    body: `The minutes of “${meeting.title}” (${londonDateTime(meeting.starts_at)}) have been published. Read them:`,
    link: `/meetings/${meeting.id}`,
  });
}

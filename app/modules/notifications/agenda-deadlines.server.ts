/**
 * Clerks are told an agenda must be published by a date (issue 16). The law (Local Government Act
 * 1972 s100B) wants five clear working days between publication and the meeting; the meetings
 * module's rules compute the last day (`latestPublicationDay`, bank holidays included) and the same
 * rule refuses a late publication without the chair's reason of urgency.
 *
 * Run daily by the `agenda-deadlines` schedule (worker.server.ts). For every draft meeting still to
 * come whose last day is within ALERT_DAYS_BEFORE days, or has passed, the clerks who may manage
 * that board (its locality's officers, council-wide officers; administrators when there are none)
 * get one e-mail. Keyed by meeting AND last day, so it is sent at most once per meeting per
 * deadline — and again if the meeting moves to another day.
 */
import type { Database } from "../../../db/client";
import { formatDate } from "../../lib/dates";
import type { Effect } from "../../lib/effects";
import { boardTarget } from "../boards/boards.server";
import { addCalendarDays } from "../calendar/days";
import { draftAgendasDue } from "../meetings/access.server";
import { londonDate, REQUIRED_CLEAR_DAYS } from "../meetings/rules";
import { queueMessage } from "./outbox.server";
import { addressesOfWhoMay } from "./recipients.server";

/** Calendar days before the last publication day when the clerks are told. */
export const ALERT_DAYS_BEFORE = 3;

export async function agendaDeadlineAlerts(db: Database, now = new Date()): Promise<Effect[]> {
  const today = londonDate(now);
  const drafts = await draftAgendasDue(db, now);
  const effects: Effect[] = [];
  for (const m of drafts) {
    const lastDay = m.publishBy;
    if (lastDay > addCalendarDays(today, ALERT_DAYS_BEFORE)) continue;
    const late = lastDay < today;
    const subject = late
      ? `Agenda late: ${m.board_name}, ${m.title} (${formatDate(m.starts_at)})`
      : `Publish the agenda by ${formatDate(lastDay)}: ${m.board_name}, ${m.title}`;
    const body = [
      `The agenda for “${m.title}” of ${m.board_name}, meeting on ${formatDate(m.starts_at)}, is not published yet.`,
      late
        ? `The last day for ${REQUIRED_CLEAR_DAYS} clear working days’ notice was ${formatDate(lastDay)}. Publishing it now needs the chair’s reason of urgency.`
        : `To give ${REQUIRED_CLEAR_DAYS} clear working days’ notice it must be published by the end of ${formatDate(lastDay)}${lastDay === today ? " (today)" : ""}.`,
      "Prepare and publish it:",
    ].join("\n\n");
    const written = await db.transaction().execute(async (trx) => {
      const out: Effect[] = [];
      for (const to of await addressesOfWhoMay(trx, "officer", "board.manage", boardTarget(m.board_id, m.locality_id))) {
        out.push(...(await queueMessage(trx, { eventKey: `agenda-due:${m.id}:${lastDay}`, to, subject, body, link: `/meetings/${m.id}/console` })));
      }
      return out.slice(0, 1);
    });
    effects.push(...written);
  }
  return effects;
}

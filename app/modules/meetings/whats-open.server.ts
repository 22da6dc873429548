/**
 * Board meetings in "what is open now": meetings running now (follow them live) and meetings in
 * the next four weeks whose agenda is published (come, watch, or ask a public question before
 * the deadline). Draft meetings never appear.
 */
import type { Database } from "../../../db/client";
import type { OpenThing, WhatsOpenProvider } from "../whats-open/provider.server";
import { formatDateTime } from "./format";
import { questionDeadline } from "./questions.server";

const SOON_MS = 28 * 86_400_000;

function readMeetings(db: Database, localityId: number | null, now: Date) {
  return db
    .selectFrom("meetings as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .leftJoin("localities as l", "l.id", "b.locality_id")
    .select(["m.id", "m.title", "m.status", "m.starts_at", "b.name as board", "b.question_deadline_days", "b.locality_id", "l.name as locality"])
    .where((eb) =>
      eb.or([
        eb("m.status", "=", "in_progress"),
        eb.and([eb("m.status", "=", "agenda_published"), eb("m.starts_at", ">=", now), eb("m.starts_at", "<=", new Date(now.getTime() + SOON_MS))]),
      ]),
    )
    .$if(localityId !== null, (q) => q.where((eb) => eb.or([eb("b.locality_id", "=", localityId!), eb("b.locality_id", "is", null)])))
    .orderBy("m.starts_at")
    .execute();
}

function toOpenThing(m: Awaited<ReturnType<typeof readMeetings>>[number], now: Date): OpenThing {
  const deadline = questionDeadline(m.starts_at, m.question_deadline_days);
  const detail =
    m.status === "in_progress"
      ? "Happening now: follow it live"
      : `${formatDateTime(m.starts_at)}${deadline > now ? `. Public questions until ${formatDateTime(deadline)}` : ""}`;
  return { kind: "Board meeting", title: `${m.board}: ${m.title}`, href: `/meetings/${m.id}`, detail, localityNames: [m.locality ?? "Whole council"] };
}

export const upcomingMeetings: WhatsOpenProvider = {
  kind: "Board meeting",
  async list(db, { localityId, now }) {
    return (await readMeetings(db, localityId, now)).map((m) => toOpenThing(m, now));
  },
  // No limit: the council-wide rows hold every home-locality row, in the same order.
  async listWithHome(db, { home, now }) {
    const all = (await readMeetings(db, null, now)).map((m) => ({ m, thing: toOpenThing(m, now) }));
    return { all: all.map((a) => a.thing), here: all.filter((a) => a.m.locality_id === home || a.m.locality_id === null).map((a) => a.thing) };
  },
};

/**
 * Following a board's meetings (issue 16): a LOCALITY's followers hear of a new meeting there when
 * its agenda is published (the moment a meeting becomes public); a BOARD's followers hear of the
 * agenda, of a paper added to the published agenda (never an exempt item's) and of the minutes.
 * Real database, real SMTP server in this process.
 */
import { describe, expect, it } from "vitest";
import { addAgendaItem, createMeeting, publishAgenda, publishMinutes } from "../../app/modules/meetings/meetings.server";
import { uploadPaper } from "../../app/modules/meetings/papers.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { expandEvents } from "../../app/modules/notifications/outbox.server";
import { subscribe } from "../../app/modules/notifications/subscriptions.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const DAY = 86_400_000;
const mailer = useSmtpInbox();

async function pump() {
  const before = mailer.inbox.received.length;
  await expandEvents(t.db, ORIGIN);
  const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN });
  if (run.sent) await mailer.inbox.waitFor(before + run.sent);
}
const since = (from: number, address: string) => mailer.inbox.received.slice(from).filter((m) => recipientOf(m) === address);
const follow = async (email: string, kind: "locality" | "board", targetId: number) => value(await subscribe(t.db, await actorFor(t.db, null), { email, kind, targetId: String(targetId), frequency: "immediate" }));
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

describe("following a locality and a board: meetings", () => {
  it("the locality's followers hear of a new meeting there when its agenda is published; the board's hear of late papers and the minutes, never of an exempt paper", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const board = await t.db.selectFrom("boards as b").innerJoin("localities as l", "l.id", "b.locality_id").select(["b.id", "b.name", "b.locality_id", "l.name as locality"]).where("b.slug", "=", "riverside-locality-board").executeTakeFirstOrThrow();
    const other = await t.db.selectFrom("localities").select("id").where("slug", "=", "eastmere").executeTakeFirstOrThrow();
    await follow("place@test.example", "locality", board.locality_id!);
    await follow("board@test.example", "board", board.id);
    await follow("both@test.example", "board", board.id);
    await follow("both@test.example", "locality", board.locality_id!);
    await follow("elsewhere@test.example", "locality", other.id);

    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Summer meeting", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land deal", exemptParagraph: "3", publicInterestReason: "Negotiations", summary: "SECRET-SUMMARY" }));
    const [open, exempt] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();

    // a draft meeting is nobody's business yet
    let from = mailer.inbox.received.length;
    await pump();
    expect(mailer.inbox.received.slice(from)).toEqual([]);

    value(await publishAgenda(t.db, officer, { meetingId }));
    await pump();
    const subject = `${board.name}: agenda published for Summer meeting`;
    expect(since(from, "place@test.example").map((m) => m.subject)).toEqual([subject]);
    expect(since(from, "place@test.example")[0]!.text).toContain(`${board.name} in ${board.locality} meets on`);
    expect(since(from, "place@test.example")[0]!.text).toContain(`${ORIGIN}/meetings/${meetingId}`);
    expect(since(from, "board@test.example").map((m) => m.subject)).toEqual([subject]);
    expect(since(from, "both@test.example").map((m) => m.subject), "one e-mail through two follows").toEqual([subject]);
    expect(since(from, "elsewhere@test.example")).toEqual([]);

    // papers after publication: the board's followers, only for a public item
    from = mailer.inbox.received.length;
    const upload = (itemId: number, title: string) => uploadPaper(t.db, officer, { meetingId, paperItemId: String(itemId), paperTitle: title, file: { name: `${title}.pdf`, bytes: pdf(title) } });
    const late = await upload(open!.id, "Play park costs");
    expect(late.ok && late.effects?.some((e) => e.kind === "deliver")).toBe(true);
    value(await upload(exempt!.id, "Valuation"));
    await pump();
    expect(since(from, "board@test.example").map((m) => m.subject)).toEqual([`${board.name}: new paper for Summer meeting`]);
    expect(since(from, "board@test.example")[0]!.text).toContain("“Play park costs”");
    expect(mailer.inbox.received.slice(from).some((m) => /Valuation|Land deal|SECRET/.test(`${m.subject} ${m.text}`))).toBe(false);
    expect(since(from, "place@test.example")).toEqual([]);

    // the minutes (the meeting run and minuted: set directly, the console is tested elsewhere)
    await t.db.updateTable("meetings").set({ status: "minutes_drafted", minutes: "Minutes text" }).where("id", "=", meetingId).execute();
    from = mailer.inbox.received.length;
    value(await publishMinutes(t.db, officer, { meetingId }));
    await pump();
    expect(since(from, "board@test.example").map((m) => m.subject)).toEqual([`${board.name}: minutes published for Summer meeting`]);
    expect(since(from, "place@test.example")).toEqual([]);
  });
});

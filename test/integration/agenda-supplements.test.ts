/**
 * After an agenda is published it changes only through a numbered supplement with a reason
 * (added, changed or withdrawn items), shown on the public page and told to followers; a
 * cancelled meeting cannot start. The clerk's pages answer with GOV.UK errors and keep the input.
 */
import { describe, expect, it } from "vitest";
import { addAgendaItem, createMeeting, openItem, publicMeeting, publishAgenda, startMeeting } from "../../app/modules/meetings/meetings.server";
import { addItemBySupplement, cancelMeeting, changeItemBySupplement, meetingNotices, withdrawItemBySupplement } from "../../app/modules/meetings/notices.server";
import * as supplementPage from "../../app/routes/meetings.$id.supplement";
import * as cancelPage from "../../app/routes/meetings.$id.cancel";
import * as meetingPage from "../../app/routes/meetings.$id._index";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";
import { callRoute } from "../support/routes";

const t = useTestDatabase({ seeded: true });
const DAY = 86_400_000;

async function publishedMeeting(title = "Supplemented meeting") {
  const officer = await actorFor(t.db, "officer@moot.example");
  const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
  const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title, startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
  value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: "Quarterly report" }));
  value(await publishAgenda(t.db, officer, { meetingId }));
  const items = await t.db.selectFrom("agenda_items").select(["id", "position"]).where("meeting_id", "=", meetingId).orderBy("position").execute();
  return { meetingId, officer, boardId: board.id, decisionItem: items[0]!.id, infoItem: items[1]!.id };
}

describe("agenda supplements", () => {
  it("numbers each change with its reason and date, marks a withdrawn item without renumbering, and tells followers", async () => {
    const m = await publishedMeeting();
    const one = value(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "decision", title: "Winter warm spaces", recommendation: "Fund four warm spaces", reason: "The bid deadline moved forward" }));
    expect(one).toMatchObject({ number: 1, position: 3 });
    const two = value(await changeItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, itemId: String(m.decisionItem), title: "Play park at Mill Lane", summary: "Revised site", recommendation: "Approve the Mill Lane site", reason: "The site changed" }));
    expect(two.number).toBe(2);
    const three = value(await withdrawItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, itemId: String(m.infoItem), reason: "The report is not ready" }));
    expect(three).toMatchObject({ number: 3, position: 2 });

    const notices = await meetingNotices(t.db, m.meetingId);
    expect(notices.supplements.map((s) => [s.number, s.reason, s.changes])).toEqual([
      [1, "The bid deadline moved forward", [{ change: "added", position: 3, title: "Winter warm spaces" }]],
      [2, "The site changed", [{ change: "changed", position: 1, title: "Play park at Mill Lane" }]],
      [3, "The report is not ready", [{ change: "withdrawn", position: 2, title: "Quarterly report" }]],
    ]);
    expect(notices.withdrawn).toEqual([{ itemId: m.infoItem, supplement: 3 }]);
    // Numbering stays as published: the withdrawn item keeps number 2, the new one is 3.
    const shown = await publicMeeting(t.db, m.meetingId);
    expect(shown!.record.items.map((i) => [i.position, i.title])).toEqual([[1, "Play park at Mill Lane"], [2, "Quarterly report"], [3, "Winter warm spaces"]]);
    expect(shown!.events.map((e) => e.text)).toContain("Agenda supplement 1 published: item 3 added: Winter warm spaces. Reason: The bid deadline moved forward");
    const told = await t.db.selectFrom("notification_events").select(["key", "subject"]).where("key", "like", `agenda-supplement:${m.meetingId}:%`).orderBy("id").execute();
    expect(told.map((e) => e.key)).toEqual([1, 2, 3].map((n) => `agenda-supplement:${m.meetingId}:${n}`));
    expect(told[0]!.subject).toContain("agenda supplement 1");

    // A withdrawn item cannot be changed again, nor taken at the meeting.
    expect(await withdrawItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, itemId: String(m.infoItem), reason: "Again" })).toMatchObject({ ok: false, status: 409 });
    const chair = await actorFor(t.db, "chair@moot.example");
    value(await startMeeting(t.db, chair, { meetingId: m.meetingId, confirmEarly: "yes" }));
    expect(await openItem(t.db, chair, { meetingId: m.meetingId, itemId: m.infoItem })).toMatchObject({ ok: false, status: 409, errors: { itemId: expect.stringMatching(/withdrawn/) } });
    // Once the meeting has started the agenda is what it is.
    expect(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "information", title: "Late", reason: "Late" })).toMatchObject({ ok: false, status: 409 });
  });

  it("asks for each type's own fields and a reason; only the clerk; never on a draft agenda", async () => {
    const m = await publishedMeeting("Rules meeting");
    expect(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "decision", title: "No recommendation", reason: "" })).toMatchObject({
      ok: false,
      errors: { recommendation: "Enter the recommendation for decision", reason: "Enter the reason for the supplement" },
    });
    expect(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "exempt", title: "Land", reason: "New" })).toMatchObject({
      ok: false,
      errors: { exemptParagraph: "Select the paragraph of Schedule 12A that applies", publicInterestReason: expect.any(String) },
    });
    // An information item keeps no recommendation typed under another type.
    value(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "information", title: "Noted", recommendation: "Stray text", exemptParagraph: "3", reason: "New report" }));
    const noted = await t.db.selectFrom("agenda_items").select(["recommendation", "exempt_paragraph"]).where("meeting_id", "=", m.meetingId).where("title", "=", "Noted").executeTakeFirstOrThrow();
    expect(noted).toEqual({ recommendation: "", exempt_paragraph: null });
    // Changing a decision item keeps it a decision item: it still needs its recommendation.
    expect(await changeItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, itemId: String(m.decisionItem), kind: "information", title: "Play park", recommendation: "", reason: "x" })).toMatchObject({ ok: false, errors: { recommendation: expect.any(String) } });

    for (const who of ["chair@moot.example", "member@moot.example", "resident@moot.example"]) {
      expect(await addItemBySupplement(t.db, await actorFor(t.db, who), { meetingId: m.meetingId, kind: "information", title: "Sneaky", reason: "x" }), who).toMatchObject({ ok: false, status: 403 });
    }
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const { meetingId: draft } = value(await createMeeting(t.db, m.officer, { boardId: board.id, title: "Draft", startsAt: new Date(Date.now() + 40 * DAY).toISOString(), venue: "Hall" }));
    expect(await addItemBySupplement(t.db, m.officer, { meetingId: draft, kind: "information", title: "X", reason: "x" })).toMatchObject({ ok: false, status: 409 });
    expect(await t.db.selectFrom("agenda_supplements").select("id").where("meeting_id", "=", draft).execute()).toEqual([]);
  });

  it("a cancelled meeting cannot start or be supplemented, and its page says so", async () => {
    const m = await publishedMeeting("Cancelled meeting");
    value(await cancelMeeting(t.db, m.officer, { meetingId: m.meetingId, reason: "Flooding at the hall" }));
    const chair = await actorFor(t.db, "chair@moot.example");
    expect(await startMeeting(t.db, chair, { meetingId: m.meetingId, confirmEarly: "yes" })).toMatchObject({ ok: false, status: 409 });
    expect(await addItemBySupplement(t.db, m.officer, { meetingId: m.meetingId, kind: "information", title: "X", reason: "x" })).toMatchObject({ ok: false, status: 409 });
    const page = await callRoute<{ notices: { cancellation: { reason: string } | null } }>(meetingPage, { db: t.db, url: `/meetings/${m.meetingId}`, params: { id: String(m.meetingId) } });
    expect(page.data.notices.cancellation?.reason).toBe("Flooding at the hall");
  });
});

describe("the clerk's pages", () => {
  it("the supplement page refuses others, shows the GOV.UK errors with the input kept, and publishes on a valid post", async () => {
    const m = await publishedMeeting("Page meeting");
    const params = { id: String(m.meetingId) };
    const url = `/meetings/${m.meetingId}/supplement`;
    expect((await callRoute(supplementPage, { db: t.db, url, params, as: "resident@moot.example" })).status).toBe(403);
    expect((await callRoute(supplementPage, { db: t.db, url, params, as: "chair@moot.example" })).status).toBe(403);
    expect((await callRoute(supplementPage, { db: t.db, url, params })).location).toMatch(/^\/sign-in/);

    const bad = await callRoute<{ errors: Record<string, string>; values: Record<string, string> }>(supplementPage, {
      db: t.db, url, params, as: "officer@moot.example",
      form: { change: "add", kind: "decision", title: "Library hours", summary: "Opening on Sundays", reason: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ recommendation: "Enter the recommendation for decision", reason: "Enter the reason for the supplement" });
    expect(bad.data.values).toMatchObject({ title: "Library hours", summary: "Opening on Sundays", kind: "decision" });

    const good = await callRoute(supplementPage, { db: t.db, url, params, as: "officer@moot.example", form: { change: "add", kind: "information", title: "Library hours", reason: "Requested by residents" } });
    expect(good.status).toBe(302);
    expect(good.location).toBe(`${url}?done=1`);
    const other = await callRoute(supplementPage, { db: t.db, url, params, as: "resident@moot.example", form: { change: "add", kind: "information", title: "Sneaky", reason: "x" } });
    expect(other.status).toBe(403);
    expect((await meetingNotices(t.db, m.meetingId)).supplements).toHaveLength(1);
  });

  it("the cancel page asks for a reason and then cancels", async () => {
    const m = await publishedMeeting("Cancel page meeting");
    const params = { id: String(m.meetingId) };
    const url = `/meetings/${m.meetingId}/cancel`;
    expect((await callRoute(cancelPage, { db: t.db, url, params, as: "member@moot.example", form: { reason: "x" } })).status).toBe(403);
    const bad = await callRoute<{ errors: Record<string, string> }>(cancelPage, { db: t.db, url, params, as: "officer@moot.example", form: { reason: "  " } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ reason: "Enter the reason the meeting is cancelled" });
    const good = await callRoute(cancelPage, { db: t.db, url, params, as: "officer@moot.example", form: { reason: "Not quorate" } });
    expect(good.location).toBe(`/meetings/${m.meetingId}/console?done=cancelled`);
    expect((await meetingNotices(t.db, m.meetingId)).cancellation?.reason).toBe("Not quorate");
  });
});

describe("the agenda pack", () => {
  it("is one ZIP with the agenda and every public paper, never an exempt or withdrawn item's paper", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const { uploadPaper } = await import("../../app/modules/meetings/papers.server");
    const pack = await import("../../app/routes/meetings.$id.agenda-pack[.zip]");
    const officer = await actorFor(t.db, "officer@moot.example");
    const board = await t.db.selectFrom("boards").select("id").where("slug", "=", "northgate-locality-board").executeTakeFirstOrThrow();
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: board.id, title: "Pack meeting", startsAt: new Date(Date.now() + 30 * DAY).toISOString(), venue: "Hall" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "decision", title: "Play park", recommendation: "Approve the play park" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "exempt", title: "Land deal", exemptParagraph: "3", publicInterestReason: "Negotiations", summary: "SECRET-SUMMARY" }));
    value(await addAgendaItem(t.db, officer, { meetingId, kind: "information", title: "Old report" }));
    const [open, exempt, old] = await t.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", meetingId).orderBy("position").execute();
    const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
    const upload = (itemId: number, title: string, text: string) => uploadPaper(t.db, officer, { meetingId, paperItemId: String(itemId), paperTitle: title, file: { name: `${title}.pdf`, bytes: pdf(text) } });
    value(await upload(open!.id, "Play park report", "PUBLIC-PAPER"));
    value(await upload(exempt!.id, "Valuation", "EXEMPT-PAPER"));
    value(await upload(old!.id, "Old figures", "WITHDRAWN-PAPER"));
    const params = { id: String(meetingId) };
    const url = `/meetings/${meetingId}/agenda-pack.zip`;
    expect((await callRoute(pack, { db: t.db, url, params })).status, "a draft meeting has no pack").toBe(404);
    value(await publishAgenda(t.db, officer, { meetingId }));
    value(await withdrawItemBySupplement(t.db, officer, { meetingId, itemId: String(old!.id), reason: "Superseded" }));

    const request = new Request(`http://moot.test${url}`);
    const { loadContextFor } = await import("../support/routes");
    const response = (await pack.loader({ request, params, context: await loadContextFor(t.db, request) })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="agenda-pack-northgate-locality-board-\d{4}-\d{2}-\d{2}-meeting-\d+\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toEqual(["00-agenda.html", "papers/01-01-Play park report.pdf"]);
    expect(strFromU8(files["papers/01-01-Play park report.pdf"]!)).toContain("PUBLIC-PAPER");
    const agenda = strFromU8(files["00-agenda.html"]!);
    expect(agenda).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(agenda).toContain("1. Play park");
    expect(agenda).toContain("Approve the play park");
    expect(agenda).toContain('href="papers/01-01-Play park report.pdf"');
    expect(agenda).toContain("(PDF, 1 KB)");
    expect(agenda).toContain("exempt under paragraph 3 of Schedule 12A");
    expect(agenda).toContain("3. Old report (withdrawn)");
    expect(agenda).toContain("Reason: Superseded");
    expect(agenda).not.toContain("SECRET-SUMMARY");
    const all = Object.values(files).map((f) => strFromU8(f)).join("\n");
    expect(all).not.toContain("EXEMPT-PAPER");
    expect(all).not.toContain("WITHDRAWN-PAPER");
  });
});

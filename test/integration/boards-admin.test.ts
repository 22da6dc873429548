/** The clerk sets up and edits boards and changes or ends memberships; the quorum rule and term dates are validated. */
import { describe, expect, it } from "vitest";
import { changeMember, endMembership, saveBoard } from "../../app/modules/boards/admin.server";
import { boardBySlug } from "../../app/modules/boards/boards.server";
import { createMeeting, meetingConsole } from "../../app/modules/meetings/meetings.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });

const board = (over: Record<string, string> = {}) => ({ name: "Coastal Partnership Board", localityId: "", remit: "Coastal towns", termsOfReference: "", quorumKind: "number", quorumNumber: "3", quorumPercent: "", quorumMinimum: "2", questionDeadlineDays: "3", ...over });

describe("setting up and editing a board", () => {
  it("lets the clerk set one up and change it, and refuses residents and visitors", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await saveBoard(t.db, VISITOR, board())).toMatchObject({ ok: false, status: 403 });
    expect(await saveBoard(t.db, await newResident(t.db), board())).toMatchObject({ ok: false, status: 403 });
    expect(await saveBoard(t.db, await actorFor(t.db, "chair@moot.example"), board())).toMatchObject({ ok: false, status: 403 });
    const created = value(await saveBoard(t.db, officer, board()));
    expect(created.slug).toBe("coastal-partnership-board");
    expect((await boardBySlug(t.db, created.slug))!.board.quorum).toBe("3 voting members, and never fewer than 2");

    value(await saveBoard(t.db, officer, board({ boardId: String(created.boardId), quorumKind: "fraction", quorumPercent: "50", quorumMinimum: "3", name: "Coastal Board" })));
    const edited = (await boardBySlug(t.db, created.slug))!.board;
    expect(edited).toMatchObject({ name: "Coastal Board", quorum: "50% of voting members (rounded up), and never fewer than 3" });
    expect(await saveBoard(t.db, officer, board({ name: "Northgate Locality Board" }))).toMatchObject({ ok: false, status: 409, errors: { name: expect.any(String) } });
  });

  it("validates the quorum rule", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await saveBoard(t.db, officer, board({ name: "Q1", quorumNumber: "" }))).toMatchObject({ ok: false, errors: { quorumNumber: "Enter how many voting members make a quorum, 1 or more" } });
    expect(await saveBoard(t.db, officer, board({ name: "Q2", quorumNumber: "2", quorumMinimum: "3" }))).toMatchObject({ ok: false, errors: { quorumMinimum: "The smallest quorum cannot be more than the quorum" } });
    expect(await saveBoard(t.db, officer, board({ name: "Q3", quorumKind: "fraction", quorumPercent: "150" }))).toMatchObject({ ok: false, errors: { quorumPercent: expect.any(String) } });
    expect(await saveBoard(t.db, officer, board({ name: "Q4", quorumMinimum: "0" }))).toMatchObject({ ok: false, errors: { quorumMinimum: expect.any(String) } });
    expect(await saveBoard(t.db, officer, board({ name: "Q5", quorumKind: "" }))).toMatchObject({ ok: false, errors: { quorumKind: expect.any(String) } });
    expect(await t.db.selectFrom("boards").select("id").where("name", "in", ["Q1", "Q2", "Q3", "Q4", "Q5"]).execute()).toEqual([]);
  });
});

describe("changing and ending a membership", () => {
  it("validates term dates, follows the role for voting, refuses non-clerks, and an ended member no longer counts", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const found = (await boardBySlug(t.db, "northgate-locality-board"))!;
    const sam = found.members.find((m) => m.name === "Sam Price")!;
    const ids = { boardId: String(found.board.id), memberId: String(sam.id) };
    const change = { ...ids, role: "co_opted", kind: "community_representative", organisation: "", termStart: "2025-05-01", termEnd: "" };
    expect(await changeMember(t.db, await newResident(t.db), change)).toMatchObject({ ok: false, status: 403 });
    expect(await changeMember(t.db, officer, { ...change, termEnd: "2025-04-30" })).toMatchObject({ ok: false, errors: { termEnd: "Term end date must be on or after the start date" } });
    value(await changeMember(t.db, officer, change));
    expect(await t.db.selectFrom("board_members").select(["role", "voting"]).where("id", "=", sam.id).executeTakeFirstOrThrow()).toEqual({ role: "co_opted", voting: false });
    value(await changeMember(t.db, officer, { ...change, role: "member" }));

    expect(await endMembership(t.db, await actorFor(t.db, "chair@moot.example"), { ...ids, endOn: "2026-01-01" })).toMatchObject({ ok: false, status: 403 });
    expect(await endMembership(t.db, officer, { ...ids, endOn: "2024-01-01" })).toMatchObject({ ok: false, errors: { endOn: "The membership cannot end before it started (2025-05-01)" } });
    expect(await endMembership(t.db, officer, { ...ids, endOn: "soon" })).toMatchObject({ ok: false, errors: { endOn: expect.any(String) } });
    value(await endMembership(t.db, officer, { ...ids, endOn: new Date().toISOString().slice(0, 10) }));
    const { meetingId } = value(await createMeeting(t.db, officer, { boardId: found.board.id, title: "After Sam", startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), venue: "Hall" }));
    const shown = value(await meetingConsole(t.db, officer, meetingId));
    expect(shown.members.map((m) => m.name)).not.toContain("Sam Price");
    expect(shown.members.map((m) => m.name)).toContain("Mei Chen");
  });
});

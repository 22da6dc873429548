import { describe, expect, it } from "vitest";
import { ANYWHERE, can, decide, VISITOR, type Actor, type Grant } from "../../app/modules/permissions/permissions";

const user = { id: 1, email: "a@b.c", displayName: "A", homeLocalityId: 1 };
const as = (...grants: Partial<Grant>[]): Actor => ({
  user,
  grants: grants.map((g) => ({ role: "officer", scope: "council", localityId: null, boardId: null, ...g }) as Grant),
});

const NORTH = { kind: "locality", localityId: 1 } as const;
const SOUTH = { kind: "locality", localityId: 2 } as const;
const NORTH_BOARD = { kind: "board", boardId: 10, localityId: 1 } as const;
const SOUTH_BOARD = { kind: "board", boardId: 20, localityId: 2 } as const;

describe("who may do what", () => {
  it("a visitor may do nothing that needs an account, and is asked to sign in", () => {
    expect(decide(VISITOR, "consultation.respond")).toEqual({ ok: false, reason: "sign-in", message: "Sign in to do this" });
    expect(can(VISITOR, "feed.participate")).toBe(false);
    expect(can(VISITOR, "evidence.view_internal")).toBe(false);
  });

  it("a resident may respond and take part in feeds, but not manage anything", () => {
    const resident = as();
    expect(can(resident, "consultation.respond")).toBe(true);
    expect(can(resident, "feed.participate")).toBe(true);
    expect(decide(resident, "roles.manage")).toEqual({ ok: false, reason: "forbidden", message: "You do not have permission to do this" });
    expect(can(resident, "consultation.manage", NORTH)).toBe(false);
    expect(can(resident, "challenge.submit")).toBe(false);
  });

  it("a council-wide officer manages consultations everywhere but cannot grant roles", () => {
    const officer = as({ role: "officer" });
    expect(can(officer, "consultation.manage", NORTH)).toBe(true);
    expect(can(officer, "consultation.manage", { kind: "localities", localityIds: [1, 2] })).toBe(true);
    expect(can(officer, "board.manage", SOUTH_BOARD)).toBe(true);
    expect(can(officer, "challenge.handle")).toBe(true);
    expect(can(officer, "roles.manage")).toBe(false);
    expect(can(officer, "consultation.analyse", NORTH)).toBe(false);
  });

  it("a locality officer is limited to that locality and its boards", () => {
    const officer = as({ role: "officer", scope: "locality", localityId: 1 });
    expect(can(officer, "consultation.manage", NORTH)).toBe(true);
    expect(can(officer, "consultation.manage", SOUTH)).toBe(false);
    expect(can(officer, "consultation.manage", { kind: "localities", localityIds: [1, 2] })).toBe(false);
    expect(can(officer, "consultation.manage", { kind: "council" })).toBe(false);
    expect(can(officer, "board.manage", NORTH_BOARD)).toBe(true);
    expect(can(officer, "board.manage", SOUTH_BOARD)).toBe(false);
  });

  it("a chair chairs only their own board", () => {
    const chair = as({ role: "chair", scope: "board", boardId: 10 });
    expect(can(chair, "meeting.chair", NORTH_BOARD)).toBe(true);
    expect(can(chair, "meeting.take_part", NORTH_BOARD)).toBe(true);
    expect(can(chair, "meeting.chair", SOUTH_BOARD)).toBe(false);
    expect(can(chair, "feed.poll.manage", NORTH_BOARD)).toBe(true);
  });

  it("a board member takes part but does not chair", () => {
    const member = as({ role: "board_member", scope: "board", boardId: 10 });
    expect(can(member, "meeting.take_part", NORTH_BOARD)).toBe(true);
    expect(can(member, "meeting.chair", NORTH_BOARD)).toBe(false);
    expect(can(member, "evidence.view_internal")).toBe(true);
  });

  it("a moderator moderates feeds; an analyst analyses; a group representative submits challenges", () => {
    expect(can(as({ role: "moderator" }), "feed.moderate", NORTH)).toBe(true);
    expect(can(as({ role: "moderator", scope: "locality", localityId: 2 }), "feed.moderate", NORTH)).toBe(false);
    expect(can(as({ role: "analyst" }), "consultation.analyse", SOUTH)).toBe(true);
    expect(can(as({ role: "community_group_rep" }), "challenge.submit")).toBe(true);
    expect(can(as({ role: "community_group_rep" }), "challenge.handle")).toBe(false);
  });

  it("an admin may grant roles and edit outcome frameworks", () => {
    const admin = as({ role: "admin" });
    expect(can(admin, "roles.manage")).toBe(true);
    expect(can(admin, "outcomes.manage")).toBe(true);
    expect(can(admin, "admin.view")).toBe(true);
    expect(can(admin, "consultation.manage", SOUTH)).toBe(true);
  });

  it("ANYWHERE asks whether the actor may do it somewhere (a page leading to the action); council-only rules stay council-only", () => {
    const northOfficer = as({ scope: "locality", localityId: 1 });
    expect(can(northOfficer, "evidence.manage", ANYWHERE)).toBe(true);
    expect(can(northOfficer, "evidence.manage")).toBe(false);
    expect(can(northOfficer, "challenge.handle", ANYWHERE)).toBe(false); // the rule itself asks for a council grant
    expect(can(as({ role: "moderator", scope: "board", boardId: 10 }), "feed.moderate", ANYWHERE)).toBe(true);
    expect(can(as({ role: "moderator", scope: "board", boardId: 10 }), "evidence.manage", ANYWHERE)).toBe(false);
    expect(decide(VISITOR, "feed.moderate", ANYWHERE)).toMatchObject({ ok: false, reason: "sign-in" });
  });
});

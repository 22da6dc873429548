/**
 * The one place that answers "may this actor do this to this thing".
 * Pure (no database): the actor carries its role grants, loaded once per request or socket.
 * Every loader, action and socket handler asks here; nothing else inspects grants.
 */
import type { RoleName, ScopeKind } from "../../../db/schema";

export interface ActorUser {
  id: number;
  email: string;
  displayName: string;
  homeLocalityId: number | null;
}

export interface Grant {
  role: RoleName;
  scope: ScopeKind;
  localityId: number | null;
  boardId: number | null;
  /** The provider role only: the provider whose people this grant's holder is one of. */
  providerId?: number | null;
}

export interface Actor {
  user: ActorUser | null;
  grants: Grant[];
}

export const VISITOR: Actor = Object.freeze({ user: null, grants: [] }) as Actor;

/**
 * What an action is done to. A board may sit in a locality, so locality roles reach its boards.
 * `anywhere` asks whether the actor may do the action somewhere within their reach: a page that
 * leads to the action (a form, a queue, a link to it) asks that, and the module then decides for
 * the real thing (a locality officer reaches "Add evidence"; the module refuses another locality).
 */
export type Target =
  | { kind: "anywhere" }
  | { kind: "council" }
  | { kind: "locality"; localityId: number }
  | { kind: "localities"; localityIds: number[] }
  | { kind: "board"; boardId: number; localityId: number | null }
  | { kind: "provider"; providerId: number };

export const COUNCIL: Target = { kind: "council" };
export const ANYWHERE: Target = { kind: "anywhere" };

/** Does a grant cover the target? A council grant covers everything; a locality grant covers its boards. */
function covers(grant: Grant, target: Target): boolean {
  if (grant.scope === "council") return true;
  switch (target.kind) {
    case "anywhere":
      return true;
    case "council":
      return false;
    case "locality":
      return grant.scope === "locality" && grant.localityId === target.localityId;
    case "localities":
      return (
        grant.scope === "locality" &&
        target.localityIds.length > 0 &&
        target.localityIds.every((id) => id === grant.localityId)
      );
    case "provider":
      return grant.scope === "provider" && grant.providerId === target.providerId;
    case "board":
      return (
        (grant.scope === "board" && grant.boardId === target.boardId) ||
        (grant.scope === "locality" && target.localityId !== null && grant.localityId === target.localityId)
      );
  }
}

export function hasRole(actor: Actor, role: RoleName, target: Target = COUNCIL): boolean {
  return actor.grants.some((g) => g.role === role && covers(g, target));
}

function anyRole(actor: Actor, roles: RoleName[], target: Target): boolean {
  return roles.some((role) => hasRole(actor, role, target));
}

const signedIn = (actor: Actor) => actor.user !== null;

/**
 * Every action Moot knows, with its rule. Modules add their actions here so the whole
 * permission model can be read in one screen. Admins may do everything an officer may.
 */
const RULES = {
  "account.manage": (actor: Actor) => signedIn(actor),
  "roles.manage": (actor: Actor) => hasRole(actor, "admin"),
  "admin.view": (actor: Actor) => hasRole(actor, "admin"),
  "outcomes.manage": (actor: Actor) => hasRole(actor, "admin"),
  "council.configure": (actor: Actor) => hasRole(actor, "admin"),
  "consultation.respond": (actor: Actor) => signedIn(actor),
  "consultation.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "admin"], target),
  "consultation.analyse": (actor: Actor, target: Target) => anyRole(actor, ["analyst", "admin"], target),
  "feed.participate": (actor: Actor) => signedIn(actor),
  "feed.moderate": (actor: Actor, target: Target) => anyRole(actor, ["moderator", "admin"], target),
  "feed.poll.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "chair", "admin"], target),
  "board.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "admin"], target),
  "meeting.chair": (actor: Actor, target: Target) => anyRole(actor, ["chair"], target),
  "meeting.take_part": (actor: Actor, target: Target) => anyRole(actor, ["board_member", "chair"], target),
  "challenge.submit": (actor: Actor) => hasRole(actor, "community_group_rep", ANYWHERE),
  "challenge.handle": (actor: Actor) => anyRole(actor, ["officer", "admin"], COUNCIL),
  "challenge.configure": (actor: Actor) => hasRole(actor, "admin"),
  "evidence.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "admin"], target),
  "evidence.view_internal": (actor: Actor) => anyRole(actor, ["officer", "admin", "analyst", "board_member", "chair"], ANYWHERE),
  "bank_holidays.manage": (actor: Actor) => hasRole(actor, "admin"),
  /** "Your work": the officer's, moderator's and commissioner's home, and a scrutiny member's call-ins (what it lists depends on the other rules). */
  "work.view": (actor: Actor) => actor.grants.some((g) => ["officer", "admin", "moderator", "commissioner", "chair", "board_member"].includes(g.role)),
  /** "Your boards": a board member's or chair's own page. */
  "member.view": (actor: Actor) => actor.grants.some((g) => ["board_member", "chair"].includes(g.role)),
  /** Governance (issue 17): the key-decision threshold and the call-in number. */
  "governance.configure": (actor: Actor) => hasRole(actor, "admin"),
  /** A member of a scrutiny board asks for a decision to be called in (the target is the scrutiny board). */
  "scrutiny.call_in": (actor: Actor, target: Target) => anyRole(actor, ["board_member", "chair"], target),
  /** The scrutiny board's work programme, its outcome on a call-in, its recommendations: its chair or an officer. */
  "scrutiny.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "admin", "chair"], target),
  /** Providers, contracts and grants (issue 18): the contract manager's work. */
  "contracts.manage": (actor: Actor, target: Target) => anyRole(actor, ["officer", "admin"], target),
  /** Ratings, actions, improvement plans and the key-terms summary: managers and members. */
  "contracts.view_internal": (actor: Actor) => anyRole(actor, ["officer", "admin", "analyst", "board_member", "chair"], ANYWHERE),
  /** A provider's own people: see its arrangements (commercial terms included) and submit returns. */
  "provider.report": (actor: Actor, target: Target) => target.kind !== "council" && hasRole(actor, "provider", target),
  /** Strategies and plans: a commissioner (council-wide or for the locality) or an admin; a review's accountable commissioner also manages it (commissioning module). */
  "commissioning.manage": (actor: Actor, target: Target) => anyRole(actor, ["commissioner", "admin"], target),
  /** Draft strategies and plans, risk registers and commercially confidential costs. */
  "commissioning.view_internal": (actor: Actor) => anyRole(actor, ["commissioner", "officer", "admin", "analyst", "board_member", "chair"], ANYWHERE),
} satisfies Record<string, (actor: Actor, target: Target) => boolean>;

export type Action = keyof typeof RULES;

export type Decision = { ok: true } | { ok: false; reason: "sign-in" | "forbidden"; message: string };

export function decide(actor: Actor, action: Action, target: Target = COUNCIL): Decision {
  if (RULES[action](actor, target)) return { ok: true };
  if (!actor.user) return { ok: false, reason: "sign-in", message: "Sign in to do this" };
  return { ok: false, reason: "forbidden", message: "You do not have permission to do this" };
}

/**
 * Could this actor do this to anything at all (the council, or whatever their grants are scoped
 * to)? Asked before a request's input is read, so someone who cannot act anywhere (a visitor
 * sending a moderator's form) is refused without their input being parsed or validated.
 */
export function decideAnywhere(actor: Actor, action: Action): Decision {
  const targets: Target[] = actor.grants.map((g): Target =>
    g.scope === "provider" && g.providerId
      ? { kind: "provider", providerId: g.providerId }
      : g.scope === "board" && g.boardId !== null
      ? { kind: "board", boardId: g.boardId, localityId: g.localityId }
      : g.scope === "locality" && g.localityId !== null
        ? { kind: "locality", localityId: g.localityId }
        : COUNCIL,
  );
  for (const target of [COUNCIL, ...targets]) if (RULES[action](actor, target)) return { ok: true };
  return decide(actor, action, COUNCIL);
}

export function can(actor: Actor, action: Action, target: Target = COUNCIL): boolean {
  return decide(actor, action, target).ok;
}

/**
 * Grant approval (issue 18): a grant is approved either by the grant panel — Shropshire's "Grant
 * Funding Guardian", one councillor, one voluntary-sector representative and one officer, each a
 * named member — or by a board decision (linked). A member who declared an interest in a grant
 * cannot sit on its approval. The approval records the conditions of grant; payments on a grant
 * wait until it is approved (see grantPaymentBlock, called by recordPayment).
 */
import type { Database } from "../../../db/client";
import type { GrantPanelSeat } from "../../../db/tables/market";
import { permittedInput } from "../permissions/guard";
import { isRowId } from "../../lib/ids";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { londonDay } from "../calendar/days";
import { isoDate, longDate } from "../evidence/dates";
import type { Actor } from "../permissions/permissions";
import { boardApprovalSchema, interestSchema, panelApprovalSchema, panelMemberSchema, SEAT_LABELS } from "./market-schema";
import { accessTo, withArrangement, type ArrangementRow } from "./providers.server";

export async function addPanelMember(db: Database, actor: Actor, input: unknown): Promise<Result<{ memberId: number }>> {
  const parsed = permittedInput(actor, "contracts.manage", panelMemberSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("grant_panel_members")
      .values({ name: v.name, seat: v.seat, organisation: v.organisation, created_by: actor.user?.id ?? null })
      .onConflict((oc) => oc.columns(["name", "seat"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return fail({ name: `${v.name} already sits on the panel as ${SEAT_LABELS[v.seat].toLowerCase()}` }, 409);
    await audit(trx, actor, "grant_panel.member_added", `grant_panel_member:${row.id}`, { name: v.name, seat: v.seat });
    return ok({ memberId: row.id });
  });
}

export async function listPanelMembers(db: Database) {
  return db.selectFrom("grant_panel_members").select(["id", "name", "seat", "organisation"]).where("active", "=", true).orderBy("seat").orderBy("name").execute();
}

/** Run `fn` in one transaction on the grant this actor manages, locked; refuses an arrangement that is not a grant. */
function withGrant<T>(db: Database, actor: Actor, arrangementId: number, fn: (trx: Database, grant: ArrangementRow) => Promise<Result<T>>): Promise<Result<T>> {
  return withArrangement(db, actor, arrangementId, { lock: true }, async (trx, a) => {
    if (a.kind !== "grant") return fail("Only a grant is approved by the grant panel or a board decision", 409);
    return fn(trx, a);
  });
}

export async function declareInterest(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", interestSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return withGrant(db, actor, v.arrangementId, async (trx) => {
    const member = await trx.selectFrom("grant_panel_members").select(["id", "name"]).where("id", "=", v.memberId).where("active", "=", true).executeTakeFirst();
    if (!member) return fail({ memberId: "Select a member of the grant panel" });
    const sat = await trx.selectFrom("grant_approval_seats").select("seat").where("arrangement_id", "=", v.arrangementId).where("member_id", "=", v.memberId).executeTakeFirst();
    if (sat) return fail({ memberId: `${member.name} has already sat on this grant’s approval: an interest must be declared before the panel meets` }, 409);
    const row = await trx.insertInto("grant_interests").values({ arrangement_id: v.arrangementId, member_id: v.memberId, interest: v.interest }).onConflict((oc) => oc.doNothing()).returning("member_id").executeTakeFirst();
    if (!row) return fail({ memberId: `${member.name} has already declared an interest in this grant` }, 409);
    await audit(trx, actor, "grant.interest_declared", `arrangement:${v.arrangementId}`, { memberId: v.memberId });
    return ok(null);
  });
}

/** The panel approves: all three seats filled by members in those seats, none with a declared interest. */
export async function approveByPanel(db: Database, actor: Actor, input: unknown, options: { today?: string } = {}): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", panelApprovalSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = options.today ?? londonDay(new Date());
  if (v.approvedOn > today) return fail({ approvedOn: "The date of approval cannot be in the future" });
  return withGrant(db, actor, v.arrangementId, async (trx, grant) => {
    if (grant.approval_route !== "grant_panel") return fail("This grant is approved by a board decision: record the decision instead", 409);
    if (await trx.selectFrom("grant_approvals").select("arrangement_id").where("arrangement_id", "=", v.arrangementId).executeTakeFirst()) return fail("This grant has already been approved", 409);
    const seats: [GrantPanelSeat, number, string][] = [
      ["councillor", v.councillorId, "councillorId"],
      ["voluntary_sector", v.voluntarySectorId, "voluntarySectorId"],
      ["officer", v.officerId, "officerId"],
    ];
    const ids = seats.map(([, id]) => id);
    const [members, interests] = await Promise.all([
      trx.selectFrom("grant_panel_members").select(["id", "name", "seat"]).where("id", "in", ids).where("active", "=", true).execute(),
      trx.selectFrom("grant_interests").select(["member_id", "interest"]).where("arrangement_id", "=", v.arrangementId).where("member_id", "in", ids).execute(),
    ]);
    const errors: Record<string, string> = {};
    for (const [seat, id, field] of seats) {
      const member = members.find((m) => m.id === id);
      const interest = interests.find((i) => i.member_id === id);
      if (!member || member.seat !== seat) errors[field] = `Select a member of the panel who sits as ${SEAT_LABELS[seat].toLowerCase()}`;
      else if (interest) errors[field] = `${member.name} declared an interest in this grant (“${interest.interest}”) and cannot sit on its approval`;
    }
    if (Object.keys(errors).length) return fail(errors);
    await trx.insertInto("grant_approvals").values({ arrangement_id: v.arrangementId, route: "grant_panel", decision_id: null, approved_on: v.approvedOn, recorded_by: actor.user?.id ?? null }).execute();
    await trx.insertInto("grant_approval_seats").values(seats.map(([seat, id]) => ({ arrangement_id: v.arrangementId, seat, member_id: id }))).execute();
    await trx.updateTable("arrangements").set({ conditions: v.conditions }).where("id", "=", v.arrangementId).execute();
    await audit(trx, actor, "grant.approved", `arrangement:${v.arrangementId}`, { route: "grant_panel", memberIds: ids });
    return ok(null);
  });
}

/** A board decision approves the grant (linked to the decision). */
export async function approveByBoard(db: Database, actor: Actor, input: unknown, options: { today?: string } = {}): Promise<Result<null>> {
  const parsed = permittedInput(actor, "contracts.manage", boardApprovalSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const today = options.today ?? londonDay(new Date());
  if (v.approvedOn > today) return fail({ approvedOn: "The date of approval cannot be in the future" });
  return withGrant(db, actor, v.arrangementId, async (trx, grant) => {
    if (grant.approval_route !== "board_decision") return fail("This grant is approved by the grant panel: record the panel instead", 409);
    if (await trx.selectFrom("grant_approvals").select("arrangement_id").where("arrangement_id", "=", v.arrangementId).executeTakeFirst()) return fail("This grant has already been approved", 409);
    const decision = await trx.selectFrom("decisions").select("id").where("id", "=", v.decisionId).executeTakeFirst();
    if (!decision) return fail({ decisionId: "Select a board decision from the list" });
    await trx.insertInto("grant_approvals").values({ arrangement_id: v.arrangementId, route: "board_decision", decision_id: v.decisionId, approved_on: v.approvedOn, recorded_by: actor.user?.id ?? null }).execute();
    await trx.updateTable("arrangements").set({ conditions: v.conditions }).where("id", "=", v.arrangementId).execute();
    await audit(trx, actor, "grant.approved", `arrangement:${v.arrangementId}`, { route: "board_decision", decisionId: v.decisionId });
    return ok(null);
  });
}

/** Why a payment on this arrangement must wait, or null: a grant is paid only once approved. */
export async function grantPaymentBlock(db: Database, a: Pick<ArrangementRow, "id" | "kind">): Promise<string | null> {
  if (a.kind !== "grant") return null;
  const approval = await db.selectFrom("grant_approvals").select("arrangement_id").where("arrangement_id", "=", a.id).executeTakeFirst();
  return approval ? null : "This grant has not been approved yet: record the grant panel’s or the board’s approval before paying it";
}

export interface GrantApprovalView {
  route: "grant_panel" | "board_decision";
  conditions: string;
  approval: { approvedOn: string; seats: { seat: GrantPanelSeat; name: string; organisation: string }[]; decision: { id: number; text: string; board: string; decidedOn: string } | null } | null;
  interests: { memberId: number; name: string; seat: GrantPanelSeat; interest: string }[];
}

/** A grant's route and approval for its page (null when the arrangement is not a grant). */
export async function grantApproval(db: Database, arrangementId: number): Promise<GrantApprovalView | null> {
  if (!isRowId(arrangementId)) return null;
  const a = await db.selectFrom("arrangements").select(["kind", "approval_route", "conditions"]).where("id", "=", arrangementId).executeTakeFirst();
  if (!a || a.kind !== "grant" || !a.approval_route) return null;
  const [approval, seats, interests] = await Promise.all([
    db
      .selectFrom("grant_approvals as g")
      .leftJoin("decisions as d", "d.id", "g.decision_id")
      .leftJoin("meetings as m", "m.id", "d.meeting_id")
      .leftJoin("boards as b", "b.id", "m.board_id")
      .select(["g.approved_on", "g.decision_id", "d.text", "d.decided_at", "b.name as board_name"])
      .where("g.arrangement_id", "=", arrangementId)
      .executeTakeFirst(),
    db.selectFrom("grant_approval_seats as s").innerJoin("grant_panel_members as p", "p.id", "s.member_id").select(["s.seat", "p.name", "p.organisation"]).where("s.arrangement_id", "=", arrangementId).execute(),
    db.selectFrom("grant_interests as i").innerJoin("grant_panel_members as p", "p.id", "i.member_id").select(["i.member_id", "p.name", "p.seat", "i.interest"]).where("i.arrangement_id", "=", arrangementId).orderBy("p.name").execute(),
  ]);
  const order: GrantPanelSeat[] = ["councillor", "voluntary_sector", "officer"];
  return {
    route: a.approval_route,
    conditions: a.conditions,
    approval: approval
      ? {
          approvedOn: isoDate(approval.approved_on),
          seats: seats.sort((x, y) => order.indexOf(x.seat) - order.indexOf(y.seat)).map((s) => ({ seat: s.seat, name: s.name, organisation: s.organisation })),
          decision: approval.decision_id ? { id: approval.decision_id, text: approval.text ?? "", board: approval.board_name ?? "", decidedOn: approval.decided_at ? isoDate(approval.decided_at) : "" } : null,
        }
      : null,
    interests: interests.map((i) => ({ memberId: i.member_id, name: i.name, seat: i.seat, interest: i.interest })),
  };
}

/** The grant's approval page: its route and approval, and for its managers the panel and decisions to choose from. */
export async function grantApprovalPage(db: Database, actor: Actor, arrangementId: number) {
  if (!isRowId(arrangementId)) return null;
  const a = await db
    .selectFrom("arrangements as a")
    .innerJoin("providers as p", "p.id", "a.provider_id")
    .select(["a.id", "a.title", "a.kind", "a.locality_id", "a.provider_id", "a.commercial_confidential", "p.name as provider_name"])
    .where("a.id", "=", arrangementId)
    .executeTakeFirst();
  if (!a || a.kind !== "grant") return null;
  const manage = accessTo(actor, a).manage;
  const [view, members, decisions] = await Promise.all([
    grantApproval(db, arrangementId),
    manage ? listPanelMembers(db) : Promise.resolve([]),
    manage
      ? db
          .selectFrom("decisions as d")
          .innerJoin("meetings as m", "m.id", "d.meeting_id")
          .innerJoin("boards as b", "b.id", "m.board_id")
          .select(["d.id", "d.text", "d.decided_at", "b.name as board_name"])
          .orderBy("d.decided_at", "desc")
          .limit(200)
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    grant: { id: a.id, title: a.title, providerName: a.provider_name },
    view: view!,
    manage,
    members,
    decisions: decisions.map((d) => ({ id: d.id, label: `${d.board_name}, ${longDate(isoDate(d.decided_at))}: ${d.text.length > 120 ? `${d.text.slice(0, 117)}…` : d.text}` })),
  };
}

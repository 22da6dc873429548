/** Grant approval, spend per outcome and commissioning intentions (issue 18, the market and grants half). */
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { createArrangement } from "../../app/modules/providers/providers.server";
import { recordPayment } from "../../app/modules/providers/management.server";
import { addPanelMember, approveByBoard, approveByPanel, declareInterest, grantApproval } from "../../app/modules/providers/grants.server";
import { addIntention, marketWriting, saveStatement, setIntentionPublished } from "../../app/modules/providers/intentions.server";
import { spendByOutcome } from "../../app/modules/providers/spend.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const TODAY = "2026-11-23"; // the seeded template's "now"

const count = async (table: "grant_approvals" | "grant_approval_seats" | "grant_interests" | "grant_panel_members" | "arrangement_payments" | "commissioning_intentions" | "market_position_statements") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const memberId = async (name: string) => (await t.db.selectFrom("grant_panel_members").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const nodeId = async (title: string) => (await t.db.selectFrom("outcome_nodes").select("id").where("title", "=", title).orderBy("id").executeTakeFirstOrThrow()).id;
const localityId = async (slug: string) => (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const strategyId = async () => (await t.db.selectFrom("commissioning_strategies").select("id").where("published", "=", true).orderBy("id").executeTakeFirstOrThrow()).id;

/** A new grant, not yet approved, from the Eastmere Community Trust. */
async function newGrant(route: "grant_panel" | "board_decision", extra: Record<string, unknown> = {}) {
  const officer = await actorFor(t.db, "officer@moot.example");
  const trust = await t.db.selectFrom("providers").select("id").where("name", "=", "Eastmere Community Trust").executeTakeFirstOrThrow();
  const made = await createArrangement(t.db, officer, { title: `Warm spaces grant ${Math.random()}`, kind: "grant", providerId: String(trust.id), value: "20,000", paymentModel: "fixed", startsOn: "2026-12-01", endsOn: "2027-11-30", approvalRoute: route, ...extra });
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  return made.value.arrangementId;
}

describe("grant approval", () => {
  it("seeds a grant approved by the panel, all three seats named, and the councillor with an interest stood aside", async () => {
    const grant = await t.db.selectFrom("arrangements").select("id").where("title", "=", "Hollin Valley befriending grant").executeTakeFirstOrThrow();
    const view = (await grantApproval(t.db, grant.id))!;
    expect(view.route).toBe("grant_panel");
    expect(view.approval!.seats.map((s) => [s.seat, s.name])).toEqual([["councillor", "Cllr Helen Okafor"], ["voluntary_sector", "Sam Adeyemi"], ["officer", "Omar Haddad"]]);
    expect(view.interests.map((i) => i.name)).toEqual(["Cllr Tom Reeve"]);
  });

  it("refuses a panel without all three seats, a member in the wrong seat and a member with a declared interest, storing nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await newGrant("grant_panel");
    const before = [await count("grant_approvals"), await count("grant_approval_seats")];
    const missing = await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Cllr Helen Okafor")), voluntarySectorId: "", officerId: "", approvedOn: "2026-11-20", conditions: "" }, { today: TODAY });
    expect(missing).toMatchObject({
      ok: false,
      errors: { voluntarySectorId: "Select the voluntary-sector representative who sat", officerId: "Select the officer who sat", conditions: "Enter the conditions of grant" },
    });
    const wrongSeat = await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Sam Adeyemi")), voluntarySectorId: String(await memberId("Sam Adeyemi")), officerId: String(await memberId("Omar Haddad")), approvedOn: "2026-11-20", conditions: "Report quarterly" }, { today: TODAY });
    expect(wrongSeat).toMatchObject({ ok: false, errors: { councillorId: "Select a member of the panel who sits as councillor" } });

    expect(await declareInterest(t.db, officer, { arrangementId: String(id), memberId: String(await memberId("Cllr Helen Okafor")), interest: "" })).toMatchObject({ ok: false, errors: { interest: "Enter the interest they declared" } });
    expect(await declareInterest(t.db, officer, { arrangementId: String(id), memberId: String(await memberId("Cllr Helen Okafor")), interest: "Her sister chairs the trust" })).toEqual({ ok: true, value: null });
    expect(await declareInterest(t.db, officer, { arrangementId: String(id), memberId: String(await memberId("Cllr Helen Okafor")), interest: "Again" })).toMatchObject({ ok: false, status: 409 });
    const interested = await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Cllr Helen Okafor")), voluntarySectorId: String(await memberId("Sam Adeyemi")), officerId: String(await memberId("Omar Haddad")), approvedOn: "2026-11-20", conditions: "Report quarterly" }, { today: TODAY });
    expect(interested).toMatchObject({ ok: false, errors: { councillorId: "Cllr Helen Okafor declared an interest in this grant (“Her sister chairs the trust”) and cannot sit on its approval" } });
    const future = await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Cllr Tom Reeve")), voluntarySectorId: String(await memberId("Sam Adeyemi")), officerId: String(await memberId("Omar Haddad")), approvedOn: "2026-12-20", conditions: "Report quarterly" }, { today: TODAY });
    expect(future).toMatchObject({ ok: false, errors: { approvedOn: "The date of approval cannot be in the future" } });
    expect(await approveByBoard(t.db, officer, { arrangementId: String(id), decisionId: "1", approvedOn: "2026-11-20", conditions: "x" }, { today: TODAY })).toMatchObject({ ok: false, status: 409 });
    expect([await count("grant_approvals"), await count("grant_approval_seats")]).toEqual(before);
    expect((await grantApproval(t.db, id))!.approval).toBeNull();

    // The database holds the rule too: a seat for a member with an interest is refused whatever writes it.
    await t.db.insertInto("grant_approvals").values({ arrangement_id: id, route: "grant_panel", approved_on: "2026-11-20" }).execute();
    await expect(t.db.insertInto("grant_approval_seats").values({ arrangement_id: id, seat: "councillor", member_id: await memberId("Cllr Helen Okafor") }).execute()).rejects.toThrow(/declared an interest/);
    await t.db.deleteFrom("grant_approvals").where("arrangement_id", "=", id).execute();

    const approved = await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Cllr Tom Reeve")), voluntarySectorId: String(await memberId("Sam Adeyemi")), officerId: String(await memberId("Omar Haddad")), approvedOn: "2026-11-20", conditions: "Report quarterly; return unspent funds" }, { today: TODAY });
    expect(approved).toEqual({ ok: true, value: null });
    const view = (await grantApproval(t.db, id))!;
    expect(view.approval).toMatchObject({ approvedOn: "2026-11-20", decision: null });
    expect(view.approval!.seats.map((s) => s.name)).toEqual(["Cllr Tom Reeve", "Sam Adeyemi", "Omar Haddad"]);
    expect(view.conditions).toBe("Report quarterly; return unspent funds");
    expect(await approveByPanel(t.db, officer, { arrangementId: String(id), councillorId: String(await memberId("Cllr Tom Reeve")), voluntarySectorId: String(await memberId("Sam Adeyemi")), officerId: String(await memberId("Omar Haddad")), approvedOn: "2026-11-20", conditions: "x" }, { today: TODAY })).toMatchObject({ ok: false, status: 409 });
  });

  it("keeps payments on a grant blocked until it is approved, here by a board decision", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const id = await newGrant("board_decision");
    const before = await count("arrangement_payments");
    const blocked = await recordPayment(t.db, officer, { arrangementId: String(id), paidOn: "2026-11-20", amount: "5,000" });
    expect(blocked).toMatchObject({ ok: false, errors: { amount: "This grant has not been approved yet: record the grant panel’s or the board’s approval before paying it" } });
    expect(await count("arrangement_payments")).toBe(before);
    expect(await approveByBoard(t.db, officer, { arrangementId: String(id), decisionId: "999999", approvedOn: "2026-11-20", conditions: "Spend by March" }, { today: TODAY })).toMatchObject({ ok: false, errors: { decisionId: "Select a board decision from the list" } });
    expect(await approveByBoard(t.db, officer, { arrangementId: String(id), decisionId: "", approvedOn: "", conditions: "Spend by March" }, { today: TODAY })).toMatchObject({ ok: false, errors: { decisionId: "Select the board decision that approved the grant", approvedOn: "Enter the date of approval" } });
    const decision = await t.db.selectFrom("decisions").select("id").orderBy("id").executeTakeFirstOrThrow();
    expect(await approveByBoard(t.db, officer, { arrangementId: String(id), decisionId: String(decision.id), approvedOn: "2026-11-20", conditions: "Spend by March" }, { today: TODAY })).toEqual({ ok: true, value: null });
    expect((await grantApproval(t.db, id))!.approval!.decision!.id).toBe(decision.id);
    expect((await recordPayment(t.db, officer, { arrangementId: String(id), paidOn: "2026-11-21", amount: "5,000" })).ok).toBe(true);
  });

  it("lets only a contract manager keep the panel, and refuses a member without a name or seat", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const resident = await actorFor(t.db, "resident@moot.example");
    const before = await count("grant_panel_members");
    expect(await addPanelMember(t.db, resident, { name: "Someone", seat: "officer" })).toMatchObject({ ok: false, status: 403 });
    expect(await addPanelMember(t.db, officer, { name: "", seat: "chair" })).toMatchObject({ ok: false, errors: { name: "Enter the member’s name", seat: "Select the seat they sit in" } });
    expect(await addPanelMember(t.db, officer, { name: "Sam Adeyemi", seat: "voluntary_sector" })).toMatchObject({ ok: false, status: 409 });
    expect(await count("grant_panel_members")).toBe(before);
    expect((await addPanelMember(t.db, officer, { name: "Cllr Ana Ruiz", seat: "councillor", organisation: "Riverside ward" })).ok).toBe(true);
    const id = await newGrant("grant_panel");
    const resident403 = await approveByPanel(t.db, resident, { arrangementId: String(id) });
    expect(resident403).toMatchObject({ ok: false, status: 403 });
  });
});

describe("spend per outcome on a locality dashboard", () => {
  it("adds up annual values and payments per outcome in one query, council-wide apart, never a confidential value", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const riverside = await localityId("riverside");
    const loneliness = await nodeId("Less loneliness and isolation"); // a priority under "Later life"
    const laterLife = await nodeId("Later life");
    const provider = await t.db.selectFrom("providers").select("id").where("name", "=", "Greenline Environmental Services Ltd").executeTakeFirstOrThrow();
    const find = (rows: Awaited<ReturnType<typeof spendByOutcome>>, councilWide: boolean) => rows.find((r) => r.outcomeId === laterLife && r.councilWide === councilWide) ?? { arrangements: 0, confidential: 0, annualPence: 0, paidPence: 0 };
    const before = await spendByOutcome(t.db, riverside, { today: TODAY });
    const contract = (value: string, extra: Record<string, unknown>) =>
      createArrangement(t.db, officer, { title: `Lunch clubs ${value}`, kind: "contract", providerId: String(provider.id), value, paymentModel: "fixed", startsOn: "2026-01-01", endsOn: "2027-12-31", outcomeNodeIds: [String(loneliness)], ...extra });
    const local = await contract("146,000", { localityId: String(riverside) }); // 730 days: £73,000 a year
    const secret = await contract("999,000", { localityId: String(riverside), commercialConfidential: "yes" });
    const wide = await contract("73,000", {}); // council-wide: £36,500 a year
    const elsewhere = await contract("50,000", { localityId: String(await localityId("northgate")) });
    expect([local.ok, secret.ok, wide.ok, elsewhere.ok]).toEqual([true, true, true, true]);
    if (!local.ok || !secret.ok) return;
    expect((await recordPayment(t.db, officer, { arrangementId: String(local.value.arrangementId), paidOn: "2026-06-30", amount: "10,000" })).ok).toBe(true);
    expect((await recordPayment(t.db, officer, { arrangementId: String(secret.value.arrangementId), paidOn: "2026-06-30", amount: "40,000" })).ok).toBe(true);

    const after = await spendByOutcome(t.db, riverside, { today: TODAY });
    const [b, a] = [find(before, false), find(after, false)];
    expect(a.arrangements - b.arrangements).toBe(2);
    expect(a.confidential - b.confidential).toBe(1);
    expect(a.annualPence - b.annualPence).toBe(7_300_000);
    expect(a.paidPence - b.paidPence).toBe(1_000_000);
    expect(find(after, true).annualPence - find(before, true).annualPence).toBe(3_650_000);
    // Ended arrangements are not counted as being bought now.
    expect(await spendByOutcome(t.db, riverside, { today: "2028-06-01" })).not.toContainEqual(expect.objectContaining({ outcomeId: laterLife, annualPence: a.annualPence }));
  });
});

describe("commissioning intentions and market position statements", () => {
  it("seeds published intentions and a statement for the strategy; the draft stays internal", async () => {
    const pub = await marketWriting(t.db, VISITOR);
    expect(pub.intentions.map((i) => i.change)).toEqual(["buy", "change", "stop"]);
    expect(pub.intentions.some((i) => i.what.includes("draft"))).toBe(false);
    expect(pub.statements).toHaveLength(1);
    const commissioner = await actorFor(t.db, "commissioner@moot.example");
    expect((await marketWriting(t.db, commissioner)).intentions).toHaveLength(4);
    expect((await marketWriting(t.db, commissioner, { publicOnly: true })).intentions).toHaveLength(3);
  });

  it("refuses bad intentions with clear errors and stores nothing; publishing makes one public", async () => {
    const commissioner = await actorFor(t.db, "commissioner@moot.example");
    const resident = await actorFor(t.db, "resident@moot.example");
    const id = await strategyId();
    const before = await count("commissioning_intentions");
    expect(await addIntention(t.db, commissioner, { strategyId: String(id), change: "sell", what: "", fromOn: "2027-02-30", estimatedValue: "lots", route: "" })).toMatchObject({
      ok: false,
      errors: {
        change: "Select whether the council intends to buy, change or stop buying",
        what: "Enter what the council intends to buy, change or stop buying",
        fromOn: "The date it starts from must be a real date, like 2027-04-01",
        estimatedValue: "The estimated annual value must be an amount in pounds, like 12500 or 12,500.50",
        route: "Select how it will go to the market",
      },
    });
    expect(await addIntention(t.db, resident, { strategyId: String(id), change: "buy", what: "Anything", fromOn: "2027-04-01", route: "open_tender" })).toMatchObject({ ok: false, status: 403 });
    expect(await addIntention(t.db, commissioner, { strategyId: "999999", change: "buy", what: "Anything", fromOn: "2027-04-01", route: "open_tender" })).toMatchObject({ ok: false, status: 404 });
    expect(await count("commissioning_intentions")).toBe(before);

    const draft = await addIntention(t.db, commissioner, { strategyId: String(id), change: "buy", what: "Handyperson service for older homeowners", fromOn: "2027-06-01", estimatedValue: "80,000", route: "open_tender" });
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    expect((await marketWriting(t.db, VISITOR)).intentions.map((i) => i.what)).not.toContain("Handyperson service for older homeowners");
    // An officer who manages contracts may write them too.
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await setIntentionPublished(t.db, officer, { strategyId: String(id), intentionId: String(draft.value.intentionId), published: "yes" })).toEqual({ ok: true, value: null });
    const shown = (await marketWriting(t.db, VISITOR)).intentions.find((i) => i.what === "Handyperson service for older homeowners");
    expect(shown).toMatchObject({ estimatedValuePence: 8_000_000, route: "open_tender", fromOn: "2027-06-01" });
  });

  it("needs all three sections of a market position statement and keeps a draft internal", async () => {
    const commissioner = await actorFor(t.db, "commissioner@moot.example");
    const id = await strategyId();
    const stored = await t.db.selectFrom("market_position_statements").selectAll().where("strategy_id", "=", id).executeTakeFirstOrThrow();
    expect(await saveStatement(t.db, commissioner, { strategyId: String(id), demand: "Rising", supply: "", marketAsks: "" })).toMatchObject({
      ok: false,
      errors: { supply: "Enter what is known about supply", marketAsks: "Enter what the council wants from the market" },
    });
    expect(await t.db.selectFrom("market_position_statements").selectAll().where("strategy_id", "=", id).executeTakeFirstOrThrow()).toEqual(stored);
    expect(await saveStatement(t.db, commissioner, { strategyId: String(id), demand: "Rising fast", supply: "Thin", marketAsks: "Rural cover" })).toEqual({ ok: true, value: null });
    expect((await marketWriting(t.db, VISITOR)).statements).toEqual([]);
    expect((await marketWriting(t.db, commissioner, { strategyId: id })).statements[0]).toMatchObject({ demand: "Rising fast", published: false });
  });
});

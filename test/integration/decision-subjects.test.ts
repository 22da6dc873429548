/**
 * Decisions cite the plan, consultation and expression of interest they decide, in both
 * directions (issue 17): the clerk's link with the rules of what may be cited and how, and what
 * the public sees on each side. Each refusal is checked to have changed nothing.
 */
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { decisionsAbout, linkDecisionSubject, subjectChoices, subjectsOfDecision, unlinkDecisionSubject } from "../../app/modules/commissioning/decision-subjects.server";
import { COMMISSIONER_EMAIL, SEED_APPROVED_REVIEW, SEED_DRAFT_REVIEW } from "../../db/seed/commissioning";
import { CLOSED_TITLE, OPEN_TITLE, UPCOMING_TITLE } from "../../db/seed/consultations";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const idOf = async (table: "consultations" | "challenge_eois", title: string) => (await t.db.selectFrom(table).select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
const reviewId = async (serviceArea: string) => (await t.db.selectFrom("commissioning_reviews").select("id").where("service_area", "=", serviceArea).executeTakeFirstOrThrow()).id;
const links = () => t.db.selectFrom("decision_subjects").select(["decision_id", "subject_kind", "subject_id", "relation"]).orderBy("decision_id").orderBy("subject_kind").orderBy("subject_id").execute();

describe("the clerk links a decision to what it decides", () => {
  it("refuses bad picks with a message on the field, and links good ones that then show on both sides", async () => {
    const clerk = await actorFor(t.db, "officer@moot.example");
    const homeCare = await reviewId(SEED_APPROVED_REVIEW);
    const decisionId = (await t.db.selectFrom("decision_subjects").select("decision_id").where("subject_kind", "=", "commissioning_review").where("subject_id", "=", homeCare).executeTakeFirstOrThrow()).decision_id;
    const link = (subject: string, relation: string, actor = clerk) => linkDecisionSubject(t.db, actor, { decisionId: String(decisionId), subject, relation });
    const [closed, open, upcoming] = [await idOf("consultations", CLOSED_TITLE), await idOf("consultations", OPEN_TITLE), await idOf("consultations", UPCOMING_TITLE)];
    const [draftEoi, consideredEoi, acceptedEoi] = [
      await idOf("challenge_eois", "Eastmere youth clubs run by the community"),
      await idOf("challenge_eois", "Detached youth work on the coast"),
      await idOf("challenge_eois", "Mobile library service by the staff mutual"),
    ];
    const before = await links();

    expect(await link("", "informs")).toMatchObject({ ok: false, errors: { subject: "Choose what the decision cites" } });
    expect(await link("meeting:1", "informs")).toMatchObject({ ok: false, errors: { subject: "Choose what the decision cites from the list" } });
    expect(await link("consultation:999999", "informs")).toMatchObject({ ok: false, errors: { subject: "There is no consultation with that number" } });
    expect(await link(`consultation:${upcoming}`, "informs")).toMatchObject({ ok: false, errors: { subject: expect.stringContaining("only once it has been open to the public") } });
    expect(await link(`consultation:${open}`, "approves")).toMatchObject({ ok: false, errors: { relation: expect.stringContaining("still open") } });
    expect(await link(`challenge:${draftEoi}`, "informs")).toMatchObject({ ok: false, errors: { subject: "That expression of interest is a draft: it belongs to the group until they submit it" } });
    expect(await link(`challenge:${consideredEoi}`, "approves")).toMatchObject({ ok: false, errors: { relation: expect.stringContaining("The council has not accepted that expression of interest") } });
    expect(await link(`commissioning_review:${await reviewId(SEED_DRAFT_REVIEW)}`, "rejects")).toMatchObject({ ok: true });
    expect(await unlinkDecisionSubject(t.db, clerk, { decisionId: String(decisionId), subject: `commissioning_review:${await reviewId(SEED_DRAFT_REVIEW)}` })).toMatchObject({ ok: true });
    expect(await link(`challenge:${acceptedEoi}`, "approves", await actorFor(t.db, COMMISSIONER_EMAIL))).toMatchObject({ ok: false, status: 403 });
    expect(await link(`challenge:${acceptedEoi}`, "approves", await newResident(t.db))).toMatchObject({ ok: false, status: 403 });
    expect(await link(`challenge:${acceptedEoi}`, "approves", VISITOR)).toMatchObject({ ok: false, status: 403 });
    expect(await links()).toEqual(before);

    expect(await link(`consultation:${closed}`, "informs")).toEqual({ ok: true, value: null });
    expect(await link(`challenge:${acceptedEoi}`, "approves")).toEqual({ ok: true, value: null });
    expect(await link(`consultation:${open}`, "informs")).toEqual({ ok: true, value: null });

    // Both directions, as the public sees them.
    expect((await subjectsOfDecision(t.db, decisionId, VISITOR)).map((s) => [s.kind, s.relation, s.href])).toEqual([
      ["commissioning_review", "approves", `/commissioning-reviews/${homeCare}`],
      ["consultation", "informs", `/consultations/${closed}`],
      ["challenge", "approves", `/challenges/register/${acceptedEoi}`],
      ["consultation", "informs", `/consultations/${open}`],
    ]);
    expect((await decisionsAbout(t.db, "consultation", closed, VISITOR)).map((d) => [d.decisionId, d.relation])).toEqual([[decisionId, "informs"]]);
    expect((await decisionsAbout(t.db, "challenge", acceptedEoi, VISITOR)).map((d) => [d.decisionId, d.relation])).toEqual([[decisionId, "approves"]]);

    // The clerk's form lists the choices and what is cited now.
    const page = (await subjectChoices(t.db, clerk, decisionId))!;
    expect(page.current.map((c) => c.value)).toContain(`challenge:${acceptedEoi}`);
    expect(page.choices.map((c) => c.value)).toEqual(expect.arrayContaining([`consultation:${closed}`, `challenge:${consideredEoi}`, `commissioning_review:${homeCare}`]));
    expect(page.choices.map((c) => c.value)).not.toContain(`challenge:${draftEoi}`);
    expect(page.choices.map((c) => c.value)).not.toContain(`consultation:${upcoming}`);
    expect(await subjectChoices(t.db, await newResident(t.db), decisionId)).toBeNull();

    // Removing: a mistaken link goes; the approval the gate opened on stays.
    expect(await unlinkDecisionSubject(t.db, clerk, { decisionId: String(decisionId), subject: `consultation:${open}` })).toEqual({ ok: true, value: null });
    expect(await decisionsAbout(t.db, "consultation", open, VISITOR)).toEqual([]);
    expect(await unlinkDecisionSubject(t.db, clerk, { decisionId: String(decisionId), subject: `commissioning_review:${homeCare}` })).toMatchObject({ ok: false, status: 409, errors: { subject: expect.stringContaining("the link stays") } });
    expect(await unlinkDecisionSubject(t.db, clerk, { decisionId: String(decisionId), subject: `consultation:${upcoming}` })).toMatchObject({ ok: false, status: 404 });
  });

  it("shows a decision's draft plan only to those who may see it", async () => {
    const clerk = await actorFor(t.db, "officer@moot.example");
    const draft = await reviewId(SEED_DRAFT_REVIEW);
    const decision = await t.db.selectFrom("decisions").select("id").where("text", "like", "A six-month peer support pilot%").executeTakeFirstOrThrow();
    expect((await linkDecisionSubject(t.db, clerk, { decisionId: String(decision.id), subject: `commissioning_review:${draft}`, relation: "informs" })).ok).toBe(true);
    expect(await subjectsOfDecision(t.db, decision.id, VISITOR)).toEqual([]);
    expect((await subjectsOfDecision(t.db, decision.id, clerk)).map((s) => s.id)).toEqual([draft]);
    expect((await decisionsAbout(t.db, "commissioning_review", draft, VISITOR)).map((d) => d.decisionId)).toEqual([decision.id]);
  });
});

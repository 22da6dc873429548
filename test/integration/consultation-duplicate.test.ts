/** Duplicating a consultation: a new draft with the same pages and questions, in one go, by officers only. */
import { describe, expect, it } from "vitest";
import { loadQuestionnaire, statusHistory } from "../../app/modules/consultations/consultations.server";
import { copyTitle, duplicateConsultation } from "../../app/modules/consultations/duplicate.server";
import { CLOSED_TITLE } from "../../db/seed/consultations";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

const shape = (sections: Awaited<ReturnType<typeof loadQuestionnaire>>) =>
  sections.map((s) => ({ title: s.title, intro: s.intro, questions: s.questions.map((q) => ({ kind: q.kind, prompt: q.prompt, helpText: q.helpText, required: q.required, options: q.options.map((o) => o.label) })) }));

describe("duplicating a consultation", () => {
  it("copies details, places, outcomes, pages, questions and options as a new draft with no dates, and records who did it", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const source = await t.db.selectFrom("consultations").selectAll().where("title", "=", CLOSED_TITLE).executeTakeFirstOrThrow();
    const copied = await duplicateConsultation(t.db, officer, source.id);
    if (!copied.ok) throw new Error(JSON.stringify(copied.errors));
    const copy = await t.db.selectFrom("consultations").selectAll().where("id", "=", copied.value.id).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ title: `Copy of ${CLOSED_TITLE}`, status: "draft", opens_at: null, closes_at: null, retention_until: null, results_summary: "", summary: source.summary, privacy_notice: source.privacy_notice, whole_council: source.whole_council, created_by: officer.user!.id });

    const [before, after] = await Promise.all([loadQuestionnaire(t.db, source.id), loadQuestionnaire(t.db, copy.id)]);
    expect(before.flatMap((s) => s.questions).length).toBeGreaterThan(0);
    expect(shape(after)).toEqual(shape(before));
    // New rows, not shared ones: the copy's questions and options have their own ids.
    const ids = (s: typeof before) => s.flatMap((x) => x.questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]));
    expect(ids(after).some((id) => ids(before).includes(id))).toBe(false);

    const places = async (id: number) => (await t.db.selectFrom("consultation_localities").select("locality_id").where("consultation_id", "=", id).orderBy("locality_id").execute()).map((r) => r.locality_id);
    const outcomes = async (id: number) => (await t.db.selectFrom("consultation_outcomes").select("outcome_node_id").where("consultation_id", "=", id).orderBy("outcome_node_id").execute()).map((r) => r.outcome_node_id);
    expect(await places(copy.id)).toEqual(await places(source.id));
    expect(await outcomes(copy.id)).toEqual(await outcomes(source.id));

    // No responses, themes or results come with it.
    expect((await t.db.selectFrom("consultation_responses").select("id").where("consultation_id", "=", copy.id).execute()).length).toBe(0);
    const history = await statusHistory(t.db, copy.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ to_status: "draft", changed_by_name: "Omar Haddad" });
    expect(history[0]!.reason).toContain(CLOSED_TITLE);
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("subject", "=", `consultation:${copy.id}`).execute();
    expect(audit.map((a) => a.action)).toEqual(["consultation.duplicated"]);
  });

  it("refuses residents and a missing consultation, and copies nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const source = await t.db.selectFrom("consultations").select("id").where("title", "=", CLOSED_TITLE).executeTakeFirstOrThrow();
    const count = async () => Number((await t.db.selectFrom("consultations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await duplicateConsultation(t.db, await newResident(t.db), source.id)).toMatchObject({ ok: false, status: 403 });
    expect(await duplicateConsultation(t.db, officer, 999_999)).toMatchObject({ ok: false, status: 404 });
    expect(await count()).toBe(before);
  });

  it("keeps a long title within the limit", () => {
    expect(copyTitle("x".repeat(200)).length).toBe(200);
    expect(copyTitle("Parks")).toBe("Copy of Parks");
  });
});

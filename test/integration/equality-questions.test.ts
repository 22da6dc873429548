/** The extra equality monitoring questions: gender identity, unpaid caring, marital or civil partnership status. */
import { describe, expect, it } from "vitest";
import { equalityAggregate } from "../../app/modules/consultations/analysis.server";
import { saveEquality, startResponse } from "../../app/modules/consultations/responses.server";
import { EQUALITY_QUESTIONS } from "../../app/modules/consultations/schema";
import { OPEN_TITLE } from "../../db/seed/consultations";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

describe("extra equality monitoring questions", () => {
  it("asks the ONS 2021 gender identity question, caring and marital status, each with Prefer not to say", () => {
    expect(EQUALITY_QUESTIONS.genderIdentity.label).toBe("Is the gender you identify with the same as your sex registered at birth?");
    for (const q of [EQUALITY_QUESTIONS.genderIdentity, EQUALITY_QUESTIONS.unpaidCarer, EQUALITY_QUESTIONS.maritalStatus]) {
      expect(q.options).toContain("Prefer not to say");
    }
  });

  it("stores the answers beside the others, each optional, refusing answers not offered", async () => {
    const { id } = await t.db.selectFrom("consultations").select("id").where("title", "=", OPEN_TITLE).executeTakeFirstOrThrow();
    const resident = await newResident(t.db);
    expect((await startResponse(t.db, resident, id)).ok).toBe(true);
    const refused = await saveEquality(t.db, resident, id, { genderIdentity: "Maybe", maritalStatus: "Married" });
    expect(refused).toMatchObject({ ok: false, errors: { genderIdentity: "Choose one of the answers given" } });

    expect((await saveEquality(t.db, resident, id, { genderIdentity: "Prefer not to say", unpaidCarer: "Yes, 20 to 34 hours a week" })).ok).toBe(true);
    const response = await t.db.selectFrom("consultation_responses").select("id").where("consultation_id", "=", id).where("user_id", "=", resident.user!.id).executeTakeFirstOrThrow();
    const row = await t.db.selectFrom("consultation_equality").selectAll().where("response_id", "=", response.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ gender_identity: "Prefer not to say", unpaid_carer: "Yes, 20 to 34 hours a week", marital_status: null, age_band: null });
  });

  it("shows them in the analyst's aggregate tables with the other equality questions", async () => {
    const analyst = await actorFor(t.db, "analyst@moot.example");
    const { consultation_id } = await t.db.selectFrom("consultation_equality").select("consultation_id").limit(1).executeTakeFirstOrThrow();
    const agg = await equalityAggregate(t.db, analyst, consultation_id);
    if (!agg.ok) throw new Error(JSON.stringify(agg.errors));
    const fields = agg.value.breakdowns.map((b) => b.field);
    expect(fields).toEqual(expect.arrayContaining(["ageBand", "genderIdentity", "unpaidCarer", "maritalStatus"]));
    const marital = agg.value.breakdowns.find((b) => b.field === "maritalStatus")!;
    expect(marital.rows.map((r) => r.answer)).toEqual([...EQUALITY_QUESTIONS.maritalStatus.options, "Not answered"]);
  });
});

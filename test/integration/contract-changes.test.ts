/** Running a contract after it is let (issue 18): terms, extensions, early end, KPI changes, reopening, files with returns, resident feedback. */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { addExtensionOption, editKpi, editTerms, extendArrangement, reopenPeriod, terminateArrangement } from "../../app/modules/providers/changes.server";
import { giveFeedback, FEEDBACK_LIMIT } from "../../app/modules/providers/feedback.server";
import { arrangementPage } from "../../app/modules/providers/page.server";
import { addReturnFile, returnFileForDownload } from "../../app/modules/providers/return-files.server";
import { submitReturn } from "../../app/modules/providers/returns.server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const TODAY = "2026-11-23";

const arrangement = async (title: string) => t.db.selectFrom("arrangements").selectAll().where("title", "=", title).executeTakeFirstOrThrow();
const kpisOf = async (id: number) => t.db.selectFrom("arrangement_kpis").selectAll().where("arrangement_id", "=", id).orderBy("position").execute();
const count = async (table: "arrangement_changes" | "return_attachments" | "service_feedback" | "period_ratings") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const PDF = { name: "report.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") };

describe("terms", () => {
  it("refuses a value below what is already paid and changes nothing; a good edit is kept in the history", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const grant = await arrangement("Hollin Valley befriending grant"); // £60,000, all paid
    const changes = await count("arrangement_changes");
    const below = await editTerms(t.db, officer, { arrangementId: String(grant.id), value: "59,999", paymentTerms: grant.payment_terms, keyTerms: grant.key_terms, reason: "Underspend" });
    expect(below).toEqual({ ok: false, status: 400, errors: { value: "The value cannot be less than the £60,000 already paid" } });
    const noReason = await editTerms(t.db, officer, { arrangementId: String(grant.id), value: "70,000", paymentTerms: "", keyTerms: "" });
    expect(noReason).toMatchObject({ ok: false, errors: { reason: "Enter why the terms changed" } });
    expect((await arrangement("Hollin Valley befriending grant")).value_pence).toBe(6_000_000);
    expect(await count("arrangement_changes")).toBe(changes);

    const raised = await editTerms(t.db, officer, { arrangementId: String(grant.id), value: "72,000", paymentTerms: grant.payment_terms, keyTerms: "Extra winter sessions", reason: "Winter pressures" });
    expect(raised).toEqual({ ok: true, value: null });
    expect((await arrangement("Hollin Valley befriending grant")).value_pence).toBe(7_200_000);
    const page = (await arrangementPage(t.db, officer, grant.id, { today: TODAY }))!;
    expect(page.history[0]).toMatchObject({ summary: "Terms changed: value £60,000 to £72,000; key terms summary", reason: "Winter pressures" });
    // A provider of another arrangement sees no history at all.
    const greenline = await actorFor(t.db, "provider@moot.example");
    expect((await arrangementPage(t.db, greenline, grant.id, { today: TODAY }))!.history).toEqual([]);
    expect(await editTerms(t.db, greenline, { arrangementId: String(grant.id), value: "1", reason: "x" })).toMatchObject({ ok: false, status: 403 });
  });
});

describe("extension and early end", () => {
  it("extends only within a recorded option, which is then used up", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const waste = await arrangement("Household waste and recycling collection");
    const end = iso(waste.ends_on);
    const options = await t.db.selectFrom("arrangement_extension_options").selectAll().where("arrangement_id", "=", waste.id).orderBy("id").execute();
    expect(options.map((o) => o.months)).toEqual([12, 12]);
    const y = Number(end.slice(0, 4));
    const beyond = await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(options[0]!.id), endsOn: `${y + 2}${end.slice(4)}` }, { today: TODAY });
    expect(beyond).toMatchObject({ ok: false, errors: { endsOn: expect.stringMatching(/^The new end date must be on or before .*: this option extends by at most 12 months$/) } });
    expect(await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(options[0]!.id), endsOn: end }, { today: TODAY })).toMatchObject({ ok: false, errors: { endsOn: expect.stringMatching(/must be after the current end/) } });
    const other = await arrangement("Day services for older and disabled adults");
    const otherOption = await t.db.selectFrom("arrangement_extension_options").select("id").where("arrangement_id", "=", other.id).executeTakeFirstOrThrow();
    expect(await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(otherOption.id), endsOn: `${y + 1}${end.slice(4)}` }, { today: TODAY })).toMatchObject({ ok: false, errors: { optionId: "Select one of this arrangement’s extension options" } });
    expect(iso((await arrangement("Household waste and recycling collection")).ends_on)).toBe(end);

    const newEnd = `${y + 1}${end.slice(4)}`;
    expect(await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(options[0]!.id), endsOn: newEnd, reason: "Performance recovered" }, { today: TODAY })).toEqual({ ok: true, value: { endsOn: newEnd } });
    expect(iso((await arrangement("Household waste and recycling collection")).ends_on)).toBe(newEnd);
    const again = await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(options[0]!.id), endsOn: `${y + 2}${end.slice(4)}` }, { today: TODAY });
    expect(again).toMatchObject({ ok: false, errors: { optionId: expect.stringMatching(/^That extension option was used on 23 November 2026/) } });
    // The second option runs from the new end.
    expect((await extendArrangement(t.db, officer, { arrangementId: String(waste.id), optionId: String(options[1]!.id), endsOn: `${y + 2}${end.slice(4)}` }, { today: TODAY })).ok).toBe(true);
  });

  it("ends an arrangement early with a date and reason; after that it cannot be extended", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const day = await arrangement("Day services for older and disabled adults");
    const end = iso(day.ends_on);
    expect(await terminateArrangement(t.db, officer, { arrangementId: String(day.id), terminatedOn: end, reason: "Provider failure" })).toMatchObject({ ok: false, errors: { terminatedOn: expect.stringMatching(/must be before the current end/) } });
    expect(await terminateArrangement(t.db, officer, { arrangementId: String(day.id), terminatedOn: "2027-03-31", reason: "" })).toMatchObject({ ok: false, errors: { reason: "Enter why it is ending early" } });
    expect(await terminateArrangement(t.db, officer, { arrangementId: String(day.id), terminatedOn: "2026-06-30", reason: "Too early" })).toMatchObject({ ok: false, errors: { terminatedOn: expect.stringMatching(/^A return has been sent for/) } });
    expect(await terminateArrangement(t.db, officer, { arrangementId: String(day.id), terminatedOn: "2027-03-31", reason: "Service redesigned with the community" })).toEqual({ ok: true, value: null });
    const ended = await arrangement("Day services for older and disabled adults");
    expect([iso(ended.ends_on), ended.terminated_on && iso(ended.terminated_on), ended.termination_reason]).toEqual(["2027-03-31", "2027-03-31", "Service redesigned with the community"]);
    const option = await t.db.selectFrom("arrangement_extension_options").select("id").where("arrangement_id", "=", day.id).executeTakeFirstOrThrow();
    expect(await extendArrangement(t.db, officer, { arrangementId: String(day.id), optionId: String(option.id), endsOn: "2027-06-30" }, { today: TODAY })).toMatchObject({ ok: false, status: 409 });
    expect(await addExtensionOption(t.db, officer, { arrangementId: String(day.id), months: "6" })).toMatchObject({ ok: false, status: 409 });
    const page = (await arrangementPage(t.db, officer, day.id, { today: TODAY }))!;
    expect(page.arrangement.terminatedOn).toBe("2027-03-31");
    expect(page.history[0]!.summary).toMatch(/^Ended early on 31 March 2027/);
  });
});

describe("KPI changes", () => {
  it("changes a target with history, while returns already sent keep the target that applied then", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const trust = await actorFor(t.db, "group@moot.example");
    const grant = await arrangement("Hollin Valley befriending grant");
    const [k] = await kpisOf(grant.id);
    expect(k!.target).toBe(40);
    expect(await editKpi(t.db, officer, { arrangementId: String(grant.id), kpiId: String(k!.id), target: "900", frequency: "monthly", reason: "x" })).toMatchObject({ ok: false, errors: { target: "The target must be between 0 and 500" } });
    expect(await editKpi(t.db, officer, { arrangementId: String(grant.id), kpiId: String(k!.id), target: "40", frequency: "monthly", deductionRule: k!.deduction_rule, reason: "x" })).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/^Nothing has changed/) } });
    expect(await editKpi(t.db, officer, { arrangementId: String(grant.id), kpiId: String(k!.id), target: "45", frequency: "monthly", reason: "Higher ambition for year three" })).toEqual({ ok: true, value: null });
    const targets = await t.db
      .selectFrom("return_kpi_values as v")
      .innerJoin("provider_returns as r", "r.id", "v.return_id")
      .select(["v.target"])
      .where("v.kpi_id", "=", k!.id)
      .execute();
    expect(new Set(targets.map((x) => x.target))).toEqual(new Set([40]));
    expect((await submitReturn(t.db, trust, { arrangementId: String(grant.id), period: "2026-10", [`kpi_${k!.id}`]: "44" }, { today: TODAY })).ok).toBe(true);
    const october = await t.db
      .selectFrom("return_kpi_values as v")
      .innerJoin("provider_returns as r", "r.id", "v.return_id")
      .select(["v.target", "v.value"])
      .where("v.kpi_id", "=", k!.id)
      .where("r.period", "=", sql<Date>`'2026-10-01'::date`)
      .executeTakeFirstOrThrow();
    expect(october).toEqual({ target: 45, value: 44 });
    const page = (await arrangementPage(t.db, officer, grant.id, { today: TODAY }))!;
    expect(page.kpis[0]!.onTarget).toBe(false); // 44 against the 45 in force when it was sent
    expect(page.history[0]).toMatchObject({ summary: `KPI ${k!.id} “Older people befriended in the month”: target 40 to 45`, reason: "Higher ambition for year three" });
  });
});

describe("reopening a rated period", () => {
  it("refuses an unrated period, and reopens a rated one (rating cleared, kept in the history) so the provider can correct its return", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const greenline = await actorFor(t.db, "provider@moot.example");
    const waste = await arrangement("Household waste and recycling collection");
    const ratings = await count("period_ratings");
    expect(await reopenPeriod(t.db, officer, { arrangementId: String(waste.id), period: "2026-10", reason: "Correction" })).toEqual({ ok: false, status: 400, errors: { period: "October 2026 has not been rated, so it is already open" } });
    expect(await reopenPeriod(t.db, officer, { arrangementId: String(waste.id), period: "2026-08", reason: "" })).toMatchObject({ ok: false, errors: { reason: "Enter why the period is reopened" } });
    expect(await reopenPeriod(t.db, greenline, { arrangementId: String(waste.id), period: "2026-08", reason: "Please" })).toMatchObject({ ok: false, status: 403 });
    expect(await count("period_ratings")).toBe(ratings);

    const before = await t.db.selectFrom("period_ratings").select("rating").where("arrangement_id", "=", waste.id).where("period", "=", sql<Date>`'2026-08-01'::date`).executeTakeFirstOrThrow();
    expect(await reopenPeriod(t.db, officer, { arrangementId: String(waste.id), period: "2026-08", reason: "The provider found a counting error" })).toEqual({ ok: true, value: null });
    expect(await count("period_ratings")).toBe(ratings - 1);
    const history = await t.db.selectFrom("arrangement_changes").select(["kind", "reason", "details"]).where("arrangement_id", "=", waste.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(history).toMatchObject({ kind: "period_reopened", reason: "The provider found a counting error", details: { period: "2026-08-01", before: { rating: before.rating } } });
    const [missed, recycling] = await kpisOf(waste.id);
    expect((await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-08", [`kpi_${missed!.id}`]: "55", [`kpi_${recycling!.id}`]: "47" }, { today: TODAY })).ok).toBe(true);
  });
});

describe("files with returns", () => {
  it("refuses a file of a bad type, without a title or for a closed month and stores nothing; the provider and manager download, others cannot", async () => {
    const greenline = await actorFor(t.db, "provider@moot.example");
    const waste = await arrangement("Household waste and recycling collection"); // commercially confidential
    const [missed, recycling] = await kpisOf(waste.id);
    expect((await submitReturn(t.db, greenline, { arrangementId: String(waste.id), period: "2026-10", [`kpi_${missed!.id}`]: "50", [`kpi_${recycling!.id}`]: "49" }, { today: TODAY })).ok).toBe(true);
    const text = { name: "report.pdf", bytes: new TextEncoder().encode("just some text pretending to be a PDF") };
    expect(await addReturnFile(t.db, greenline, waste.id, { period: "2026-10", title: "Monthly report", file: text })).toMatchObject({
      ok: false,
      errors: { file: "The file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file" },
    });
    expect(await addReturnFile(t.db, greenline, waste.id, { period: "2026-10", title: "", file: null })).toMatchObject({ ok: false, errors: { title: "Enter a title for the file", file: "Select a file" } });
    expect(await addReturnFile(t.db, greenline, waste.id, { period: "2026-07", title: "Late report", file: PDF })).toMatchObject({ ok: false, errors: { period: "July 2026 is closed: the contract manager has already rated it" } });
    const trust = await actorFor(t.db, "group@moot.example");
    expect(await addReturnFile(t.db, trust, waste.id, { period: "2026-10", title: "Not ours", file: PDF })).toMatchObject({ ok: false, status: 403 });
    expect(await count("return_attachments")).toBe(0);

    const added = await addReturnFile(t.db, greenline, waste.id, { period: "2026-10", title: "Monthly report", file: PDF });
    expect(added.ok).toBe(true);
    const fileId = added.ok ? added.value.fileId : 0;
    const officer = await actorFor(t.db, "officer@moot.example");
    expect((await returnFileForDownload(t.db, greenline, waste.id, fileId))?.mediaType).toBe("application/pdf");
    expect((await returnFileForDownload(t.db, officer, waste.id, fileId))?.fileName).toBe("report.pdf");
    for (const who of [VISITOR, trust, await actorFor(t.db, "analyst@moot.example")]) expect(await returnFileForDownload(t.db, who, waste.id, fileId)).toBeNull();
    expect((await arrangementPage(t.db, officer, waste.id, { today: TODAY }))!.returnFiles.map((f) => f.title)).toEqual(["Monthly report"]);
  });
});

describe("resident feedback", () => {
  it("refuses an empty form and stores nothing; takes feedback anonymously, shows it only to council staff, and limits each network", async () => {
    const grant = await arrangement("Hollin Valley befriending grant");
    const empty = await giveFeedback(t.db, VISITOR, { arrangementId: String(grant.id) }, { address: "203.0.113.9", today: TODAY });
    expect(empty).toEqual({ ok: false, status: 400, errors: { experience: "Select how the service was for you", feedback: "Enter what you want to tell us about the service" } });
    expect(await count("service_feedback")).toBe(0);
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await giveFeedback(t.db, resident, { arrangementId: String(grant.id), experience: "good", feedback: "My befriender rings every Tuesday." }, { address: "203.0.113.9", today: TODAY })).toEqual({ ok: true, value: null });
    const stored = await t.db.selectFrom("service_feedback").selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(stored).sort()).toEqual(["arrangement_id", "experience", "feedback", "id", "received_at"]); // nothing about who sent it

    const officer = await actorFor(t.db, "officer@moot.example");
    const voice = (await arrangementPage(t.db, officer, grant.id, { today: TODAY }))!.residentVoice!;
    expect(voice.feedback.map((f) => f.feedback)).toEqual(["My befriender rings every Tuesday."]);
    expect(voice.counts).toEqual({ good: 1 });
    expect((await arrangementPage(t.db, VISITOR, grant.id, { today: TODAY }))!.residentVoice).toBeNull();
    expect((await arrangementPage(t.db, await actorFor(t.db, "group@moot.example"), grant.id, { today: TODAY }))!.residentVoice).toBeNull();

    for (let i = 1; i < FEEDBACK_LIMIT.points; i++) expect((await giveFeedback(t.db, VISITOR, { arrangementId: String(grant.id), experience: "mixed", feedback: `Note ${i}` }, { address: "203.0.113.9", today: TODAY })).ok).toBe(true);
    expect(await giveFeedback(t.db, VISITOR, { arrangementId: String(grant.id), experience: "mixed", feedback: "One too many" }, { address: "203.0.113.9", today: TODAY })).toMatchObject({ ok: false, status: 429 });
    expect((await giveFeedback(t.db, VISITOR, { arrangementId: String(grant.id), experience: "poor", feedback: "From elsewhere" }, { address: "198.51.100.7", today: TODAY })).ok).toBe(true);
    expect(await count("service_feedback")).toBe(FEEDBACK_LIMIT.points + 1);
  });

  it("shows comments from consultations tagged to an outcome the arrangement serves", async () => {
    const grant = await arrangement("Hollin Valley befriending grant");
    const outcome = await t.db.selectFrom("arrangement_outcomes").select("outcome_node_id").where("arrangement_id", "=", grant.id).executeTakeFirstOrThrow();
    const feed = await t.db.selectFrom("feeds").select(["id", "subject_id"]).where("subject_kind", "=", "consultation").orderBy("id").executeTakeFirstOrThrow();
    const author = await actorFor(t.db, "resident@moot.example");
    await t.db.insertInto("consultation_outcomes").values({ consultation_id: feed.subject_id, outcome_node_id: outcome.outcome_node_id }).onConflict((oc) => oc.doNothing()).execute();
    await t.db.insertInto("comments").values({ feed_id: feed.id, author_id: author.user!.id, body: "The befriending scheme kept my dad going." }).execute();
    await t.db.insertInto("comments").values({ feed_id: feed.id, author_id: author.user!.id, body: "A hidden comment", state: "hidden", hidden_reason: "abuse" }).execute();
    const officer = await actorFor(t.db, "officer@moot.example");
    const comments = (await arrangementPage(t.db, officer, grant.id, { today: TODAY }))!.residentVoice!.comments.map((c) => c.body);
    expect(comments).toContain("The befriending scheme kept my dad going.");
    expect(comments).not.toContain("A hidden comment");
  });
});

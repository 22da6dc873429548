/**
 * How many queries a write asks PostgreSQL (issue 14): each one is a round trip and a backend
 * wake-up, and under load they are most of a page's cost. Counted with Kysely's log hook on a
 * handle over the test database's pool, through the real route action. The limits are today's
 * counts; a change that adds a query should have to say why here.
 */
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import * as respondSection from "../../app/routes/consultations.$id.respond.$section";
import * as eoiSection from "../../app/routes/challenges.eois.$id.$section";
import * as homePage from "../../app/routes/_index";
import { startResponse } from "../../app/modules/consultations/responses.server";
import { localityDashboard, outcomePage } from "../../app/modules/evidence/dashboard.server";
import { THREAD_PROVIDERS } from "../../app/modules/evidence/thread.server";
import { editNode, setMeasure } from "../../app/modules/outcomes/framework.server";
import { listFrameworkTrees, measureSettings } from "../../app/modules/outcomes/outcomes.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { OPEN_TITLE } from "../../db/seed/consultations";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { callRoute, sessionCookieFor } from "../support/routes";

const t = useTestDatabase({ seeded: true });
let counted: Database;
const queries: string[] = [];

beforeAll(() => {
  // A second Kysely over the same pool, logging every statement (never destroyed: that ends the pool).
  counted = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: t.handle.pool }),
    log: (event: LogEvent) => void queries.push(event.query.sql),
  });
});

async function count<T>(run: () => Promise<T>): Promise<{ value: T; queries: string[] }> {
  queries.length = 0;
  const value = await run();
  return { value, queries: [...queries] };
}

describe("queries per write", () => {
  it("saving a page of a consultation response asks 8 queries (was 21: the action read the whole response, then saveSection read it again, and each answer was its own statement)", async () => {
    const consultation = await t.db.selectFrom("consultations").select("id").where("title", "=", OPEN_TITLE).executeTakeFirstOrThrow();
    const resident = await actorFor(t.db, "resident@moot.example");
    expect((await startResponse(t.db, resident, consultation.id)).ok).toBe(true);
    const questions = await t.db
      .selectFrom("consultation_questions as q")
      .innerJoin("consultation_sections as s", "s.id", "q.section_id")
      .select(["q.id", "q.kind"])
      .where("q.consultation_id", "=", consultation.id)
      .where("s.position", "=", 1)
      .orderBy("q.position")
      .execute();
    const option = await t.db.selectFrom("consultation_question_options").select("id").where("question_id", "=", questions[0]!.id).orderBy("position").executeTakeFirstOrThrow();
    const cookie = await sessionCookieFor(t.db, "resident@moot.example");
    const form = { intent: "continue", [`q${questions[0]!.id}`]: String(option.id), [`q${questions[1]!.id}`]: "4" };

    const { value: answer, queries: asked } = await count(() =>
      callRoute(respondSection, { db: counted, method: "POST", url: `/consultations/${consultation.id}/respond/1`, params: { id: String(consultation.id), section: "1" }, form, headers: { cookie } }),
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/consultations/${consultation.id}/respond/2`);
    const stored = await t.db.selectFrom("consultation_answers as a").innerJoin("consultation_responses as r", "r.id", "a.response_id").select(["a.question_id", "a.option_ids", "a.number_value"]).where("r.consultation_id", "=", consultation.id).where("r.user_id", "=", resident.user!.id).orderBy("a.question_id").execute();
    expect(stored.map((s) => [s.question_id, s.option_ids, s.number_value === null ? null : Number(s.number_value)])).toEqual([
      [questions[0]!.id, [option.id], null],
      [questions[1]!.id, [], 4],
    ]);
    console.log(`respond action: ${asked.length} queries\n  ${asked.join("\n  ")}`);
    expect(asked.length).toBeLessThanOrEqual(8);

    // The refusals the loader gave are still the action's: no such consultation is a 404 page.
    const missing = await callRoute(respondSection, { db: t.db, method: "POST", url: "/consultations/999999/respond/1", params: { id: "999999", section: "1" }, form, headers: { cookie } });
    expect(missing.status).toBe(404);
    const noPage = await callRoute(respondSection, { db: t.db, method: "POST", url: `/consultations/${consultation.id}/respond/9`, params: { id: String(consultation.id), section: "9" }, form, headers: { cookie } });
    expect(noPage.status).toBe(404);
  });

  it("saving a page of an expression of interest asks 7 queries (was 18: the action read the whole EOI again, with its history, notice, clock and evidence, to find the next page)", async () => {
    const eoi = await t.db.selectFrom("challenge_eois").select(["id", "group_id"]).where("title", "=", "Eastmere youth clubs run by the community").executeTakeFirstOrThrow();
    const cookie = await sessionCookieFor(t.db, "group@moot.example");
    const post = (section: string, form: Record<string, string>) =>
      count(() => callRoute(eoiSection, { db: counted, method: "POST", url: `/challenges/eois/${eoi.id}/${section}`, params: { id: String(eoi.id), section }, form, headers: { cookie } }));

    const { value: answer, queries: asked } = await post("capability", { capability: "Ten years of youth work on the seafront" });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/challenges/eois/${eoi.id}/outcomes`);
    expect((await t.db.selectFrom("challenge_eois").select("capability").where("id", "=", eoi.id).executeTakeFirstOrThrow()).capability).toBe("Ten years of youth work on the seafront");
    console.log(`EOI capability page: ${asked.length} queries\n  ${asked.join("\n  ")}`);
    expect(asked.length).toBeLessThanOrEqual(7);

    const later = await post("capability", { capability: "Eleven years", then: "later" });
    expect(later.value.location).toBe(`/challenges/groups/${eoi.group_id}?saved=1`);
    const check = await post("capability", { capability: "Eleven years", then: "check" });
    expect(check.value.location).toBe(`/challenges/eois/${eoi.id}`);
    expect(later.queries.length).toBeLessThanOrEqual(7);
  });

  it("the locality dashboard reads the framework trees and measure settings from memory and asks each golden-thread provider once (9 queries, was 48: every provider per outcome)", async () => {
    const locality = await t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", "northgate").executeTakeFirstOrThrow();
    const officer = await actorFor(t.db, "officer@moot.example");
    for (const actor of [VISITOR, officer]) {
      await localityDashboard(counted, actor, locality); // fills the cache
      const { value: dashboard, queries: asked } = await count(() => localityDashboard(counted, actor, locality));
      const outcomes = dashboard.frameworks.flatMap((f) => f.outcomes);
      expect(outcomes.length).toBeGreaterThan(3);
      expect(asked.filter((q) => /from "outcome_(frameworks|nodes)"/.test(q))).toEqual([]);
      // Indicator series, evidence counts and one query per thread provider for all outcomes together.
      console.log(`locality dashboard (${actor.user ? "officer" : "visitor"}): ${asked.length} queries for ${outcomes.length} outcomes`);
      expect(asked.length).toBeLessThanOrEqual(3 + THREAD_PROVIDERS.length);
      // ... and the counts are what each outcome's own page lists.
      for (const o of outcomes) {
        const page = await outcomePage(t.db, actor, o.id, locality);
        expect(o.threadCount, o.title).toBe(page!.thread.reduce((n, s) => n + s.items.length, 0));
      }
      expect(outcomes.some((o) => o.threadCount > 0)).toBe(true);
    }
  });
});

describe("cached outcome frameworks", () => {
  it("serve the trees and measures from memory until an administrator changes them, then at once", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const [framework] = await listFrameworkTrees(t.db);
    const outcome = framework!.outcomes[0]!;
    const measureId = (function first(n: typeof outcome): number | undefined {
      return n.kind === "measure" ? n.id : n.children.map(first).find(Boolean);
    })(outcome)!;
    await measureSettings(t.db);
    // Changed behind the module's back: the cached copy is still served (so it really is cached).
    await t.db.updateTable("outcome_nodes").set({ title: "Changed by hand" }).where("id", "=", outcome.id).execute();
    expect((await listFrameworkTrees(t.db))[0]!.outcomes[0]!.title).toBe(outcome.title);
    // A caller changing its copy does not change the cache.
    (await listFrameworkTrees(t.db))[0]!.outcomes[0]!.title = "Mutated";
    expect((await listFrameworkTrees(t.db))[0]!.outcomes[0]!.title).toBe(outcome.title);

    expect((await editNode(t.db, admin, { nodeId: String(outcome.id), title: "Getting around safely", description: "" })).ok).toBe(true);
    expect((await listFrameworkTrees(t.db))[0]!.outcomes[0]!.title).toBe("Getting around safely");
    expect((await setMeasure(t.db, admin, { nodeId: String(measureId), unit: "journeys", polarity: "lower_is_better", baseline: "3", target: "2" })).ok).toBe(true);
    expect((await measureSettings(t.db)).get(measureId)).toMatchObject({ unit: "journeys", polarity: "lower_is_better", baseline: 3, target: 2 });
  });
});

describe("queries per page", () => {
  it("the home page of a resident with a home locality reads 'what is open' once (9 queries, was 15: every provider asked twice, 12 of them)", async () => {
    const cookie = await sessionCookieFor(t.db, "resident@moot.example");
    const { value: page, queries: asked } = await count(() => callRoute<{ home: { open: unknown[] } | null; open: unknown[] }>(homePage, { db: counted, url: "/", headers: { cookie } }));
    expect(page.status).toBe(200);
    expect(page.data.home, "the resident has a home locality").not.toBeNull();
    // Session, council, localities, and each provider once: consultations, polls, meetings, and
    // Right to Challenge's services with their outcomes and windows (3).
    expect(asked.length).toBeLessThanOrEqual(9);
  });
});

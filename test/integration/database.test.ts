import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { seed } from "../../db/seed/index";
import { DEMO_ACCOUNTS, FRAMEWORKS, LOCALITIES } from "../../db/seed/foundation";
import { ROLE_NAMES } from "../../db/schema";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ empty: true });

async function counts() {
  const tables = ["council", "localities", "users", "role_grants", "outcome_frameworks", "outcome_nodes"] as const;
  const result: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

describe("migrations and seed", () => {
  it("migrate from an empty database applies every migration in order, then nothing", async () => {
    const first = await migrateToLatest(t.db);
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((name) => [name, "Success"]));
    const second = await migrateToLatest(t.db);
    expect(second.results).toEqual([]);
  });

  it("creates the status enums in the database", async () => {
    const { rows } = await sql<{ label: string }>`SELECT unnest(enum_range(NULL::role_name))::text AS label`.execute(t.db);
    expect(rows.map((r) => r.label)).toEqual([...ROLE_NAMES]);
  });

  it("creates the table the Socket.IO PostgreSQL adapter needs", async () => {
    const { rows } = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'socket_io_attachments' ORDER BY ordinal_position`.execute(t.db);
    expect(rows.map((r) => r.column_name)).toEqual(["id", "created_at", "payload"]);
  });

  it("seeds a council, four localities, a demo account for every role and two outcome frameworks", async () => {
    await seed(t.db);
    const c = await counts();
    expect(c.council).toBe(1);
    expect(c.localities).toBe(LOCALITIES.length);
    expect(LOCALITIES).toHaveLength(4);
    const emails = (await t.db.selectFrom("users").select("email").execute()).map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(DEMO_ACCOUNTS.map((a) => a.email)));
    const roles = await t.db.selectFrom("role_grants").select("role").distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLE_NAMES].sort());
    expect(c.outcome_frameworks).toBe(2);
    const outcomes = await t.db.selectFrom("outcome_nodes").select("title").where("kind", "=", "outcome").orderBy("id").execute();
    expect(outcomes.map((o) => o.title)).toEqual(FRAMEWORKS.flatMap((f) => f.outcomes.map((o) => o.title)));
    expect(outcomes.map((o) => o.title)).toEqual(expect.arrayContaining(["Your money", "Your health", "Your life", "Your environment", "Your council", "Start of life", "Later life"]));
  });

  it("seeding again adds nothing and changes nothing", async () => {
    const before = await counts();
    const nodesBefore = await t.db.selectFrom("outcome_nodes").selectAll().orderBy("id").execute();
    await seed(t.db);
    expect(await counts()).toEqual(before);
    expect(await t.db.selectFrom("outcome_nodes").selectAll().orderBy("id").execute()).toEqual(nodesBefore);
  });

  it("keeps an edited council name when seeding again", async () => {
    await t.db.updateTable("council").set({ name: "Renamed Council" }).execute();
    await seed(t.db);
    expect((await t.db.selectFrom("council").select("name").executeTakeFirstOrThrow()).name).toBe("Renamed Council");
  });
});

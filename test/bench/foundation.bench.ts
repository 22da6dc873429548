/** Foundation: how long the home page's data and a session check take. */
import { identify, startSession } from "../../app/modules/auth/session.server";
import { listLocalities } from "../../app/modules/localities/localities.server";
import { listFrameworkTrees } from "../../app/modules/outcomes/outcomes.server";
import { percentile, printTable, time, withBenchDatabase } from "./support";

await withBenchDatabase(async ({ db }) => {
  const user = await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirstOrThrow();
  const cookie = (await startSession(db, user.id, { secure: false })).split(";")[0]!;
  const rows = [];
  for (const [name, fn] of [
    ["identify session + roles", () => identify(db, cookie, { secure: false })],
    ["list localities", () => listLocalities(db)],
    ["outcome framework trees", () => listFrameworkTrees(db)],
  ] as const) {
    const samples = await time(fn, 200, 20);
    rows.push({ operation: name, "p50 ms": percentile(samples, 50).toFixed(2), "p99 ms": percentile(samples, 99).toFixed(2) });
  }
  printTable("Foundation request building blocks (200 runs each)", rows);
});

/** npm run db:migrate | db:seed | db:reset */
import { sql } from "kysely";
import { createDatabase } from "./client";
import { locateDatabase } from "./config";
import { migrateToLatest } from "./migrate";
import { seed } from "./seed/index";

const command = process.argv[2];
if (!["migrate", "seed", "reset"].includes(command ?? "")) {
  console.error("Usage: db/cli.ts migrate|seed|reset");
  process.exit(2);
}

const location = await locateDatabase();
const { db, close } = createDatabase(location.url);
try {
  if (command === "reset") {
    await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`.execute(db);
    console.log("Dropped every table.");
  }
  const result = await migrateToLatest(db);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Migrations: up to date.");
  if (command !== "migrate") {
    await seed(db);
    console.log("Demo data loaded.");
  }
} finally {
  await close();
  await location.embedded?.stop();
}

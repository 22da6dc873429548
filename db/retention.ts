/**
 * The retention job: `node --import tsx db/retention.ts` (npm run retention). Anonymises the
 * personal data of consultation responses past their consultation's retention date.
 */
import { anonymiseExpiredResponses } from "../app/modules/consultations/retention.server";
import { createDatabase } from "./client";
import { locateDatabase } from "./config";
import { migrateToLatest } from "./migrate";

const location = await locateDatabase();
const { db, close } = createDatabase(location.url);
try {
  await migrateToLatest(db);
  const result = await anonymiseExpiredResponses(db, new Date());
  console.log(`Retention: anonymised ${result.anonymised} responses and deleted ${result.draftsDeleted} unsubmitted drafts past their retention date.`);
} finally {
  await close();
  await location.embedded?.stop();
}

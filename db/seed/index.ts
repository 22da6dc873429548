/**
 * Load the demo data. Safe to run again: each feature's seed only adds what is missing.
 * Features add their own seed step to SEED_STEPS, after the ones they depend on.
 */
import { sql } from "kysely";
import { hashPassword } from "../../app/modules/auth/password.server";
import type { Database } from "../client";
import { DEMO_PASSWORD, seedFoundation } from "./foundation";
import { seedConsultations } from "./consultations";
import { seedFeeds } from "./feeds";
import { seedBoards } from "./boards";
import { seedChallenges } from "./challenges";
import { seedEvidence } from "./evidence";
import { seedBoardThreads } from "./board-threads";
import { seedConsultationThreads } from "./consultation-threads";
import { seedGovernance } from "./governance";
import { seedProviders } from "./providers";
import { seedCommissioning } from "./commissioning";
import { seedMarket } from "./market";

import type { SeedContext } from "./context";

export type { SeedContext };

const SEED_STEPS: { name: string; run: (db: Database, context: SeedContext) => Promise<void> }[] = [
  { name: "foundation", run: seedFoundation },
  { name: "consultations", run: seedConsultations },
  { name: "feeds", run: seedFeeds },
  { name: "boards", run: seedBoards },
  { name: "challenges", run: seedChallenges },
  { name: "evidence", run: seedEvidence },
  { name: "board-threads", run: seedBoardThreads },
  { name: "consultation threads", run: seedConsultationThreads },
  { name: "governance", run: seedGovernance },
  { name: "providers", run: seedProviders },
  { name: "commissioning", run: seedCommissioning },
  { name: "market", run: seedMarket },
];

export async function seed(db: Database, options: { now?: Date } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    // One seed at a time, even if two processes start together.
    await sql`SELECT pg_advisory_xact_lock(727274)`.execute(trx);
    for (const step of SEED_STEPS) await step.run(trx, { passwordHash, now: options.now ?? new Date() });
  });
}

/** True when the database has no council yet: `npm start` seeds only then. */
export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.selectFrom("council").select("id").executeTakeFirst();
  return !row;
}

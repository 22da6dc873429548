// Delivery-plan milestones can be edited (issue 17): a milestone done after its due date, or still
// not done past it, carries the reason it is late, which the public sees with the plan.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE commissioning_milestones ADD COLUMN late_reason text NOT NULL DEFAULT ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE commissioning_milestones DROP COLUMN late_reason`.execute(db);
}

// One bank-holiday table for the whole council: the Right to Challenge clock now reads
// bank_holidays (kept by admins on /admin/bank-holidays) like the boards' notice rule does.
// Any day only the challenges' copy had is kept. Frozen once landed.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO bank_holidays (day, title)
      SELECT day, COALESCE(NULLIF(left(btrim(title), 100), ''), 'Bank holiday') FROM challenge_bank_holidays
      ON CONFLICT (day) DO NOTHING;
    DROP TABLE challenge_bank_holidays;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE challenge_bank_holidays (
      day date PRIMARY KEY,
      title text NOT NULL
    );
    INSERT INTO challenge_bank_holidays (day, title) SELECT day, title FROM bank_holidays;
  `.execute(db);
}

// Equality monitoring (issue 15): the questions councils' forms usually carry besides the six
// already asked — gender identity (the ONS 2021 census question), unpaid caring, and marital or
// civil partnership status. Each is optional, like the others, so the columns allow NULL
// (not answered); the answers are checked against the listed options by the module's schema.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE consultation_equality
      ADD COLUMN gender_identity text,
      ADD COLUMN unpaid_carer text,
      ADD COLUMN marital_status text
  `.execute(db);
}

/** Build the Actor a request from this person would carry (user + grants), for module tests. */
import type { Database } from "../../db/client";
import { loadGrants } from "../../app/modules/auth/session.server";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { hashPassword } from "../../app/modules/auth/password.server";

export async function actorFor(db: Database, email: string | null): Promise<Actor> {
  if (!email) return VISITOR;
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "display_name", "home_locality_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, homeLocalityId: user.home_locality_id },
    grants: await loadGrants(db, user.id),
  };
}

let counter = 0;
let cachedHash: Promise<string> | null = null;

/** A new resident with a unique email (and optional roles), returned as an Actor. */
export async function newResident(db: Database, name = "Test Resident"): Promise<Actor> {
  cachedHash ??= hashPassword("correct horse battery staple");
  const locality = await db.selectFrom("localities").select("id").orderBy("id").executeTakeFirst();
  const email = `resident-${process.pid}-${Date.now()}-${counter++}@test.example`;
  await db
    .insertInto("users")
    .values({ email, display_name: name, password_hash: await cachedHash, home_locality_id: locality?.id ?? null })
    .execute();
  return actorFor(db, email);
}

export const TEST_PASSWORD = "correct horse battery staple";

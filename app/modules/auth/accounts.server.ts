/** Registration, signing in and account changes. Each returns a Result; nothing here throws for bad input. */
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { identityChanged } from "../../lib/effects";
import { fail, ok, type Result } from "../../lib/result";
import { decide, type Actor } from "../permissions/permissions";
import { hashPassword, verifyPassword } from "./password.server";
import { accountDetailsSchema, changePasswordSchema, registerSchema, signInSchema } from "./schema";
import { endOtherSessions } from "./session.server";
import { audit } from "../audit/audit.server";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "./common-passwords.server";
import { beginSignIn, registrationBlocked, signInSucceeded } from "./throttle.server";

async function localityOf(db: Database, id: number): Promise<{ slug: string } | undefined> {
  return db.selectFrom("localities").select("slug").where("id", "=", id).executeTakeFirst();
}

/** What the audit log calls a registration with an email that already has an account. */
export const REGISTERED_AGAIN = "account.registration-with-your-email";

/**
 * Create an account. Says the same whether or not the email already has one (OWASP ASVS 4
 * V2.2 / account enumeration): nobody is signed in here, and on an email already in use nothing
 * changes, the time taken is the same (the password is hashed either way) and the account's owner
 * finds a notice on their account page. See docs/decisions/0020-*.md.
 */
export async function register(
  db: Database,
  actor: Actor,
  input: unknown,
  context: { address: string },
): Promise<Result<{ localitySlug: string }>> {
  if (actor.user) return fail("You are already signed in. Sign out to create another account.", 409);
  const parsed = validate(registerSchema, input);
  if (!parsed.ok) return parsed;
  const { email, displayName, homeLocalityId, password } = parsed.value;
  const locality = await localityOf(db, homeLocalityId);
  if (!locality) return fail({ homeLocalityId: "Select the area you live in" });
  if (isCommonPassword(password)) return fail({ password: COMMON_PASSWORD_MESSAGE });
  const blocked = await registrationBlocked(db, context.address);
  if (blocked) return fail(blocked, 429);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("users")
      .values({ email, display_name: displayName, home_locality_id: homeLocalityId, password_hash: passwordHash })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (created) return;
    const owner = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    await audit(trx, actor, REGISTERED_AGAIN, `user:${owner.id}`, { userId: owner.id });
  });
  // Only what the person chose in the form: the answer reveals nothing about the email.
  return ok({ localitySlug: locality.slug });
}

/** Times someone tried to create an account with this person's email, newest first (last 90 days). */
export async function registrationNotices(db: Database, actor: Actor): Promise<Date[]> {
  if (!actor.user) return [];
  const rows = await db
    .selectFrom("audit_log")
    .select("at")
    .where("action", "=", REGISTERED_AGAIN)
    .where("subject", "=", `user:${actor.user.id}`)
    .where("at", ">", new Date(Date.now() - 90 * 86_400_000))
    .orderBy("at", "desc")
    .limit(10)
    .execute();
  return rows.map((r) => r.at);
}

// Verifying against a dummy hash keeps the time taken the same whether or not the email exists.
let dummyHash: Promise<string> | null = null;

export async function signIn(
  db: Database,
  input: unknown,
  context: { address: string },
): Promise<Result<{ userId: number }>> {
  const parsed = validate(signInSchema, input);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.value;
  const blocked = await beginSignIn(db, email, context.address);
  if (blocked) return fail(blocked, 429);
  const user = await db.selectFrom("users").select(["id", "password_hash"]).where("email", "=", email).executeTakeFirst();
  dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
  const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !valid) return fail("Enter a correct email address and password"); // the attempt stays counted
  await signInSucceeded(db, email, context.address);
  return ok({ userId: user.id });
}

export async function updateAccountDetails(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const allowed = decide(actor, "account.manage");
  if (!allowed.ok || !actor.user) return fail(allowed.ok ? "Sign in to do this" : allowed.message, 403);
  const parsed = validate(accountDetailsSchema, input);
  if (!parsed.ok) return parsed;
  if (!(await localityOf(db, parsed.value.homeLocalityId))) return fail({ homeLocalityId: "Select the area you live in" });
  await db
    .updateTable("users")
    .set({ display_name: parsed.value.displayName, home_locality_id: parsed.value.homeLocalityId, updated_at: new Date() })
    .where("id", "=", actor.user.id)
    .execute();
  return ok(null);
}

/** Change the password and sign out every other session of this person, in one transaction. */
export async function changePassword(
  db: Database,
  actor: Actor,
  input: unknown,
  context: { sessionId: string | null },
): Promise<Result<null>> {
  if (!actor.user) return fail("Sign in to do this", 403);
  const parsed = validate(changePasswordSchema, input);
  if (!parsed.ok) return parsed;
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", actor.user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, parsed.value.currentPassword))) {
    return fail({ currentPassword: "Your current password is not correct" });
  }
  if (isCommonPassword(parsed.value.newPassword)) return fail({ newPassword: COMMON_PASSWORD_MESSAGE });
  const passwordHash = await hashPassword(parsed.value.newPassword);
  const userId = actor.user.id;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", userId).execute();
    await endOtherSessions(trx, userId, context.sessionId);
  });
  return ok(null, [identityChanged(userId)]);
}

/** Registration, signing in and account changes. Each returns a Result; nothing here throws for bad input. */
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { identityChanged } from "../../lib/effects";
import { fail, ok, type Result } from "../../lib/result";
import { decide, type Actor } from "../permissions/permissions";
import { hashPassword, verifyPassword } from "./password.server";
import { accountDetailsSchema, changePasswordSchema, registerSchema, signInSchema } from "./schema";
import { endOtherSessions } from "./session.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlocked } from "./throttle.server";

async function localityExists(db: Database, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom("localities").select("id").where("id", "=", id).executeTakeFirst());
}

const UNIQUE_VIOLATION = "23505";

export async function register(db: Database, actor: Actor, input: unknown): Promise<Result<{ userId: number }>> {
  if (actor.user) return fail("You are already signed in. Sign out to create another account.", 409);
  const parsed = validate(registerSchema, input);
  if (!parsed.ok) return parsed;
  const { email, displayName, homeLocalityId, password } = parsed.value;
  if (!(await localityExists(db, homeLocalityId))) return fail({ homeLocalityId: "Select the area you live in" });
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.transaction().execute((trx) =>
      trx
        .insertInto("users")
        .values({ email, display_name: displayName, home_locality_id: homeLocalityId, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    return ok({ userId: user.id });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      return fail({ email: "An account already uses this email address. Sign in instead, or use another email address" }, 409);
    }
    throw error;
  }
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
  const blocked = await signInBlocked(db, email, context.address);
  if (blocked) return fail(blocked, 429);
  const user = await db.selectFrom("users").select(["id", "password_hash"]).where("email", "=", email).executeTakeFirst();
  dummyHash ??= hashPassword("not-a-real-password-just-for-timing");
  const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !valid) {
    await recordFailedSignIn(db, email, context.address);
    return fail("Enter a correct email address and password");
  }
  await clearFailedSignIns(db, email);
  return ok({ userId: user.id });
}

export async function updateAccountDetails(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const allowed = decide(actor, "account.manage");
  if (!allowed.ok || !actor.user) return fail(allowed.ok ? "Sign in to do this" : allowed.message, 403);
  const parsed = validate(accountDetailsSchema, input);
  if (!parsed.ok) return parsed;
  if (!(await localityExists(db, parsed.value.homeLocalityId))) return fail({ homeLocalityId: "Select the area you live in" });
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
  const passwordHash = await hashPassword(parsed.value.newPassword);
  const userId = actor.user.id;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", userId).execute();
    await endOtherSessions(trx, userId, context.sessionId);
  });
  return ok(null, [identityChanged(userId)]);
}

/** The council's own settings and its localities, edited by administrators. */
import type { Database } from "../../../db/client";
import { validate } from "../../lib/forms";
import { fail, ok, type Result } from "../../lib/result";
import { audit } from "../audit/audit.server";
import { forget } from "../../lib/cache.server";
import { COUNCIL_CACHE_KEY, LOCALITIES_CACHE_KEY } from "../localities/localities.server";
import { decide, type Actor } from "../permissions/permissions";
import { councilSettingsSchema, localitySchema, slugify } from "./schema";

export async function updateCouncilSettings(db: Database, actor: Actor, input: unknown): Promise<Result<null>> {
  const allowed = decide(actor, "council.configure");
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(councilSettingsSchema, input);
  if (!parsed.ok) return parsed;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("council")
      .set({ name: parsed.value.name, service_name: parsed.value.serviceName, contact_email: parsed.value.contactEmail, updated_at: new Date() })
      .where("id", "=", 1)
      .execute();
    await audit(trx, actor, "council.updated", "council:1", parsed.value);
  });
  forget(db, COUNCIL_CACHE_KEY);
  return ok(null);
}

export async function addLocality(db: Database, actor: Actor, input: unknown): Promise<Result<{ slug: string }>> {
  const allowed = decide(actor, "council.configure");
  if (!allowed.ok) return fail(allowed.message, 403);
  const parsed = validate(localitySchema, input);
  if (!parsed.ok) return parsed;
  const slug = slugify(parsed.value.name);
  if (!slug) return fail({ name: "The name must contain letters or numbers" });
  const result = await db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom("localities")
      .select("id")
      .where((eb) => eb.or([eb("slug", "=", slug), eb(eb.fn("lower", ["name"]), "=", parsed.value.name.toLowerCase())]))
      .executeTakeFirst();
    if (clash) return fail({ name: "There is already a locality with this name" }, 409);
    await trx.insertInto("localities").values({ slug, name: parsed.value.name, description: parsed.value.description }).execute();
    await audit(trx, actor, "locality.added", `locality:${slug}`, parsed.value);
    return ok({ slug });
  });
  if (result.ok) forget(db, LOCALITIES_CACHE_KEY);
  return result;
}

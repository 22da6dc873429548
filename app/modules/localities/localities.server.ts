import type { Database } from "../../../db/client";
import { cached } from "../../lib/cache.server";

/** Cache keys: app/modules/council forgets them when an administrator changes them. */
export const COUNCIL_CACHE_KEY = "council";
export const LOCALITIES_CACHE_KEY = "localities";

/** The council's settings (every page's header reads them; cached, see app/lib/cache.server.ts). */
export async function getCouncil(db: Database) {
  const council = await cached(db, COUNCIL_CACHE_KEY, () => db.selectFrom("council").selectAll().where("id", "=", 1).executeTakeFirstOrThrow());
  return { ...council };
}

/** Every locality by name (cached, see app/lib/cache.server.ts). */
export async function listLocalities(db: Database) {
  const localities = await cached(db, LOCALITIES_CACHE_KEY, () => db.selectFrom("localities").select(["id", "slug", "name", "description"]).orderBy("name").execute());
  return localities.map((l) => ({ ...l }));
}

export function findLocalityBySlug(db: Database, slug: string) {
  return db.selectFrom("localities").select(["id", "slug", "name", "description"]).where("slug", "=", slug).executeTakeFirst();
}

import type { Database } from "../../../db/client";

export function getCouncil(db: Database) {
  return db.selectFrom("council").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
}

export function listLocalities(db: Database) {
  return db.selectFrom("localities").select(["id", "slug", "name", "description"]).orderBy("name").execute();
}

export function findLocalityBySlug(db: Database, slug: string) {
  return db.selectFrom("localities").select(["id", "slug", "name", "description"]).where("slug", "=", slug).executeTakeFirst();
}

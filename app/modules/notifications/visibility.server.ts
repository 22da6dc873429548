/**
 * Is what an event is about still public? Checked when the worker expands an event to followers
 * (it may be minutes or, for a digest, hours after the change): followers are people with only an
 * e-mail address, so they hear only about what a visitor could see. Returns why not, or null.
 */
import type { Database } from "../../../db/client";
import type { EventAbout } from "../../../db/tables/notifications";

const PUBLIC_CONSULTATION = ["scheduled", "open", "closed", "results_published"];

export async function whyNotPublic(db: Database, kind: EventAbout, id: number): Promise<string | null> {
  switch (kind) {
    case "consultation": {
      const c = await db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirst();
      return !c ? "The consultation no longer exists" : PUBLIC_CONSULTATION.includes(c.status) ? null : `The consultation is not public (${c.status})`;
    }
    case "comment": {
      const c = await db
        .selectFrom("comments as c")
        .innerJoin("feeds as f", "f.id", "c.feed_id")
        .leftJoin("agenda_items as a", (j) => j.onRef("a.id", "=", "f.subject_id").on("f.subject_kind", "=", "agenda_item"))
        .select(["c.state", "a.exempt_paragraph"])
        .where("c.id", "=", id)
        .executeTakeFirst();
      if (!c) return "The comment no longer exists";
      if (c.state !== "visible") return `The comment is ${c.state}`;
      return c.exempt_paragraph != null ? "The comment is on an exempt item" : null;
    }
    case "decision": {
      const d = await db.selectFrom("decisions as d").innerJoin("agenda_items as a", "a.id", "d.agenda_item_id").select("a.exempt_paragraph").where("d.id", "=", id).executeTakeFirst();
      if (!d) return "The decision no longer exists";
      return d.exempt_paragraph != null ? "The decision is on an exempt item" : null;
    }
    case "meeting": {
      const m = await db.selectFrom("meetings").select("status").where("id", "=", id).executeTakeFirst();
      if (!m) return "The meeting no longer exists";
      return m.status === "draft" ? "The meeting is a draft" : null;
    }
  }
}

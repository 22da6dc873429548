/**
 * Demo data joining consultations to feeds and the golden thread (runs after the evidence seed):
 * the consultation with published results has a few comments in its (read-only) discussion and
 * its finding in the evidence library, tagged to its outcomes. Idempotent: each part is skipped
 * once present.
 */
import { loadGrants } from "../../app/modules/auth/session.server";
import { consultationDiscussion } from "../../app/modules/consultations/discussion.server";
import { findingForm } from "../../app/modules/consultations/findings.server";
import { cite } from "../../app/modules/evidence/evidence.server";
import type { Database } from "../client";
import { CLOSED_TITLE } from "./consultations";
import type { SeedContext } from "./context";

const HOUR = 60 * 60 * 1000;

export async function seedConsultationThreads(db: Database, _context: SeedContext): Promise<void> {
  const c = await db.selectFrom("consultations").select(["id", "title", "status", "whole_council", "closes_at"]).where("title", "=", CLOSED_TITLE).executeTakeFirst();
  const users = Object.fromEntries((await db.selectFrom("users").select(["id", "email", "display_name", "home_locality_id"]).execute()).map((u) => [u.email, u]));
  const officer = users["officer@moot.example"];
  const resident = users["resident@moot.example"];
  const member = users["member@moot.example"];
  if (!c || !officer || !resident || !member) return;

  // The discussion (read-only, as the consultation has closed): a few comments from while it was open.
  const localityIds = (await db.selectFrom("consultation_localities").select("locality_id").where("consultation_id", "=", c.id).execute()).map((l) => l.locality_id);
  const discussion = await consultationDiscussion(db, { ...c, storedStatus: c.status, localityIds });
  if (!discussion) return;
  const { feed } = discussion;
  const hasComments = await db.selectFrom("comments").select("id").where("feed_id", "=", feed.id).executeTakeFirst();
  if (!hasComments) {
    const closesAt = c.closes_at ?? new Date();
    const post = async (author: number, body: string, hoursBeforeClose: number, parent?: { id: number; depth: number }) => {
      const row = await db
        .insertInto("comments")
        .values({ feed_id: feed.id, author_id: author, body, parent_id: parent?.id ?? null, depth: parent ? parent.depth + 1 : 0, created_at: new Date(closesAt.getTime() - hoursBeforeClose * HOUR) })
        .returning(["id", "depth"])
        .executeTakeFirstOrThrow();
      await db.insertInto("feed_events").values({ feed_id: feed.id, kind: "comment.posted", comment_id: row.id }).execute();
      return row;
    };
    const saturday = await post(resident.id, "Saturdays would let me come with the children. On Wednesdays I am at work until six.", 400);
    await post(member.id, "Traders on the board said the same: Saturday footfall in Northgate is twice the weekday figure.", 380, saturday);
    await post(resident.id, "Please keep some stalls near the bus stops, for people who cannot walk far.", 200);
  }

  // The finding, prefilled as the officer's form would be.
  const actor = { user: { id: officer.id, email: officer.email, displayName: officer.display_name, homeLocalityId: officer.home_locality_id }, grants: await loadGrants(db, officer.id) };
  const form = await findingForm(db, actor, c.id, `https://fenwold.example/consultations/${c.id}/results`);
  if (!form.ok || form.value.recorded) return;
  const v = form.value.values;
  const outcomeNodeIds = v.outcomeNodeIds.map(Number);
  const row = await db
    .insertInto("evidence_items")
    .values({
      title: v.title,
      type: "consultation_finding",
      summary: v.summary,
      source_organisation: (await db.selectFrom("council").select("name").executeTakeFirst())?.name ?? "The council",
      source_url: v.sourceUrl,
      period_start: v.periodStart,
      period_end: v.periodEnd || v.periodStart,
      locality_id: v.localityId ? Number(v.localityId) : null,
      stage: "analyse",
      confidence: "moderate",
      visibility: "public",
      created_by: officer.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (outcomeNodeIds.length) await db.insertInto("evidence_item_outcomes").values(outcomeNodeIds.map((id) => ({ evidence_item_id: row.id, outcome_node_id: id }))).execute();
  await cite(db, { citingKind: "consultation", citingId: c.id, evidenceItemIds: [row.id], outcomeNodeIds });
}

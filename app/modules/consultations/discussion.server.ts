/**
 * Residents' discussion on a consultation page: the consultation's live feed (docs/realtime.md).
 * Anyone may read it once the consultation is public; signed-in residents post, reply, react and
 * vote; officers open quick polls. When the consultation closes, the discussion becomes
 * read-only: closing pauses the feed in the same transaction (`recordMove`), so every way of
 * writing — the page's forms and the socket events — is refused by the feed module itself.
 */
import type { Database } from "../../../db/client";
import { getOrCreateFeed } from "../feeds/feeds.server";
import type { FeedSummary } from "../feeds/types";
import type { Effect } from "../../lib/effects";
import { recordDueMoves } from "./consultations.server";
import type { ConsultationStatus } from "../../../db/tables/consultations";
import { isClosed } from "./transitions";

export const DISCUSSION_CLOSED = "This consultation has closed, so its discussion is read-only. You can still read everything that was said.";

export interface DiscussionSubject {
  id: number;
  title: string;
  /** The consultation's status now (effectiveStatus). */
  status: ConsultationStatus;
  /** The status stored in the database (the clock may not have recorded the close yet). */
  storedStatus: ConsultationStatus;
  localityIds: number[];
  whole_council: boolean;
}

export { isClosed };

/**
 * The consultation's discussion feed, created the first time it is asked for (already paused if
 * the consultation has closed). It starts when the consultation opens: drafts are not public, and
 * a scheduled one can still go back to draft, which would leave a public feed named after a draft. If the close time has
 * passed but the clock has not recorded it, it is recorded now, so nobody can post after the
 * close. Returns the effects to settle (the pause, if it happened now).
 */
export async function consultationDiscussion(db: Database, c: DiscussionSubject, now = new Date()): Promise<{ feed: FeedSummary; closed: boolean; effects: Effect[] } | null> {
  if (c.status === "draft" || c.status === "scheduled") return null;
  const effects = c.status !== c.storedStatus ? await recordDueMoves(db, c.id, now) : [];
  const closed = isClosed(c.status);
  // A feed has one locality: a consultation for one locality is moderated there; others council-wide.
  const localityId = !c.whole_council && c.localityIds.length === 1 ? c.localityIds[0]! : null;
  const feed = await getOrCreateFeed(db, { kind: "consultation", id: c.id, title: `${c.title}: discussion`, localityId, paused: closed });
  return { feed, closed, effects };
}

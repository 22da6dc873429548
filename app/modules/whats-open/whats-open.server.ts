/**
 * "What is open now": the home page and each locality page ask every feature for the things a
 * resident can take part in. A feature joins by adding one provider to PROVIDERS.
 */
import type { Database } from "../../../db/client";
import { consultationsOpenNow } from "../consultations/consultations.server";
import { openPolls } from "../feeds/whats-open.server";
import { challengeWindows } from "../challenges/whats-open.server";
import { upcomingMeetings } from "../meetings/whats-open.server";
import type { OpenThing, WhatsOpenProvider } from "./provider.server";

export type { OpenThing, WhatsOpenProvider } from "./provider.server";

/** Features register here as they land (consultations, meetings, Right to Challenge windows). */
export const PROVIDERS: WhatsOpenProvider[] = [
  consultationsOpenNow,
  openPolls,
  challengeWindows,
  upcomingMeetings,
];

export async function whatsOpen(db: Database, filter: { localityId: number | null; now?: Date }): Promise<OpenThing[]> {
  const now = filter.now ?? new Date();
  const lists = await Promise.all(PROVIDERS.map((p) => p.list(db, { localityId: filter.localityId, now })));
  return lists.flat();
}

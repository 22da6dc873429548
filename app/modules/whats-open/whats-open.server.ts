/**
 * "What is open now": the home page and each locality page ask every feature for the things a
 * resident can take part in. A feature joins by adding one provider to PROVIDERS.
 */
import type { Database } from "../../../db/client";
import { consultationsOpenNow } from "../consultations/consultations.server";
import { openPolls } from "../feeds/whats-open.server";
import { challengeWindows } from "../challenges/whats-open.server";
import { upcomingMeetings } from "../meetings/whats-open.server";

export interface OpenThing {
  /** e.g. "Consultation", "Board meeting" */
  kind: string;
  title: string;
  href: string;
  /** e.g. "Closes 12 January 2027" */
  detail: string;
  localityNames: string[];
}

export interface WhatsOpenProvider {
  kind: string;
  list(db: Database, filter: { localityId: number | null; now: Date }): Promise<OpenThing[]>;
}

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

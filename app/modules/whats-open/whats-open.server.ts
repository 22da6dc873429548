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

/**
 * The home page's two lists — everything open across the council, and what is open in the
 * person's home locality — each equal to `whatsOpen` with that filter, from one reading per
 * provider where the provider can (it used to ask every provider twice: 12 of the page's queries).
 */
export async function whatsOpenWithHome(db: Database, filter: { home: number | null; now?: Date }): Promise<{ open: OpenThing[]; openHere: OpenThing[] }> {
  const now = filter.now ?? new Date();
  const home = filter.home;
  if (home === null) return { open: await whatsOpen(db, { localityId: null, now }), openHere: [] };
  const lists = await Promise.all(
    PROVIDERS.map(async (p) =>
      p.listWithHome
        ? p.listWithHome(db, { home, now })
        : { all: await p.list(db, { localityId: null, now }), here: await p.list(db, { localityId: home, now }) },
    ),
  );
  return { open: lists.flatMap((l) => l.all), openHere: lists.flatMap((l) => l.here) };
}

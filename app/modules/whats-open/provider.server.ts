/**
 * What a "what is open now" provider is (PROVIDERS in whats-open.server.ts). Providers import
 * this, never the registry, so the registry alone imports the providers.
 */
import type { Database } from "../../../db/client";

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
  /**
   * Optional: the council-wide list and the one for a locality (what `list` gives for
   * `localityId: null` and for `localityId: home`) from one reading, for the home page.
   */
  listWithHome?(db: Database, filter: { home: number; now: Date }): Promise<{ all: OpenThing[]; here: OpenThing[] }>;
}

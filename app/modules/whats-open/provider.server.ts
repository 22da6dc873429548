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
}

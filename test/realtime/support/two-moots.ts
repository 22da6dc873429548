/**
 * Two Moot servers on one test database (as two Node processes behind a load balancer would be),
 * started before the file's tests and closed after, with the sockets the tests opened.
 */
import { afterAll, beforeAll } from "vitest";
import { startMoot, type Moot } from "../../../server";
import type { TestDatabase } from "../../support/db";
import type { FeedSocket } from "./feed-clients";

export function useTwoMoots(t: { readonly handle: TestDatabase }): { readonly a: Moot; readonly b: Moot; readonly sockets: FeedSocket[] } {
  const pair = { sockets: [] as FeedSocket[] } as { a: Moot; b: Moot; sockets: FeedSocket[] };
  beforeAll(async () => {
    pair.a = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none" });
    pair.b = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none" });
    // Let the adapters see each other (heartbeats) before counting across them.
    await new Promise((r) => setTimeout(r, 500));
  });
  afterAll(async () => {
    for (const s of pair.sockets) s.close();
    await Promise.all([pair.a?.close(), pair.b?.close()]);
  });
  return pair;
}

/**
 * One Moot server (no Remix: sockets and the write path) on the file's test database, started
 * before the file's tests and closed after, with the sockets the tests put in `sockets`.
 * For two servers on one database see two-moots.ts.
 *
 *   const t = useTestDatabase({ seeded: true });
 *   const server = useMoot(t);
 *   … clientAs(server.moot.url, t.db, email) …
 */
import { afterAll, beforeAll } from "vitest";
import { startMoot, type Moot, type MootOptions } from "../../../server";
import type { TestDatabase } from "../../support/db";

/** Anything with `close()`: a feed client or a raw socket.io-client socket. */
interface Closable {
  close(): unknown;
}

export function useMoot(t: { readonly handle: TestDatabase }, options: Partial<Omit<MootOptions, "databaseUrl">> = {}): { readonly moot: Moot; readonly sockets: Closable[] } {
  let moot: Moot | undefined;
  const sockets: Closable[] = [];
  beforeAll(async () => {
    moot = await startMoot({ port: 0, remix: "none", ...options, databaseUrl: t.handle.url });
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    await moot?.close();
  });
  return {
    get moot() {
      if (!moot) throw new Error("The Moot server is not started: use it inside a test or hook");
      return moot;
    },
    sockets,
  };
}

import { describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { signOut, startSession } from "../../app/modules/auth/session.server";
import { grantRole, revokeRole } from "../../app/modules/roles/roles.server";
import { settle } from "../../app/lib/effects.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/lib/socket-events";
import { startMoot } from "../../server";
import { useMoot } from "./support/one-moot";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const server = useMoot(t);

function client(headers: Record<string, string> = {}): Socket<ServerToClientEvents, ClientToServerEvents> {
  return connect(server.moot.url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
}

describe("socket handshake", () => {
  it("knows the signed-in person from the session cookie", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const cookie = (await startSession(t.db, officer.user!.id, { secure: false })).split(";")[0]!;
    const socket = client({ cookie });
    const reply = await socket.timeout(5000).emitWithAck("session:whoami");
    expect(reply).toMatchObject({ ok: true, user: { id: officer.user!.id, displayName: "Omar Haddad" } });
    socket.close();
  });

  it("lets a visitor connect to watch, as nobody", async () => {
    const socket = client();
    expect(await socket.timeout(5000).emitWithAck("session:whoami")).toEqual({ ok: true, user: null, roles: [] });
    socket.close();
  });

  it("refuses a browser connection from another website", async () => {
    const socket = client({ origin: "https://evil.example" });
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toMatch(/Origin not allowed|websocket error/);
    socket.close();
  });
});

describe("a socket's identity follows the session", () => {
  const cookieFor = async (userId: number) => (await startSession(t.db, userId, { secure: false })).split(";")[0]!;
  const whoami = (socket: Socket<ServerToClientEvents, ClientToServerEvents>) => socket.timeout(5000).emitWithAck("session:whoami");

  it("becomes a visitor when that session signs out, while the person's other session stays signed in", async () => {
    const person = await newResident(t.db, "Sign Out Tester");
    const [first, second] = [await cookieFor(person.user!.id), await cookieFor(person.user!.id)];
    const [a, b] = [client({ cookie: first }), client({ cookie: second })];
    expect(await whoami(a)).toMatchObject({ ok: true, user: { id: person.user!.id } });

    await settle(server.moot.bus, signOut(t.db, person, first.split("=")[1]!, { secure: false }));

    expect(await whoami(a)).toEqual({ ok: true, user: null, roles: [] });
    expect(await whoami(b)).toMatchObject({ ok: true, user: { id: person.user!.id } });
    a.close();
    b.close();
  });

  it("gains and loses a role without reconnecting, in every process", async () => {
    const admin = await actorFor(t.db, "admin@moot.example");
    const person = await newResident(t.db, "Role Tester");
    const other = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none" });
    try {
      const cookie = await cookieFor(person.user!.id);
      const here = client({ cookie });
      const there = connect(other.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true }) as Socket<ServerToClientEvents, ClientToServerEvents>;
      expect(await whoami(here)).toMatchObject({ roles: [] });

      const granted = await settle(server.moot.bus, grantRole(t.db, admin, { email: person.user!.email, role: "moderator", scope: "council", localityId: "", boardId: "" }));
      if (!granted.ok) throw new Error(JSON.stringify(granted));
      expect(await whoami(here)).toMatchObject({ roles: ["moderator"] });
      // the other process hears about it through the PostgreSQL adapter
      await expect.poll(async () => (await whoami(there)) as unknown, { timeout: 15_000 }).toMatchObject({ roles: ["moderator"] });

      const revoked = await settle(server.moot.bus, revokeRole(t.db, admin, { grantId: String(granted.value.grantId) }));
      expect(revoked.ok).toBe(true);
      expect(await whoami(here)).toMatchObject({ roles: [] });
      await expect.poll(async () => (await whoami(there)) as unknown, { timeout: 15_000 }).toMatchObject({ roles: [] });
      here.close();
      there.close();
    } finally {
      await other.close();
    }
  });
});

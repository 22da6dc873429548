import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startSession } from "../../app/modules/auth/session.server";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { startMoot, type Moot } from "../../server";
import { actorFor } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
let moot: Moot;

beforeAll(async () => {
  moot = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none" });
});
afterAll(async () => {
  await moot?.close();
});

function client(headers: Record<string, string> = {}): Socket<ServerToClientEvents, ClientToServerEvents> {
  return connect(moot.url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
}

describe("socket handshake", () => {
  it("knows the signed-in person from the session cookie", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const cookie = (await startSession(t.db, officer.user!.id, { secure: false })).split(";")[0]!;
    const socket = client({ cookie });
    const reply = await socket.timeout(5000).emitWithAck("session:whoami");
    expect(reply).toEqual({ ok: true, user: { id: officer.user!.id, displayName: "Omar Haddad" } });
    socket.close();
  });

  it("lets a visitor connect to watch, as nobody", async () => {
    const socket = client();
    expect(await socket.timeout(5000).emitWithAck("session:whoami")).toEqual({ ok: true, user: null });
    socket.close();
  });

  it("refuses a browser connection from another website", async () => {
    const socket = client({ origin: "https://evil.example" });
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toMatch(/Origin not allowed|websocket error/);
    socket.close();
  });
});

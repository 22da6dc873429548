/** Broadcasts reach clients in the order they were published, even through the PostgreSQL adapter. */
import { describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { publish } from "../../realtime/server";
import { useMoot } from "./support/one-moot";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: false });
const server = useMoot(t);

describe("publish", () => {
  it("delivers 300 broadcasts published in a row in that order", async () => {
    const client = connect(server.moot.url, { transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => client.on("connect", () => resolve()));
    server.moot.io.socketsJoin("order-test");
    await expect.poll(async () => (await server.moot.io.in("order-test").fetchSockets()).length).toBe(1);
    const received: string[] = [];
    client.on("server:notice", (p: { message: string }) => received.push(p.message));
    const sent = Array.from({ length: 300 }, (_, i) => String(i));
    for (const message of sent) publish(server.moot.io, "order-test", "server:notice", { message });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(300);
    expect(received).toEqual(sent);
    client.close();
  });
});

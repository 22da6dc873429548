/**
 * Socket flood limits count per person and per network address, never per socket, and every
 * event answers, whatever arrives: a payload where none is expected, or none where one is.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { socketAddress, SOCKET_LIMITS, TOO_MANY } from "../../realtime/limits";
import { startMoot } from "../../server";
import { useMoot } from "./support/one-moot";
import { newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { clientAs, localityFeedId, pause, type FeedSocket } from "./support/feed-clients";

const t = useTestDatabase({ seeded: true });
const server = useMoot(t);

async function sockets(n: number, email: string | null, url = server.moot.url): Promise<FeedSocket[]> {
  const made = await Promise.all(Array.from({ length: n }, () => clientAs(url, t.db, email)));
  server.sockets.push(...made);
  return made;
}

type Reply = { ok: boolean; error?: string };
const send = (socket: FeedSocket, event: string, ...payload: unknown[]) =>
  (socket.timeout(5000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<Reply> }).emitWithAck(event, ...payload);

/** `each` events on every socket, all at once; the replies. */
async function burst(all: FeedSocket[], each: number, event: string, payload: unknown): Promise<Reply[]> {
  return Promise.all(all.flatMap((s) => Array.from({ length: each }, () => send(s, event, payload))));
}
const refused = (replies: Reply[]) => replies.filter((r) => !r.ok && r.error === TOO_MANY).length;

describe("socket flood limits", () => {
  it("give a person with ten sockets the allowance of one", async () => {
    const person = await newResident(t.db, "Many Sockets");
    const feedId = await localityFeedId(t.db, "eastmere");
    const replies = await burst(await sockets(10, person.user!.email), 5, "feed:join", { feedId });
    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(SOCKET_LIMITS.perPerson);
    expect(refused(replies)).toBeGreaterThanOrEqual(50 - SOCKET_LIMITS.perPerson);
    // Another person is not held back by them.
    const [other] = await sockets(1, (await newResident(t.db, "Someone Else")).user!.email);
    expect(await send(other!, "feed:join", { feedId })).toMatchObject({ ok: true });
    // And a second later the first person may carry on.
    await pause(1100);
    const [again] = await sockets(1, person.user!.email);
    expect(await send(again!, "feed:join", { feedId })).toMatchObject({ ok: true });
  });

  it("limits meeting:join like every other event", async () => {
    const person = await newResident(t.db, "Meeting Joiner");
    const [socket] = await sockets(1, person.user!.email);
    const replies = await burst([socket!], SOCKET_LIMITS.perPerson + 10, "meeting:join", { meetingId: 999999 });
    expect(refused(replies)).toBe(10);
  });

  it("give visitors at one address one shared allowance", async () => {
    const feedId = await localityFeedId(t.db, "northgate");
    await pause(1100);
    const replies = await burst(await sockets(10, null), 8, "feed:join", { feedId });
    expect(replies.filter((r) => r.ok).length).toBeLessThanOrEqual(SOCKET_LIMITS.visitorsPerAddress);
    expect(refused(replies)).toBeGreaterThanOrEqual(80 - SOCKET_LIMITS.visitorsPerAddress);
  });

  it("put a ceiling on one network address, whoever is signed in there", async () => {
    const small = await startMoot({ databaseUrl: t.handle.url, port: 0, remix: "none", socketLimits: { perAddress: 30 } });
    try {
      const feedId = await localityFeedId(t.db, "eastmere");
      const people = await Promise.all([1, 2, 3].map((i) => newResident(t.db, `Same Wifi ${i}`)));
      const all = (await Promise.all(people.map((p) => sockets(1, p.user!.email, small.url)))).flat();
      const replies = await burst(all, 15, "feed:join", { feedId });
      expect(replies.filter((r) => r.ok).length).toBe(30);
      expect(refused(replies)).toBe(15);
      for (const s of all) s.close();
    } finally {
      await small.close();
    }
  });
});

describe("events that used to get no answer", () => {
  // The floods above used up this address's one-second allowance: start in a fresh second.
  beforeAll(() => pause(1100));

  it("session:whoami with a payload answers with an error", async () => {
    const [socket] = await sockets(1, null);
    const reply = await send(socket!, "session:whoami", { give: "me everything" });
    expect(reply).toEqual({ ok: false, error: "session:whoami takes no details: send only the acknowledgement callback" });
    expect(await send(socket!, "session:whoami")).toEqual({ ok: true, user: null, roles: [] });
  });

  it("meeting:join without a payload answers with an error", async () => {
    const [socket] = await sockets(1, null);
    expect(await send(socket!, "meeting:join")).toEqual({ ok: false, error: "Choose a meeting to follow" });
    expect(socket!.connected).toBe(true);
  });
});

describe("the address a socket comes from", () => {
  const request = (remoteAddress: string, forwarded?: string) =>
    ({ socket: { remoteAddress }, headers: forwarded ? { "x-forwarded-for": forwarded } : {} }) as unknown as IncomingMessage;

  it("is the peer's address unless a proxy is trusted", () => {
    expect(socketAddress(request("10.0.0.5", "203.0.113.9"))).toBe("10.0.0.5");
    expect(socketAddress(request("10.0.0.5", "203.0.113.9"), () => false)).toBe("10.0.0.5");
  });

  it("is the address the nearest untrusted hop gave, behind trusted proxies (as Express reads req.ip)", () => {
    const trustPrivate = (a: string) => a.startsWith("10.");
    expect(socketAddress(request("10.0.0.5", "198.51.100.1, 203.0.113.9"), trustPrivate)).toBe("203.0.113.9");
    expect(socketAddress(request("10.0.0.5", "198.51.100.1, 10.0.0.7"), trustPrivate)).toBe("198.51.100.1");
    expect(socketAddress(request("10.0.0.5"), trustPrivate)).toBe("10.0.0.5");
  });
});

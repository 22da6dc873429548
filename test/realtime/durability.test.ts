/**
 * No acknowledged write is lost when the server dies. The real server entry (`server.ts`, the
 * same start-up as `npm start`: embedded PostgreSQL with the production settings, migrations,
 * demo data) runs as a child process on its own data directory. During a burst of comments and
 * votes sent through Socket.IO it is killed with SIGKILL:
 *   1. only the Node process (its PostgreSQL is left running, orphaned), then
 *   2. Node and PostgreSQL together (the whole process group: a crash; PostgreSQL must recover
 *      every committed transaction from its write-ahead log).
 * Each time it is started again on the same data directory, and every comment and vote whose ack
 * arrived must be in the database, and watchers that reconnect and catch up from their last
 * event id must end with the same comments and tallies as the database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { findFreePort, readCredentials } from "../../db/embedded";
import { applyEvent, applyTally, type FeedState } from "../../app/modules/feeds/feed-state";
import { loadFeedPage } from "../../app/modules/feeds/feeds.server";
import { VISITOR } from "../../app/modules/permissions/permissions";
import { newResident } from "../support/actors";
import { clientAs, pause, until, type FeedSocket } from "./support/feed-clients";

const dataDir = join(tmpdir(), `moot-durability-${process.pid}`);
let pgPort: number;
let server: { child: ChildProcess; url: string } | null = null;
const sockets: FeedSocket[] = [];

/**
 * The server entry as `node build/server.js` runs it, but through tsx: with pages off the process
 * takes its wiring straight from app/process.server.ts (the Remix build may not exist yet when
 * vitest runs, before `npm run build`).
 */
/** Start the server entry with production settings (pages off), resolve with its URL. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: process.cwd(),
    detached: true, // its own process group, so the test can kill Node and PostgreSQL together
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      MOOT_REMIX: "none",
      PORT: "0",
      MOOT_PG_DIR: dataDir,
      MOOT_PG_PORT: String(pgPort),
      MOOT_PG_UNSAFE_FAST: "", // the production settings: this is what is being tested
      MOOT_PG_FRESH: "",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
    },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 110_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Moot is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

function appDatabase(): DatabaseHandle {
  const credentials = readCredentials(dataDir)!;
  return createDatabase(`postgres://${credentials.app.name}:${encodeURIComponent(credentials.app.password)}@127.0.0.1:${pgPort}/moot`, { max: 4 });
}

async function connect(url: string, db: DatabaseHandle, email: string | null): Promise<FeedSocket> {
  const socket = await clientAs(url, db.db, email);
  sockets.push(socket);
  return socket;
}

/** A watcher: the feed as the page gave it, then every live event and tally applied, like useLiveFeed. */
interface Watcher {
  state: FeedState;
  socket: FeedSocket;
}

async function watch(url: string, db: DatabaseHandle, feedId: number, state: FeedState): Promise<Watcher> {
  const watcher: Watcher = { state, socket: await connect(url, db, null) };
  watcher.socket.on("feed:event", (event) => {
    if (event.feedId === feedId) watcher.state = applyEvent(watcher.state, event);
  });
  watcher.socket.on("feed:tally", ({ feedId: id, poll }) => {
    if (id === feedId) watcher.state = applyTally(watcher.state, poll);
  });
  // Catch up from the last event id, as a reconnecting page does.
  for (let complete = false; !complete; ) {
    const reply = await watcher.socket.timeout(10_000).emitWithAck("feed:join", { feedId, after: watcher.state.lastEventId });
    if (!reply.ok) throw new Error(reply.error);
    for (const event of reply.events) watcher.state = applyEvent(watcher.state, event);
    for (const poll of reply.polls ?? []) watcher.state = applyTally(watcher.state, poll);
    complete = reply.complete;
  }
  return watcher;
}

interface Acked {
  comments: Map<number, string>;
  votes: { pollId: number; userId: number; optionId: number }[];
  sent: number;
}

/**
 * Every person sends their comments and votes without waiting for answers (a steady stream), and
 * the test records what was acknowledged. Resolves once `killAfter` acks have arrived.
 */
function burst(
  people: { socket: FeedSocket; userId: number; tag: string }[],
  feedId: number,
  polls: { pollId: number; optionIds: number[] }[],
  acked: Acked,
  killAfter: number,
): Promise<void> {
  let acks = 0;
  return new Promise((resolve) => {
    const counted = () => {
      if (++acks === killAfter) resolve();
    };
    people.forEach((person, p) => {
      const actions: (() => void)[] = [];
      for (let c = 0; c < 5; c++) {
        const body = `${person.tag} comment ${c}`;
        actions.push(() =>
          person.socket.timeout(15_000).emit("comment:post", { feedId, body }, (error, reply) => {
            if (error || !reply.ok) return;
            acked.comments.set(reply.comment.id, body);
            counted();
          }),
        );
      }
      polls.forEach((poll, i) => {
        const optionId = poll.optionIds[(p + i) % poll.optionIds.length]!;
        actions.splice(1 + i * 2, 0, () =>
          person.socket.timeout(15_000).emit("poll:vote", { pollId: poll.pollId, optionIds: [optionId] }, (error, reply) => {
            if (error || !reply.ok) return;
            acked.votes.push({ pollId: poll.pollId, userId: person.userId, optionId });
            counted();
          }),
        );
      });
      actions.forEach((send, i) =>
        setTimeout(() => {
          acked.sent++;
          send();
        }, i * 25 + p * 3),
      );
    });
  });
}

async function checkNothingLost(db: DatabaseHandle, acked: Acked): Promise<void> {
  const ids = [...acked.comments.keys()];
  const stored = await db.db.selectFrom("comments").select(["id", "body"]).where("id", "in", ids).execute();
  expect(new Map(stored.map((c) => [c.id, c.body]))).toEqual(acked.comments);
  for (const vote of acked.votes) {
    const row = await db.db
      .selectFrom("poll_votes")
      .select("option_id")
      .where("poll_id", "=", vote.pollId)
      .where("user_id", "=", vote.userId)
      .executeTakeFirst();
    expect(row?.option_id, `acknowledged vote of user ${vote.userId} on poll ${vote.pollId}`).toBe(vote.optionId);
  }
}

/** Every watcher, after catching up, shows exactly the database's comments and counts. */
async function checkConverged(db: DatabaseHandle, watchers: Watcher[], feedId: number, since: number, pollIds: number[]): Promise<void> {
  const truth = await db.db.selectFrom("comments").select(["id", "body"]).where("feed_id", "=", feedId).where("id", ">", since).orderBy("id").execute();
  const page = await loadFeedPage(db.db, VISITOR, feedId);
  if (!page.ok) throw new Error("feed page did not load");
  const counts = (polls: FeedState["polls"]) =>
    pollIds.map((id) => {
      const poll = polls.find((p) => p.id === id);
      return { id, voters: poll?.voters, options: poll?.options.map((o) => [o.id, o.votes]) };
    });
  for (const watcher of watchers) {
    const seen = watcher.state.comments.filter((c) => c.id > since).map((c) => ({ id: c.id, body: c.body })).sort((a, b) => a.id - b.id);
    expect(seen).toEqual(truth);
    expect(counts(watcher.state.polls)).toEqual(counts(page.value.polls));
  }
}

beforeAll(async () => {
  pgPort = await findFreePort(26000 + (process.pid % 3000));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.credentials.json`, { force: true });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  if (server) {
    server.child.kill("SIGTERM"); // graceful: stops its PostgreSQL too
    await Promise.race([exited(server.child), pause(15_000)]);
  }
  // If the test failed between a kill and a restart, an orphaned PostgreSQL may still run: stop it.
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid > 0) process.kill(pid, "SIGINT");
    await pause(2000);
  } catch {
    /* none left */
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.credentials.json`, { force: true });
  rmSync(`${dataDir}.owner`, { force: true });
});

describe("a server killed during a burst of comments and votes", () => {
  it("keeps every acknowledged comment and vote, and reconnecting watchers converge on the database", { timeout: 240_000 }, async () => {
    server = await startServer(); // first start: initdb, migrations, demo data
    let db = appDatabase();
    const locality = await db.db.selectFrom("localities").select("id").orderBy("id").executeTakeFirstOrThrow();
    const feedId = (await db.db.selectFrom("feeds").select("id").where("subject_kind", "=", "locality").where("subject_id", "=", locality.id).executeTakeFirstOrThrow()).id;
    const officer = await connect(server.url, db, "officer@moot.example");
    const polls: { pollId: number; optionIds: number[] }[] = [];
    for (const question of ["Resurface Mill Lane?", "Open the library on Sundays?", "Plant more trees?"]) {
      const opened = await officer.timeout(10_000).emitWithAck("poll:open", { feedId, question, options: ["Yes", "No", "Not sure"], multiple: false });
      if (!opened.ok) throw new Error(opened.error);
      const options = await db.db.selectFrom("poll_options").select("id").where("poll_id", "=", opened.pollId).orderBy("id").execute();
      polls.push({ pollId: opened.pollId, optionIds: options.map((o) => o.id) });
    }
    const page = await loadFeedPage(db.db, VISITOR, feedId);
    if (!page.ok) throw new Error("feed page did not load");
    const initial: FeedState = { lastEventId: page.value.lastEventId, paused: page.value.feed.paused, comments: page.value.comments, polls: page.value.polls };
    const since = Math.max(0, ...page.value.comments.map((c) => c.id));
    const acked: Acked = { comments: new Map(), votes: [], sent: 0 };
    let watchers = [await watch(server.url, db, feedId, initial), await watch(server.url, db, feedId, initial)];

    for (const [round, killGroup] of [[1, false], [2, true]] as const) {
      const people = [];
      for (let i = 0; i < 6; i++) {
        const actor = await newResident(db.db, `Burst ${round}.${i}`);
        people.push({ socket: await connect(server!.url, db, actor.user!.email), userId: actor.user!.id, tag: `round ${round} person ${i}` });
      }
      const before = acked.comments.size + acked.votes.length;
      await burst(people, feedId, polls, acked, 14);
      // Mid-burst: kill Node alone (PostgreSQL is orphaned), or the whole group (a crash).
      process.kill(killGroup ? -server!.child.pid! : server!.child.pid!, "SIGKILL");
      await exited(server!.child);
      await db.close();
      const ackedNow = acked.comments.size + acked.votes.length - before;
      expect(ackedNow, "some writes were acknowledged before the kill").toBeGreaterThanOrEqual(14);
      expect(ackedNow, "the kill came during the burst, not after it").toBeLessThan(people.length * 8);

      const restarted = Date.now();
      server = await startServer();
      console.log(`round ${round}: ${ackedNow} of ${people.length * 8} writes acknowledged before SIGKILL (${killGroup ? "Node and PostgreSQL" : "Node only"}); restarted in ${Date.now() - restarted} ms`);
      db = appDatabase();
      await checkNothingLost(db, acked);

      // The watchers reconnect (their sockets died with the server) and catch up from their last id.
      watchers = await Promise.all(watchers.map((w) => watch(server!.url, db, feedId, w.state)));
      await checkConverged(db, watchers, feedId, since, polls.map((p) => p.pollId));
      // And they stay in step when the writing goes on.
      const writer = await connect(server.url, db, "resident@moot.example");
      const posted = await writer.timeout(10_000).emitWithAck("comment:post", { feedId, body: `after round ${round}` });
      expect(posted.ok).toBe(true);
      const vote = await writer.timeout(10_000).emitWithAck("poll:vote", { pollId: polls[0]!.pollId, optionIds: [polls[0]!.optionIds[round]!] });
      expect(vote.ok).toBe(true);
      await until(() => watchers.every((w) => w.state.comments.some((c) => c.body === `after round ${round}`)), 10_000);
      // The tally is coalesced (up to 250 ms): give it a moment, then it must match.
      for (let tries = 0; ; tries++) {
        try {
          await checkConverged(db, watchers, feedId, since, polls.map((p) => p.pollId));
          break;
        } catch (error) {
          if (tries >= 20) throw error;
          await pause(250);
        }
      }
    }
    await db.close();
  });
});

/**
 * Killing the worker mid-delivery (SIGKILL, no clean-up) and starting another delivers each
 * message exactly once: the message being sent when it died was never acknowledged by the relay,
 * its row lock went with the connection, and the next worker sends it; rows already marked sent
 * are never sent again.
 *
 * The honest edge (documented in deliver.server.ts): a death AFTER the relay's "250 OK" and BEFORE
 * the row's commit would send that one message twice. SMTP cannot close that window.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMessage } from "../../app/modules/notifications/outbox.server";
import { useTestDatabase } from "../support/db";
import { startInbox, type Inbox } from "../support/mail";

const t = useTestDatabase();
let inbox: Inbox;
const children: ChildProcess[] = [];

beforeAll(async () => {
  inbox = await startInbox();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await inbox?.close();
});

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/notify-worker.ts", t.handle.url, inbox.url], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

describe("a worker killed mid-delivery", () => {
  it("delivers each message exactly once after a restart", async () => {
    const N = 12;
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++) await queueMessage(trx, { eventKey: "test:restart", to: `person${i}@test.example`, subject: `Message ${i}`, body: `for person ${i}` });
    });
    // After 5 messages the relay holds (never acknowledges) every message; the worker's delivery
    // lanes all wait on it, and it is killed while they wait.
    let seen = 0;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    inbox.policy = () => {
      seen++;
      if (seen >= 6) {
        holding();
        return "hold";
      }
      return "accept";
    };
    const first = await startWorker();
    await held;
    await new Promise((r) => setTimeout(r, 500)); // the 5 acknowledged rows commit
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    expect(inbox.received).toHaveLength(5);
    const midway = await t.db.selectFrom("outbox").select(["status"]).execute();
    expect(midway.filter((r) => r.status === "sent")).toHaveLength(5);

    inbox.policy = () => "accept";
    const second = await startWorker();
    await inbox.waitFor(N, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for any duplicate to arrive
    second.kill("SIGTERM");

    const recipients = inbox.received.map((m) => (m.to && "text" in m.to ? m.to.text : ""));
    expect(recipients).toHaveLength(N);
    expect(new Set(recipients).size).toBe(N);
    const rows = await t.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  }, 120_000);
});

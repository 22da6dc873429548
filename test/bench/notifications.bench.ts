/**
 * Notifications (issue 16): 10,000 people follow one locality; something happens there.
 * - cost added to the triggering request: writing the one event row inside its transaction
 *   (the fan-out to 10,000 is NOT done there);
 * - time from the triggering commit until all 10,000 messages have been handed to SMTP (a real
 *   smtp-server in this process; the real pg-boss worker expanding and delivering), beside
 *   - the FLOOR: bare nodemailer sending the same number of messages to the same server over the
 *     same number of pooled, Nagle-off connections, no database (what delivery cannot beat);
 *   - the two causes of the old 20 messages/s, bare: a connection per message (nodemailer drops
 *     `pool` when given `url`) and pooled connections with Nagle's algorithm on;
 *   - BEFORE: the previous delivery (its code kept below, verbatim but for names) with the
 *     transport it really had, on fewer messages (BENCH_BEFORE, default 500) so the run ends.
 * docs/decisions/0150-delivery-speed.md explains the figures.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Database } from "../../db/client";
import { expandEvents, recordEvent } from "../../app/modules/notifications/outbox.server";
import { SMTP_CONNECTIONS, smtpTransport } from "../../app/modules/notifications/transport.server";
import { nudgeDelivery, startNotificationWorker } from "../../app/modules/notifications/worker.server";
import { percentile, printTable, withBenchDatabase } from "./support";

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 10_000);
const BEFORE = Number(process.env.BENCH_BEFORE ?? 500);

/** One in-process SMTP server for every measurement; `expect(n)` resolves when n more arrived. */
async function startSink() {
  let received = 0;
  let target = Infinity;
  let done: () => void = () => undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onData(stream, _s, cb) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        cb();
        if (++received === target) done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    expect(n: number) {
      received = 0;
      target = n;
      return new Promise<void>((r) => (done = r));
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Bare nodemailer, `inFlight` sends at a time: messages per second. */
async function bare(options: Record<string, unknown>, n: number, inFlight: number): Promise<number> {
  const transporter = nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]);
  await transporter.sendMail({ from: "a@bench.example", to: "warm@bench.example", subject: "warm", text: "up" });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) {
        const i = next++;
        await transporter.sendMail({ from: "Moot <no-reply@moot.bench>", to: `floor${i}@bench.example`, subject: "A new consultation in your area", text: "Tell us what you think.\n\nhttp://moot.bench/consultations/1" });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  transporter.close();
  return n / seconds;
}

/** The delivery loop as it was before (commit bdea86c): a row per transaction, 4 lanes. */
async function deliverDueBefore(db: Database, send: (row: { id: number; recipient: string; subject: string; body: string }) => Promise<void>) {
  const lane = async () => {
    for (;;) {
      const more = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom("outbox").select(["id", "recipient", "subject", "body", "unsubscribe_token", "attempts"]).where("status", "=", "queued").where("next_attempt_at", "<=", new Date()).orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
        if (!row) return false;
        await send(row);
        await trx.updateTable("outbox").set({ status: "sent", attempts: row.attempts + 1, sent_at: new Date(), updated_at: new Date(), last_error: null }).where("id", "=", row.id).execute();
        return true;
      });
      if (!more) return;
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
}

await withBenchDatabase(async ({ db, url }) => {
  const [locality, quiet, small] = await db.selectFrom("localities").select("id").orderBy("id").limit(3).execute();
  await sql`
    INSERT INTO subscriptions (email, target_kind, target_id, frequency, token)
    SELECT 'follower' || n || '@bench.example', 'locality', ${locality!.id}, 'immediate', 'tok' || n
      FROM generate_series(1, ${FOLLOWERS}) n`.execute(db);
  await sql`
    INSERT INTO subscriptions (email, target_kind, target_id, frequency, token)
    SELECT 'before' || n || '@bench.example', 'locality', ${small!.id}, 'immediate', 'btok' || n
      FROM generate_series(1, ${BEFORE}) n`.execute(db);

  // 1. The cost a command pays: one event row in its transaction (measured against the same
  //    transaction without it), for a locality with followers elsewhere.
  const samples: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 220; i++) {
    const a = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await recordEvent(trx, { key: `bench:cost:${i}`, target: { kind: "locality", id: quiet!.id }, subject: "x", body: "y", link: "/" });
    });
    const b = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
    });
    const c = performance.now();
    if (i >= 20) {
      samples.push(b - a);
      baseline.push(c - b);
    }
  }
  samples.sort((x, y) => x - y);
  baseline.sort((x, y) => x - y);
  await db.updateTable("notification_events").set({ expanded_at: new Date() }).execute();

  const sink = await startSink();
  const host = { host: "127.0.0.1", port: sink.port, secure: false };
  const noDelaySocket = (_o: unknown, cb: (e: Error | null, s?: { connection: net.Socket }) => void) => {
    const s = net.connect({ ...host, noDelay: true }, () => cb(null, { connection: s }));
    s.once("error", cb);
  };
  const floorN = Math.min(FOLLOWERS, 3000);

  // 2. The floor and the two causes, bare (no database).
  const floor = await bare({ ...host, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: 1000, getSocket: noDelaySocket }, floorN, SMTP_CONNECTIONS);
  const perMessage = await bare({ url: sink.url, pool: true, maxConnections: 4 }, 100, 4); // what { url, pool } really gave
  const nagle = await bare({ ...host, pool: true, maxConnections: SMTP_CONNECTIONS }, 400, SMTP_CONNECTIONS);

  // 3. Before: the old loop with the old transport, on BEFORE followers of another locality.
  const oldTransport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 4 } as Parameters<typeof nodemailer.createTransport>[0]);
  await db.transaction().execute((trx) => recordEvent(trx, { key: "bench:before", target: { kind: "locality", id: small!.id }, subject: "A new consultation in your area", body: "Tell us what you think.", link: "/consultations/1" }));
  const beforeStart = performance.now();
  await expandEvents(db, "http://moot.bench");
  await deliverDueBefore(db, (row) => oldTransport.sendMail({ from: "Moot <no-reply@moot.bench>", to: row.recipient, subject: row.subject, text: row.body }).then(() => undefined));
  const beforeRate = BEFORE / ((performance.now() - beforeStart) / 1000);
  oldTransport.close();

  // 4. After: the real worker, commit → all FOLLOWERS handed to SMTP.
  const worker = await startNotificationWorker({
    connectionString: url,
    db,
    bus: null,
    origin: "http://moot.bench",
    transport: smtpTransport({ url: sink.url, from: "Moot <no-reply@moot.bench>" }),
    schedules: false,
    onError: (e) => console.error(e),
  });
  await new Promise((r) => setTimeout(r, 1000)); // the start-up run has found nothing to do

  const all = sink.expect(FOLLOWERS);
  const start = performance.now();
  await db.transaction().execute((trx) => recordEvent(trx, { key: "bench:locality", target: { kind: "locality", id: locality!.id }, subject: "A new consultation in your area", body: "Tell us what you think.", link: "/consultations/1" }));
  const committed = performance.now();
  nudgeDelivery(); // what settle() does with the command's `deliver` effect
  await all;
  const delivered = performance.now();
  const expandedAt = await db.selectFrom("notification_events").select("expanded_at").where("key", "=", "bench:locality").executeTakeFirstOrThrow();
  const sent = await db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("event_key", "=", "bench:locality").where("status", "=", "sent").executeTakeFirstOrThrow();
  await worker.stop();
  await sink.close();
  const afterRate = FOLLOWERS / ((delivered - committed) / 1000);

  printTable("Cost added to the triggering request's transaction (200 runs)", [
    { what: "transaction with the event row", "p50 ms": percentile(samples, 50).toFixed(2), "p99 ms": percentile(samples, 99).toFixed(2) },
    { what: "same transaction without it", "p50 ms": percentile(baseline, 50).toFixed(2), "p99 ms": percentile(baseline, 99).toFixed(2) },
    { what: "added", "p50 ms": (percentile(samples, 50) - percentile(baseline, 50)).toFixed(2), "p99 ms": (percentile(samples, 99) - percentile(baseline, 99)).toFixed(2) },
  ]);
  printTable("Messages per second handed to SMTP (same smtp-server, same run)", [
    { what: `floor: bare nodemailer, ${SMTP_CONNECTIONS} pooled connections, Nagle off (${floorN} msgs)`, "msg/s": Math.round(floor) },
    { what: "cause 1, bare: a connection per message ({ url, pool } drops pool) (100)", "msg/s": Math.round(perMessage) },
    { what: `cause 2, bare: ${SMTP_CONNECTIONS} pooled connections, Nagle on (400)`, "msg/s": Math.round(nagle) },
    { what: `before: previous delivery loop + transport (${BEFORE} followers)`, "msg/s": Math.round(beforeRate) },
    { what: `after: the worker, commit → all handed to SMTP (${FOLLOWERS} followers)`, "msg/s": Math.round(afterRate) },
    { what: "after as a share of the floor", "msg/s": `${Math.round((100 * afterRate) / floor)}%` },
  ]);
  printTable(`${FOLLOWERS} followers of one locality`, [
    { what: "commit of the event (ms)", value: (committed - start).toFixed(1) },
    { what: "commit → all handed to SMTP (s)", value: ((delivered - committed) / 1000).toFixed(2) },
    { what: "outbox rows marked sent", value: Number(sent.n) },
    { what: "expanded", value: expandedAt.expanded_at ? "yes" : "no" },
  ]);
  if (Number(sent.n) < FOLLOWERS - 8) throw new Error("not every message was marked sent");
});

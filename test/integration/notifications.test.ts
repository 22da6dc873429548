/**
 * Notifications (issue 16): messages are written in the command's transaction, delivered from the
 * outbox to a real SMTP server in this process (parsed with mailparser) or to GOV.UK Notify (a
 * local HTTP server checking what it receives); faults wait, retry, then fail with their reason.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { addQuestion, addSection, changeStatus, createConsultation } from "../../app/modules/consultations/consultations.server";
import { saveSection, setConsent, startResponse, submitResponse } from "../../app/modules/consultations/responses.server";
import { deliverDue, MAX_ATTEMPTS } from "../../app/modules/notifications/deliver.server";
import { expandEvents, gatherDigests, queueMessage, recordEvent } from "../../app/modules/notifications/outbox.server";
import { notifyTransport, smtpTransport, type Transport } from "../../app/modules/notifications/transport.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { rawHeader, useSmtpInbox } from "../support/mail";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const mailer = useSmtpInbox();

/** Everything due now, delivered (later attempts pretend time has passed). */
const deliverNow = (transport: Transport, at = new Date()) => deliverDue(t.db, transport, { origin: ORIGIN, now: () => at });

const row = (recipient: string) => t.db.selectFrom("outbox").selectAll().where("recipient", "=", recipient).orderBy("id").execute();

describe("a response receipt", () => {
  it("is in the outbox in the submit's transaction and arrives by SMTP with the reference and a copy of the answers", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const now = new Date();
    const day = (n: number) => {
      const d = new Date(now.getTime() + n * 86_400_000);
      return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), time: "10:00" };
    };
    const created = await createConsultation(t.db, officer, {
      title: "Park benches",
      summary: "Where should new benches go?",
      background: "b",
      proposal: "p",
      noDecisionStatement: "n",
      optionsConsidered: "o",
      whoIsConsulted: "w",
      howResponsesUsed: "h",
      privacyNotice: "pn",
      contact: "parks@fenwold.example",
      localityIds: [String((await t.db.selectFrom("localities").select("id").orderBy("id").executeTakeFirstOrThrow()).id)],
      opensAt: day(2),
      closesAt: day(40),
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const id = created.value.id;
    const section = await addSection(t.db, officer, id, { title: "Benches" });
    if (!section.ok) throw new Error("section");
    const q = await addQuestion(t.db, officer, id, { sectionId: String(section.value.id), kind: "free_text", prompt: "Where would you sit?", required: "yes", maxLength: "200" });
    if (!q.ok) throw new Error(JSON.stringify(q.errors));
    expect((await changeStatus(t.db, officer, id, "schedule", now)).ok).toBe(true);
    expect((await changeStatus(t.db, officer, id, "open_now", now)).ok).toBe(true);

    const resident = await newResident(t.db, "Rhea Patel");
    expect((await startResponse(t.db, resident, id)).ok).toBe(true);
    expect((await saveSection(t.db, resident, id, 1, { [`q${q.value.id}`]: "By the duck pond" }, { checkRequired: true })).ok).toBe(true);
    expect((await setConsent(t.db, resident, id, { consent: "anonymous" })).ok).toBe(true);
    const submitted = await submitResponse(t.db, resident, id);
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    expect(submitted.effects).toEqual([{ kind: "deliver" }]);
    const reference = submitted.value.reference;

    expect(await row(resident.user!.email)).toMatchObject([{ status: "queued", attempts: 0 }]);
    const before = mailer.inbox.received.length;
    const run = await deliverNow(mailer.smtp);
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const mail = (await mailer.inbox.waitFor(before + 1)).find((m) => m.subject?.includes(reference));
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toBe(resident.user!.email);
    expect(mail?.text).toContain(`Your reference is ${reference}`);
    expect(mail?.text).toContain("Where would you sit?\nBy the duck pond");
    expect(rawHeader(mail!, "list-unsubscribe")).toBeUndefined(); // a receipt, not a subscription
    expect(await row(resident.user!.email)).toMatchObject([{ status: "sent", attempts: 1, last_error: null }]);
  });
});

describe("faults", () => {
  it("a relay that refuses: the message waits and retries with backoff, then shows failed with the reason; others are sent", async () => {
    await t.db.transaction().execute(async (trx) => {
      await queueMessage(trx, { eventKey: "test:fault", to: "bounce@test.example", subject: "Will fail", body: "x" });
      await queueMessage(trx, { eventKey: "test:fault", to: "fine@test.example", subject: "Will arrive", body: "y" });
      // The same recipient and event again: still one row.
      await queueMessage(trx, { eventKey: "test:fault", to: "FINE@test.example", subject: "Will arrive", body: "y" });
    });
    const t0 = new Date(Date.now() + 1000);
    mailer.inbox.policy = (mail) => (mail.subject === "Will fail" ? { reject: "Mailbox busy, try later", code: 451 } : "accept");
    try {
      const first = await deliverNow(mailer.smtp, t0);
      expect(first).toMatchObject({ retrying: 1, failed: 0 });
      expect(first.sent).toBeGreaterThanOrEqual(1);
      expect((await row("fine@test.example")).map((r) => r.status)).toEqual(["sent"]);
      const [waiting] = await row("bounce@test.example");
      expect(waiting).toMatchObject({ status: "queued", attempts: 1, last_error: expect.stringContaining("Mailbox busy") });
      expect(waiting!.next_attempt_at.getTime()).toBeGreaterThan(t0.getTime() + 20_000);
      // Not due yet: nothing is tried.
      expect(await deliverNow(mailer.smtp, t0)).toMatchObject({ sent: 0, retrying: 0 });
      // Each later attempt after its backoff, until it gives up.
      let at = t0;
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        at = new Date(at.getTime() + 3 * 60 * 60 * 1000);
        await deliverNow(mailer.smtp, at);
      }
      expect(await row("bounce@test.example")).toMatchObject([{ status: "failed", attempts: MAX_ATTEMPTS, last_error: expect.stringContaining("451") }]);
    } finally {
      mailer.inbox.policy = () => "accept";
    }
  });

  it("a relay that does not answer in time counts as a failed attempt, with the reason", async () => {
    await t.db.transaction().execute((trx) => queueMessage(trx, { eventKey: "test:slow", to: "slow@test.example", subject: "Slow", body: "z" }));
    mailer.inbox.policy = (mail) => (mail.subject === "Slow" ? "hold" : "accept");
    const quick = smtpTransport({ url: mailer.inbox.url, from: "Moot <no-reply@moot.test>", timeoutMs: 500 });
    try {
      const run = await deliverNow(quick);
      expect(run.retrying).toBe(1);
      expect(await row("slow@test.example")).toMatchObject([{ status: "queued", attempts: 1, last_error: expect.stringMatching(/timeout|timed out/i) }]);
    } finally {
      quick.close();
      mailer.inbox.policy = () => "accept";
    }
  });
});

describe("when a message is due", () => {
  it("a message queued within the sweep's own millisecond is sent by that sweep", async () => {
    await t.db.transaction().execute((trx) => queueMessage(trx, { eventKey: "test:same-ms", to: "same-ms@test.example", subject: "At once", body: "b" }));
    const [queued] = await row("same-ms@test.example");
    // pg hands timestamps to JS at milliseconds: the sweep's clock reads the row's own millisecond.
    const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN, now: () => new Date(queued!.next_attempt_at) });
    expect(run.sent).toBe(1);
    expect(await row("same-ms@test.example")).toMatchObject([{ status: "sent" }]);
  });
});

describe("GOV.UK Notify", () => {
  it("posts each message to the Notify API with the template, the address and a signed key; a wrong key or a 500 is a retry with Notify's reason", async () => {
    const seen: { path: string; auth: string; body: Record<string, unknown> }[] = [];
    let answer = 201;
    const server = createServer((req: IncomingMessage, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", auth: req.headers.authorization ?? "", body: JSON.parse(data || "{}") });
        res.writeHead(answer, { "content-type": "application/json" });
        res.end(JSON.stringify(answer === 201 ? { id: "n1", reference: null, content: {}, uri: "", template: {} } : answer === 403 ? { status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: API key not found" }] } : { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const serviceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    const secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    const notify = notifyTransport({ apiKey: `moot_test-${serviceId}-${secret}`, templateId: "f33517ff-2a88-4f6e-b855-c550268ce08a", baseUrl: base, timeoutMs: 2_000 });
    try {
      await t.db.transaction().execute((trx) => queueMessage(trx, { eventKey: "test:notify", to: "notify-me@test.example", subject: "Hello", body: "Body text", unsubscribeToken: "tok123" }));
      answer = 403;
      expect((await deliverNow(notify)).retrying).toBe(1);
      expect(await row("notify-me@test.example")).toMatchObject([{ status: "queued", last_error: "GOV.UK Notify refused the API key (403: AuthError Invalid token: API key not found): check NOTIFY_API_KEY is a live or team key of this service" }]);
      answer = 500;
      await deliverNow(notify, new Date(Date.now() + 60 * 60 * 1000));
      expect(await row("notify-me@test.example")).toMatchObject([{ status: "queued", attempts: 2, last_error: expect.stringContaining("500") }]);
      answer = 201;
      await deliverNow(notify, new Date(Date.now() + 2 * 60 * 60 * 1000));
      expect(await row("notify-me@test.example")).toMatchObject([{ status: "sent", attempts: 3 }]);
      const last = seen.at(-1)!;
      expect(last.path).toBe("/v2/notifications/email");
      expect(last.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const claims = JSON.parse(Buffer.from(last.auth.split(".")[1]!, "base64url").toString());
      expect(claims.iss).toBe(serviceId);
      expect(last.body).toMatchObject({
        template_id: "f33517ff-2a88-4f6e-b855-c550268ce08a",
        email_address: "notify-me@test.example",
        personalisation: { subject: "Hello", body: "Body text" },
        one_click_unsubscribe_url: `${ORIGIN}/unsubscribe/tok123`,
      });
    } finally {
      server.close();
    }
  });
});

describe("events and the daily digest", () => {
  it("one event row expands to one message per follower, once however often it runs; daily followers get one digest of the day's events", async () => {
    const board = await t.db.selectFrom("boards").select("id").orderBy("id").executeTakeFirstOrThrow();
    await t.db
      .insertInto("subscriptions")
      .values([
        { email: "now@test.example", target_kind: "board", target_id: board.id, frequency: "immediate", token: "t-now" },
        { email: "daily@test.example", target_kind: "board", target_id: board.id, frequency: "daily", token: "t-daily" },
      ])
      .execute();
    for (const n of [1, 2, 3]) {
      await t.db.transaction().execute((trx) => recordEvent(trx, { key: `test:board-event:${n}`, target: { kind: "board", id: board.id }, subject: `Event ${n}`, body: `Something ${n} happened`, link: `/boards/${board.id}` }));
    }
    expect(await expandEvents(t.db, ORIGIN)).toBeGreaterThanOrEqual(3); // with the earlier tests' (a consultation opened)
    expect(await expandEvents(t.db, ORIGIN)).toBe(0);
    expect((await row("now@test.example")).map((r) => r.status)).toEqual(["queued", "queued", "queued"]);
    expect((await row("daily@test.example")).map((r) => r.status)).toEqual(["digest", "digest", "digest"]);

    expect(await gatherDigests(t.db)).toBeGreaterThanOrEqual(1);
    const before = mailer.inbox.received.length;
    await deliverNow(mailer.smtp);
    const mails = await mailer.inbox.waitFor(before + 4);
    const digest = mails.filter((m) => m.to && "text" in m.to && m.to.text === "daily@test.example");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("Your daily update: 3 new");
    for (const n of [1, 2, 3]) expect(digest[0]!.text).toContain(`Something ${n} happened`);
    expect(rawHeader(digest[0]!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(digest[0]!, "list-unsubscribe")).toBe(`<${ORIGIN}/unsubscribe/t-daily>`);
    expect(mails.filter((m) => m.to && "text" in m.to && m.to.text === "now@test.example")).toHaveLength(3);
  });
});

describe("GOV.UK Notify: rate limit and a wrong key", () => {
  /** A local stand-in for Notify answering `answer()` to each POST; counts what it receives. */
  async function fakeNotify(answer: () => { status: number; headers?: Record<string, string>; error?: [string, string] }) {
    const seen: string[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        seen.push((JSON.parse(data || "{}") as { email_address?: string }).email_address ?? "");
        const a = answer();
        res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
        res.end(JSON.stringify(a.status === 201 ? { id: "n1", reference: null, content: {}, uri: "", template: {} } : { status_code: a.status, errors: [{ error: a.error?.[0], message: a.error?.[1] }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const notify = notifyTransport({ apiKey: `moot_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0`, templateId: "f33517ff-2a88-4f6e-b855-c550268ce08a", baseUrl: base, timeoutMs: 2_000 });
    return { seen, notify, close: () => server.close() };
  }

  it("a 429 puts the message (and the rest of the run) back for the time Notify asks, without using up an attempt; then it is sent", async () => {
    let limited = true;
    const fake = await fakeNotify(() => (limited ? { status: 429, headers: { "retry-after": "30" }, error: ["RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"] } : { status: 201 }));
    try {
      await t.db.transaction().execute(async (trx) => {
        for (const n of [1, 2, 3]) await queueMessage(trx, { eventKey: "test:rate", to: `rate${n}@test.example`, subject: "Rate", body: "r" });
      });
      const t0 = new Date(Date.now() + 10 * 60 * 60 * 1000); // later than every earlier test's retries
      const run = await deliverDue(t.db, fake.notify, { origin: ORIGIN, now: () => t0, concurrency: 1 });
      expect(run).toMatchObject({ sent: 0, retrying: 0, failed: 0, deferred: 3 });
      expect(fake.seen.filter((a) => a.startsWith("rate")), "no more requests once Notify said slow down").toHaveLength(1);
      expect(run.nextRetryAt?.getTime()).toBe(t0.getTime() + 30_000);
      for (const n of [1, 2, 3]) {
        const [r] = await row(`rate${n}@test.example`);
        expect(r).toMatchObject({ status: "queued", attempts: 0, last_error: expect.stringContaining("429: RateLimitError") });
        expect(r!.next_attempt_at.getTime()).toBe(t0.getTime() + 30_000);
      }
      // Many 429s in a row still never fail the message.
      for (let i = 1; i <= MAX_ATTEMPTS + 1; i++) await deliverDue(t.db, fake.notify, { origin: ORIGIN, now: () => new Date(t0.getTime() + i * 60_000), concurrency: 1 });
      expect(await row("rate1@test.example")).toMatchObject([{ status: "queued", attempts: 0 }]);
      limited = false;
      const after = await deliverDue(t.db, fake.notify, { origin: ORIGIN, now: () => new Date(t0.getTime() + 60 * 60_000) });
      expect(after.sent).toBeGreaterThanOrEqual(3);
      for (const n of [1, 2, 3]) expect(await row(`rate${n}@test.example`)).toMatchObject([{ status: "sent", attempts: 1, last_error: null }]);
    } finally {
      fake.close();
    }
  });

  it("a wrong API key (403): retried, then failed in the outbox (and on /admin/outbox) with a reason that names the setting", async () => {
    const fake = await fakeNotify(() => ({ status: 403, error: ["AuthError", "Invalid token: API key not found"] }));
    try {
      await t.db.transaction().execute((trx) => queueMessage(trx, { eventKey: "test:badkey", to: "badkey@test.example", subject: "Key", body: "k" }));
      let at = new Date(Date.now() + 20 * 60 * 60 * 1000);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        await deliverDue(t.db, fake.notify, { origin: ORIGIN, now: () => at });
        at = new Date(at.getTime() + 3 * 60 * 60 * 1000);
      }
      const [r] = await row("badkey@test.example");
      expect(r).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
      expect(r!.last_error).toBe("GOV.UK Notify refused the API key (403: AuthError Invalid token: API key not found): check NOTIFY_API_KEY is a live or team key of this service");
      const { listOutbox } = await import("../../app/modules/notifications/admin.server");
      const { actorFor } = await import("../support/actors");
      const page = await listOutbox(t.db, await actorFor(t.db, "admin@moot.example"), { status: "failed" });
      expect(page.ok && page.value.rows.find((o) => o.recipient === "badkey@test.example")?.lastError).toContain("NOTIFY_API_KEY");
    } finally {
      fake.close();
    }
  });
});

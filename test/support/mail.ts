/**
 * A real SMTP server in the test process (smtp-server) that parses what arrives (mailparser).
 * `hold` lets a test keep a message un-acknowledged (the client waits for the "250 OK") to kill
 * a worker mid-delivery; `reject` answers a message with an SMTP error.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { smtpTransport, type Transport } from "../../app/modules/notifications/transport.server";

export interface Inbox {
  url: string;
  port: number;
  /** Messages acknowledged (250) so far, parsed. */
  received: ParsedMail[];
  /** Decide per message: accept (default), reject with an SMTP error, or hold without answering. */
  policy: (mail: ParsedMail) => "accept" | { reject: string; code?: number } | "hold";
  /** Resolves when `n` messages have been acknowledged. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const inbox: Inbox = {
    url: "",
    port: 0,
    received: [],
    policy: () => "accept",
    waitFor: (n, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (inbox.received.length >= n) return resolve(inbox.received);
        const timer = setTimeout(() => reject(new Error(`only ${inbox.received.length} of ${n} messages arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(inbox.received)) });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const decision = inbox.policy(mail);
          if (decision === "hold") return; // never answered: the client is left waiting
          if (decision !== "accept") {
            const error = Object.assign(new Error(decision.reject), { responseCode: decision.code ?? 451 });
            return callback(error);
          }
          inbox.received.push(mail);
          callback();
          for (const w of waiters.filter((w) => inbox.received.length >= w.n)) w.resolve();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  inbox.port = port;
  inbox.url = `smtp://127.0.0.1:${port}`;
  return inbox;
}

/**
 * The SMTP harness the notification tests share: an inbox started before the file's tests and a
 * real SMTP transport pointed at it, both closed afterwards. Read `inbox`/`smtp` inside tests.
 */
export function useSmtpInbox(): { readonly inbox: Inbox; readonly smtp: Transport } {
  const harness = {} as { inbox: Inbox; smtp: Transport };
  beforeAll(async () => {
    harness.inbox = await startInbox();
    harness.smtp = smtpTransport({ url: harness.inbox.url, from: "Moot <no-reply@moot.test>", timeoutMs: 2_000 });
  });
  afterAll(async () => {
    harness.smtp?.close();
    await harness.inbox?.close();
  });
  return harness;
}

/** The To: line of a parsed message, as text. */
export const recipientOf = (mail: ParsedMail) => (mail.to && "text" in mail.to ? mail.to.text : "");

/** A header's value as sent (mailparser folds List-* headers into an object). */
export const rawHeader = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim();

/**
 * Where e-mail goes, chosen by environment variables (README, "Settings"):
 * - GOV.UK Notify: NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID (a template whose subject is
 *   ((subject)) and body ((body))); NOTIFY_BASE_URL only to point at another Notify API.
 * - SMTP: SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) and MAIL_FROM.
 * - Neither (the embedded default): no transport; messages stay queued and administrators see
 *   them at /admin/outbox.
 * A send that fails throws; the worker records the reason and retries with backoff.
 */
import net from "node:net";
import nodemailer from "nodemailer";
import notify from "notifications-node-client";

export interface OutgoingMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
  /** Absolute URL for RFC 8058 one-click unsubscribe, when the message comes from a subscription. */
  unsubscribeUrl: string | null;
}

export interface Transport {
  name: "notify" | "smtp";
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

const SEND_TIMEOUT_MS = 15_000;

export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): Transport | null {
  if (env.NOTIFY_API_KEY && env.NOTIFY_TEMPLATE_ID) return notifyTransport({ apiKey: env.NOTIFY_API_KEY, templateId: env.NOTIFY_TEMPLATE_ID, baseUrl: env.NOTIFY_BASE_URL });
  if (env.SMTP_URL) return smtpTransport({ url: env.SMTP_URL, from: env.MAIL_FROM ?? "Moot <no-reply@moot.invalid>" });
  return null;
}

/** How many SMTP connections one process keeps open to the relay (and so sends on at once). */
export const SMTP_CONNECTIONS = 8;

/**
 * SMTP through a pool of kept-open connections with Nagle's algorithm off. Both matter
 * (measured, docs/decisions/0150-delivery-speed.md):
 * - nodemailer IGNORES every other option when it is given `url` (it parses the URL into the whole
 *   configuration), so `{ url, pool: true, … }` silently meant a new connection, greeting and EHLO
 *   per message (~150 ms here). The URL is parsed into options here and the pool is kept.
 * - SMTP is lock-step; the client writes a message's body and its closing "." in separate
 *   packets, Nagle holds the second until the first is ACKed, and the relay delays that ACK
 *   (40 ms on Linux). `noDelay` on the socket we open (nodemailer's `getSocket` hook) removes it.
 */
export function smtpTransport(options: { url: string; from: string; timeoutMs?: number; maxConnections?: number }): Transport {
  const timeout = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const fromUrl = smtpOptionsFromUrl(options.url);
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? SMTP_CONNECTIONS,
    maxMessages: 1000,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...fromUrl,
    getSocket: (_opts: unknown, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) => {
      const socket = net.connect({ host: fromUrl.host, port: fromUrl.port, noDelay: true });
      const failed = (error: Error) => {
        socket.destroy();
        callback(error);
      };
      socket.setTimeout(timeout, () => failed(new Error(`Could not connect to the SMTP relay within ${timeout} ms (timeout)`)));
      socket.once("error", failed);
      socket.once("connect", () => {
        socket.setTimeout(0);
        socket.off("error", failed);
        callback(null, { connection: socket }); // nodemailer upgrades it to TLS itself for smtps://
      });
    },
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    name: "smtp",
    async send(message) {
      const headers: Record<string, string> = { "X-Moot-Message": String(message.id) };
      if (message.unsubscribeUrl) {
        // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to this URL, no sign-in.
        headers["List-Unsubscribe"] = `<${message.unsubscribeUrl}>`;
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
      }
      await withTimeout(transporter.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.body, headers }), timeout, "The SMTP relay");
    },
    close: () => transporter.close(),
  };
}

/**
 * SMTP_URL as nodemailer options: smtp://user:pass@host:port (smtps:// for TLS on connect), and
 * any query parameters as further options (?ignoreTLS=true, ?maxConnections=4), numbers and
 * true/false converted, as nodemailer's own URL form allows.
 */
export function smtpOptionsFromUrl(url: string): { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } } & Record<string, unknown> {
  const u = new URL(url);
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new Error(`SMTP_URL must start smtp:// or smtps://, not ${u.protocol}`);
  const secure = u.protocol === "smtps:";
  const extra: Record<string, unknown> = {};
  for (const [key, value] of u.searchParams) extra[key] = value === "true" ? true : value === "false" ? false : value !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
  return {
    ...extra,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

export function notifyTransport(options: { apiKey: string; templateId: string; baseUrl?: string; timeoutMs?: number }): Transport {
  const client = options.baseUrl ? new notify.NotifyClient(options.baseUrl, options.apiKey) : new notify.NotifyClient(options.apiKey);
  const timeout = options.timeoutMs ?? SEND_TIMEOUT_MS;
  return {
    name: "notify",
    async send(message) {
      try {
        await withTimeout(
          client.sendEmail(options.templateId, message.to, {
            personalisation: { subject: message.subject, body: message.body },
            reference: `moot-${message.id}`,
            ...(message.unsubscribeUrl ? { oneClickUnsubscribeURL: message.unsubscribeUrl } : {}),
          }),
          timeout,
          "GOV.UK Notify",
        );
      } catch (error) {
        throw notifyError(error);
      }
    },
    close: () => undefined,
  };
}

/**
 * The provider asked us to slow down (GOV.UK Notify's 429: 3,000 messages a minute per service, or
 * the daily limit). Not the message's fault: delivery waits `retryAfterMs` and tries again without
 * counting an attempt against it (deliver.server.ts).
 */
export class RetryLater extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
    this.name = "RetryLater";
  }
}

/** How long to wait after a 429 without a Retry-After header: Notify's limit is per minute. */
export const RATE_LIMIT_WAIT_MS = 60_000;

/** Notify's own words for a refusal (e.g. "Invalid token: API key not found"), else the error; a 429 is RetryLater. */
function notifyError(error: unknown): Error {
  const e = error as { response?: { status?: number; headers?: Record<string, unknown>; data?: { errors?: { error?: string; message?: string }[] } }; message?: string };
  const status = e.response?.status;
  const first = e.response?.data?.errors?.[0];
  const words = first ? `: ${first.error ?? ""} ${first.message ?? ""}`.trimEnd() : "";
  if (status === 429) {
    const header = Number(e.response?.headers?.["retry-after"]);
    const wait = Number.isFinite(header) && header > 0 ? Math.min(header * 1000, 3_600_000) : RATE_LIMIT_WAIT_MS;
    return new RetryLater(`GOV.UK Notify is limiting the rate (429${words}); waiting ${Math.round(wait / 1000)} s, not counted as a failed attempt`, wait);
  }
  if (status === 403) return new Error(`GOV.UK Notify refused the API key (403${words}): check NOTIFY_API_KEY is a live or team key of this service`);
  if (status) return new Error(`GOV.UK Notify answered ${status}${words}`);
  return new Error(e.message ?? String(error));
}

/** A provider that does not answer in time is a failed attempt (the message is retried later). */
async function withTimeout<T>(work: Promise<T>, ms: number, who: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${who} did not answer within ${ms} ms (timeout)`)), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

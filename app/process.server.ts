/**
 * What the process entry (server.ts) takes from the app: the socket server and its effect bus,
 * the session check, the database, the background jobs and start-up steps.
 *
 * ONE module graph in production: `app/entry.server.tsx` re-exports this module, so it is part
 * of the Remix server build, and `build/server.js` (server.ts bundled) takes everything from
 * `build.entry.module.moot` and bundles nothing of app/ or realtime/ itself
 * (test/unit/one-module-graph.test.ts checks the bundle). So the socket handlers, the routes and
 * the jobs share one copy of every module with state (the publish queue, tally timers, the vote
 * batches, the identity refresher). In development server.ts takes it from Vite's SSR graph,
 * and under tests (tsx/vitest) by importing it directly.
 */
export { attachRealtime } from "../realtime/server";
export { identify } from "./modules/auth/session.server";
export { errorPage } from "./lib/error-page.server";
export { startConsultationClock } from "./modules/consultations/consultations.server";
export { startRetentionSchedule } from "./modules/consultations/retention.server";
export { startNotificationWorker } from "./modules/notifications/worker.server";
export { createDatabase } from "../db/client";
export { migrateToLatest } from "../db/migrate";
export { isEmpty, seed } from "../db/seed/index";
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/foundation";
export { guardInput, remixRequestHandler } from "./lib/input-guard.server";
export { createPageCache } from "./lib/page-cache.server";

/**
 * End-to-end tests: Debian's Chromium drives the production build (npm run build) served by
 * build/server.js with its own fresh embedded PostgreSQL loaded with the demo data.
 */
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const pgPort = Number(process.env.E2E_PG_PORT ?? 15499);

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export default defineConfig({
  testDir: "test/e2e",
  globalSetup: "./test/e2e/support/global-setup.ts",
  outputDir: "test-results/playwright-artifacts",
  fullyParallel: false,
  // Two spec files at a time (E2E_WORKERS to try more: the suite waits far more than it computes,
  // but three journeys at once on the shared seeded boards and feeds is not yet proven steady).
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "off",
  },
  webServer: {
    command: "node build/server.js",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      MOOT_PG_DIR: ".data/e2e-postgres",
      MOOT_PG_PORT: String(pgPort),
      MOOT_PG_FRESH: "1",
      MOOT_PG_UNSAFE_FAST: "1", // a throwaway database: no fsync (see README, Settings)
      LOG_LEVEL: "warn",
    },
  },
});

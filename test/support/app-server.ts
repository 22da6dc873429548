/**
 * The production build (`npm run build`) served in-process on a test database: the same Express
 * stack, input guard and Remix handler `npm start` runs. For tests of what a real HTTP request
 * gets back. Fails clearly when there is no build.
 */
import { existsSync, statSync } from "node:fs";
import { startSession } from "../../app/modules/auth/session.server";
import type { Database } from "../../db/client";
import { startMoot, type Moot, type MootOptions } from "../../server";

export async function startProductionApp(databaseUrl: string, options: Pick<MootOptions, "socketLimits"> = {}): Promise<Moot> {
  const build = "build/server/index.js";
  if (!existsSync(build)) throw new Error("No production build: run `npm run build` before these tests");
  const age = (Date.now() - statSync(build).mtimeMs) / 60_000;
  if (age > 24 * 60) console.warn(`The production build is ${Math.round(age / 60)} hours old: run \`npm run build\` if the code changed.`);
  return startMoot({ databaseUrl, port: 0, host: "127.0.0.1", remix: "production", poolMax: 6, ...options });
}

/** A session cookie ("name=value") for a seeded account. */
export async function cookieFor(db: Database, email: string): Promise<string> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return (await startSession(db, user.id, { secure: false })).split(";")[0]!;
}

export interface Sent {
  status: number;
  text: string;
  headers: Headers;
  ms: number;
}

/** One request as a browser form post would send it (same-origin), timed. */
export async function send(moot: Moot, path: string, init: { method?: string; body?: string | Uint8Array<ArrayBuffer>; type?: string | null; cookie?: string } = {}): Promise<Sent> {
  const headers: Record<string, string> = { origin: moot.url };
  if (init.type !== null && init.body !== undefined) headers["content-type"] = init.type ?? "application/x-www-form-urlencoded";
  if (init.cookie) headers.cookie = init.cookie;
  const started = performance.now();
  const response = await fetch(`${moot.url}${path}`, { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers, body: init.body, redirect: "manual" });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, ms: performance.now() - started };
}

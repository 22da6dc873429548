/**
 * Route glue in vitest: call a route's loader or action with a real Request and the same load
 * context server.ts builds (the person comes from a real session cookie through `identify`),
 * against a real test database (test/support/db.ts). For what a route answers — status codes,
 * redirects, error summaries, headers, the data a page gets — without a browser:
 *
 *   const t = useTestDatabase({ seeded: true });
 *   const answer = await callRoute(newEvidence, { db: t.db, as: "officer@moot.example", method: "POST", form: { … } });
 *   expect(answer.status).toBe(302);
 *
 * A thrown Response or `data(…, { status })` (how routes refuse) is caught and returned like a
 * returned one, so a test reads every answer the same way. Other exceptions propagate.
 */
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "../../db/client";
import { identify, startSession } from "../../app/modules/auth/session.server";
import type { Effect, EffectSink } from "../../app/lib/effects";

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export interface RouteCall {
  db: Database;
  /** Who asks: a user's email (signed in through a real session), or null/undefined for a visitor. */
  as?: string | null;
  method?: "GET" | "POST";
  /** Path and query, e.g. "/evidence/new?x=1". */
  url?: string;
  params?: Record<string, string>;
  /** Form fields for a POST (repeat a name with an array). */
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

export interface RouteAnswer<T = unknown> {
  status: number;
  headers: Headers;
  /** The loader's or action's data (a JSON body is parsed; other bodies are text). */
  data: T;
  /** The body as text (a Response's body, or the data as JSON), for "contains / does not contain" checks. */
  text: string;
  /** Whether the route threw its answer (a redirect or an error page) rather than returning it. */
  thrown: boolean;
  /** The Location of a redirect. */
  location: string | null;
}

const ORIGIN = "http://moot.test";
/** Effects routes carried out in this test file, in order (no socket server: nobody is watching). */
export const carriedOut: Effect[] = [];

const testBus: EffectSink = {
  broadcast: (effect) => void carriedOut.push(effect),
  refreshIdentity: async (userId) => void carriedOut.push({ kind: "identity", userId }),
  scheduleTally: (feedId, pollId) => void carriedOut.push({ kind: "tally", feedId, pollId }),
  nudgeDelivery: () => void carriedOut.push({ kind: "deliver" }),
  pagesChanged: () => undefined,
  reportFailure: (error) => {
    throw error;
  },
};

/** A Cookie header for a new real session of this person. */
export async function sessionCookieFor(db: Database, email: string): Promise<string> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const setCookie = await startSession(db, user.id, { secure: false });
  return setCookie.split(";")[0]!;
}

/** The load context server.ts gives loaders and actions, for this request. */
export async function loadContextFor(db: Database, request: Request): Promise<AppLoadContext> {
  const identity = await identify(db, request.headers.get("cookie"), { secure: false });
  return { db, bus: testBus, actor: identity.actor, sessionId: identity.sessionId, secure: false, clientAddress: "127.0.0.1", nonce: "test-nonce" };
}

export async function requestFor(call: RouteCall): Promise<Request> {
  const headers = new Headers(call.headers);
  if (call.as) headers.set("Cookie", await sessionCookieFor(call.db, call.as));
  let body: URLSearchParams | undefined;
  if (call.form) {
    body = new URLSearchParams();
    for (const [name, value] of Object.entries(call.form)) for (const v of [value].flat()) body.append(name, v);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(call.url ?? "/", ORIGIN), { method: call.method ?? (call.form ? "POST" : "GET"), headers, body });
}

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function answerOf(value: unknown, thrown: boolean): Promise<RouteAnswer> {
  if (value instanceof Response) {
    const text = value.body ? await value.text() : "";
    let data: unknown = text;
    if ((value.headers.get("Content-Type") ?? "").includes("json")) data = JSON.parse(text);
    return { status: value.status, headers: value.headers, data, text, thrown, location: value.headers.get("Location") };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, data: value.data, text: JSON.stringify(value.data) ?? "", thrown, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: value, text: JSON.stringify(value) ?? "", thrown, location: null };
}

/** Call `route.loader` (GET) or `route.action` (POST) as Remix would, and read its answer. */
export async function callRoute<T = unknown>(route: { loader?: unknown; action?: unknown }, call: RouteCall): Promise<RouteAnswer<T>> {
  const request = await requestFor(call);
  const handler = (request.method === "GET" ? route.loader : route.action) as Handler | undefined;
  if (!handler) throw new Error(`This route has no ${request.method === "GET" ? "loader" : "action"}`);
  const context = await loadContextFor(call.db, request);
  try {
    return (await answerOf(await handler({ request, context, params: call.params ?? {} }), false)) as RouteAnswer<T>;
  } catch (error) {
    if (error instanceof Response || isDataWithInit(error)) return (await answerOf(error, true)) as RouteAnswer<T>;
    throw error;
  }
}

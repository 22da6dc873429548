/**
 * The HTTP door for input: every request's path and query string, and every url-encoded form
 * body, is checked against input-limits.ts before Remix runs, so no route — whether it uses
 * `formInput` or reads `formData.get(...)` itself — ever sees a NUL byte, a control character,
 * ten thousand repeats of one name or an `x[10000000]` field. Checking is one linear pass over
 * at most MAX_FORM_BYTES; anything wrong is a 400 page that says what happened.
 *
 * Remix reads request bodies itself, so the body read here is handed to Remix by
 * `remixRequestHandler` (the @remix-run/express handler, with the buffered body).
 */
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response } from "express";
import { errorPage } from "./error-page.server";
import { withNonce, type CachedPage, type PageCache, type PageClaim } from "./page-cache.server";
import { BAD_CHARACTERS, BAD_FIELD_NAME, checkEntries, isStorableText, parseFieldName, type EntriesProblem } from "./input-limits";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

type WithFormBody = ExpressRequest & { formBody?: Buffer };

function refuse(res: Response, status: number, title: string, message: string): void {
  res.status(status).set("Cache-Control", "no-store").send(errorPage(title, message));
}

/** Check the decoded path segments and query string of a URL. */
export function checkUrl(url: string): EntriesProblem {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { message: "The web address is not valid. Check it and try again." };
    }
    if (!isStorableText(decoded) || /[\r\n\t]/.test(decoded)) return { message: BAD_CHARACTERS };
  }
  return q === -1 ? null : checkEntries(new URLSearchParams(url.slice(q + 1)));
}

/** Check a url-encoded form body: limits, field names, and text. */
export function checkFormBody(body: string): EntriesProblem {
  const params = new URLSearchParams(body);
  const problem = checkEntries(params);
  if (problem) return problem;
  for (const name of new Set(params.keys())) {
    if (!parseFieldName(name)) return { message: BAD_FIELD_NAME, field: name };
  }
  return null;
}

/**
 * Express middleware, mounted just before the Remix handler. `maxFormBytes` is enforced while
 * reading too (a Content-Length can lie).
 */
export function guardInput(maxFormBytes: number) {
  return (req: ExpressRequest, res: Response, next: NextFunction): void => {
    const urlProblem = checkUrl(req.originalUrl);
    if (urlProblem) return refuse(res, 400, "There is a problem with the web address", urlProblem.message);
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();

    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (!FORM_TYPES.includes(type)) {
      return refuse(res, 415, "The form could not be sent", "This service only accepts forms sent from its own pages. Go back to the page and submit the form again. Nothing was saved.");
    }
    if (type !== "application/x-www-form-urlencoded") return next(); // multipart: formInput checks it, uploads check size

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxFormBytes) {
        done = true;
        req.unpipe();
        req.resume();
        return refuse(res, 413, "What you sent is too large", `Forms can be at most ${maxFormBytes / 1024} KB. Go back, make it smaller and try again. Nothing was saved.`);
      }
      chunks.push(chunk);
    });
    req.on("error", (error) => {
      if (done) return;
      done = true;
      next(error);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks);
      const problem = checkFormBody(body.toString("utf8"));
      if (problem) return refuse(res, 400, "There is a problem with the form", problem.message);
      (req as WithFormBody).formBody = body;
      next();
    });
  };
}

/**
 * @remix-run/express's request handler (same request and response conversion), except that a
 * body `guardInput` already read is what Remix reads, and that visitors' pages go through the
 * page micro-cache (`pages`, page-cache.server.ts) when one is given.
 */
export function remixRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: Response) => Promise<AppLoadContext>;
  pages?: PageCache;
}) {
  const handleRequest = createRequestHandler(options.build, options.mode);
  const pages = options.pages;
  return async (req: ExpressRequest, res: Response, next: NextFunction) => {
    const key = pages?.keyFor(req.method, req.headers.cookie, `${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`) ?? null;
    let claim: PageClaim | null = null;
    let loadContext: AppLoadContext | undefined;
    try {
      if (key) {
        const found = pages!.lookup(key);
        const page = found && "then" in found ? await found : found;
        if (page) return sendCachedPage(res, page);
        if (req.method === "GET") claim = pages!.claim(key);
      }
      const request = toFetchRequest(req, res);
      loadContext = await options.getLoadContext(req, res);
      const writes = req.method !== "GET" && req.method !== "HEAD";
      // Whether this request's action already told every process (settle() does, once per commit).
      let told = false;
      if (writes) {
        const bus = loadContext.bus;
        loadContext = { ...loadContext, bus: Object.assign(Object.create(bus) as typeof bus, { pagesChanged: () => ((told = true), bus.pagesChanged()) }) };
      }
      const response = await handleRequest(request, loadContext);
      const visitor = !loadContext.actor.user && !loadContext.sessionId;
      if (claim && visitor && keepable(response, res)) {
        const body = await response.text();
        claim.keep({ status: response.status, headers: [...response.headers], body, nonce: loadContext.nonce });
        claim = null;
        res.status(response.status);
        for (const [name, value] of response.headers) res.append(name, value);
        res.end(body);
        return;
      }
      claim?.drop();
      claim = null;
      // A form post (or any other write) may have committed: every process forgets its cached
      // pages (this one before the answer leaves, so the page it redirects to is read afresh).
      // Not again when the action settled its command (settle() already did, after the commit),
      // and not for a refusal: a 4xx answer is a failed command, whose transaction was undone.
      if (writes && !told && response.status < 400) loadContext.bus.pagesChanged();
      // A page for a signed-in person is theirs alone: no browser or proxy may keep a copy
      // (a shared computer's back button, a cache between the council and its residents).
      await sendResponse(res, response, { noStore: !visitor });
    } catch (error) {
      claim?.drop();
      if (req.method !== "GET" && req.method !== "HEAD") loadContext?.bus.pagesChanged();
      next(error);
    }
  };
}

/** A rendered visitor's page another visitor may be given. */
function keepable(response: globalThis.Response, res: Response): boolean {
  if (response.status !== 200 || !response.body) return false;
  if (response.headers.has("Set-Cookie") || res.getHeader("Set-Cookie")) return false;
  if (!/^text\/html/i.test(response.headers.get("Content-Type") ?? "")) return false;
  return !/no-store|private|no-cache/i.test(response.headers.get("Cache-Control") ?? "");
}

function sendCachedPage(res: Response, page: CachedPage): void {
  res.status(page.status);
  for (const [name, value] of page.headers) res.append(name, value);
  res.setHeader("X-Page-Cache", "hit");
  res.end(withNonce(page, res.locals.nonce as string | undefined));
}

function toFetchRequest(req: ExpressRequest, res: Response): Request {
  const forwardedPort = Number.parseInt(req.get("X-Forwarded-Host")?.split(":")[1] ?? "", 10);
  const hostPort = Number.parseInt(req.get("host")?.split(":")[1] ?? "", 10);
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const buffered = (req as WithFormBody).formBody;
    init.body = buffered ? new Uint8Array(buffered) : createReadableStreamFromReadable(req);
    if (!buffered) init.duplex = "half";
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

async function sendResponse(res: Response, response: globalThis.Response, options: { noStore: boolean }): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (options.noStore) res.setHeader("Cache-Control", "no-store");
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

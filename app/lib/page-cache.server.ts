/**
 * Micro-cache of whole public pages (nginx's "micro-caching"): a page a visitor without a session
 * asks for is rendered once and served from memory to every other visitor for a short time
 * (MOOT_PAGE_CACHE_MS, default 1000 ms; 0 turns it off). When a consultation goes out in a press
 * release, a thousand visitors a second cost one render a second.
 *
 * Correctness (docs/decisions/0060-page-speed.md):
 * - Only GET requests with no session cookie are looked up; only 200 text/html answers with no
 *   Set-Cookie, for a visitor (no user, no session), without `no-store`/`private`, are kept.
 *   A signed-in person's request never reads or fills it.
 * - Any committed write forgets every page at once: `settle()` (socket handlers, jobs, the clock,
 *   route actions that settle) calls `bus.pagesChanged()`, and a non-GET request that reached
 *   Remix forgets too, before its answer is sent (most route actions do not call `settle()`),
 *   unless its action already settled (once per change) or it was refused (a 4xx: undone).
 *   Other processes are told through the socket adapter (`pages:changed` over PostgreSQL
 *   NOTIFY), a few milliseconds later.
 * - A page whose rendering started before a change is never kept (generations), so a render
 *   racing a write cannot put the older page back.
 * - What changes with the clock alone (a consultation opening at 9:00) is at most TTL (plus one
 *   render) late.
 * - Each answer gets its own CSP nonce: the nonce the page was rendered with is replaced by this
 *   request's nonce (the one helmet already put in the Content-Security-Policy header).
 * - Concurrent misses of one page wait for the first render instead of rendering it 50 times;
 *   once a page has only expired (no write since), the others are given the expired copy while
 *   one request renders it afresh (stale-while-updating; never more than 5 TTLs, or 5 s, past it).
 */
import { SESSION_COOKIE } from "./session-cookie";

const MAX_ENTRIES = 500;
const MAX_BODY_CHARS = 2_000_000;

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: string;
  /** The CSP nonce the body was rendered with (replaced per answer). */
  nonce: string;
  expires: number;
}

/** A render in progress that others may wait for; `keep` or `drop` it exactly once. */
export interface PageClaim {
  keep(page: Omit<CachedPage, "expires">): void;
  drop(): void;
}

export interface PageCache {
  readonly ttlMs: number;
  /** The key of a request that may be answered from the cache, or null. */
  keyFor(method: string, cookieHeader: string | undefined, url: string): string | null;
  /** A fresh page for the key, waiting for a render of it already under way; null: render it. */
  lookup(key: string): Promise<CachedPage | null> | CachedPage | null;
  /** Start rendering a page for the key (null when another render of it is under way). */
  claim(key: string): PageClaim | null;
  /** Forget every page of this process (a write committed here or in another process). */
  forget(): void;
  /** How many pages are held (tests). */
  readonly size: number;
}

export function pageCacheTtl(): number {
  const raw = process.env.MOOT_PAGE_CACHE_MS;
  const ttl = raw === undefined || raw === "" ? 1_000 : Number(raw);
  return Number.isFinite(ttl) && ttl > 0 ? ttl : 0;
}

export function createPageCache(options: { ttlMs?: number } = {}): PageCache {
  const ttlMs = options.ttlMs ?? pageCacheTtl();
  const pages = new Map<string, CachedPage>();
  const rendering = new Map<string, { done: Promise<CachedPage | null> }>();
  let generation = 0;
  const staleForMs = Math.max(5 * ttlMs, 5_000);

  return {
    ttlMs,
    keyFor(method, cookieHeader, url) {
      if (ttlMs <= 0 || (method !== "GET" && method !== "HEAD")) return null;
      if (cookieHeader?.includes(`${SESSION_COOKIE}=`)) return null;
      return url;
    },
    lookup(key) {
      const page = pages.get(key);
      const inFlight = rendering.get(key);
      if (page) {
        const now = Date.now();
        if (page.expires > now) return page;
        // Expired by the clock alone (a write would have emptied the cache): while one request
        // renders it afresh, the others get this copy (nginx's "proxy_cache_use_stale updating"),
        // so nobody waits for the render, within a bound.
        if (inFlight && now - page.expires < staleForMs) return page;
        if (!inFlight && now - page.expires < staleForMs) return null; // the caller renders it
        pages.delete(key);
      }
      return inFlight?.done ?? null;
    },
    claim(key) {
      if (rendering.has(key)) return null;
      const startedIn = generation;
      let settle!: (page: CachedPage | null) => void;
      const inFlight = { done: new Promise<CachedPage | null>((done) => (settle = done)) };
      rendering.set(key, inFlight);
      let finished = false;
      const finish = (page: CachedPage | null) => {
        if (finished) return;
        finished = true;
        if (rendering.get(key) === inFlight) rendering.delete(key);
        settle(page);
      };
      return {
        keep(rendered) {
          // Rendered from data read before a change committed: serve it to this request only.
          if (startedIn !== generation || rendered.body.length > MAX_BODY_CHARS) return finish(null);
          // Counted from when it is kept, as nginx does: a render slower than the TTL (a loaded
          // machine) would otherwise be born stale and every visitor would wait for the next one.
          const page = { ...rendered, expires: Date.now() + ttlMs };
          if (pages.size >= MAX_ENTRIES) {
            const now = Date.now();
            for (const [k, p] of pages) if (p.expires <= now) pages.delete(k);
          }
          if (pages.size < MAX_ENTRIES) pages.set(key, page);
          finish(page);
        },
        drop: () => {
          pages.delete(key); // what it became is not a page to keep: nor is what it was
          finish(null);
        },
      };
    },
    forget() {
      generation++;
      pages.clear();
      // Renders under way started before the change: whoever asks from now on renders afresh.
      rendering.clear();
    },
    get size() {
      return pages.size;
    },
  };
}

/** A cached page's body for one answer: its own nonce instead of the one it was rendered with. */
export function withNonce(page: CachedPage, nonce: string | undefined): string {
  if (!page.nonce || !nonce || page.nonce === nonce) return page.body;
  return page.body.split(page.nonce).join(nonce);
}

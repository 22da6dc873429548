/** The page micro-cache's rules without a server (app/lib/page-cache.server.ts). */
import { describe, expect, it } from "vitest";
import { createPageCache, withNonce } from "../../app/lib/page-cache.server";

const page = (body: string) => ({ status: 200, headers: [["content-type", "text/html"]] as [string, string][], body, nonce: "OLD" });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("page micro-cache", () => {
  it("only visitors' GET and HEAD requests are looked up", () => {
    const cache = createPageCache({ ttlMs: 1000 });
    expect(cache.keyFor("GET", undefined, "http://x/a")).toBe("http://x/a");
    expect(cache.keyFor("HEAD", "other=1", "http://x/a")).toBe("http://x/a");
    expect(cache.keyFor("POST", undefined, "http://x/a")).toBeNull();
    expect(cache.keyFor("GET", "a=1; moot_session=abc", "http://x/a")).toBeNull();
    expect(createPageCache({ ttlMs: 0 }).keyFor("GET", undefined, "http://x/a")).toBeNull();
  });

  it("concurrent misses wait for one render; a render that started before a write is not kept", async () => {
    const cache = createPageCache({ ttlMs: 1000 });
    const claim = cache.claim("k")!;
    expect(cache.claim("k")).toBeNull();
    const waiting = cache.lookup("k") as Promise<unknown>;
    claim.keep(page("one"));
    expect(await waiting).toMatchObject({ body: "one" });

    const stale = cache.claim("j")!;
    cache.forget();
    stale.keep(page("before the write"));
    expect(cache.lookup("j")).toBeNull();
    expect(cache.lookup("k")).toBeNull();
  });

  it("an expired page is served while one request renders it afresh, never after a write", async () => {
    const cache = createPageCache({ ttlMs: 30 });
    cache.claim("k")!.keep(page("first"));
    await sleep(40);
    expect(cache.lookup("k")).toBeNull(); // this request renders it
    const refresh = cache.claim("k")!;
    expect(cache.lookup("k")).toMatchObject({ body: "first" }); // the others get the old copy meanwhile
    refresh.keep(page("second"));
    expect(cache.lookup("k")).toMatchObject({ body: "second" });
    await sleep(40);
    cache.claim("k");
    cache.forget();
    expect(cache.lookup("k")).toBeNull();
  });

  it("each answer carries its own nonce", () => {
    expect(withNonce({ ...page('<script nonce="OLD">a</script><script nonce="OLD">'), expires: 0 }, "NEW$&")).toBe('<script nonce="NEW$&">a</script><script nonce="NEW$&">');
  });
});

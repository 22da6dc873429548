/**
 * The one place input is held to limits before any feature sees it (issue 12): form parsing is
 * linear and capped, text that PostgreSQL cannot store is refused, ids are read strictly,
 * return-to addresses stay on this site, web addresses are http(s) only, derived titles fit.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput } from "../../app/lib/forms";
import { httpUrl, MAX_IDS, rowId, rowIds } from "../../app/lib/fields";
import { pageParam } from "../../app/lib/ids";
import { checkFormBody, checkUrl } from "../../app/lib/input-guard.server";
import { checkPayload, clipText, MAX_FIELDS, MAX_REPEATS, parseFieldName } from "../../app/lib/input-limits";
import { safeReturnTo } from "../../app/modules/auth/schema";
import { createMeetingSchema } from "../../app/modules/meetings/schema";
import * as schemas from "../../app/modules/feeds/schema";

const params = (body: string) => new URLSearchParams(body);

/** What formInput throws: a 400 Response whose JSON message the error page shows. */
async function refusal(run: () => unknown): Promise<{ status: number; message: string }> {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, message: ((await thrown.json()) as { message: string }).message };
    throw thrown;
  }
  throw new Error("formInput accepted it");
}

describe("formInput: linear and capped", () => {
  it("refuses an array index like x[10000000] at once, without building the array", async () => {
    const input = params("intent=open-poll&question=q&options%5B10000000%5D=a");
    let ms = 0;
    const refused = await refusal(() => {
      const started = performance.now();
      try {
        return formInput(input);
      } finally {
        ms = performance.now() - started;
      }
    });
    expect(ms).toBeLessThan(250);
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/field this service does not recognise/);
  });

  it("refuses 65,000 repeats of one name (a 256 KB body) quickly: no quadratic concatenation", async () => {
    const body = "a=1&".repeat(65_000);
    const started = performance.now();
    const refused = await refusal(() => formInput(params(body)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ status: 400, message: expect.stringMatching(/more fields than this service accepts/) });
  });

  it("still builds repeats linearly up to the cap", () => {
    const body = Array.from({ length: MAX_REPEATS }, (_, i) => `tag=${i}`).join("&");
    const started = performance.now();
    const out = formInput(params(body));
    expect(performance.now() - started).toBeLessThan(500);
    expect((out.tag as string[]).length).toBe(MAX_REPEATS);
  });

  it("refuses more than MAX_FIELDS fields, prototype keys, deep names and NUL bytes", async () => {
    const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `f${i}=x`).join("&");
    expect((await refusal(() => formInput(params(many)))).status).toBe(400);
    for (const name of ["__proto__.polluted", "constructor.prototype.polluted", "a[0].__proto__", "a.b.c.d.e.f.g.h.i", "[0]", "a[]", "a..b"]) {
      expect((await refusal(() => formInput(params(`${encodeURIComponent(name)}=1`)))).status, name).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await refusal(() => formInput(params("title=a%00b")))).message).toMatch(/invisible control character/);
    // (A lone surrogate cannot reach formInput: FormData and UTF-8 bodies turn it into U+FFFD.)
  });

  it("keeps tabs, newlines and every printable script", () => {
    expect(formInput(params("body=line%0Aline%09tab%0D%0A%E2%80%AE%D8%B9%D8%B1%D8%A8%D9%8A+%F0%9F%98%80"))).toEqual({ body: "line\nline\ttab\r\n\u202Eعربي 😀" });
  });
});

describe("the HTTP guard's checks (before Remix)", () => {
  it("refuses NUL and control characters in a path or query string, and malformed escapes", () => {
    expect(checkUrl("/consultations?q=%00")).not.toBeNull();
    expect(checkUrl("/evidence?q=a%01b")).not.toBeNull();
    expect(checkUrl("/boards/%00")).not.toBeNull();
    expect(checkUrl("/boards/%E0%A4%A")).not.toBeNull();
    expect(checkUrl("/consultations?q=library+hours&status=open")).toBeNull();
    expect(checkUrl("/sign-in?returnTo=%2Fmeetings%2F3")).toBeNull();
  });

  it("refuses a hostile form body in one linear pass", () => {
    const started = performance.now();
    expect(checkFormBody("a=1&".repeat(65_000))).not.toBeNull();
    expect(checkFormBody("options%5B10000000%5D=a")).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(checkFormBody("email=a%40b.c&password=x&returnTo=%2F")).toBeNull();
  });
});

describe("socket payloads", () => {
  it("are refused with NUL, lone surrogates, prototype keys, or too deep", () => {
    expect(checkPayload([{ feedId: 1, body: "ok" }])).toBeNull();
    expect(checkPayload([{ feedId: 1, body: "a\u0000b" }])).not.toBeNull();
    expect(checkPayload([{ feedId: 1, body: "\uDC00" }])).not.toBeNull();
    expect(checkPayload([JSON.parse('{"__proto__": {"x": 1}, "feedId": 1}')])).not.toBeNull();
    expect(checkPayload([{ constructor: { prototype: {} } }])).not.toBeNull();
    let deep: unknown = "x";
    for (let i = 0; i < 20; i++) deep = { a: deep };
    expect(checkPayload([deep])).not.toBeNull();
    expect(checkPayload([{ options: Array.from({ length: 10_000 }, () => "a") }])).not.toBeNull();
  });
});

describe("row ids are read strictly, in forms, query strings and socket events alike", () => {
  const schema = z.object({ id: rowId("Choose one") });
  it.each([["0x3"], ["1e3"], ["[16]"], [["16"]], [true], ["true"], [99999999999], ["99999999999"], ["2147483648"], [0], ["-1"], [3.5], [""], [" "], ["1".repeat(40)]])("refuses %j", (value) => {
    expect(schema.safeParse({ id: value }).success).toBe(false);
  });
  it.each([["3", 3], [3, 3], [" 12 ", 12], ["2147483647", 2147483647]])("accepts %j", (value, expected) => {
    expect(schema.parse({ id: value })).toEqual({ id: expected });
  });
  it("caps lists of ids", () => {
    const list = rowIds();
    expect(list.parse(["1", "2"])).toEqual([1, 2]);
    expect(list.parse(undefined)).toEqual([]);
    expect(list.safeParse(Array.from({ length: MAX_IDS + 1 }, (_, i) => String(i + 1))).success).toBe(false);
  });
  it("reads a page number strictly", () => {
    expect(pageParam("3")).toBe(3);
    for (const bad of ["0x3", "1e9", "99999999999999999999", "-1", "", null]) expect(pageParam(bad)).toBe(1);
  });
});

describe("every zod array has a maximum", () => {
  it("the poll's options and votes are capped", () => {
    const options = Array.from({ length: 1000 }, (_, i) => `o${i}`);
    expect(schemas.openPollSchema.safeParse({ feedId: 1, question: "q", options, multiple: false }).success).toBe(false);
  });
});

describe("returnTo stays on this site", () => {
  it.each([
    ["/\t/evil.example/x"],
    ["/%09/evil.example/x"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\\\\evil.example"],
    ["/.//evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["/\n/evil.example"],
  ])("%j goes to the fallback, or to a path on this site", (value) => {
    const to = safeReturnTo(decodeURIComponent(value), "/fallback");
    expect(to.startsWith("/")).toBe(true);
    expect(to.startsWith("//")).toBe(false);
    expect(new URL(to, "https://moot.example").origin).toBe("https://moot.example");
    expect(to).not.toMatch(/[\t\r\n]/);
  });
  it("keeps an ordinary path with its query", () => {
    expect(safeReturnTo("/meetings/3?tab=papers#q")).toBe("/meetings/3?tab=papers#q");
    expect(safeReturnTo("/meetings/\n3")).toBe("/meetings/3");
  });
});

describe("web addresses are http(s) only", () => {
  it.each([["javascript:alert(1)"], ["JavaScript:alert(1)"], ["data:text/html,x"], ["file:///etc/passwd"], ["https://"], ["http://exa mple.com"], ["vbscript:x"]])("refuses %j", (value) => {
    expect(httpUrl().safeParse(value).success).toBe(false);
  });
  it("accepts https and http", () => {
    expect(httpUrl().parse(" https://meet.example.gov.uk/board ")).toBe("https://meet.example.gov.uk/board");
    expect(httpUrl().safeParse("http://localhost:3000/x").success).toBe(true);
  });
  it("a meeting's online link cannot be javascript:", () => {
    const result = createMeetingSchema.safeParse({ boardId: "1", title: "Board", startsAt: "2027-02-01T18:00", venue: "", onlineLink: "javascript:alert(document.cookie)" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.some((i) => i.path.includes("onlineLink"))).toBe(true);
  });
});

describe("derived text fits its column", () => {
  it("clips by characters, never splitting a surrogate pair", () => {
    expect(clipText("short", 200)).toBe("short");
    const clipped = clipText(`${"😀".repeat(150)}: ${"x".repeat(100)}`, 200);
    expect(Array.from(clipped).length).toBeLessThanOrEqual(200);
    expect(clipped.endsWith("…")).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(clipped)).toBe(false);
  });
});

describe("field names", () => {
  it("parse like Conform's paths within the limits", () => {
    expect(parseFieldName("partners[2].finances")).toEqual(["partners", 2, "finances"]);
    expect(parseFieldName("date.day")).toEqual(["date", "day"]);
    expect(parseFieldName("x[1000]")).toBeNull();
  });
});

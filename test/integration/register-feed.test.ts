/**
 * The Right to Challenge register as an Atom feed (issue 16): the public register's entries, as the
 * register page shows them — submitted expressions of interest only, never a draft, never a part a
 * group marked confidential — linked from the register page as a `<link rel="alternate">`.
 */
import { describe, expect, it } from "vitest";
import * as registerAtom from "../../app/routes/challenges.register[.]atom";
import * as registerPage from "../../app/routes/challenges.register._index";
import { useTestDatabase } from "../support/db";
import { callRoute } from "../support/routes";
import { parseAtom } from "../support/syndication";

const t = useTestDatabase({ seeded: true });

describe("the Right to Challenge register feed", () => {
  it("has one entry per submitted expression of interest with its status and decision, and none of the confidential parts", async () => {
    const answer = await callRoute(registerAtom, { db: t.db, url: "/challenges/register.atom", params: {} });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parseAtom(answer.text);
    expect(feed.title).toMatch(/Right to Challenge register$/);
    const submitted = await t.db.selectFrom("challenge_eois").select(["id", "title"]).where("status", "!=", "draft").execute();
    expect(feed.entries.map((e) => e.id).sort()).toEqual(submitted.map((e) => `tag:moot.test,2026:challenge:${e.id}`).sort());
    const rejected = feed.entries.find((e) => e.title.includes("Riverside library as a community hub"))!;
    expect(rejected.title).toMatch(/^EOI-\d+ Riverside library as a community hub: Rejected$/);
    expect(rejected.link).toMatch(/^http:\/\/moot\.test\/challenges\/register\/\d+$/);
    expect(rejected.summary).toContain("Eastmere Community Trust expressed an interest in running Community libraries (Riverside)");
    expect(rejected.summary).toContain("written negotiations");

    const drafts = await t.db.selectFrom("challenge_eois").select("title").where("status", "=", "draft").execute();
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(answer.text).not.toContain(d.title);
    // What the seeded groups wrote in their expressions of interest (the finances are marked confidential) never appears.
    for (const secret of ["Reserves of £84,000", "£84,000", "Coastal Youth CIC: turnover", "TUPE", "Fortnightly staff meetings"]) expect(answer.text).not.toContain(secret);
  });

  it("is named by the register page in its head", () => {
    const links = (registerPage.meta as unknown as () => Record<string, string>[])();
    expect(links).toContainEqual(expect.objectContaining({ tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/challenges/register.atom" }));
  });
});

/** Shared end-to-end helpers: sign in as a demo account, and check a page with axe. */
import { expect, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DEMO_PASSWORD } from "../../../db/seed/foundation";

/** axe-core's browser bundle: the copy @axe-core/playwright depends on (no second version to keep in step). */
let axeScript: string | undefined;
function axeSource(): string {
  if (!axeScript) {
    const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
    axeScript = readFileSync(fromAxePlaywright.resolve("axe-core/axe.min.js"), "utf8");
  }
  return axeScript;
}

/** Which kinds of page this run has scanned with axe (emptied by the global setup). */
const AXE_SEEN = "test-results/axe-seen";

export { DEMO_PASSWORD };

/**
 * Signed in without the form: the sign-in action is posted from the page's request context, which
 * shares the browser context's cookies, so the session cookie is set exactly as a browser would
 * get it (the form itself is tested in accounts.spec.ts with `signInWithForm`).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await page.request.post("/sign-in", { form: { email, password, returnTo: "/" }, maxRedirects: 0 });
  expect(response.status(), `signing in as ${email}`).toBeGreaterThanOrEqual(300);
  expect(response.status(), `signing in as ${email}`).toBeLessThan(400);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name === "moot_session"), `a session cookie for ${email}`).toBe(true);
}

/** Sign in as a person does: the form, then the signed-in header. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByText("You have signed out")).toBeVisible();
}

/**
 * No WCAG 2.0/2.1/2.2 A or AA violations on the page as it is now. Each kind of page is scanned
 * once per run: the key is the address with ids and query left out, plus what changes the markup
 * (whether someone is signed in, an error summary, a success banner, the number of forms). Another test reaching the same kind of
 * page skips the scan (AXE_ALL=1 scans every time). Workers share the record through files.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!process.env.AXE_ALL) {
    const state = await page.evaluate(() =>
      [
        // signed in or not, not who: the same page for two residents is the same markup (what a
        // role adds shows in the number of forms); naming the person scanned 5 of ~190 kinds twice
        document.querySelector("a[href='/account']") ? "signed in" : "visitor",
        document.querySelector(".govuk-error-summary") ? "errors" : "",
        document.querySelector(".govuk-notification-banner--success") ? "done" : "",
        document.querySelectorAll("form").length,
      ].join("|"),
    );
    const path = new URL(page.url()).pathname.replace(/\d+/g, "N");
    const key = createHash("sha1").update(`${path}|${state}`).digest("hex");
    mkdirSync(AXE_SEEN, { recursive: true });
    try {
      writeFileSync(`${AXE_SEEN}/${key}`, `${path}|${state}`, { flag: "wx" });
    } catch {
      return; // this kind of page has been scanned in this run
    }
  }
  // axe-core run in the page itself, injected once per document. AxeBuilder (legacy mode) evaluated
  // axe's 550 KB source twice per scan and sent back every passing rule's nodes: twice the time of
  // this (measured 3.0 s against 1.4 s a scan on a loaded machine; axe was half the suite's time).
  // Moot's pages have no frames; a page with one would not be fully scanned, so it fails here.
  expect(page.frames(), `axe scans one document; ${page.url()} has frames`).toHaveLength(1);
  const scanStarted = performance.now();
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(" ")) }));
    },
    ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
  );
  // How long each scan took, beside the record of what was scanned (read when tuning the suite).
  mkdirSync(AXE_SEEN, { recursive: true });
  appendFileSync(`${AXE_SEEN}/times.tsv`, `${Math.round(performance.now() - scanStarted)}\t${page.url()}\n`);
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.targets.join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** A unique email for an account an end-to-end test creates. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.example`;
}

/**
 * Fill a GOV.UK date input (the fieldset named `legend`) with a calendar day 'yyyy-MM-dd' and,
 * if given, a time ("18:30").
 */
export async function fillDate(page: Page, legend: string, isoDay: string, time?: string): Promise<void> {
  const group = page.getByRole("group", { name: legend });
  const [year, month, day] = isoDay.split("-");
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year!);
  if (time !== undefined) await group.getByLabel("Time").fill(time);
}

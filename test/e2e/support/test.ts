/**
 * The end-to-end `test`: Playwright's, plus a guard that fails a test on any error a page logs
 * (a hydration mismatch, a Content Security Policy refusal, an uncaught exception, a 5xx). Every
 * context the test opens is watched, including `browser.newContext()` for a second person.
 * Responses with a 4xx status are allowed: tests provoke them on purpose and assert the page; so is
 * the router's note that a newer navigation replaced one still loading.
 */
import { expect, test as base, type BrowserContext } from "@playwright/test";

export { expect };
export type { Browser, BrowserContext, Locator, Page } from "@playwright/test";

const EXPECTED = new RegExp(
  [
    "Failed to load resource: the server responded with a status of 4\\d\\d",
    // Remix's router logs this when a newer navigation (a quick second click or form post)
    // supersedes one still loading; the newer one completes, nothing is lost.
    "^AbortError: signal is aborted without reason",
  ].join("|"),
);

export const test = base.extend<{ consoleGuard: void }>({
  consoleGuard: [
    async ({ browser, context }, use) => {
      const problems: string[] = [];
      const watch = (ctx: BrowserContext) => {
        ctx.on("console", (message) => {
          if (message.type() !== "error" || EXPECTED.test(message.text())) return;
          problems.push(`${message.page()?.url() ?? "?"}: ${message.text().slice(0, 500)}`);
        });
        ctx.on("weberror", (error) => problems.push(`${error.page()?.url() ?? "?"}: uncaught ${error.error().message.slice(0, 500)}`));
      };
      watch(context);
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const ctx = await newContext.apply(browser, args);
        watch(ctx);
        return ctx;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(problems, "errors logged in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

/** Screenshots for review (helper 8): the resident home and a consultation page at 1280 and 375 px. Runs only with SCREENSHOTS=1. */
import { test } from "./support/test";
import { OPEN_TITLE } from "../../db/seed/consultations";
import { signIn } from "./support/helpers";

test.skip(!process.env.SCREENSHOTS, "screenshots only on request");

for (const width of [1280, 375]) {
  test(`resident pages at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, "resident@moot.example");
    await page.goto("/");
    await page.screenshot({ path: `/tmp/helper8/home-${width}.png`, fullPage: true });
    await page.getByRole("link", { name: OPEN_TITLE }).first().click();
    await page.screenshot({ path: `/tmp/helper8/consultation-${width}.png`, fullPage: true });
  });
}

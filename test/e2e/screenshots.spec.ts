/**
 * Screenshots of each role's home at desktop (1280 px) and phone (375 px) widths, saved under
 * docs/screenshots/ for review. Not run by default: `SCREENSHOTS=1 npx playwright test
 * test/e2e/screenshots.spec.ts` (after `npm run build`). Each page is also checked not to be wider
 * than the screen, which is what goes wrong first on a phone.
 */
import { expect, test } from "./support/test";
import { signIn } from "./support/helpers";

const HOMES = [
  { role: "visitor", email: null, path: "/" },
  { role: "resident", email: "resident@moot.example", path: "/" },
  { role: "community-group", email: "group@moot.example", path: "/challenges" },
  { role: "board-member", email: "member@moot.example", path: "/your-boards" },
  { role: "officer", email: "officer@moot.example", path: "/work" },
  { role: "admin", email: "admin@moot.example", path: "/admin" },
] as const;

const WIDTHS = [1280, 375] as const;

test.describe("screenshots of each role's home", () => {
  // Skipped in `npm test` and CI on purpose: this spec writes PNGs into docs/screenshots/ (a
  // working-tree change) for a person to review; it is a review aid, not a behaviour check. The
  // axe checks run in pages.spec.ts and the journey specs; the 375 px overflow check runs only
  // here, so run it with SCREENSHOTS=1 after changing a page's layout.
  test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to take the screenshots");

  for (const home of HOMES) {
    test(`${home.role}: ${home.path}`, async ({ page }) => {
      if (home.email) await signIn(page, home.email);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
        await page.goto(home.path);
        await expect(page.locator("h1").first()).toBeVisible();
        await page.screenshot({ path: `docs/screenshots/${home.role}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${home.path} at ${width} px is wider than the screen`).toBeLessThanOrEqual(0);
      }
    });
  }

  // The pages issue 15 found overflowing on a phone: the outcomes dashboard and the meeting console.
  test("the locality dashboard and the meeting console fit a phone", async ({ page }) => {
    await signIn(page, "officer@moot.example");
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/boards/northgate-locality-board");
    const meeting = await page.locator('a[href^="/meetings/"]').first().getAttribute("href");
    for (const [name, path] of [["dashboard", "/outcomes/localities/northgate"], ["console", `${meeting!.replace(/\/$/, "")}/console`]] as const) {
      await page.goto(path);
      await expect(page.locator("h1").first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/${name}-375.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at 375 px is wider than the screen`).toBeLessThanOrEqual(0);
    }
  });
});

import { test, expect } from "./support/test";
import { expectNoAxeViolations, signIn } from "./support/helpers";

test("a bad address on the follow form gets a GOV.UK error; the outbox page opens for administrators; all pass axe", async ({ page }) => {
  const response = await page.goto("/follow?kind=locality&id=1");
  expect(response?.status()).toBe(200);
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Follow" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter an email address in the correct format, like name@example.com");
  await expect(page.getByLabel("Email address")).toHaveValue("not an address");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("e2e-follower@test.example");
  await page.getByLabel("Once a day, in one e-mail").check();
  await page.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByText(/You are following/)).toBeVisible();

  await signIn(page, "admin@moot.example");
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { name: "E-mail outbox" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a resident follows a consultation from its page by visible links, sees it on /account, makes it daily and unfollows; /account passes axe", async ({ page }) => {
  await signIn(page, "resident@moot.example");
  await page.goto("/consultations");
  const first = page.locator("main h2 a[href^='/consultations/'], main h3 a[href^='/consultations/']").first();
  const title = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("link", { name: "Get e-mail updates about this consultation" }).click();
  await expect(page.getByLabel("Email address")).toHaveValue("resident@moot.example");
  await page.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByText(`You are following ${title}`)).toBeVisible();
  await page.getByRole("link", { name: "See and change everything you follow" }).click();

  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row).toContainText("Consultation");
  await expectNoAxeViolations(page);
  await row.getByLabel(`How often for ${title}`).selectOption("daily");
  await row.getByRole("button", { name: `Save how often for ${title}` }).click();
  await expect(page.getByText(`${title}: one e-mail a day`)).toBeVisible();
  await expect(page.getByLabel(`How often for ${title}`)).toHaveValue("daily");
  await page.getByRole("button", { name: `Unfollow ${title}` }).click();
  await expect(page.getByText(`You no longer follow ${title}`)).toBeVisible();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
});

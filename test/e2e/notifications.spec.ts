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

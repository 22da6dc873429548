/** Officer consultation tools: preview a question as residents see it, duplicate a consultation. */
import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn } from "./support/helpers";
import { CLOSED_TITLE } from "../../db/seed/consultations";

test("an officer previews a question and duplicates a consultation, by visible links", async ({ page }) => {
  await signIn(page, "officer@moot.example");
  await page.goto("/officer/consultations");
  await page.getByRole("link", { name: CLOSED_TITLE }).first().click();

  await page.getByRole("link", { name: "Duplicate this consultation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Duplicate this consultation");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Duplicate consultation" }).click();
  await expect(page.locator(".govuk-panel")).toContainText("Consultation duplicated");
  await expect(page.locator(".govuk-panel")).toContainText(`Copy of ${CLOSED_TITLE}`);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Manage the copy" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Copy of ${CLOSED_TITLE}`);
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(page.locator("table")).toContainText(`Duplicated from “${CLOSED_TITLE}”`);

  // The copy is a draft, so its questions can be changed and previewed.
  await page.getByRole("link", { name: "Questions for this consultation" }).click();
  await page.getByRole("link", { name: /^Change/ }).first().click();
  await page.getByRole("link", { name: "Preview the question as residents will see it" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How residents will see this question");
  const preview = page.locator(".moot-preview");
  await expect(preview).toContainText(`${CLOSED_TITLE} · page 1 of`);
  await expect(preview.locator("input, select, textarea").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Back to the question" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change a question");
});

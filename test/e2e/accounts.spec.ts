import { expect, test } from "./support/test";
import { expectNoAxeViolations, signIn, signInWithForm, signOut, uniqueEmail } from "./support/helpers";

test("register, sign out, sign in again and change home locality", async ({ page }) => {
  const email = uniqueEmail("journey");
  await page.goto("/");
  await page.getByRole("link", { name: "Create an account" }).first().click();
  await expect(page).toHaveTitle("Create an account – Moot");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill("Journey Tester");
  await page.getByLabel("The area you live in").selectOption({ label: "Eastmere" });
  await page.getByLabel("Create a password").fill("a sensible long password");
  await page.getByRole("button", { name: "Create account" }).click();

  // The same answer whether or not the email had an account: sign in now.
  await expect(page).toHaveURL(/\/sign-in\?registered=1&returnTo=/);
  await expect(page.getByText("Sign in with the email address and password you chose.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("a sensible long password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: /Journey Tester/ })).toBeVisible();
  await signOut(page);

  await signInWithForm(page, email, "a sensible long password");
  await page.goto("/account");
  await page.getByLabel("The area you live in").selectOption({ label: "Hollin Valley" });
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Your details have been saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("The area you live in")).toHaveValue(
    await page.getByLabel("The area you live in").locator("option", { hasText: "Hollin Valley" }).getAttribute("value") ?? "",
  );
});

test("registration errors use the GOV.UK error summary and keep what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByLabel("Your name").fill("Kept Name");
  await page.getByLabel("Create a password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveTitle("Error: Create an account – Moot");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter an email address in the correct format, like name@example.com" })).toHaveAttribute("href", "#email");
  await expect(summary.getByRole("link", { name: "Password must be 12 characters or more" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select the area you live in" })).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Kept Name");
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");
  await expectNoAxeViolations(page);
});

test("registering with an email that has an account looks the same from outside, and its owner is told", async ({ page, browser }) => {
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/register");
  await strangerPage.getByLabel("Email address").fill("resident@moot.example");
  await strangerPage.getByLabel("Your name").fill("Not The Owner");
  await strangerPage.getByLabel("The area you live in").selectOption({ label: "Riverside" });
  await strangerPage.getByLabel("Create a password").fill("a stranger's long password");
  await strangerPage.getByRole("button", { name: "Create account" }).click();
  await expect(strangerPage).toHaveURL(/\/sign-in\?registered=1&returnTo=/);
  await expect(strangerPage.getByText("Sign in with the email address and password you chose.")).toBeVisible();
  await stranger.close();

  await signIn(page, "resident@moot.example");
  await page.goto("/account");
  await expect(page.getByText("Someone tried to create a new account with your email address")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a common password is refused with a GOV.UK error that keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email address").fill(uniqueEmail("common"));
  await page.getByLabel("Your name").fill("Common Password");
  await page.getByLabel("The area you live in").selectOption({ label: "Riverside" });
  await page.getByLabel("Create a password").fill("passwordpassword");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveTitle("Error: Create an account – Moot");
  const message = "Choose a password that is harder to guess. This one is on a list of passwords people use most";
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: message })).toHaveAttribute("href", "#password");
  await expect(page.getByLabel("Your name")).toHaveValue("Common Password");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign in, see the account page, and sign out", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill("resident@moot.example");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveTitle("Error: Sign in – Moot");
    await expect(page.getByText("Enter a correct email address and password")).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveValue("resident@moot.example");

    await signInWithForm(page, "resident@moot.example");
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText("resident@moot.example")).toBeVisible();
    await signOut(page);
  });
});

test("an admin grants a role and the person then sees what it allows", async ({ page, browser }) => {
  const email = uniqueEmail("granted");
  const person = await browser.newContext();
  const personPage = await person.newPage();
  await personPage.goto("/register");
  await personPage.getByLabel("Email address").fill(email);
  await personPage.getByLabel("Your name").fill("Soon Admin");
  await personPage.getByLabel("The area you live in").selectOption({ label: "Riverside" });
  await personPage.getByLabel("Create a password").fill("another long password");
  await personPage.getByRole("button", { name: "Create account" }).click();
  await expect(personPage).toHaveURL(/\/sign-in\?registered=1/); // the account exists once the answer has arrived
  await signIn(personPage, email, "another long password");
  await expect(personPage.getByRole("link", { name: "Administration" })).toHaveCount(0);
  expect((await personPage.goto("/admin/roles"))?.status()).toBe(403);

  await signIn(page, "admin@moot.example");
  await page.goto("/admin/roles");
  await expectNoAxeViolations(page);
  await page.getByLabel("Their email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Administrator" });
  await page.getByLabel("Across the council").check();
  await page.getByRole("button", { name: "Give role" }).click();
  await expect(page.getByText("The role has been given")).toBeVisible();
  await expect(page.getByRole("cell", { name: new RegExp(email) })).toBeVisible();

  await personPage.goto("/");
  await personPage.getByRole("link", { name: "Administration" }).click();
  await personPage.getByRole("link", { name: "People and roles" }).click();
  await expect(personPage.getByRole("heading", { name: "People and roles" })).toBeVisible();
  await person.close();
});

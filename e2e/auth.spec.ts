import { expect, test } from "@playwright/test";
import { ACME, signIn, signInForm, type AcmeRole } from "./helpers";

/** What each Acme role may see (lib/domain/permissions.ts). */
const ROLES: { role: AcmeRole; createsSpaces: boolean; verifiesAudit: boolean; seesEmails: boolean }[] = [
  { role: "owner", createsSpaces: true, verifiesAudit: true, seesEmails: true },
  { role: "operator", createsSpaces: true, verifiesAudit: false, seesEmails: true },
  { role: "reviewer", createsSpaces: false, verifiesAudit: false, seesEmails: true },
  { role: "viewer", createsSpaces: false, verifiesAudit: false, seesEmails: false },
];

test.describe("signed in", () => {
  for (const { role, createsSpaces, verifiesAudit, seesEmails } of ROLES) {
    const person = ACME[role];

    test(`${role} sees their name and role, and only what the role allows`, async ({ page }) => {
      await signIn(page, person.email);

      // Home greets them; the account menu says who they are and their role in Acme.
      await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name.split(" ")[0]}` })).toBeVisible();
      await expect(page.getByRole("button", { name: /Tenant: Acme/ })).toBeVisible();
      await page.getByRole("button", { name: `Account menu for ${person.name}` }).click();
      const menu = page.getByRole("menu");
      await expect(menu.getByText(person.email, { exact: true })).toBeVisible();
      await expect(menu.getByText(person.roleLabel, { exact: true })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();

      await page.goto("/spaces");
      await expect(page.getByRole("heading", { level: 1, name: "Spaces" })).toBeVisible();
      await expect(page.getByRole("link", { name: "New space" })).toHaveCount(createsSpaces ? 1 : 0);

      await page.goto("/audit");
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Verify now" })).toHaveCount(verifiesAudit ? 1 : 0);

      await page.goto("/members");
      const members = page.getByRole("region", { name: "Members" });
      await expect(members.getByRole("cell", { name: /^Rita Reviewer( You)?$/ })).toBeVisible();
      await expect(members.getByRole("columnheader", { name: "Email" })).toHaveCount(seesEmails ? 1 : 0);
      if (seesEmails) {
        await expect(members.getByRole("cell", { name: "reviewer@acme.test", exact: true })).toBeVisible();
      } else {
        // A viewer (evaluator) sees names and roles, never anyone's email.
        await expect(page.getByRole("main")).not.toContainText("@");
      }
    });
  }
});

test("wrong password: cannot sign in; clear message in the form, email kept, password cleared and never echoed", async ({ page }) => {
  const wrong = `wrong-pass-${Date.now()}`;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACME.owner.email);
  await page.getByLabel("Password").fill(wrong);
  // Keep the sign-in action's answer (through the route, so its body cannot be dropped).
  let actionBody: string | undefined;
  await page.route("**/sign-in", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    actionBody = await response.text();
    await route.fulfill({ response, body: actionBody });
  });
  await page.getByRole("button", { name: "Sign in" }).click();

  const form = signInForm(page);
  await expect(form.getByRole("alert")).toHaveText("That email and password don't match an account.");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue(ACME.owner.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Password")).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  expect(actionBody).toContain("don't match an account");
  expect(actionBody).not.toContain(wrong);
  expect(await page.content()).not.toContain(wrong);

  // Still signed out.
  await page.goto("/spaces");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signed out: cannot open /spaces, is sent to sign-in", async ({ page }) => {
  await page.goto("/spaces");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Spaces" })).toHaveCount(0);
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, ACME.operator.email);
  await page.getByRole("button", { name: `Account menu for ${ACME.operator.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // The session is gone: console pages send the browser back to sign-in.
  await page.goto("/spaces");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in cannot send the browser to another site", async ({ page, baseURL }) => {
  // Never leave the machine: answer the foreign host locally.
  await page.route((url) => url.hostname === "evil.example", (route) => route.fulfill({ body: "left the console" }));
  await signIn(page, ACME.viewer.email, undefined, { to: "/\\evil.example/" });
  await expect.poll(() => new URL(page.url()).origin, { timeout: 1_000 }).toBe(new URL(baseURL!).origin);
});

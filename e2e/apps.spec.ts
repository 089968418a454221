import { expect, test } from "@playwright/test";
import { ACME, createPersona, createSpace, signIn, spacePath, uniqueName } from "./helpers";

test("operator creates an app, exposes a persona through it, renames and archives it", async ({ page }) => {
  const space = uniqueName("Apps space");
  const app = uniqueName("Widget");
  const persona = uniqueName("Exposed");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const path = await createSpace(page, space, { environments: ["sandbox", "staging"] });

  await page.getByRole("link", { name: "New app" }).click();
  await page.getByLabel("Name").fill(app);
  await page.getByLabel("Kind").selectOption({ label: "Chat" });
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  const apps = page.getByRole("region", { name: "Apps" });
  await expect(apps.getByRole("link", { name: `Edit app ${app}` })).toBeVisible();
  await expect(apps.getByText("chat", { exact: true })).toBeVisible();

  await createPersona(page, persona, { apps: [app] });
  await expect(page.getByRole("region", { name: "Overview" }).getByText(app)).toBeVisible();

  await page.goto(path);
  await page.getByRole("link", { name: `Edit app ${app}` }).click();
  await page.getByLabel("Name").fill(`${app} v2`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole("main").getByRole("row").filter({ hasText: persona })).toContainText(`${app} v2`);

  await page.getByRole("link", { name: `Edit app ${app} v2` }).click();
  await page.getByRole("button", { name: "Archive app" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive app" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole("link", { name: `Edit app ${app} v2` })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("row").filter({ hasText: persona })).toContainText("No app");
});

test("viewer cannot create or edit apps: no controls, the form URLs are 404", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  const path = await spacePath(page, "Customer Support");
  await page.goto(path);
  await expect(page.getByRole("region", { name: "Apps" }).getByText("Help Center Widget")).toBeVisible();
  await expect(page.getByRole("link", { name: "New app" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Edit app / })).toHaveCount(0);
  expect((await page.goto(`${path}/apps/new`))?.status()).toBe(404);
});

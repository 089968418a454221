import { expect, test } from "@playwright/test";
import { ACME, createSpace, signIn, spaceLink, spacePath, uniqueName } from "./helpers";

test("operator renames a space, narrows its environments, names the runtime owner and hosting; Boundaries shows it", async ({ page }) => {
  const name = uniqueName("Settings space");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const path = await createSpace(page, name, { environments: ["sandbox", "staging"] });
  const boundaries = page.getByRole("region", { name: "Boundaries" });
  await boundaries.getByRole("link", { name: "Change" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${path}/settings#runtime-owner$`));
  await page.getByLabel("Name").fill(`${name} renamed`);
  await page.getByRole("checkbox", { name: "staging", exact: true }).uncheck();
  await page.getByLabel("Runtime owner").selectOption({ label: ACME.operator.name });
  await page.getByLabel("Hosting").selectOption("customer");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole("heading", { level: 1, name: `${name} renamed` })).toBeVisible();
  const owner = boundaries.locator("div").filter({ has: page.getByText("Runtime owner", { exact: false }) }).first();
  await expect(owner.getByText(ACME.operator.name).first()).toBeVisible();
  await expect(boundaries.getByText(/hosted by the customer/)).toBeVisible();
  const envs = boundaries.locator("div").filter({ has: page.getByText("Environments it can touch") }).last();
  await expect(envs.getByText("staging", { exact: true })).toHaveCount(0);
});

test("operator archives a space with a reason; it leaves the list", async ({ page }) => {
  const name = uniqueName("Archive space");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const path = await createSpace(page, name);
  await page.goto(`${path}/settings`);
  await page.getByRole("button", { name: "Archive space" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel("Reason for archiving").fill("Pilot finished");
  await dialog.getByRole("button", { name: "Archive space" }).click();
  await expect(page).toHaveURL(/\/spaces$/);
  await expect(spaceLink(page, name)).toHaveCount(0);
});

test("viewer cannot change a space: no Settings or Change links, settings page is 404", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  const path = await spacePath(page, "Customer Support");
  await page.goto(path);
  await expect(page.getByRole("region", { name: "Boundaries" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Boundaries" }).getByRole("link")).toHaveCount(0);
  expect((await page.goto(`${path}/settings`))?.status()).toBe(404);
});

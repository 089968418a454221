import { expect, test } from "@playwright/test";
import { ACME, signIn, spaceLink, uniqueName } from "./helpers";

test("operator creates a space and finds it in the list and in search", async ({ page }) => {
  const name = uniqueName();
  const description = `Created by the spaces e2e spec (${name}).`;
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces" });
  await page.getByRole("link", { name: "New space" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New space" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill(description);
  const env = (e: string) => page.getByRole("checkbox", { name: e, exact: true });
  await expect(env("sandbox")).toBeChecked(); // the default
  await env("production").check();
  await page.getByRole("button", { name: "Create space" }).click();

  // Lands on the new space's overview.
  await expect(page).toHaveURL(/\/spaces\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(description)).toBeVisible();
  const boundaries = page.getByRole("region", { name: "Boundaries" });
  const environments = boundaries.locator("div").filter({ has: page.getByText("Environments it can touch", { exact: true }) });
  await expect(environments.getByText("sandbox", { exact: true })).toBeVisible();
  await expect(environments.getByText("production", { exact: true })).toBeVisible();
  await expect(environments.getByText("staging", { exact: true })).toHaveCount(0);
  // The creator (an operator) was granted the space.
  await expect(boundaries.getByText(ACME.operator.name)).toBeVisible();

  // Listed on /spaces …
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Spaces" }).click();
  await expect(spaceLink(page, name)).toHaveAttribute("href", path);

  // … and found by search, alone.
  await page.getByRole("searchbox", { name: "Search spaces and personas" }).fill(name);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=/);
  const results = page.getByRole("list", { name: "Spaces" });
  await expect(results.getByRole("heading", { level: 2 })).toHaveCount(1);
  await expect(spaceLink(page, name)).toHaveAttribute("href", path);
});

test("cannot create a space without a name: field error under Name, nothing created", async ({ page }) => {
  const marker = uniqueName("no-name marker");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  await page.getByLabel("Description").fill(marker);
  await page.getByRole("button", { name: "Create space" }).click();

  const nameField = page.getByLabel("Name");
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(nameField).toHaveAccessibleDescription("Give the space a name of at least 2 characters.");
  await expect(nameField).toBeFocused();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Some fields need attention.");
  await expect(page).toHaveURL(/\/spaces\/new$/);
  // What was typed is kept.
  await expect(page.getByLabel("Description")).toHaveValue(marker);

  // Nothing was created: no space carries the marker.
  await page.goto(`/spaces?q=${encodeURIComponent(marker)}`);
  await expect(page.getByRole("heading", { name: `No space matches “${marker}”` })).toBeVisible();
});

test("viewer cannot create a space: no New space link, /spaces/new is not found", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  await expect(spaceLink(page, "Customer Support")).toBeVisible();
  await expect(page.getByRole("link", { name: "New space" })).toHaveCount(0);

  await page.goto("/spaces/new");
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create space" })).toHaveCount(0);
  await expect(page.getByLabel("Name")).toHaveCount(0);
});

test("/spaces/new answers HTTP 404 to a viewer", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  const response = await page.goto("/spaces/new");
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  expect(response?.status()).toBe(404);
});

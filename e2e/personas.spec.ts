import { expect, test } from "@playwright/test";
import { ACME, GLOBEX_OWNER, createPersona, signIn, signedInPage, spacePath, uniqueName } from "./helpers";

test("operator creates a persona in a seeded space within the pilot app limit, then edits it", async ({ page }) => {
  const name = uniqueName("Persona e2e");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces" });
  const path = await spacePath(page, "Customer Support");
  await page.goto(path);

  // Cannot: two apps at Pilot (at most one) — a field error naming the stage, nothing created.
  await page.getByRole("link", { name: "New persona" }).first().click();
  await expect(page.getByText("Stage Pilot allows at most 1 app to expose a persona.")).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: /Help Center Widget/ }).check();
  await page.getByRole("checkbox", { name: /Support API/ }).check();
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page.getByText(/Stage Pilot allows at most 1 app to expose a persona \(you picked 2\)/)).toBeVisible();
  await expect(page).toHaveURL(/\/personas\/new$/);
  await expect(page.getByLabel("Name")).toHaveValue(name);

  await page.getByRole("checkbox", { name: /Support API/ }).uncheck();
  await page.getByLabel("Owner").selectOption({ label: ACME.operator.name });
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const overview = page.getByRole("region", { name: "Overview" });
  await expect(overview.getByText("Help Center Widget")).toBeVisible();
  await expect(overview.getByText(ACME.operator.name)).toBeVisible();
  await expect(overview.getByText("Pilot allows at most 1 app.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Customer Support" })).toBeVisible();

  // Edit: rename.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await page.getByLabel("Name").fill(`${name} renamed`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} renamed` })).toBeVisible();

  // Listed on the space overview, linking to its page.
  await page.goto(path);
  await expect(page.getByRole("main").getByRole("table").getByRole("link", { name: `${name} renamed` })).toBeVisible();
});

test("operator creates a persona in a new space; a viewer cannot open the new-persona form", async ({ page, browser }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  const path = await spacePath(page, "Customer Support");
  await page.goto(path);
  await expect(page.getByRole("link", { name: "New persona" })).toHaveCount(0);
  const response = await page.goto(`${path}/personas/new`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Create persona" })).toHaveCount(0);

  const operator = await signedInPage(browser, ACME.operator.email, "/spaces");
  await operator.goto(path);
  const personaPath = await createPersona(operator, uniqueName("Viewer check"));
  await operator.context().close();
  // The viewer reads the persona page, but not its edit form.
  await page.goto(personaPath);
  await expect(page.getByRole("region", { name: "Overview" })).toBeVisible();
  const edit = await page.goto(`${personaPath}/edit`);
  expect(edit?.status()).toBe(404);
});

test("a Globex user gets 404 on an Acme persona page", async ({ page, browser }) => {
  const acme = await signedInPage(browser, ACME.owner.email, "/spaces");
  await acme.goto(await spacePath(acme, "Customer Support"));
  await acme.getByRole("main").getByRole("table").getByRole("link", { name: "Ava", exact: true }).click();
  await expect(acme.getByRole("heading", { level: 1, name: "Ava" })).toBeVisible();
  const avaPath = new URL(acme.url()).pathname;
  await acme.context().close();

  await signIn(page, GLOBEX_OWNER.email, undefined, { to: "/spaces" });
  for (const p of [avaPath, `${avaPath}/edit`, `${avaPath.replace(/\/personas\/.*/, "")}/personas/new`]) {
    const response = await page.goto(p);
    expect(response?.status(), p).toBe(404);
    await expect(page.getByText("Ava", { exact: true })).toHaveCount(0);
  }
});

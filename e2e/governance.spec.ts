import { expect, test } from "@playwright/test";
import { ACME, GLOBEX_OWNER, createPersona, createSpace, signIn, signedInPage, uniqueName } from "./helpers";

/**
 * The whole flow in one go: a space with two environments, an app, a persona, a
 * connection; a capability enabled in staging with `review` on a write action, seen in the
 * Boundaries panel; a pause with a reason. Then a Globex user gets 404 on every URL touched.
 */
test("operator provisions a bounded deployment end to end; Globex gets 404 on every URL of it", async ({ page, browser }) => {
  const space = uniqueName("Governed space");
  const app = uniqueName("Help widget");
  const persona = uniqueName("Governed persona");
  const conn = uniqueName("Staging helpdesk");
  const touched: string[] = [];

  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const spacePath = await createSpace(page, space, { environments: ["sandbox", "staging"] });
  touched.push(spacePath, `${spacePath}/settings`, `${spacePath}/apps/new`, `${spacePath}/personas/new`, `${spacePath}/connections/new`);

  await page.getByRole("link", { name: "New app" }).click();
  await page.getByLabel("Name").fill(app);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page).toHaveURL(new RegExp(`${spacePath}$`));
  touched.push((await page.getByRole("link", { name: `Edit app ${app}` }).getAttribute("href"))!);

  await page.getByRole("link", { name: "New connection" }).click();
  await page.getByLabel("System type").selectOption({ label: "Ticketing" });
  await page.getByLabel("Name").fill(conn);
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Credentials").fill('{"token": "tk_not_for_the_browser"}');
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page).toHaveURL(new RegExp(`${spacePath}$`));
  touched.push((await page.getByRole("region", { name: "Connections" }).getByRole("link", { name: conn }).getAttribute("href"))!);

  const personaPath = await createPersona(page, persona, { apps: [app] });
  touched.push(personaPath, `${personaPath}/edit`, `${personaPath}/capabilities`);

  // Memory in staging, with `review` on its write action.
  await page.goto(`${personaPath}/capabilities`);
  const memory = page.getByRole("region", { name: "Memory", exact: true });
  await memory.getByRole("button", { name: "Memory in staging" }).click();
  await expect(memory.getByRole("button", { name: "Memory in staging" })).toHaveAttribute("aria-pressed", "true");
  await expect(memory.getByRole("combobox", { name: "Policy of memory.write in staging" })).toHaveValue("review");
  await memory.getByRole("combobox", { name: "Policy of memory.read in staging" }).selectOption("review");
  await expect(page.getByText("memory.read in staging: review.")).toBeVisible();

  // The Boundaries panel answers the five questions.
  await page.goto(spacePath);
  const boundaries = page.getByRole("region", { name: "Boundaries" });
  await expect(boundaries.getByText("hosted by the vendor", { exact: false })).toBeVisible();
  await expect(boundaries.getByText(ACME.operator.name)).toBeVisible();
  await expect(boundaries.getByRole("listitem").filter({ hasText: "Memory" }).getByText("staging", { exact: true })).toBeVisible();
  await expect(boundaries.getByText("0 run without review · 3 need review · 0 denied")).toBeVisible();
  expect(await page.content()).not.toContain("tk_not_for_the_browser");

  // Kill switch with a reason.
  await page.getByRole("main").getByRole("row").filter({ hasText: persona }).getByRole("button", { name: `Pause ${persona}` }).click();
  await page.getByRole("alertdialog").getByLabel("Reason for pausing").fill("End-to-end check");
  await page.getByRole("alertdialog").getByRole("button", { name: "Pause persona" }).click();
  await expect(page.getByRole("main").getByRole("row").filter({ hasText: persona }).getByText("Paused", { exact: true })).toBeVisible();

  // Globex: 404 on every URL touched.
  const globex = await signedInPage(browser, GLOBEX_OWNER.email, "/spaces");
  for (const url of touched) {
    const response = await globex.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(globex.getByText(space)).toHaveCount(0);
  }
  await globex.context().close();
});

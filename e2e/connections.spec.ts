import { expect, test } from "@playwright/test";
import { ACME, createPersona, createSpace, signIn, spacePath, uniqueName } from "./helpers";

test("operator connects a sandbox CRM (secret never sent back), enables CRM in sandbox, replaces and removes the connection", async ({ page }) => {
  const secret = `sk_e2e_${uniqueName("secret").replace(/\W/g, "")}`;
  const space = uniqueName("Conn space");
  const conn = uniqueName("Sandbox CRM");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const path = await createSpace(page, space, { environments: ["sandbox", "staging"] });

  await page.getByRole("link", { name: "New connection" }).click();
  await page.getByLabel("System type").selectOption({ label: "CRM" });
  await page.getByLabel("Name").fill(conn);
  await page.getByLabel("Environment").selectOption("sandbox");
  await page.getByLabel("Credentials").fill(JSON.stringify({ apiKey: secret }));
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  const row = page.getByRole("region", { name: "Connections" }).getByRole("row").filter({ hasText: conn });
  await expect(row.getByText(/^Set, last changed/)).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  const html = await (await page.request.get(path)).text();
  expect(html).not.toContain(secret);

  // The connected capability can now be enabled in sandbox.
  await createPersona(page, uniqueName("Crm persona"));
  await page.getByRole("navigation", { name: "Persona sections" }).getByRole("link", { name: "Capabilities" }).click();
  const crm = page.getByRole("region", { name: "CRM", exact: true });
  await crm.getByRole("button", { name: "CRM in sandbox" }).click();
  await expect(crm.getByRole("button", { name: "CRM in sandbox" })).toHaveAttribute("aria-pressed", "true");

  // Replace, then remove.
  await page.goto(path);
  await page.getByRole("region", { name: "Connections" }).getByRole("link", { name: conn }).click();
  await expect(page.getByText(/set, last changed/)).toBeVisible();
  await page.getByLabel("New credentials").fill(JSON.stringify({ apiKey: `${secret}_v2` }));
  await page.getByRole("button", { name: "Replace credentials" }).click();
  await expect(page.getByText("Credentials replaced.")).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await page.getByRole("button", { name: "Remove connection" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole("region", { name: "Connections" }).getByText(conn)).toHaveCount(0);
});

test("viewer cannot manage connections: no controls, form URL is 404", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  const path = await spacePath(page, "Customer Support");
  await page.goto(path);
  await expect(page.getByRole("region", { name: "Connections" }).getByText("Sandbox CRM")).toBeVisible();
  await expect(page.getByRole("link", { name: "New connection" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Connections" }).getByRole("link")).toHaveCount(0);
  expect((await page.goto(`${path}/connections/new`))?.status()).toBe(404);
});

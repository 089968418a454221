import { expect, test } from "@playwright/test";
import { ACME, createSpace, signIn, signedInPage, uniqueName } from "./helpers";

test("owner verifies the audit chain", async ({ page }) => {
  await signIn(page, ACME.owner.email, undefined, { to: "/audit" });
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain" })).toHaveText(/^\s*Chain intact: \d+ events verified\.\s*$/);
});

test("a space created by the operator shows up in the owner's audit log", async ({ page, browser }) => {
  const name = uniqueName();
  const operator = await signedInPage(browser, ACME.operator.email, "/spaces/new");
  await createSpace(operator, name);
  await operator.context().close();

  await signIn(page, ACME.owner.email, undefined, { to: "/audit" });
  const events = page.getByRole("region", { name: "Audit events" });
  const created = events.getByRole("row").filter({ hasText: "space.created" }).filter({ hasText: name });
  await expect(created).toHaveCount(1);
  await expect(created.getByRole("cell").nth(4)).toHaveText(`space ${name}`);
  // Audit actors are labelled by email (lib/actor.ts); the owner may see it.
  await expect(created.getByRole("cell").nth(2)).toContainText(ACME.operator.email);
  await expect(created.getByRole("cell").nth(2)).toContainText("Operator");
  // The owner also sees what changed.
  await expect(events.getByRole("columnheader", { name: "Change" })).toBeVisible();
});

test("viewer sees audit events but cannot see details nor verify the chain", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/audit" });
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events.getByRole("columnheader")).toHaveText(["#", "When", "Actor", "Verb", "Target"]);
  await expect(events.getByRole("row").nth(1)).toBeVisible(); // the first event under the header
  await expect(events.getByRole("columnheader", { name: "Change" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Verify now" })).toHaveCount(0);
});

test("viewer cannot see anyone's email address in the audit log", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/audit" });
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events.getByRole("row").nth(1)).toBeVisible();
  await expect(events).not.toContainText("@", { timeout: 1_000 });
});

test("owner filters the audit log and exports the filtered set; a viewer's export has no emails", async ({ page, browser }) => {
  await signIn(page, ACME.owner.email, undefined, { to: "/audit" });
  await page.getByLabel("Verb").selectOption("team.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/verb=team\.created/);
  const table = page.getByRole("region", { name: "Audit events" });
  await expect(table.getByRole("row")).not.toHaveCount(1);
  for (const verb of await table.getByRole("cell").filter({ hasText: /^[a-z_]+\.[a-z_]+$/ }).allTextContents()) expect(verb).toBe("team.created");

  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await page.context().request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("seq,at,actor_kind,actor,actor_role,verb,target_type,target,target_id,space_id,before,after");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes('"team.created"'))).toBe(true);

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, ACME.viewer.email, undefined, { to: "/audit" });
  const jsonlHref = await viewer.getByRole("link", { name: "Export JSON Lines" }).getAttribute("href");
  const body = await (await viewer.context().request.get(jsonlHref!)).text();
  const events = body.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events.length).toBeGreaterThan(10);
  expect(body).not.toMatch(/@acme\.test/);
  expect(events.every((e) => !("before" in e) && !("after" in e))).toBe(true);
  await viewer.context().close();
});

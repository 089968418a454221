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

test("owner exports exactly the filtered events; Verify now passes, then names the event a test tampered with", async ({ page }) => {
  // A tenant of its own: breaking its chain cannot disturb the chains other specs verify.
  const res = await page.request.post("/api/test/audit-tenant", { data: { op: "create" } });
  expect(res.ok()).toBe(true);
  const t = (await res.json()) as { tenantId: string; tenantName: string; ownerEmail: string; password: string; seqs: number[] };
  expect(t.seqs).toEqual([1, 2, 3, 4, 5]);

  await signIn(page, t.ownerEmail, t.password, { to: "/audit" });
  await expect(page.getByText("The audit chain has not been verified yet.")).toBeVisible();
  await page.getByLabel("Verb").selectOption("space.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/verb=space\.created/);
  const table = page.getByRole("region", { name: "Audit events" });
  const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(3);
  const pageSeqs = (await rows.locator("td:first-child").allTextContents()).map(Number);
  expect(pageSeqs).toEqual([5, 4, 3]);
  // The change column reads as fields, not raw JSON.
  await expect(rows.first().getByRole("list", { name: "Changes in event 5" })).toContainText(/name\s+East /);

  const jsonlHref = await page.getByRole("link", { name: "Export JSON Lines" }).getAttribute("href");
  const jsonl = (await (await page.request.get(jsonlHref!)).text()).trim().split("\n").map((l) => JSON.parse(l) as { seq: number; verb: string });
  expect(jsonl.map((e) => e.seq)).toEqual(pageSeqs);
  expect(new Set(jsonl.map((e) => e.verb))).toEqual(new Set(["space.created"]));
  const csvHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csvLines = (await (await page.request.get(csvHref!)).text()).trim().split("\n");
  expect(csvLines.slice(1).map((l) => Number(l.split(",")[0]!.replace(/"/g, "")))).toEqual(pageSeqs);

  await page.getByRole("button", { name: "Verify now" }).click();
  const status = page.getByRole("status").filter({ hasText: "Chain" });
  await expect(status).toHaveText(/^\s*Chain intact: 5 events verified\.\s*$/);

  expect((await page.request.post("/api/test/audit-tenant", { data: { op: "tamper", tenantId: t.tenantId, seq: 4 } })).ok()).toBe(true);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(status).toContainText("Chain broken at event #4 (space.created · space South");
  await expect(status).toContainText("stored columns differ from its signed payload");
  // The result is itself recorded, and the page shows it on the next visit.
  await page.goto("/audit");
  await expect(page.getByText(/Last verified .* by an owner: chain broken at event #4\./)).toBeVisible();
});

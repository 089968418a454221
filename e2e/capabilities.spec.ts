import { expect, test } from "@playwright/test";
import { ACME, createPersona, createSpace, signIn, spacePath, uniqueName } from "./helpers";

test("operator enables a capability in staging, sees it in Boundaries; a policy above the stage ceiling shows the bound", async ({ page }) => {
  const space = uniqueName("Caps space");
  const persona = uniqueName("Caps persona");
  await signIn(page, ACME.operator.email, undefined, { to: "/spaces/new" });
  const path = await createSpace(page, space, { environments: ["sandbox", "staging"] });
  await createPersona(page, persona);
  await page.getByRole("navigation", { name: "Persona sections" }).getByRole("link", { name: "Capabilities" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${persona}: capabilities` })).toBeVisible();

  const memory = page.getByRole("region", { name: "Memory", exact: true });
  const toggle = memory.getByRole("button", { name: "Memory in staging" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");

  // The bound is shown before choosing, and the server refuses a policy above it with its message.
  const write = memory.getByRole("combobox", { name: "Policy of memory.write in staging" });
  await expect(write).toHaveValue("review");
  await expect(memory.getByRole("row").filter({ hasText: "memory.write" }).getByText("at most review").first()).toBeVisible();
  await write.selectOption("allow");
  await expect(memory.getByRole("alert")).toHaveText("Stage Pilot allows at most review for low-risk write actions (memory.write is allow).");
  await expect(write).toHaveValue("review");
  // A policy inside the bound is saved.
  const read = memory.getByRole("combobox", { name: "Policy of memory.read in staging" });
  await read.selectOption("review");
  await expect(page.getByText("memory.read in staging: review.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Memory", exact: true }).getByRole("combobox", { name: "Policy of memory.read in staging" })).toHaveValue("review");

  // A connected capability needs a connection for the environment.
  const crm = page.getByRole("region", { name: "CRM", exact: true });
  await expect(crm.getByRole("button", { name: "CRM in sandbox" })).toBeDisabled();
  await expect(crm.getByText("Needs a CRM connection for sandbox.")).toBeVisible();
  await expect(crm.getByText(/Stage Pilot allows connected capabilities only in sandbox/)).toBeVisible();

  // The Boundaries panel of the space shows it.
  await page.goto(path);
  const caps = page.getByRole("region", { name: "Boundaries" }).getByRole("listitem").filter({ hasText: "Memory" });
  await expect(caps.getByText("staging", { exact: true })).toBeVisible();
});

test("a viewer sees capabilities read-only: no toggles, policies disabled", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/spaces" });
  await page.goto(await spacePath(page, "Customer Support"));
  await page.getByRole("main").getByRole("table").getByRole("link", { name: "Ava", exact: true }).click();
  await page.getByRole("navigation", { name: "Persona sections" }).getByRole("link", { name: "Capabilities" }).click();
  const memory = page.getByRole("region", { name: "Memory", exact: true });
  await expect(memory.getByRole("button")).toHaveCount(0);
  await expect(memory.getByRole("combobox").first()).toBeDisabled();
});

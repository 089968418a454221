import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACME, signIn, spacePath, uniqueName } from "./helpers";

const SPACE = "Customer Support";

async function openTokensPage(page: Page, email: string): Promise<string> {
  await signIn(page, email, undefined, { to: "/spaces" });
  const spaceUrl = await spacePath(page, SPACE);
  await page.goto(spaceUrl);
  await page.getByRole("link", { name: "Runtime tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Runtime tokens" })).toBeVisible();
  return spaceUrl.split("/").pop()!;
}

test("operator creates a token that authenticates the runtime API once shown, and revoking it gets 401 at once", async ({ page, request }) => {
  const name = uniqueName("e2e token");
  await openTokensPage(page, ACME.operator.email);
  const form = page.getByRole("form", { name: "Create runtime token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("App").selectOption({ label: "Support API" });
  await form.getByLabel("Environment").selectOption("sandbox");
  await form.getByRole("button", { name: "Create token" }).click();

  const shown = page.getByTestId("new-token");
  await expect(shown).toHaveText(/^prt_[0-9A-Za-z]{28}$/);
  const token = (await shown.textContent())!;
  await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).toContainText("Support API");
  await expect(row).toContainText("Active");

  const who = await request.get("/api/runtime/v1/whoami", { headers: { authorization: `Bearer ${token}` } });
  expect(who.status()).toBe(200);
  expect(await who.json()).toMatchObject({ space: { name: SPACE }, app: { name: "Support API" }, environment: "sandbox", token: { name } });

  // A heartbeat makes the runtime instance show up as live.
  const instanceId = uniqueName("e2e-runtime").replace(" ", "-");
  const hb = await request.post("/api/runtime/v1/heartbeat", {
    headers: { authorization: `Bearer ${token}` },
    data: { instanceId, version: "9.9.9", personas: [] },
  });
  expect(hb.status()).toBe(200);

  // Shown exactly once: gone after a reload.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const instance = page.getByRole("region", { name: "Runtime instances" }).getByRole("row").filter({ hasText: instanceId });
  await expect(instance).toContainText("9.9.9");
  await expect(instance).toContainText("Live");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  const after = await request.get("/api/runtime/v1/whoami", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toMatch(/^Bearer/);
});

test("cannot: a viewer sees no create form, and the server refuses a direct call of the action", async ({ page }) => {
  const spaceId = await openTokensPage(page, ACME.viewer.email);
  await expect(page.getByRole("form", { name: "Create runtime token" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);

  // Call the server action directly with the viewer's session, by its id from the build.
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const actionId = Object.entries(manifest.node).find(
    ([, v]) => v.exportedName === "createRuntimeToken" && v.filename?.includes("tokens/actions") === true,
  )?.[0];
  test.skip(!actionId, "server action id not found in the build manifest");
  const name = uniqueName("viewer token");
  const res = await page.request.post(`/spaces/${spaceId}/tokens`, {
    headers: { "next-action": actionId!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify([{ spaceId, appId: "00000000-0000-7000-8000-000000000000", environment: "sandbox", name }]),
  });
  const text = await res.text();
  expect(text).toContain("You do not have permission to do that.");
  expect(text).not.toContain("prt_");
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

import { expect, test, type Page } from "@playwright/test";
import { ACME, signIn, signedInPage } from "./helpers";

async function openRollout(page: Page, persona: string) {
  await page.goto("/rollouts");
  await page.getByRole("region", { name: "Personas by stage" }).getByRole("link", { name: persona, exact: true }).click();
  await expect(page.getByRole("heading", { name: `${persona} · rollout`, level: 1 })).toBeVisible();
}

test("operator requests an advance whose gate passes; an owner signs off; rollbacks preview and apply", async ({ page, browser }) => {
  test.slow(); // two people, several steps
  await signIn(page, ACME.operator.email, undefined, { to: "/rollouts" });
  await openRollout(page, "Ava");
  await expect(page.getByText("Every criterion passes: ready to advance.")).toBeVisible();
  await page.getByLabel("Why advance to Broad exposure?").fill("Six weeks clean in production.");
  await page.getByRole("button", { name: "Request Broad exposure" }).click();
  await expect(page.getByRole("heading", { name: "Advance to Broad exposure waits for sign-off" })).toBeVisible();
  // The operator cannot sign off.
  await expect(page.getByRole("button", { name: /^Sign off/ })).toHaveCount(0);

  const owner = await signedInPage(browser, ACME.owner.email, page.url().replace(/^https?:\/\/[^/]+/, ""));
  await owner.getByLabel("Sign-off note").fill("Evidence looks good.");
  await owner.getByRole("button", { name: "Sign off Broad exposure" }).click();
  await expect(owner.getByText("Signed off: now at Broad exposure.")).toBeVisible();
  await expect(owner.getByRole("heading", { name: "Gate to Deep embedding" })).toBeVisible();
  await owner.context().close();

  // Roll back twice: to bounded production (nothing to rewrite), then to pilot (production goes, one app stays).
  await page.reload();
  await page.getByRole("button", { name: "Roll back to Bounded production" }).click();
  let dialog = page.getByRole("dialog");
  await expect(dialog.getByText("No capability grant exceeds Bounded production's bounds.")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Too fast; one step back.");
  await dialog.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(page.getByText("Rolled back to Bounded production.")).toBeVisible();

  await page.getByRole("button", { name: "Roll back to Pilot" }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("region", { name: "What changes" })).toBeVisible();
  await expect(dialog.getByText(/in production: disabled/).first()).toBeVisible();
  await dialog.getByLabel("Reason").fill("Incident in production.");
  // Pilot allows one app: keeping both is refused.
  await dialog.getByRole("checkbox", { name: "Help Center Widget" }).check();
  await dialog.getByRole("checkbox", { name: "Support API" }).check();
  await dialog.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(dialog.getByText(/at most 1/).first()).toBeVisible();
  await dialog.getByRole("checkbox", { name: "Support API" }).uncheck();
  await dialog.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(page.getByText("Rolled back to Pilot.")).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "Rollback: Bounded production → Pilot" })).toBeVisible();
});

test("a failing gate lists why; the operator cannot request, an owner overrides in writing", async ({ page, browser }) => {
  test.slow();
  await signIn(page, ACME.operator.email, undefined, { to: "/rollouts" });
  await openRollout(page, "Max");
  const criteria = page.getByRole("list", { name: "Gate criteria" });
  await expect(criteria).toContainText("fails");
  await expect(criteria).toContainText("reviewed");
  await expect(page.getByRole("button", { name: /^Request / })).toHaveCount(0);

  const owner = await signedInPage(browser, ACME.owner.email, page.url().replace(/^https?:\/\/[^/]+/, ""));
  await owner.getByLabel("Why advance to Bounded production?").fill("Customer pilot deadline.");
  await owner.getByLabel("Override justification (the gate fails)").fill("Reviewed every action myself; risk accepted.");
  await owner.getByRole("button", { name: "Override and request Bounded production" }).click();
  await expect(owner.getByRole("heading", { name: "Advance to Bounded production waits for sign-off" })).toBeVisible();
  await expect(owner.getByRole("list").filter({ hasText: "Advance: Pilot → Bounded production" }).getByText("override")).toBeVisible();
  await owner.context().close();
});

test("a viewer sees the rollout but cannot change it", async ({ page }) => {
  await signIn(page, ACME.viewer.email, undefined, { to: "/rollouts" });
  await openRollout(page, "Nova");
  await expect(page.getByRole("region", { name: "Stage bounds" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Roll back|Request|Sign off/ })).toHaveCount(0);
});

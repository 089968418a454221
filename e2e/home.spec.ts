import { expect, test } from "@playwright/test";
import { ACME, signIn, signedInPage } from "./helpers";

interface AttentionFixture {
  spaceId: string;
  action: { id: string; actionKey: string; personaName: string };
  paused: { id: string; name: string };
}

test("home lists a review about to expire and a paused persona, and their links lead to where they are handled", async ({ page, request }) => {
  const fx = (await (await request.post("/api/test/attention", { data: { expiresInSeconds: 1200 } })).json()) as AttentionFixture;
  await signIn(page, ACME.owner.email);
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome, / })).toBeVisible();

  const expiring = page.getByRole("list", { name: "Reviews about to expire" });
  const actionLinkName = `${fx.action.actionKey} proposed by ${fx.action.personaName}`;
  const actionLink = expiring.getByRole("link", { name: actionLinkName });
  await expect(actionLink).toBeVisible();
  await expect(expiring.getByRole("listitem").filter({ has: page.getByRole("link", { name: actionLinkName }) })).toContainText(/expires\s*in (1\d|20|\d) min/);
  await actionLink.click();
  await expect(page).toHaveURL(`/reviews/${fx.action.id}`);
  await expect(page.getByRole("heading", { level: 1, name: fx.action.actionKey })).toBeVisible();

  await page.goto("/");
  const paused = page.getByRole("list", { name: "Paused personas" });
  const pausedLink = paused.getByRole("link", { name: fx.paused.name, exact: true });
  await expect(paused.getByRole("listitem").filter({ has: page.getByRole("link", { name: fx.paused.name, exact: true }) })).toContainText("Paused by the home-page test");
  await pausedLink.click();
  await expect(page).toHaveURL(`/spaces/${fx.spaceId}/personas/${fx.paused.id}`);
  await expect(page.getByRole("heading", { level: 1, name: fx.paused.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Paused: open incident" })).toBeVisible();
});

test("each role sees what it handles: reviewers the expiring review, viewers the pause without reasons or emails", async ({ browser, request }) => {
  const fx = (await (await request.post("/api/test/attention")).json()) as AttentionFixture;
  const reviewer = await signedInPage(browser, ACME.reviewer.email);
  await expect(reviewer.getByRole("list", { name: "Reviews about to expire" }).getByRole("link", { name: `${fx.action.actionKey} proposed by ${fx.action.personaName}` })).toBeVisible();
  await expect(reviewer.getByRole("list", { name: "Paused personas" }).getByRole("link", { name: fx.paused.name, exact: true })).toBeVisible();
  // Reviewers neither request advances nor manage tokens.
  await expect(reviewer.getByRole("region", { name: "Rollout gates" })).toHaveCount(0);
  await expect(reviewer.getByRole("region", { name: "Runtime tokens" })).toHaveCount(0);
  await reviewer.context().close();

  const viewer = await signedInPage(browser, ACME.viewer.email);
  const paused = viewer.getByRole("list", { name: "Paused personas" });
  await expect(paused.getByRole("link", { name: fx.paused.name, exact: true })).toBeVisible();
  await expect(paused).not.toContainText("Paused by the home-page test");
  await expect(viewer.getByRole("region", { name: "Reviews" })).toHaveCount(0);
  await expect(viewer.getByRole("list", { name: "Reviews about to expire" })).toHaveCount(0);
  expect(await viewer.locator("main").innerText()).not.toMatch(/@[a-z0-9-]+\.test/i);
  await viewer.context().close();
});

test("a tenant with nothing to do sees All clear and what was checked; Globex sees only its own review", async ({ page, browser, request }) => {
  const quiet = (await (await request.post("/api/test/attention", { data: { quietTenant: true } })).json()) as { email: string; tenantName: string };
  await signIn(page, quiet.email);
  await expect(page.getByRole("heading", { level: 2, name: "All clear" })).toBeVisible();
  const main = page.locator("main");
  await expect(main).toContainText("Nothing needs your attention right now.");
  const checked = page.getByRole("list", { name: "What was checked" }).getByRole("listitem");
  await expect(checked).toHaveText([
    "Actions waiting for your review, and reviews about to expire",
    "Paused personas and open incidents",
    "Rollout gates ready to advance, waiting for sign-off or newly failing",
    "Runtimes that stopped reporting for a day",
    "Runtime tokens expiring within 7 days or unused for 30 days",
  ]);
  await expect(page.getByRole("region", { name: "Reviews" })).toHaveCount(0);

  // Globex (seeded with one pending review) never sees Acme's items.
  const globex = await signedInPage(browser, "owner@globex.test");
  await expect(globex.getByRole("link", { name: /^\d+ actions? (is|are) waiting for review$/ })).toBeVisible();
  await expect(globex.locator("main")).not.toContainText(/Ava|Nova|Customer Support|E2E attention|Halted/);
  await globex.context().close();
});

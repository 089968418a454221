import { expect, test, type Page } from "@playwright/test";
import { ACME, signIn, signedInPage } from "./helpers";

const queue = (page: Page) => page.getByRole("region", { name: "Pending actions" });
const queueLink = (page: Page, actionKey: string) => queue(page).getByRole("link", { name: actionKey, exact: true });
/** The seeded persona Max's actions: other specs propose the same action types from their own personas. */
const maxLink = (page: Page, actionKey: string) =>
  queue(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "Max", exact: true }) })
    .getByRole("link", { name: actionKey, exact: true });

test("a reviewer approves a pending action; it leaves the queue", async ({ page }) => {
  await signIn(page, ACME.reviewer.email, undefined, { to: "/reviews" });
  await queueLink(page, "crm.update_contact").click();
  await expect(page.getByRole("heading", { name: "crm.update_contact", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved. The runtime may go ahead.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await page.goto("/reviews");
  await expect(queue(page)).toBeVisible();
  await expect(queueLink(page, "crm.update_contact")).toHaveCount(0);
});

test("high risk needs two different reviewers; the same one cannot approve twice", async ({ page, browser }) => {
  test.slow(); // two people, two browsers
  await signIn(page, ACME.reviewer.email, undefined, { to: "/reviews" });
  await queueLink(page, "crm.delete_contact").click();
  await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  const url = page.url();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Your approval is recorded\. 1 more approval/)).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/You already reviewed this action/)).toBeVisible();

  const second = await signedInPage(browser, "reviewer2@acme.test", new URL(url).pathname);
  await second.getByRole("button", { name: "Approve" }).click();
  await expect(second.getByText("Approved. The runtime may go ahead.")).toBeVisible();
  await second.context().close();
});

test("a reviewer cannot approve an action proposed on their own behalf", async ({ page }) => {
  await signIn(page, ACME.reviewer.email, undefined, { to: "/reviews" });
  await queueLink(page, "messaging.send_message").click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/cannot approve an action proposed on your own behalf/)).toBeVisible();
  await expect(page.getByText("Pending", { exact: true }).first()).toBeVisible();
});

test("viewers and operators cannot decide", async ({ browser }) => {
  test.slow(); // two people, two browsers
  for (const who of [ACME.viewer, ACME.operator]) {
    const page = await signedInPage(browser, who.email, "/reviews");
    await queueLink(page, "email.send").click();
    await expect(page.getByRole("heading", { name: "email.send", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);
    await page.context().close();
  }
});

test("the queue updates live: an action rejected elsewhere leaves it without a reload", async ({ page, browser }) => {
  test.slow(); // two people, two browsers
  await signIn(page, ACME.owner.email, undefined, { to: "/reviews" });
  await expect(maxLink(page, "planning.create_plan")).toBeVisible();

  const other = await signedInPage(browser, "reviewer2@acme.test", "/reviews");
  await maxLink(other, "planning.create_plan").click();
  await other.getByRole("button", { name: "Reject" }).click();
  const dialog = other.getByRole("alertdialog");
  await dialog.getByLabel("Comment for the runtime").fill("Merge them by hand instead.");
  await dialog.getByRole("button", { name: "Reject action" }).click();
  await expect(other.getByText("Rejected. The runtime receives your comment.")).toBeVisible();
  await other.context().close();

  // No navigation on the first page: the live queue drops it by itself.
  await expect(maxLink(page, "planning.create_plan")).toHaveCount(0, { timeout: 8_000 });
});

test("filters live in the URL; low-risk actions can be approved together", async ({ page }) => {
  await signIn(page, ACME.reviewer.email, undefined, { to: "/reviews" });
  await page.getByLabel("Risk").selectOption("low");
  await expect(page).toHaveURL(/[?&]risk=low/);
  await expect(queue(page).getByRole("row")).not.toHaveCount(1);
  for (const badge of await queue(page).getByText(/ risk$/).allTextContents()) expect(badge).toBe("Low risk");

  const boxes = queue(page).getByRole("checkbox", { name: /^Select memory\.write by Max/ });
  await expect(boxes).toHaveCount(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(maxLink(page, "memory.write")).toHaveCount(2);
  await page.getByRole("button", { name: "Approve 2 selected low-risk" }).click();
  await expect(page.getByText("2 approvals recorded.")).toBeVisible();
  await expect(maxLink(page, "memory.write")).toHaveCount(0);
});

test("every filter reaches the server: the API applies it and counts the filtered set; a bad value is a 400", async ({ page }) => {
  await signIn(page, ACME.operator.email, undefined, { to: "/reviews?age=1h" });
  await expect(queue(page).or(page.getByText("Nothing to review"))).toBeVisible();
  // The browser asks the server for the filtered queue (it filters nothing itself).
  const asked = page.waitForRequest((r) => {
    const u = new URL(r.url());
    return u.pathname === "/api/reviews/queue" && u.searchParams.get("risk") === "high" && u.searchParams.get("age") === "1h";
  });
  await page.getByLabel("Risk").selectOption("high");
  await asked;
  await expect(page).toHaveURL(/[?&]age=1h/);

  const high = await page.request.get("/api/reviews/queue?risk=medium");
  expect(high.status()).toBe(200);
  const body = (await high.json()) as { items: { risk: string; environment: string }[]; total: number; facets?: unknown };
  expect(body.items.length).toBeGreaterThan(0);
  expect(body.items.every((i) => i.risk === "medium")).toBe(true);
  expect(body.total).toBe(body.items.length);
  expect(body.facets).toBeUndefined();
  const none = (await (await page.request.get("/api/reviews/queue?risk=high&environment=production&age=24h&facets=1")).json()) as { items: unknown[]; total: number; facets: { environments: string[] } };
  expect(none.total).toBe(none.items.length);
  expect(none.facets.environments.length).toBeGreaterThan(0);

  const bad = await page.request.get("/api/reviews/queue?risk=urgent");
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  expect(((await bad.json()) as { detail: string }).detail).toContain("risk");
});

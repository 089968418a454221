import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { RuntimeClient } from "../lib/runtime-client";
import { verifySignature } from "../lib/notifications/signature";
import { ACME, signIn } from "./helpers";

type Fixture = { spaceId: string; spaceName: string; personaId: string; personaName: string; token: string };

/** The bell's unread count, read from its accessible name ("Notifications (3 unread)"). */
async function unreadCount(page: Page): Promise<number> {
  const name = (await page.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label")) ?? "";
  const m = /\((\d+)\+? unread\)/.exec(name);
  return m ? Number(m[1]) : 0;
}

test("a reviewer sees the bell rise for a proposal needing review, follows it to the action, and it is read", async ({ page, request, baseURL }) => {
  test.slow();
  const fx = (await (await request.post("/api/test/fixtures")).json()) as Fixture;
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });

  await signIn(page, ACME.reviewer.email, undefined, { to: "/notifications" });
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const before = await unreadCount(page);

  const { action } = await client.proposeAction({
    persona: fx.personaId,
    action: "planning.create_plan",
    input: { goal: "Plan the renewal call" },
    reason: "The customer asked",
  });
  expect(action.status).toBe("pending");

  // The bell picks it up by itself (it polls, and asks again on focus): no reload.
  await expect.poll(() => unreadCount(page), { timeout: 25_000 }).toBeGreaterThan(before);

  await page.getByRole("button", { name: /^Notifications \(\d+\+? unread\)/ }).click();
  const popover = page.getByRole("dialog", { name: "Notifications" });
  const item = popover.getByRole("link", { name: new RegExp(`${fx.personaName} proposes planning\\.create_plan`) });
  await expect(item).toBeVisible();
  await expect(item).toContainText("(unread)");
  await expect(popover).toContainText(fx.spaceName);
  // Never the action's input.
  await expect(popover).not.toContainText("Plan the renewal call");

  await item.click();
  await expect(page).toHaveURL(new RegExp(`/reviews/${action.id}$`));
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();

  // Following it marked it read, for this person.
  await page.goto("/notifications");
  const entry = page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: `${fx.personaName} proposes planning.create_plan` });
  await expect(entry).toContainText("Read");
  await expect(entry.getByRole("button", { name: /^Mark read/ })).toHaveCount(0);

  // A second proposal: marked read from the list with its button, then "Mark all read" empties the unread tab.
  await client.proposeAction({ persona: fx.personaId, action: "memory.write", input: { key: "k", value: 1 } });
  await page.reload();
  const second = page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: `${fx.personaName} proposes memory.write` });
  await expect(second).toContainText("Unread");
  await second.getByRole("button", { name: /^Mark read/ }).click();
  await expect(second).toContainText("Read");
  await expect(second.getByRole("button", { name: /^Mark read/ })).toHaveCount(0);

  // "Mark all read" reads everything that was unread.
  await client.proposeAction({ persona: fx.personaId, action: "planning.create_plan", input: { goal: "third" } });
  await page.reload();
  const third = page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: `${fx.personaName} proposes planning.create_plan` }).first();
  await expect(third).toContainText("Unread");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(third).toContainText("Read");
  await expect(page.getByRole("list", { name: "Notifications" }).getByRole("button", { name: /^Mark read/ })).toHaveCount(0);
});

test("a viewer is not told about reviews; an operator cannot open the webhook page", async ({ page, request, baseURL }) => {
  const fx = (await (await request.post("/api/test/fixtures")).json()) as Fixture;
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });
  await client.proposeAction({ persona: fx.personaId, action: "planning.create_plan", input: { goal: "x" } });
  await signIn(page, ACME.viewer.email, undefined, { to: "/notifications" });
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText(`${fx.personaName} proposes`)).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, ACME.operator.email, undefined, { to: `/spaces/${fx.spaceId}/webhook` });
  await expect(page.getByRole("heading", { name: "Webhook" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Space not found" })).toBeVisible();
});

test("an owner configures a webhook: the secret is shown once, a notification arrives signed, the delivery is listed", async ({ page, request, baseURL }) => {
  test.slow();
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/persona`;
  try {
    const fx = (await (await request.post("/api/test/fixtures")).json()) as Fixture;
    await signIn(page, ACME.owner.email, undefined, { to: `/spaces/${fx.spaceId}/settings` });
    await page.getByRole("link", { name: "Webhook" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhook" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No deliveries yet" })).toBeVisible();

    // Bad input: a field error, nothing saved, what was typed kept.
    await page.getByLabel("Payload URL").fill("ftp://example.com/hook");
    await page.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.getByText("Enter a full http:// or https:// URL.")).toBeVisible();
    await expect(page.getByLabel("Payload URL")).toHaveValue("ftp://example.com/hook");

    await page.getByLabel("Payload URL").fill(url);
    await expect(page.getByLabel(/Deliver notifications/)).toBeChecked();
    await page.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    // Shown once: not on the page after a reload.
    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);
    await expect(page.getByLabel("Payload URL")).toHaveValue(url);

    // A notification of this space is delivered, signed with that secret.
    const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });
    const { action } = await client.proposeAction({ persona: fx.personaId, action: "planning.create_plan", input: { goal: "y" } });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const got = received[0]!;
    expect(got.headers["persona-event"]).toBe("review.waiting");
    expect(verifySignature(secret, got.body, got.headers["persona-signature"] as string)).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ type: "review.waiting", space: { id: fx.spaceId }, link: `/reviews/${action.id}` });

    await page.reload();
    const row = page.getByRole("region", { name: "Webhook deliveries" }).getByRole("row").filter({ hasText: "review.waiting" });
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText("204");
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

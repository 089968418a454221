import { expect, test } from "@playwright/test";
import { RuntimeClient } from "../lib/runtime-client";
import { ACME, signIn, signedInPage } from "./helpers";

type Fixture = { spaceId: string; spaceName: string; personaId: string; personaName: string; token: string };

test("earned autonomy: the persona page suggests allow with its evidence; an operator applies it and the gateway auto-allows", async ({ page, request, baseURL }) => {
  test.slow();
  const fx = (await (await request.post("/api/test/review-history", { data: { approvals: 24 } })).json()) as Fixture;
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });
  // (No pending create_plan is proposed here: reviews.spec.ts expects the seeded one to be the only one in the queue.)
  await signIn(page, ACME.operator.email, undefined, { to: `/spaces/${fx.spaceId}/personas/${fx.personaId}/capabilities` });
  await expect(page.getByLabel("Policy of planning.create_plan in sandbox")).toHaveValue("review");
  await page.goto(`/spaces/${fx.spaceId}/personas/${fx.personaId}`);
  const panel = page.getByRole("region", { name: "Suggestions" });
  const suggestion = panel.getByRole("listitem", { name: "planning.create_plan in sandbox" });
  await expect(suggestion).toContainText("24 approvals, 0 rejections in 30 days");
  await expect(suggestion.getByLabel("from review to allow")).toBeVisible();

  await suggestion.getByRole("button", { name: "Apply: allow planning.create_plan in sandbox" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("24 approvals, 0 rejections in 30 days");
  await dialog.getByRole("button", { name: "Allow without review" }).click();
  await expect(page.getByText("planning.create_plan in sandbox is now allow.")).toBeVisible();
  await expect(suggestion).toHaveCount(0);
  await expect(panel).toContainText("No suggestion right now.");

  // The policy reads allow on the persona's capabilities …
  await page.goto(`/spaces/${fx.spaceId}/personas/${fx.personaId}/capabilities`);
  await expect(page.getByLabel("Policy of planning.create_plan in sandbox")).toHaveValue("allow");
  // … and the runtime API now allows the action at once.
  const after = await client.proposeAction({ persona: fx.personaId, action: "planning.create_plan", input: { goal: "After the change" } });
  expect(after.action).toMatchObject({ status: "approved", reasonCode: "policy_allow", decidedBy: "policy" });

  // The change is audited with the evidence.
  await page.goto(`/audit?verb=capability.policy_changed&spaceId=${fx.spaceId}`);
  await expect(page.getByRole("row").filter({ hasText: fx.personaName }).first()).toBeVisible();
});

test("earned autonomy: a suggestion above the stage ceiling is shown blocked, with why, and cannot be applied", async ({ page, request }) => {
  const fx = (await (await request.post("/api/test/review-history", { data: { approvals: 21, stage: "pilot" } })).json()) as Fixture;
  await signIn(page, ACME.operator.email, undefined, { to: `/spaces/${fx.spaceId}/personas/${fx.personaId}` });
  const suggestion = page.getByRole("region", { name: "Suggestions" }).getByRole("listitem", { name: "planning.create_plan in sandbox" });
  await expect(suggestion).toContainText("21 approvals, 0 rejections in 30 days");
  await expect(suggestion).toContainText("Blocked by the stage: Stage Pilot allows at most review for low-risk write actions");
  await expect(suggestion.getByRole("button", { name: /Apply/ })).toHaveCount(0);
});

test("earned autonomy: a reviewer sees the suggestion and its evidence but cannot apply it", async ({ browser, request }) => {
  const fx = (await (await request.post("/api/test/review-history", { data: { approvals: 20 } })).json()) as Fixture;
  const page = await signedInPage(browser, ACME.reviewer.email, `/spaces/${fx.spaceId}/personas/${fx.personaId}`);
  const suggestion = page.getByRole("region", { name: "Suggestions" }).getByRole("listitem", { name: "planning.create_plan in sandbox" });
  await expect(suggestion).toContainText("20 approvals, 0 rejections in 30 days");
  await expect(suggestion.getByRole("button", { name: /Apply/ })).toHaveCount(0);
  await page.context().close();
});

test("space settings: owners see the autonomy defaults and change them; bad values are field errors", async ({ page, request }) => {
  const fx = (await (await request.post("/api/test/review-history", { data: { approvals: 5 } })).json()) as Fixture;
  await signIn(page, ACME.owner.email, undefined, { to: `/spaces/${fx.spaceId}/settings` });
  const form = page.getByRole("form", { name: "Earned autonomy" });
  const approvals = form.getByLabel("Approvals before suggesting allow");
  await expect(approvals).toHaveValue("20");
  await expect(form.getByLabel("Window (days)")).toHaveValue("30");
  await approvals.fill("0");
  await form.getByRole("button", { name: "Save autonomy settings" }).click();
  await expect(form.getByText("Approvals must be at least 1.")).toBeVisible();
  await expect(approvals).toHaveValue("0");
  await approvals.fill("5");
  await form.getByRole("button", { name: "Save autonomy settings" }).click();
  await expect(page.getByText("Autonomy settings saved.")).toBeVisible();
  // Five approvals now earn the suggestion.
  await page.goto(`/spaces/${fx.spaceId}/personas/${fx.personaId}`);
  await expect(page.getByRole("region", { name: "Suggestions" }).getByRole("listitem", { name: "planning.create_plan in sandbox" })).toContainText(
    "5 approvals, 0 rejections in 30 days",
  );
});

test("per-space review queue: reached from the space page with its pending count, scoped to the space, live; the nav badge counts", async ({ page, request, baseURL }) => {
  test.slow();
  // Scheduling actions only: other specs look for the seeded planning/memory/crm/email actions in the shared queue.
  const fx = (await (await request.post("/api/test/review-history", { data: { approvals: 0 } })).json()) as Fixture;
  const client = new RuntimeClient({ baseUrl: baseURL!, token: fx.token });
  const runAt = new Date(Date.now() + 86_400_000).toISOString();
  const proposed = [
    await client.proposeAction({ persona: fx.personaId, action: "scheduling.schedule_task", input: { title: "One", runAt } }),
    await client.proposeAction({ persona: fx.personaId, action: "scheduling.cancel_task", input: { taskId: "t-1" } }),
  ];
  expect(proposed.map((p) => p.action.status)).toEqual(["pending", "pending"]);

  await signIn(page, ACME.reviewer.email, undefined, { to: `/spaces/${fx.spaceId}` });
  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Reviews\s*,\s*\d+ pending$/ });
  await expect(nav).toBeVisible();
  const navCount = Number(/(\d+)/.exec((await nav.textContent()) ?? "")?.[1]);
  expect(navCount).toBeGreaterThanOrEqual(2);

  await page.getByRole("link", { name: /^Reviews\s*2 pending$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/spaces/${fx.spaceId}/reviews$`));
  await expect(page.getByRole("heading", { name: `Reviews in ${fx.spaceName}` })).toBeVisible();
  const table = page.getByRole("region", { name: "Pending actions" });
  await expect(table.getByRole("row")).toHaveCount(3); // header + 2, only this space's
  await expect(page.getByLabel("Space", { exact: true })).toHaveCount(0);

  // A third proposal appears without a reload.
  const third = await client.proposeAction({ persona: fx.personaId, action: "scheduling.schedule_task", input: { title: "Three", runAt } });
  await expect(table.getByRole("row")).toHaveCount(4, { timeout: 10_000 });

  // Approve the low-risk one from here; the queue and the space page count follow.
  await page.getByRole("checkbox", { name: `Select scheduling.cancel_task by ${fx.personaName}` }).check();
  await page.getByRole("button", { name: /Approve 1 selected low-risk/ }).click();
  await expect(page.getByText("1 approval recorded.")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.goto(`/spaces/${fx.spaceId}`);
  await expect(page.getByRole("link", { name: /^Reviews\s*2 pending$/ })).toBeVisible();
  // Leave nothing pending behind in the shared tenant.
  for (const a of [proposed[0]!, third]) await client.cancelAction(a.action.id);
  await page.reload();
  await expect(page.getByRole("link", { name: /^Reviews\s*0 pending$/ })).toBeVisible();
});
